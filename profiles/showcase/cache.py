"""Whole-response cache for anonymous visitors of the directory and the showcase pages.

Every cached response is stored under a key that includes a *generation* number; any change
that can alter a public page (the services profiles.showcase.public_data lists, a page
published, unpublished or moved, a profile, an image, a rendition, a skill or a review
saved) bumps the generation, now and again on commit, so every cached page is dropped at
once; so does a change to what every page shows around it (site settings, legal links, home
pages, cookie registry: legal.site_cache's stamp is part of the key). The key also holds the
validated host and the known query parameters, normalised; a request with another parameter
is never stored, so made-up addresses cannot fill the cache.
The directory lists every showcase, so finer keys would not save much, and one counter is
easy to reason about. Django's cache is the store (Redis in production, local memory
otherwise): nothing home-made.

The middleware answers before Wagtail routes the request, which is what makes a cache hit
nearly as cheap as a constant view. Only visitors without a session cookie are served from
the cache; they are the only ones who could have received the stored page. The visitor's
cookie choice is part of the key: it decides whether the page shows the consent banner and
whether the analytics script is live, so a page stored for one choice is never served to a
visitor who made another. Nothing per visitor is stored: the cookie forms carry no CSRF token
(legal.consent.views checks the origin instead), and a response that sets a cookie is never
stored.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode

from legal.consent.selectors import consent_page_variant
from legal.site_cache import site_cache_stamp, site_cached

GENERATION_KEY = "showcase-cache:generation"
RESPONSE_KEY = "showcase-cache:{generation}:{digest}"
# A nonce is per request: the stored copy holds this placeholder instead.
NONCE_PLACEHOLDER = b"__showcase-cache-nonce__"
RESPONSE_ATTRIBUTE = "_showcase_cache_timeout"
PARAMETERS_ATTRIBUTE = "_showcase_cache_parameters"
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Vary", "X-Frame-Options")


def cache_timeout() -> int:
    return getattr(settings, "SHOWCASE_CACHE_SECONDS", 300)


def showcase_cache_invalidate() -> None:
    """Drop every cached directory and showcase page, now and again once the transaction
    commits.

    A request that runs while the change is not committed yet reads the old data and may
    store it under the generation bumped now; the bump on commit orphans what it stored.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def view_restrictions_exist() -> bool:
    """Whether any page of the site has a view restriction (password, login, groups).

    Wagtail looks for restrictions on a page and every ancestor before serving it, two
    queries per page; on a site with none at all, one cached answer spares them."""
    from wagtail.models import PageViewRestriction

    return site_cached("view-restrictions-exist", PageViewRestriction.objects.exists)


def _generation() -> str:
    """The showcase generation, and the site cache's stamp: pages also show the header and
    footer settings, the legal links and the home pages' addresses."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return f"{generation}.{site_cache_stamp()}"


def _key(request, generation: str, variant: str, parameters: tuple) -> str:
    """The host (validated: pages carry absolute addresses built from it), the path and the
    normalised known parameters, never the raw query string."""
    host = request.get_host().lower()
    digest = hashlib.sha256(
        f"{variant}|{host}|{request.path}|{urlencode(parameters)}".encode()
    ).hexdigest()
    return RESPONSE_KEY.format(generation=generation, digest=digest)


def _parameters(request) -> tuple | None:
    """The query string normalised for the key, or None when it holds a parameter no cached
    page reads (profiles.showcase.forms says which)."""
    if not request.GET:
        return ()
    from profiles.showcase.forms import DirectoryFilterForm  # forms import the models

    return DirectoryFilterForm.cache_parameters(request.GET)


def _is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def mark_cacheable(response, timeout: int | None = None, *, parameters=frozenset()):
    """Called by a page's serve(): this response may be shared with every anonymous visitor.

    `parameters` are the query parameters the page reads; a request with any other one is
    served as it is but not stored."""
    setattr(response, RESPONSE_ATTRIBUTE, cache_timeout() if timeout is None else timeout)
    setattr(response, PARAMETERS_ATTRIBUTE, parameters)
    return response


class AnonymousPageCacheMiddleware:
    """Serve and store the responses pages marked with `mark_cacheable`.

    Sits inside the CSP middleware (so a cached page still gets a fresh nonce and header)
    and before the session middleware (a hit costs no database query).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable_request = request.method in ("GET", "HEAD") and _is_anonymous(request)
        parameters = _parameters(request) if cacheable_request else None
        if parameters is None:
            cacheable_request = False
        if cacheable_request:
            generation = _generation()
            variant, vary = consent_page_variant(request)
            key = _key(request, generation, variant, parameters)  # 400 for a host not allowed
            stored = cache.get(key)
            if stored is not None:
                return self._rebuild(request, stored)
        response = self.get_response(request)
        timeout = getattr(response, RESPONSE_ATTRIBUTE, None)
        if timeout is None:
            return response
        if not cacheable_request or getattr(request, "user", None) is None:
            patch_cache_control(response, private=True, no_cache=True)
            return response
        read = getattr(response, PARAMETERS_ATTRIBUTE, frozenset())
        if any(name not in read for name, _value in parameters):
            # The directory's filters on a showcase: served, never stored.
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if request.user.is_authenticated or response.cookies or response.status_code != 200:
            patch_cache_control(response, private=True, no_cache=True)
            return response
        patch_cache_control(response, public=True, max_age=timeout)
        patch_vary_headers(response, vary)
        cache.set(key, self._freeze(request, response), timeout)
        return response

    @staticmethod
    def _freeze(request, response) -> dict:
        content = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str) and nonce:
            content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
        return {
            "content": content,
            "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
            "cache_control": response.get("Cache-Control", ""),
        }

    @staticmethod
    def _rebuild(request, stored: dict) -> HttpResponse:
        content = stored["content"]
        if NONCE_PLACEHOLDER in content:
            content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        response = HttpResponse(content if request.method == "GET" else b"")
        for name, value in stored["headers"].items():
            response[name] = value
        response["Cache-Control"] = stored["cache_control"]
        response["Content-Length"] = str(len(content))
        response["X-Cache"] = "hit"
        return response


# Fragments of the public pages (a showcase's portfolio and reviews, a directory card) are
# cached by the templates (`{% cache %}`) and the directory selector under keys that carry this
# stamp, so the invalidation above drops them with the pages. They live in the
# "template_fragments" cache, which is each process's own memory (config/settings/base.py):
# the stamp comes from the shared cache, so no process can serve a fragment another one has
# seen change, and a fragment read costs no round trip.
FRAGMENT_CACHE = "template_fragments"
FRAGMENT_SECONDS = 60 * 60


def showcase_fragment_stamp() -> str:
    """Changes whenever a cached public page would be dropped: a key part for fragments."""
    return _generation()
