from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import patch_cache_control

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


class SiteCSPMiddleware(CSPMiddleware):
    """The site's strict CSP, relaxed only where the Wagtail admin needs it."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), **ADMIN_DIRECTIVES}
            # A nonce would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
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
