"""E-mails a retoucher receives about the moderation of their showcase.

Written in the retoucher's language, with links a retoucher can open: the public page once
it is live, their account page when the moderation asks for changes — never the admin.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from profiles.models import ProviderShowcasePage, User
from profiles.privacy.emails import absolute_url


def recipient_language(user: User) -> str:
    """The language to write to this user in: their preference (User.email_language), if it is
    still one the site speaks."""
    known = {code for code, _name in settings.LANGUAGES}
    return user.email_language if user.email_language in known else settings.LANGUAGE_CODE


def _public_url(page: ProviderShowcasePage, language: str) -> str:
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    shown = translated if translated is not None and translated.live else page
    parts = shown.get_url_parts()
    return absolute_url(parts[2]) if parts else ""


def _send(*, user: User, subject: str, template: str, context: dict) -> None:
    from profiles.privacy.tasks import send_email

    body = render_to_string(f"profiles/showcase/emails/{template}.txt", context).strip() + "\n"
    send_email.delay_on_commit(to=[user.email], subject=subject, body=body)


def showcase_approved_email_send(*, page: ProviderShowcasePage, user: User) -> None:
    language = recipient_language(user)
    with translation.override(language):
        _send(
            user=user,
            subject=_("Votre vitrine est en ligne"),
            template="approved",
            context={
                "user": user,
                "public_url": _public_url(page, language),
                "account_url": absolute_url(reverse("account_showcase")),
            },
        )


def showcase_changes_requested_email_send(
    *, page: ProviderShowcasePage, user: User, comment: str
) -> None:
    language = recipient_language(user)
    with translation.override(language):
        _send(
            user=user,
            subject=_("Votre vitrine : la modération demande des modifications"),
            template="changes_requested",
            context={
                "user": user,
                "comment": comment,
                "account_url": absolute_url(reverse("account_showcase")),
            },
        )
