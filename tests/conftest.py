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


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    """The demo site seeded once per worker and kept as a copy (see tests/snapshot.py)."""
    from django.core.management import call_command

    from tests.snapshot import DatabaseSnapshot

    with django_db_blocker.unblock():
        migrated = DatabaseSnapshot.take()
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


# The migrated state pytest-django serialised when it created the test database (Wagtail's root
# page and locales, groups), kept here: Django reads it from the connection object, which a
# test running an event loop (Playwright) may replace with a fresh one that lacks it.
_MIGRATED_STATE: dict[str, str] = {}


@pytest.fixture(scope="session", autouse=True)
def _migrated_state(django_db_setup, django_db_blocker):
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        _MIGRATED_STATE["default"] = contents


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    return transactional or {"transactional_db", "live_server"} & set(item.fixturenames)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by flushing every table, the rows of the data migrations
    (Wagtail's root page and locales, groups) included, and the next tests of this worker
    would run on an empty database: put the migrated state back (pytest-django serialised
    it when it created the test database, since a test asks for serialized_rollback)."""
    result = yield
    # (after the session's last test the test database itself is gone: nothing to restore)
    if nextitem is not None and _flushes_the_database(item):
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key
        from wagtail.models import Locale

        with item.config.stash[blocking_manager_key].unblock():
            contents = _MIGRATED_STATE.get("default")
            if contents and not Locale.objects.exists():
                connection.creation.deserialize_db_from_string(contents)
        cache.clear()
    return result
