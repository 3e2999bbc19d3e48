"""The consent banner, the gated scripts and the cookie table, all drawn from the registry."""

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

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


# The banner and the footer's reset form are rendered once per registry and language in this
# process (and per GPC signal and cookie-policy address for the banner): they are the same on
# every page for every visitor but for the address to come back to after a choice, which
# each request puts in place of this placeholder.
_rendered: dict[tuple, str] = {}
NEXT_URL_PLACEHOLDER = "__consent-next-url__"


def _render_once(template_name: str, key: tuple, context: dict) -> str:
    key = (template_name, translation.get_language(), *key)
    html = _rendered.get(key)
    if html is None:
        html = render_to_string(template_name, {**context, "next_url": NEXT_URL_PLACEHOLDER})
        if len(_rendered) > 64:  # old registries
            _rendered.clear()
        _rendered[key] = html
    return html


def _with_next_url(html: str, request) -> str:
    return mark_safe(html.replace(NEXT_URL_PLACEHOLDER, escape(_next_url(request))))  # noqa: S308 - escaped


def _banner_html(*, registry=None, gpc: bool = False, policy_url: str | None = None) -> str:
    """The banner for an undecided visitor (`registry` given), else its hidden remainder."""
    show = registry is not None
    return _render_once(
        "includes/cookie_banner.html",
        (registry.stamp if show else None, gpc, policy_url),
        {
            "show": show,
            "registry": registry,
            "consent": None,
            "gpc": gpc,
            "cookie_policy_url": policy_url,
        },
    )


def _next_url(request) -> str:
    full_path = request.get_full_path()
    return full_path if len(full_path) <= MAX_NEXT_URL_LENGTH else request.path


@register.simple_tag(takes_context=True)
def consent_banner(context) -> str:
    request = context.get("request")
    if request is None or context.get("hide_consent_banner"):
        return mark_safe(_banner_html())  # noqa: S308 - rendered by the template engine
    if consent_for_request(request) is not None:
        return mark_safe(_banner_html())  # noqa: S308 - rendered by the template engine
    links = selectors.legal_state().links.get(translation.get_language(), [])
    policy_url = next((x.url for x in links if x.kind == DocumentKind.COOKIE_POLICY), None)
    html = _banner_html(
        registry=registry_for_request(request), gpc=gpc_for_request(request), policy_url=policy_url
    )
    return _with_next_url(html, request)


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


@register.simple_tag(takes_context=True)
def consent_reset_form(context) -> str:
    request = context.get("request")
    if request is None:
        return ""
    registry = registry_for_request(request)
    html = _render_once(
        "includes/consent_reset_form.html",
        (registry.stamp,),
        {"cookie_names": " ".join(registry.optional_cookie_names)},
    )
    return _with_next_url(html, request)


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
