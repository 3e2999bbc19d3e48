from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import patch_cache_control

from legal.consent.selectors import consent_for_request
from legal.templatetags.consent_tags import GOOGLE_ANALYTICS

# Wagtail's admin relies on inline styles and scripts, data: images and same-origin previews.
ADMIN_PREFIX = "/admin/"
ADMIN_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "object-src": [NONE],
}


def _analytics_allowed(request, response) -> bool:
    """Whether this page is for a visitor who consented to audience measurement.

    The same choice decides whether the page renders the analytics script live
    (legal consent_scripts) and which copy the anonymous page cache serves
    (consent_page_variant), so a cached page always gets the policy of its own variant."""
    if response.status_code >= 500 or not response.get("Content-Type", "").startswith("text/html"):
        return False
    consent = consent_for_request(request)
    return consent is not None and consent.allows(GOOGLE_ANALYTICS)


class SiteCSPMiddleware(CSPMiddleware):
    """The site's strict CSP; Google Analytics' hosts only for visitors who accepted it; the
    Wagtail admin's own policy in place of the site's where it needs more."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            # Replaced, not merged: a merge gave contradictions such as
            # "frame-ancestors 'none' 'self'".
            parts.replace = {**(parts.replace or {}), **ADMIN_DIRECTIVES}
            # A nonce would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
        elif _analytics_allowed(request, response):
            update = dict(parts.update or {})
            for directive, sources in settings.GOOGLE_ANALYTICS_CSP.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts


class SecurityHeadersMiddleware:
    """Headers Django has no setting for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Nothing of ours is meant to be embedded by another site (images included).
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class PrivateResponsesMiddleware:
    """Every response to a logged-in user says `Cache-Control: private, no-store`.

    Account, e-mail, password, 2FA and bank pages hold personal data: no shared cache and no
    browser cache (back button after log-out, a shared computer) may keep a copy. Only a
    request with a session cookie can be logged in, so an anonymous request never touches
    the session here (no `Vary: Cookie` added to public pages and static files)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.pop("Expires", None)
            patch_cache_control(response, private=True, no_store=True)
        return response
