from smtplib import SMTPException

from celery import shared_task
from django.contrib.auth import get_user_model

from legal import services
from legal.consent.services import consent_records_purge
from legal.models import PolicyVersion

# Users e-mailed per task: small enough for one SMTP connection and a short task.
EMAIL_BATCH_SIZE = 200


@shared_task(acks_late=True)
def privacy_change_emails_dispatch(version_id: str) -> int:
    """Split the active users into batches and queue one e-mail task per batch."""
    version = PolicyVersion.objects.get(pk=version_id)
    user_ids = list(
        get_user_model()
        .objects.filter(is_active=True, date_joined__lt=version.published_at)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    batches = 0
    for start in range(0, len(user_ids), EMAIL_BATCH_SIZE):
        privacy_change_emails_send.delay(version_id, user_ids[start : start + EMAIL_BATCH_SIZE])
        batches += 1
    return batches


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
)
def privacy_change_emails_send(version_id: str, user_ids: list[int]) -> int:
    version = PolicyVersion.objects.select_related("page", "locale").get(pk=version_id)
    return services.privacy_change_emails_send(version=version, user_ids=user_ids)


@shared_task(acks_late=True)
def purge_consent_records() -> int:
    """Daily: proofs of consent are kept 25 months (CONSENT_RECORD_RETENTION_DAYS), then go."""
    return consent_records_purge()
