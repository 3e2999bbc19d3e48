"""E-mails of the privacy centre: written from templates, sent by a Celery task after commit.

Marketing e-mails carry a signed one-click unsubscribe link in the body and the
List-Unsubscribe / List-Unsubscribe-Post headers (RFC 8058), so that mail clients can offer
their own unsubscribe button.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

UNSUBSCRIBE_SALT = "profiles.privacy.unsubscribe"


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def dpo_recipients() -> list[str]:
    """The DPO address of the site settings, and every active member of the DPO group."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from legal.models import CompanySettings
    from profiles.privacy.roles import DPO_GROUP

    addresses = []
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        dpo_email = CompanySettings.for_site(site).dpo_email
        if dpo_email:
            addresses.append(dpo_email)
    members = get_user_model().objects.filter(groups__name=DPO_GROUP, is_active=True)
    addresses += [
        email for email in members.values_list("email", flat=True) if email not in addresses
    ]
    return addresses or [settings.SERVER_EMAIL]


def render(template: str, context: dict) -> str:
    return render_to_string(f"profiles/privacy/emails/{template}.txt", context).strip() + "\n"


def send(*, to: list[str], subject: str, template: str, context: dict | None = None, headers=None):
    """Render now (in the current language), send from a task once the transaction commits."""
    from profiles.privacy.tasks import send_email

    body = render(template, {"site_url": absolute_url(""), **(context or {})})
    send_email.delay_on_commit(to=to, subject=str(subject), body=body, headers=headers or {})


def unsubscribe_token(*, user_id: int, purpose: str) -> str:
    return signing.dumps({"u": user_id, "p": purpose}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user_id: int, purpose: str, language: str | None = None) -> str:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        path = reverse(
            "marketing_unsubscribe", args=[unsubscribe_token(user_id=user_id, purpose=purpose)]
        )
    return absolute_url(path)


def marketing_message(*, user, purpose: str, subject: str, text: str, html: str | None = None):
    """An EmailMessage for one opted-in user, with its own unsubscribe link and headers, its
    footer and unsubscribe page in the user's language."""
    with translation.override(user.email_language):
        return _marketing_message(user=user, purpose=purpose, subject=subject, text=text, html=html)


def _marketing_message(*, user, purpose: str, subject: str, text: str, html: str | None):
    link = unsubscribe_url(user_id=user.pk, purpose=purpose, language=user.email_language)
    body = render("marketing", {"text": text, "unsubscribe_url": link, "user": user})
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if html is not None:
        message.attach_alternative(
            render_to_string(
                "profiles/privacy/emails/marketing.html",
                {"html": html, "unsubscribe_url": link, "subject": subject},
            ),
            "text/html",
        )
    return message
