from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"


def needs_mfa(user) -> bool:
    """Staff and Wagtail editors must protect their account with a second factor."""
    return user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


class AdminAccessRefusalMiddleware:
    """A logged-in client or retoucher who opens /admin/ gets a refusal page.

    Wagtail sends a user without admin access to the login page, and allauth sends a user who
    is already logged in back to `next` (/admin/): without this they loop for ever.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith(ADMIN_PREFIX)
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return render(request, "profiles/admin_refused.html", status=403)
        return self.get_response(request)


class StaffMFARequiredMiddleware:
    """Sends staff and editors without TOTP to set it up before they reach the admin.

    Placed after allauth's AccountMiddleware. Any staff member without an authenticator is
    stopped, whoever created the account and however it logged in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith(ADMIN_PREFIX)
            and needs_mfa(request.user)
            and not Authenticator.objects.filter(
                user_id=request.user.pk, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.warning(
                request,
                _(
                    "L’administration est réservée aux comptes protégés par une double "
                    "authentification. Activez-la avec une application d’authentification, "
                    "puis revenez."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class AdminLanguageMiddleware:
    """The admin speaks the language the staff member chose (their account's language, or the
    one set in Wagtail's own preferences, which wins), never what the browser asks for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            translation.activate(request.user.language)
            request.LANGUAGE_CODE = request.user.language
        return self.get_response(request)
