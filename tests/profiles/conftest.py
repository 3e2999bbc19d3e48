import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_with_directory(demo_site):
    """The demo site: home pages, the directory in both languages, a few demo retouchers."""
    return demo_site
