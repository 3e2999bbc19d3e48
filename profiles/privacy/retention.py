"""Retention purge (policy §5): delete what has passed its period and say what went.

Run daily by Celery beat and by `manage.py purge_expired_data [--dry-run]`.
- retention records and terms acceptances kept 10 years after closure, once past;
- data exports past their 7 days (file and row);
- accounts whose e-mail address was never verified, 30 days after sign-up;
- rights requests closed more than 5 years ago;
- what the hook RETENTION_PURGE adds (profiles/extension_points.py: the cookie consent log).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.hooks import get_hooks

from legal.models import PolicyAcceptance
from profiles.extension_points import RETENTION_PURGE
from profiles.models.privacy import OPEN_STATUSES, DataExport, DataSubjectRequest, RetentionRecord
from profiles.privacy import selectors

logger = logging.getLogger(__name__)


def purge_expired_data(*, dry_run: bool = False, now=None) -> list[str]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    verb = "would delete" if dry_run else "deleted"
    lines = []

    records = RetentionRecord.objects.filter(purge_after__lt=today)
    for record in records:
        lines.append(f"{verb} retention record {record.pk} (purge after {record.purge_after})")
    acceptances = PolicyAcceptance.objects.filter(purge_after__lt=today)
    for acceptance in acceptances:
        lines.append(
            f"{verb} terms acceptance {acceptance.pk} (purge after {acceptance.purge_after})"
        )
    exports = DataExport.objects.filter(expires_at__lt=now)
    stale = DataExport.objects.filter(
        expires_at__isnull=True,
        created_at__lt=now - datetime.timedelta(days=settings.PRIVACY_EXPORT_DAYS),
    )
    export_list = list(exports) + list(stale)
    for export in export_list:
        lines.append(
            f"{verb} data export {export.pk} of user {export.user_id} ({export.file.name or 'no file'})"
        )
    unverified = list(selectors.unverified_accounts_to_purge(now=now))
    for user in unverified:
        lines.append(f"{verb} unverified account {user.pk} (signed up {user.date_joined:%Y-%m-%d})")
    closed_cutoff = now - datetime.timedelta(days=365 * settings.PRIVACY_REQUEST_CLOSED_YEARS + 1)
    requests = DataSubjectRequest.objects.exclude(status__in=OPEN_STATUSES).filter(
        closed_at__lt=closed_cutoff
    )
    for request in requests:
        lines.append(f"{verb} closed rights request {request.number}")

    if not dry_run:
        from profiles.privacy.services import AccountDeletionRefused, account_erase

        with transaction.atomic():
            records.delete()
            acceptances.delete()
            requests.delete()
        for export in export_list:
            if export.file:
                export.file.delete(save=False)
            export.delete()
        for user in unverified:
            # Never verified: nothing to keep, and nobody proven to write to.
            try:
                account_erase(user=user, send_confirmation=False)
            except AccountDeletionRefused as refusal:
                lines.append(f"kept unverified account {user.pk}: {refusal}")
    for purge in get_hooks(RETENTION_PURGE):
        lines.extend(purge(now=now, dry_run=dry_run))
    for line in lines:
        logger.info("retention purge: %s", line)
    return lines


def consent_records_purge_hook(*, now, dry_run: bool) -> list[str]:
    """The cookie consent log's own purge (legal), run with ours when legal provides it."""
    from django.apps import apps

    try:
        from legal.consent.services import consent_records_purge

        model = apps.get_model("legal", "ConsentRecord")
    except (ImportError, LookupError):
        return []
    cutoff = now - datetime.timedelta(days=settings.CONSENT_RECORD_RETENTION_DAYS)
    count = model.objects.filter(created_at__lt=cutoff).count()
    if count and not dry_run:
        consent_records_purge(now=now)
    verb = "would delete" if dry_run else "deleted"
    return (
        [f"{verb} {count} cookie consent record(s) older than {cutoff:%Y-%m-%d}"] if count else []
    )
