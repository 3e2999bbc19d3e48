"""What Wagtail looks up before routing every request, kept in the site cache.

Wagtail finds the request's site (one query: hostname, port, default site), then the site's
root page in the visitor's language and its specific object (two more) before it routes
anything. These answers change only when an administrator edits a site or an editor saves
a home page: home.signals then calls legal.site_cache.site_cache_forget."""

from django.utils import translation
from wagtail.models import Site

from legal.site_cache import site_cached


def site_for_request(request) -> Site | None:
    """`Site.find_for_request`, from the cache; the site's root page is its specific object."""

    def find():
        # Wagtail's own lookup, once per host and port (only allowed hosts get here).
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    return site_cached(f"site:{request.get_host()}|{request.get_port()}", find)


def localized_home(home, find):
    """The live home page in the active language (`find()` asks Wagtail on a miss); `home`
    itself when it is that page, as Wagtail answers (a preview keeps its draft)."""
    found = site_cached(f"home:{home.pk}:{translation.get_language()}", lambda: find().specific)
    return home if found.pk == home.pk else found
