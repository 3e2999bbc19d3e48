"""Anonymous requests running while a showcase goes off line never leave a cached copy of it.

Needs PostgreSQL: the concurrent requests run on their own connections and must read the
committed data while the change is not committed yet, which SQLite's in-memory test
database cannot show.
"""

import io
import threading

import pytest
from django.db import connection, transaction
from django.test import Client

from tests.markers import requires_postgres

pytestmark = [
    requires_postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_demo_snapshot"),  # the migrated copy tests/conftest.py restores
]

BACKGROUND_CLIENTS = 3


def _unpublish_service(showcase):
    from profiles.showcase.services import showcase_unpublish

    showcase_unpublish(provider=showcase.provider)


def _editor_unpublishes(showcase):
    """Wagtail's own unpublish (the admin's action): the page_unpublished signal only."""
    showcase.specific.unpublish()


def _restrict(showcase):
    from profiles.privacy.services import processing_restrict

    processing_restrict(user=showcase.provider.user, reason="Je fais une pause.")


def _get(url: str) -> int:
    """One anonymous request on a connection of its own, as another web process would."""
    try:
        return Client().get(url).status_code
    finally:
        connection.close()


@pytest.fixture
def showcase():
    from home import demo
    from tests.factories.showcase import showcase_create

    demo.seed(io.StringIO())  # home pages and the site, committed
    return showcase_create(images=1)


@pytest.mark.parametrize("take_offline", [_unpublish_service, _editor_unpublishes, _restrict])
def test_a_showcase_taken_off_line_is_never_served_from_the_cache_afterwards(
    showcase, take_offline
):
    url = showcase.url
    assert _get(url) == 200
    stop = threading.Event()
    statuses: list[int] = []

    def visitor():
        while not stop.is_set():
            statuses.append(_get(url))

    visitors = [threading.Thread(target=visitor) for _ in range(BACKGROUND_CLIENTS)]
    for thread in visitors:
        thread.start()
    try:
        with transaction.atomic():
            take_offline(showcase)
            # A request served while the change is not committed reads the page still live
            # and stores it, under whatever generation the change has set so far.
            racing = []
            thread = threading.Thread(target=lambda: racing.append(_get(url)))
            thread.start()
            thread.join()
            assert racing == [200]
        # Committed: from now on every anonymous visitor gets the 404, cache or not.
        for _ in range(10):
            assert _get(url) == 404
    finally:
        stop.set()
        for thread in visitors:
            thread.join()
    assert statuses, "the background visitors ran"
    for _ in range(5):
        assert _get(url) == 404
