"""The site cache: built once for every process, followed by every process when it changes."""

import pytest
from django.core.cache import cache

from legal import site_cache
from legal.site_cache import site_cache_forget, site_cached

# Forgetting also registers an on-commit callback, which needs a connection.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty():
    cache.clear()
    yield
    cache.clear()


class Builder:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"value": self.calls}


def test_a_value_is_built_once_and_then_read_without_the_shared_cache():
    build = Builder()
    assert site_cached("thing", build) == {"value": 1}
    cache.delete(site_cache.ENTRY_KEY.format(stamp=site_cache.site_cache_stamp(), name="thing"))
    # This process kept it: neither the shared entry nor a new build is needed.
    assert site_cached("thing", build) == {"value": 1}
    assert build.calls == 1


def test_a_change_elsewhere_reaches_this_process_at_its_next_read():
    build = Builder()
    site_cached("thing", build)
    # Another process (or server) forgot it: the shared stamp is all this one sees.
    cache.set(site_cache.STAMP_KEY, "renewed-by-another-process")
    assert site_cached("thing", build) == {"value": 2}
    site_cache_forget()
    assert site_cached("thing", build) == {"value": 3}
    assert site_cached("thing", build) == {"value": 3}


def test_another_process_reuses_the_shared_value_instead_of_building_it():
    build = Builder()
    site_cached("thing", build)
    site_cache._kept.clear()  # as a fresh process would start
    assert site_cached("thing", build) == {"value": 1}
    assert build.calls == 1


def test_a_value_is_not_kept_past_its_timeout_even_in_a_process(monkeypatch):
    build = Builder()
    now = [1_000_000.0]
    monkeypatch.setattr(site_cache.time, "time", lambda: now[0])
    site_cached("thing", build, timeout=60)
    now[0] += 59
    assert site_cached("thing", build, timeout=60) == {"value": 1}
    now[0] += 2
    # The shared entry would have expired too (locmem reads the real clock, so drop it here).
    cache.delete(site_cache.ENTRY_KEY.format(stamp=site_cache.site_cache_stamp(), name="thing"))
    assert site_cached("thing", build, timeout=60) == {"value": 2}


def test_a_cleared_cache_drops_what_processes_kept():
    build = Builder()
    site_cached("thing", build)
    cache.clear()
    assert site_cached("thing", build) == {"value": 2}


def test_forgetting_inside_a_transaction_forgets_again_once_it_commits(
    django_capture_on_commit_callbacks,
):
    build = Builder()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site_cache_forget()
        # A request racing the transaction caches what it reads before the commit...
        site_cached("thing", build)
    for callback in callbacks:
        callback()
    # ...and the commit drops it.
    assert site_cached("thing", build) == {"value": 2}
