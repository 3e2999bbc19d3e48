import pytest
from django.urls import reverse

from tests.factories.privacy import PASSWORD


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits live in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_storage(settings):
    """Each test starts with an empty in-memory storage (files are checked for deletion)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def reauthenticate():
    """Log in and confirm the password again, as allauth asks before sensitive actions."""

    def _reauthenticate(client, user):
        client.force_login(user)
        response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return client

    return _reauthenticate
