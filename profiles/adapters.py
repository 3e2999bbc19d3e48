"""allauth customised the way allauth means it to be: adapters that call profiles.services."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from profiles import encryption, services

PREVIOUS_LOGIN_SESSION_KEY = "profiles.previous_login"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """The two sign-up journeys create the account, the profile and the terms acceptance
        together; anything else (allauth's own forms) keeps allauth's behaviour."""
        journey = getattr(form, "journey", None)
        if journey is None or not commit:
            user.language = services.email_language_of(get_language())
            return super().save_user(request, user, form, commit=commit)
        signup = services.client_signup if journey == "client" else services.provider_signup
        return signup(**form.signup_data(), language_code=get_language())

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails in the language of the address's owner (the page's language when
        nobody owns it yet), naming the site "Retoucherie" and linking to its public address,
        whatever host the request came through."""
        owner = get_user_model().objects.filter(email__iexact=email).only("language").first()
        language = owner.language if owner else services.email_language_of(get_language())
        public = settings.SITE_URL.rstrip("/")
        context = {
            **context,
            "current_site": SimpleNamespace(name="Retoucherie", domain=urlsplit(public).netloc),
        }
        request = allauth_context.request
        if request is not None:
            # Links allauth built from the request's host point at the public address.
            origin = request.build_absolute_uri("/").rstrip("/")
            for key, value in context.items():
                if isinstance(value, str) and value.startswith(origin + "/"):
                    context[key] = public + value[len(origin) :]
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

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
