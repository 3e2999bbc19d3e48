import pytest
from hypothesis import settings
from wagtail.models import Locale


@pytest.fixture
def locales(db):
    """French (default) and English locales, without the whole demo site."""
    return (
        Locale.objects.get_or_create(language_code="fr")[0],
        Locale.objects.get_or_create(language_code="en")[0],
    )


# No example database in the checkout: runs stay independent of each other.
settings.register_profile("retoucherie", database=None, deadline=None)
settings.load_profile("retoucherie")


@pytest.fixture
def home_pages(db, django_capture_on_commit_callbacks):
    """The home pages and staff accounts of home.demo only (faster than the whole demo)."""
    import io

    from home import demo

    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(io.StringIO())


@pytest.fixture
def terms(home_pages):
    """Terms and privacy policy published in French, with their version rows."""
    from tests.factories.legal import legal_page_publish

    privacy, _ = legal_page_publish(kind="privacy_policy")
    page, version = legal_page_publish(kind="terms")
    return page, version, privacy


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_storage(settings):
    """Each test starts with an empty in-memory storage (files are checked for deletion)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "private": {"BACKEND": "profiles.private_files.PrivateInMemoryStorage"},
    }


@pytest.fixture
def served_media(settings, tmp_path):
    """Media on disk and served at /media/ (as `make run` does), private files in a folder
    beside it: what a visitor could fetch by address."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
        "private": {
            "BACKEND": "profiles.private_files.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    settings.ROOT_URLCONF = "tests.profiles.media_urls"
    return tmp_path


@pytest.fixture
def reauthenticate():
    """Log in and confirm the password again, as allauth asks before sensitive actions."""
    from django.urls import reverse

    from tests.factories.privacy import PASSWORD

    def _reauthenticate(client, user):
        client.force_login(user)
        response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return client

    return _reauthenticate


@pytest.fixture
def site_with_directory(demo_site):
    """The demo site: home pages, the directory in both languages, a few demo retouchers."""
    return demo_site
