import io
import os
from importlib import import_module

import pytest
from django.core.cache import cache
from django.db import transaction

from home.management.commands.seed_demo import SEEDERS

# The privacy-policy conformance report and its ratchet (--policy-report, --policy-ratchet).
pytest_plugins = ["tests.policy_plugin"]

# Playwright's sync API keeps an event loop in the worker process that also runs database
# tests (pytest-xdist); Django would take every later query for an async-context call.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header(config):
    database = os.environ.get("DATABASE_URL", "sqlite (in memory)")
    return [
        f"database: {database.split('@')[-1]}",
        f"redis: {'yes' if os.environ.get('REDIS_URL') else 'no (tests that need it skip)'}",
    ]


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in French, whatever language the previous one in the worker left."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# The migrated database of this worker, copied before the demo is seeded (see _demo_snapshot).
_SNAPSHOTS: dict[str, object] = {}


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    """The demo site seeded once per worker and kept as a copy (see tests/snapshot.py)."""
    from django.core.management import call_command

    from tests.snapshot import DatabaseSnapshot

    with django_db_blocker.unblock():
        migrated = DatabaseSnapshot.take()
        _SNAPSHOTS["migrated"] = migrated
        call_command("seed_demo", stdout=io.StringIO())  # commits, as `make run` does
        demo = DatabaseSnapshot.take()
        with transaction.atomic():
            migrated.restore()
    cache.clear()
    return demo


@pytest.fixture
def demo_site(db, _demo_snapshot):
    """The demo content of `make run`: home pages in French and English, legal pages, cookie
    registry, accounts and showcases, put back from the worker's copy inside this test's
    transaction."""
    _demo_snapshot.restore()
    cache.clear()


def seed_demo_in_test(capture_on_commit_callbacks) -> None:
    """What `manage.py seed_demo` does, inside the test transaction (for a test that changes
    how much is seeded).

    wagtail-localize publishes translations on commit, which a test transaction never
    reaches: the callbacks of each seeder run when it ends, as they would when its own
    transaction commits in `seed_demo` (run all at the end, a stale page saved by a late
    callback would undo the tree changes of the next seeders).
    """
    for module in SEEDERS:
        with capture_on_commit_callbacks(execute=True):
            import_module(module).seed(io.StringIO())
    cache.clear()  # nothing cached half-way through seeding survives


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by flushing every table, the rows of the data migrations
    (Wagtail's root page, locales, groups) included, so the next tests of this worker would
    find an empty database: put the worker's copy of the migrated database back."""
    result = yield
    # (after the session's last test the test database itself is gone)
    if nextitem is not None and _flushes_the_database(item) and "migrated" in _SNAPSHOTS:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock(), transaction.atomic():
            _SNAPSHOTS["migrated"].restore()
        cache.clear()
    return result
