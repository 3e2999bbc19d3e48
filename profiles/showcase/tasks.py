from celery import shared_task

from profiles.models import ProviderProfile
from profiles.showcase.services import portfolio_renditions_generate


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def showcase_renditions_generate(provider_id: str) -> int:
    """Make a portfolio's public renditions ahead of any visit; idempotent."""
    provider = ProviderProfile.objects.filter(pk=provider_id).first()
    if provider is None:
        return 0
    return portfolio_renditions_generate(provider=provider)
