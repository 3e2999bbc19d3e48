from celery import shared_task

from legal.consent_services import consent_records_purge


@shared_task(acks_late=True)
def purge_consent_records() -> int:
    """Daily: proofs of consent are kept 25 months (CONSENT_RECORD_RETENTION_DAYS), then go."""
    return consent_records_purge()
