"""State changes of legal documents: published versions, acceptances, change notices."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from legal import selectors
from legal.models import (
    AcceptanceMethod,
    DocumentKind,
    LegalPage,
    PolicyAcceptance,
    PolicyChangeNotice,
    PolicyVersion,
    parse_version,
)
from legal.site_cache import site_cache_forget

logger = logging.getLogger(__name__)

LEGAL_EDITORS_GROUP = "Juristes"
# What the legal editors may do on a legal page (and nothing else, anywhere else).
LEGAL_EDITOR_PAGE_PERMISSIONS = ["change_page", "publish_page", "lock_page", "unlock_page"]


def _render_text(page: LegalPage) -> str:
    with translation.override(page.locale.language_code):
        return render_to_string("legal/legal_page_text.html", {"page": page})


@transaction.atomic
def policy_version_record(*, page: LegalPage, user=None) -> PolicyVersion:
    """Write the immutable version row for a page that just went live.

    Called once per publication (Wagtail's `page_published`, which also fires for a scheduled
    go-live). Publishing the same label again with the same text (a republication) returns the
    existing row; a label that does not follow the last published one is refused, which rolls
    the publication back.
    """
    page = page.specific
    text = _render_text(page)
    last = PolicyVersion.objects.filter(page=page).first()
    if last is not None and last.version == page.version:
        if last.text == text and last.title == page.title:
            return last
        raise ValidationError(
            _("La version %(version)s est déjà publiée : indiquez une version supérieure.")
            % {"version": page.version}
        )
    if last is not None and parse_version(page.version) < parse_version(last.version):
        raise ValidationError(
            _("La version %(version)s est inférieure à la dernière publiée (%(last)s).")
            % {"version": page.version, "last": last.version}
        )
    version = PolicyVersion(
        page=page,
        kind=page.kind,
        locale=page.locale,
        version=page.version,
        effective_date=page.effective_date,
        published_at=page.last_published_at or timezone.now(),
        published_by=user if getattr(user, "pk", None) else None,
        change_summary=page.change_summary,
        is_material_change=page.is_material_change,
        title=page.title,
        text=text,
    )
    version.full_clean()
    version.save()
    transaction.on_commit(site_cache_forget)  # legal_state() is built again
    if (
        version.kind == DocumentKind.PRIVACY_POLICY
        and version.is_material_change
        and version.locale.language_code == settings.LANGUAGE_CODE
    ):
        from legal.tasks import privacy_change_emails_dispatch

        privacy_change_emails_dispatch.delay_on_commit(str(version.pk))
    return version


@transaction.atomic
def terms_accept(
    *, user, version: PolicyVersion, method: str = AcceptanceMethod.SIGNUP
) -> PolicyAcceptance:
    """Record that `user` accepted `version` (idempotent: a second call returns the first record)."""
    if version.kind != DocumentKind.TERMS:
        raise ValidationError(_("Seules les conditions générales d’utilisation s’acceptent."))
    acceptance, _created = PolicyAcceptance.objects.get_or_create(
        user=user,
        version=version,
        defaults={
            "accepted_at": timezone.now(),
            "method": method,
            "first_name": user.first_name,
            "last_name": user.last_name,
        },
    )
    return acceptance


@transaction.atomic
def privacy_notice_dismiss(*, user, version: PolicyVersion) -> PolicyChangeNotice:
    """Record that `user` closed the notice of a material privacy-policy change."""
    notice, _created = PolicyChangeNotice.objects.select_for_update().get_or_create(
        user=user, version=version
    )
    if notice.dismissed_at is None:
        notice.dismissed_at = timezone.now()
        notice.save(update_fields=["dismissed_at"])
    return notice


def _privacy_change_message(version: PolicyVersion, user) -> EmailMessage:
    """In the user's language (the active one), with the version in that language when it is
    published; a French e-mail carries an English summary below."""
    base = settings.SITE_URL
    language = translation.get_language()
    own = selectors.version_in_language(version=version, language_code=language) or version
    english = None
    if language != "en":
        english = selectors.version_in_language(version=version, language_code="en")
    context = {
        "user": user,
        "version": own,
        "with_english": language != "en",
        "english": english,
        "diff_url": f"{base}{own.get_url()}diff/",
        "english_url": f"{base}{english.page.url}" if english else None,
    }
    subject = render_to_string("legal/email/privacy_change_subject.txt", context)
    body = render_to_string("legal/email/privacy_change_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[user.email])


def privacy_change_emails_send(*, version: PolicyVersion, user_ids: list[int]) -> int:
    """E-mail the users of one batch about a material privacy-policy change.

    Idempotent: a user already e-mailed about this version is skipped, so a retried batch
    never sends twice. Each user is marked as soon as their e-mail is sent. Returns how many
    e-mails were sent.
    """
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    sent = 0
    with get_connection() as connection:
        for user in users:
            with transaction.atomic():
                notice, _created = PolicyChangeNotice.objects.select_for_update().get_or_create(
                    user=user, version=version
                )
                if notice.emailed_at is not None:
                    continue
                # Each user reads it in their language, whoever published the change.
                with translation.override(getattr(user, "language", settings.LANGUAGE_CODE)):
                    message = _privacy_change_message(version, user)
                message.connection = connection
                message.send()
                notice.emailed_at = timezone.now()
                notice.save(update_fields=["emailed_at"])
                sent += 1
    return sent


def legal_editors_grant(*, page: LegalPage) -> None:
    """Let the legal editors ("Juristes") edit and publish this legal page."""
    group = Group.objects.get(name=LEGAL_EDITORS_GROUP)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=LEGAL_EDITOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
