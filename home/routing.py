"""What Wagtail looks up before routing every request, kept in the cache.

Wagtail finds the request's site (one query: hostname, port, default site), then the site's
root page in the visitor's language and its specific object (two more) before it routes
anything. These answers change only when an administrator edits a site or an editor saves
a home page: home.signals drops them then (now and again on commit)."""

from django.core.cache import cache
from django.utils import translation
from wagtail.models import Site

from profiles.showcase.cache import cache_forget

SITES_KEY = "home:sites-by-host"
HOMES_KEY = "home:localized-home-pages"


def routing_forget() -> None:
    cache_forget(SITES_KEY)
    cache_forget(HOMES_KEY)


def site_for_request(request) -> Site | None:
    """`Site.find_for_request`, from the cache; the site's root page is its specific object."""
    key = f"{request.get_host()}|{request.get_port()}"
    sites = cache.get(SITES_KEY) or {}
    if key not in sites:
        # Wagtail's own lookup, once per host and port (only allowed hosts get here).
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        sites = {**sites, key: site}
        cache.set(SITES_KEY, sites, timeout=None)
    return sites[key]


def localized_home(home, find):
    """The live home page in the active language (`find()` asks Wagtail on a miss); `home`
    itself when it is that page, as Wagtail answers (a preview keeps its draft)."""
    key = (home.pk, translation.get_language())
    homes = cache.get(HOMES_KEY) or {}
    if key not in homes:
        homes = {**homes, key: find().specific}
        cache.set(HOMES_KEY, homes, timeout=None)
    found = homes[key]
    return home if found.pk == home.pk else found
