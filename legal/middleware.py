from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from legal import selectors
from legal.consent import cookie as consent_cookie
from legal.consent.selectors import consent_for_request

# Reachable without accepting new terms: what a user needs to read, leave or delete their
# account, and what is not a page of the site.
ALWAYS_REACHABLE_PREFIXES = (
    "/admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/favicon",
    # The privacy centre, account deletion included (profiles issue).
    "/fr/compte/confidentialite/",
    "/en/account/privacy/",
)
SESSION_KEY = "legal_terms_accepted"


def _own_paths() -> tuple[str, ...]:
    paths = []
    for language_code, _name in (("fr", ""), ("en", "")):
        with translation.override(language_code):
            paths += [
                reverse("legal:terms_accept"),
                reverse("legal:privacy_notice_dismiss"),
                reverse("account_logout"),
            ]
    return tuple(paths)


class TermsAcceptanceMiddleware:
    """Sends logged-in users to the acceptance page after a material change to the terms.

    Cheap on every request: the version to accept comes from the cached legal state, and
    once a user is known to have accepted it their session says so; only in between does a
    request ask the database (one query).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._own_paths: tuple[str, ...] | None = None

    def __call__(self, request):
        redirect = self._redirect(request)
        return redirect or self.get_response(request)

    def _redirect(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        path = request.path_info
        if path.startswith(ALWAYS_REACHABLE_PREFIXES):
            return None
        state = selectors.legal_state()
        required = state.terms_required
        if required is None or request.session.get(SESSION_KEY) == required:
            return None
        if self._own_paths is None:
            self._own_paths = _own_paths()
        if path in self._own_paths or path.startswith(state.page_paths):
            return None
        if selectors.terms_accepted(user=user, version=required):
            request.session[SESSION_KEY] = required
            return None
        url = reverse("legal:terms_accept")
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(url)


class ConsentMiddleware:
    """Carries a logged-in user's cookie choice to a browser that has none yet.

    When no valid consent cookie came with the request, consent_for_request() falls back to
    the user's latest choice on any device; this writes it into this browser's cookie too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and consent_cookie.cookie_name() not in response.cookies
            and not request.path_info.startswith("/static/")
        ):
            consent = consent_for_request(request)
            if consent is not None and consent.from_account:
                consent_cookie.write(response, consent)
        return response
