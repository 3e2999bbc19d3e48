"""Background work of the privacy centre: thin tasks that load by id and call a service."""

from celery import shared_task
from django.core.mail import EmailMessage


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, to: list[str], subject: str, body: str, headers: dict | None = None):
    EmailMessage(subject=subject, body=body, to=to, headers=headers or None).send()


@shared_task(acks_late=True)
def build_data_export(export_id: str):
    from profiles.privacy.services import data_export_build

    data_export_build(export_id=export_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_newsletter_batch(newsletter_id: int):
    from profiles.privacy.services import newsletter_send_batch

    if newsletter_send_batch(newsletter_id=newsletter_id):
        send_newsletter_batch.delay(newsletter_id)


@shared_task(acks_late=True)
def remind_due_requests():
    from profiles.privacy.services import dsr_send_due_reminders

    return [r.number for r in dsr_send_due_reminders()]


@shared_task(acks_late=True)
def purge_expired_data():
    from profiles.privacy.retention import purge_expired_data as purge

    return purge(dry_run=False)
