"""The consent banner, the gated scripts and the cookie table, all drawn from the registry."""

from django import template
from django.template.loader import render_to_string
from django.utils import translation

from legal import selectors
from legal.consent_selectors import (
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


# The banner's list of services and cookies, rendered once per registry, language and GPC
# signal in this process: it is the same on every page for every undecided visitor.
_banner_choices: dict[tuple[str, str, bool], str] = {}


def _banner_choices_html(registry, *, gpc: bool) -> str:
    key = (registry.stamp, translation.get_language(), gpc)
    html = _banner_choices.get(key)
    if html is None:
        html = render_to_string(
            "includes/consent_choices.html", {"registry": registry, "consent": None, "gpc": gpc}
        )
        if len(_banner_choices) > 32:  # old registries
            _banner_choices.clear()
        _banner_choices[key] = html
    return html


def _next_url(request) -> str:
    full_path = request.get_full_path()
    return full_path if len(full_path) <= MAX_NEXT_URL_LENGTH else request.path


@register.inclusion_tag("includes/cookie_banner.html", takes_context=True)
def consent_banner(context):
    request = context.get("request")
    if request is None or context.get("hide_consent_banner"):
        return {"show": False}
    consent = consent_for_request(request)
    if consent is not None:
        return {"show": False}
    links = selectors.legal_state().links.get(translation.get_language(), [])
    policy_url = next((x.url for x in links if x.kind == DocumentKind.COOKIE_POLICY), None)
    registry = registry_for_request(request)
    gpc = gpc_for_request(request)
    return {
        "show": True,
        "request": request,
        "registry": registry,
        "choices_html": _banner_choices_html(registry, gpc=gpc),
        "gpc": gpc,
        "next_url": _next_url(request),
        "cookie_policy_url": policy_url,
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
def consent_reset_form(context):
    request = context.get("request")
    if request is None:
        return {}
    return {
        "next_url": _next_url(request),
        "cookie_names": " ".join(registry_for_request(request).optional_cookie_names),
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
