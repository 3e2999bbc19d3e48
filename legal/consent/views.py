"""The cookie choices: saved from the banner (with or without JavaScript), shown, reset."""

import fnmatch
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseBadRequest, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from legal.client_ip import client_ip
from legal.consent import cookie as consent_cookie
from legal.consent.forms import CUSTOMIZE, ConsentChoiceForm
from legal.consent.selectors import consent_for_request, gpc_for_request, registry_for_request
from legal.consent.services import consent_granted_services, consent_record
from legal.models import ConsentAction


def _next_url(request, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return f"/{translation.get_language()}/"


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def posted_from_this_site(request) -> bool:
    """Whether the browser says this POST comes from one of our own pages.

    The cookie forms sit on pages shared by every anonymous visitor through the page cache,
    so they cannot carry a per-visitor CSRF token. Browsers tell where a request comes from:
    `Sec-Fetch-Site` (every current browser), else `Origin` (sent with every form post
    since 2020). A request with neither comes from a script or an old browser: it is
    accepted only when it carries no cookie, for then it cannot change a visitor's choice
    (an old browser driven by a hostile page would send the visitor's cookies along)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is None:
        return not request.COOKIES
    scheme = "https" if request.is_secure() else "http"
    return origin == f"{scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def same_site_post(view):
    """CSRF protection by origin instead of token, for the cookie forms of cached pages."""

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not posted_from_this_site(request):
            return csrf_failure(request, reason="posted from another site")
        return view(request, *args, **kwargs)

    return checked


def _proofs_rate_limited(request) -> bool:
    """Whether this client has written more proofs of consent than `CONSENT_RECORD_RATE`
    (count, seconds) allows: each choice writes a row kept 25 months, so a script posting
    in a loop must not fill the table."""
    limit, window = getattr(settings, "CONSENT_RECORD_RATE", (30, 600))
    key = f"consent:proofs:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def _rate_limited_answer(request):
    if _wants_json(request):
        return JsonResponse({"error": "rate_limited"}, status=429)
    return render(
        request, "legal/consent_rate_limited.html", {"hide_consent_banner": True}, status=429
    )


@same_site_post
@require_POST
def consent_save(request):
    registry = registry_for_request(request)
    form = ConsentChoiceForm(request.POST, registry=registry)
    if not form.is_valid():
        return HttpResponseBadRequest("Invalid cookie choice.")
    action = form.cleaned_data["action"]
    next_url = _next_url(request, form.cleaned_data["next"])
    if action == CUSTOMIZE:
        return redirect(f"{reverse('consent_manage')}?{urlencode({'next': next_url})}")
    if _proofs_rate_limited(request):
        return _rate_limited_answer(request)
    gpc = gpc_for_request(request)
    previous = consent_for_request(request)
    granted = consent_granted_services(
        action=action,
        requested=set(form.cleaned_data["services"]),
        registry=registry,
        gpc=gpc,
    )
    _record, consent = consent_record(
        action=action,
        granted=granted,
        registry=registry,
        language_code=translation.get_language(),
        consent_id=previous.consent_id if previous else None,
        user=request.user,
        user_agent=request.headers.get("User-Agent", ""),
        gpc=gpc,
    )
    if _wants_json(request):
        response = JsonResponse({"granted": sorted(consent.granted)})
    else:
        response = redirect(next_url)
    consent_cookie.write(response, consent)
    return response


@require_GET
def consent_manage(request):
    """The choices as a page: "Personnaliser" without JavaScript, and the privacy centre's
    "Gérer les cookies"."""
    registry = registry_for_request(request)
    return render(
        request,
        "legal/consent_manage.html",
        {
            "registry": registry,
            "consent": consent_for_request(request),
            "gpc": gpc_for_request(request),
            "next_url": _next_url(request, request.GET.get("next")),
            "hide_consent_banner": True,
        },
    )


@same_site_post
@require_POST
def consent_reset(request):
    """ "Réinitialiser les cookies": forget the choice, delete the non-essential cookies the
    site's domain holds, record the withdrawal, and show the banner again."""
    registry = registry_for_request(request)
    previous = consent_for_request(request)
    if previous is not None or request.user.is_authenticated:
        if _proofs_rate_limited(request):
            return _rate_limited_answer(request)
        consent_record(
            action=ConsentAction.WITHDRAW,
            granted=frozenset(),
            registry=registry,
            language_code=translation.get_language(),
            consent_id=previous.consent_id if previous else None,
            user=request.user,
            user_agent=request.headers.get("User-Agent", ""),
            gpc=gpc_for_request(request),
        )
    response = redirect(_next_url(request, request.POST.get("next")))
    consent_cookie.delete(response)
    patterns = registry.optional_cookie_names
    for name in request.COOKIES:
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            # gtag.js is configured with cookie_domain "none": its cookies are host-only.
            response.delete_cookie(name)
    return response


def csrf_failure(request, reason=""):
    """A refused form. Without the CSRF cookie, the browser most likely blocks cookies: logging
    in and signing up need the strictly necessary ones, and the page says so (policy P8.5)."""
    return render(
        request,
        "403_csrf.html",
        {"cookies_required": reason == REASON_NO_CSRF_COOKIE, "hide_consent_banner": True},
        status=403,
    )
