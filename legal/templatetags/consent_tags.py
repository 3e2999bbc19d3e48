"""The consent banner, the gated scripts and the cookie table, all drawn from the registry."""

from django import template
from django.utils import translation

from legal import selectors
from legal.consent.selectors import (
    consent_for_request,
    cookie_registry,
    gpc_for_request,
    registry_for_request,
)
from legal.models import DocumentKind

register = template.Library()

GOOGLE_ANALYTICS = "google_analytics"
# Where to come back after a choice; an outsized query string is not worth echoing back.
MAX_NEXT_URL_LENGTH = 500


# The banner is the same on every page for every undecided visitor but for the address to
# come back to after a choice: includes/cookie_banner.html keeps the rest as a fragment, keyed
# on the registry's stamp, the language, the GPC signal and the cookie-policy address.
BANNER_FRAGMENT_SECONDS = 24 * 60 * 60


def _next_url(request) -> str:
    full_path = request.get_full_path()
    return full_path if len(full_path) <= MAX_NEXT_URL_LENGTH else request.path


@register.inclusion_tag("includes/cookie_banner.html", takes_context=True)
def consent_banner(context) -> dict:
    """The banner for a visitor who has not chosen yet; else only its status line."""
    request = context.get("request")
    if request is None or context.get("hide_consent_banner"):
        return {"show": False}
    if consent_for_request(request) is not None:
        return {"show": False}
    language = translation.get_language()
    links = selectors.legal_state().links.get(language, [])
    policy_url = next((x.url for x in links if x.kind == DocumentKind.COOKIE_POLICY), None)
    return {
        "show": True,
        "registry": registry_for_request(request),
        "consent": None,
        "gpc": gpc_for_request(request),
        "cookie_policy_url": policy_url,
        "next_url": _next_url(request),
        "language": language,
        "fragment_seconds": BANNER_FRAGMENT_SECONDS,
    }


@register.inclusion_tag("includes/consent_scripts.html", takes_context=True)
def consent_scripts(context, analytics_id=""):
    """Gated scripts: live when the server sees consent for their service, inert otherwise
    (static/js/consent.js activates inert ones once the visitor accepts). The template passes
    the measurement id from the site settings (legal imports nothing of the other apps)."""
    request = context.get("request")
    if request is None:
        return {}
    consent = consent_for_request(request)
    measurement_id = analytics_id or ""
    registry = registry_for_request(request)
    return {
        "analytics_id": measurement_id if GOOGLE_ANALYTICS in registry.optional_keys else "",
        "analytics_allowed": consent is not None and consent.allows(GOOGLE_ANALYTICS),
        "service": GOOGLE_ANALYTICS,
    }


@register.inclusion_tag("includes/consent_reset_form.html", takes_context=True)
def consent_reset_form(context) -> dict:
    request = context.get("request")
    if request is None:
        return {"show": False}
    registry = registry_for_request(request)
    return {
        "show": True,
        "cookie_names": " ".join(registry.optional_cookie_names),
        "next_url": _next_url(request),
    }


@register.inclusion_tag("includes/cookie_registry_table.html", takes_context=True)
def cookie_registry_table(context):
    page = context.get("page")
    language_code = getattr(getattr(page, "locale", None), "language_code", None)
    language_code = language_code or translation.get_language()
    with translation.override(language_code):
        registry = cookie_registry(language_code=language_code)
        categories = [
            {"label": str(c.label), "description": str(c.description), "services": c.services}
            for c in registry.categories
        ]
    return {"categories": categories, "language_code": language_code}
