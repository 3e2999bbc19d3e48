"""Wagtail finds the site of every request with a query (hostname, port, default site); the
answer only changes when an administrator edits the sites, so it is kept in the cache
(home.signals drops it when a site is saved or deleted)."""

from django.core.cache import cache
from wagtail.models import Site

from profiles.showcase.cache import cache_forget

SITES_KEY = "home:sites-by-host"


def sites_forget() -> None:
    cache_forget(SITES_KEY)


class CachedSiteMiddleware:
    """Gives the request the Wagtail site `Site.find_for_request` would find, from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = f"{request.get_host()}|{request.get_port()}"
        sites = cache.get(SITES_KEY) or {}
        if key not in sites:
            # Wagtail's own lookup, once per host and port (only allowed hosts get here).
            sites = {**sites, key: Site.find_for_request(request)}
            cache.set(SITES_KEY, sites, timeout=None)
        request._wagtail_site = sites[key]  # where Site.find_for_request keeps its answer
        return self.get_response(request)
