from legal import consent_cookie
from legal.consent_selectors import consent_for_request


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
