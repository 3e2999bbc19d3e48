"""allauth customised the way allauth means it to be: adapters that call profiles.services."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.urls import reverse
from django.utils.translation import get_language

from profiles import encryption, services

PREVIOUS_LOGIN_SESSION_KEY = "profiles.previous_login"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """The two sign-up journeys create the account, the profile and the terms acceptance
        together; anything else (allauth's own forms) keeps allauth's behaviour."""
        journey = getattr(form, "journey", None)
        if journey is None or not commit:
            return super().save_user(request, user, form, commit=commit)
        signup = services.client_signup if journey == "client" else services.provider_signup
        return signup(**form.signup_data(), language_code=get_language())

    def login(self, request, user):
        # Django stamps last_login during login (policy §2): keep the previous one to show
        # the owner when they were last here before this session.
        previous = user.last_login
        super().login(request, user)
        if previous:
            request.session[PREVIOUS_LOGIN_SESSION_KEY] = previous.isoformat()

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_staff or user.has_perm("wagtailadmin.access_admin"):
            return "/admin/"
        return reverse("account_overview")


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are encrypted like bank details (policy §6)."""

    def encrypt(self, text: str) -> str:
        return encryption.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return encryption.decrypt(encrypted_text)
