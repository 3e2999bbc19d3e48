"""Gives every request its Wagtail site from the cache (home.routing) instead of a query."""

from home.routing import site_for_request


class CachedSiteMiddleware:
    """Sets the site `Site.find_for_request` would find, where Wagtail keeps its answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)
