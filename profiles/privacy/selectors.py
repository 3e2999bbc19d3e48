"""Reads of the privacy centre that are more than a one-liner."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.hooks import get_hooks

from legal.models import DocumentKind, PolicyAcceptance
from profiles.extension_points import DELETION_BLOCKERS, HAS_PURCHASED
from profiles.models.privacy import (
    OPEN_STATUSES,
    ConsentPurpose,
    DataExport,
    DataSubjectRequest,
    ExportStatus,
    PrivacySettings,
    RequestStatus,
)
from profiles.privacy.registry import Category, Erasure, registry

REMINDER_WINDOW_DAYS = 7


def privacy_settings_for(user) -> PrivacySettings:
    settings_row, _created = PrivacySettings.objects.get_or_create(user=user)
    return settings_row


def personal_data_by_category(user) -> list[dict]:
    """What the access page shows: every declared value held about the user, by category."""
    sections: dict[str, dict] = {}
    for record in registry.collect(user):
        section = sections.setdefault(
            record.category,
            {"key": record.category, "label": Category(record.category).label, "records": []},
        )
        section["records"].append(record)
    order = list(Category.values)
    return sorted(sections.values(), key=lambda s: order.index(s["key"]))


def is_retoucher(user) -> bool:
    from profiles.models import ProviderProfile

    return ProviderProfile.objects.filter(user=user).exists()


def showcase_online(user) -> bool:
    """Whether visitors can see the user's showcase in at least one language."""
    from profiles.models import ProviderShowcasePage

    return ProviderShowcasePage.objects.live().filter(provider__user=user).exists()


def has_purchased(user) -> bool:
    return any(hook(user) for hook in get_hooks(HAS_PURCHASED))


def keeps_retention_record(user) -> bool:
    """Policy §5: only retouchers and clients who bought leave names and terms date behind."""
    return is_retoucher(user) or has_purchased(user)


def deletion_blockers(user) -> list[str]:
    reasons = []
    if user.is_staff or user.is_superuser:
        reasons.append(
            _("Les comptes de l’équipe sont fermés par un administrateur, pas depuis cette page.")
        )
    for hook in get_hooks(DELETION_BLOCKERS):
        reasons.extend(str(reason) for reason in hook(user))
    return reasons


def deletion_summary(user) -> dict:
    """What goes and what stays if this user deletes their account."""
    keeps = keeps_retention_record(user)
    goes, stays = [], []
    for _declaration, _name, spec in registry.all_fields():
        if not spec.exported:
            continue
        label = str(spec.label)
        if spec.erasure == Erasure.RETAIN and keeps:
            stays.append(label)
        elif spec.erasure == Erasure.ANONYMISE:
            continue
        else:
            goes.append(label)
    if is_retoucher(user):
        role = "retoucher"
    elif keeps:
        role = "buyer"
    else:
        role = "client"
    return {
        "role": role,  # what the deletion page explains: retoucher, client who bought, or not
        "keeps_retention_record": keeps,
        "goes": sorted(set(goes)),
        "stays": sorted(set(stays)),
    }


def latest_terms_acceptance(user) -> PolicyAcceptance | None:
    return (
        PolicyAcceptance.objects.filter(user=user, version__kind=DocumentKind.TERMS)
        .order_by("-accepted_at")
        .first()
    )


def current_export(user) -> DataExport | None:
    """The export to show in the privacy centre: in progress, or ready and not expired."""
    return (
        DataExport.objects.filter(user=user, requested_by__isnull=True)
        .filter(
            Q(status__in=[ExportStatus.PENDING, ExportStatus.RUNNING])
            | Q(status=ExportStatus.READY, expires_at__gt=timezone.now())
            | Q(status=ExportStatus.FAILED)
        )
        .order_by("-created_at")
        .first()
    )


def requests_due_soon(*, today: datetime.date | None = None) -> QuerySet[DataSubjectRequest]:
    """Open requests whose deadline is within 7 days or past (not those paused for identity)."""
    today = today or timezone.localdate()
    return (
        DataSubjectRequest.objects.filter(
            status__in=[s for s in OPEN_STATUSES if s != RequestStatus.IDENTITY_PENDING],
            due_on__lte=today + datetime.timedelta(days=REMINDER_WINDOW_DAYS),
        )
        .select_related("assignee")
        .order_by("due_on")
    )


def newsletter_recipients(purpose: str = ConsentPurpose.NEWSLETTER) -> QuerySet:
    """Users who opted in to `purpose`, are not restricted, active, with a verified address."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=verified,
            **{f"privacy_settings__{purpose}": True},
            privacy_settings__restricted_at__isnull=True,
        )
        .order_by("pk")
    )


def sms_recipients():
    """Retouchers who opted in to commercial SMS, are not restricted and gave a number."""
    from profiles.models import ProviderProfile

    return (
        ProviderProfile.objects.filter(
            user__is_active=True,
            user__privacy_settings__commercial_sms=True,
            user__privacy_settings__restricted_at__isnull=True,
        )
        .exclude(phone="")
        .select_related("user")
        .order_by("pk")
    )


def unverified_accounts_to_purge(*, now=None) -> QuerySet:
    """Accounts whose e-mail address was never verified, created more than 30 days ago."""
    from allauth.account.models import EmailAddress

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(date_joined__lt=cutoff, is_staff=False, is_superuser=False)
        .exclude(pk__in=verified)
        .order_by("pk")
    )
