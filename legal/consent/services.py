"""State changes of the cookie registry and of visitors' consent."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from legal.consent.cookie import Consent
from legal.consent.selectors import Registry, registry_fingerprint
from legal.models import (
    ConsentAction,
    ConsentRecord,
    CookieCategory,
    CookieRegistryVersion,
    DocumentKind,
)
from legal.selectors import current_version
from legal.user_agents import user_agent_family


@transaction.atomic
def cookie_registry_revise() -> CookieRegistryVersion:
    """Start a new registry version when a service, a category or a purpose changed.

    Visitors whose choice was made under an older version see the banner again."""
    latest = CookieRegistryVersion.objects.select_for_update().first()
    fingerprint = registry_fingerprint()
    if latest is not None and latest.fingerprint == fingerprint:
        return latest
    version = CookieRegistryVersion(
        number=(latest.number + 1) if latest else 1, fingerprint=fingerprint
    )
    version.full_clean()
    version.save()
    return version


def consent_granted_services(
    *, action: str, requested: set[str], registry: Registry, gpc: bool
) -> frozenset[str]:
    """Which optional services a choice accepts. With Sec-GPC: 1, "accept all" leaves
    personalised advertising refused; only an explicit tick in the panel accepts it."""
    if action == ConsentAction.ACCEPT_ALL:
        granted = registry.optional_keys
        return granted - registry.advertising_keys if gpc else granted
    if action == ConsentAction.CUSTOM:
        return frozenset(requested) & registry.optional_keys
    return frozenset()


@transaction.atomic
def consent_record(
    *,
    action: str,
    granted: frozenset[str],
    registry: Registry,
    language_code: str,
    consent_id: uuid.UUID | None = None,
    user=None,
    user_agent: str = "",
    gpc: bool = False,
) -> tuple[ConsentRecord, Consent]:
    """Write the proof of one choice (or of its withdrawal) and return the consent it gives."""
    if action == ConsentAction.WITHDRAW:
        granted = frozenset()
    consent = Consent(
        consent_id=consent_id or uuid.uuid4(),
        registry_version=registry.version,
        granted=frozenset(granted) & registry.optional_keys,
    )
    policy = current_version(kind=DocumentKind.COOKIE_POLICY, language_code=language_code)
    record = ConsentRecord(
        consent_id=consent.consent_id,
        action=action,
        choices={
            service.key: service.category == CookieCategory.NECESSARY or consent.allows(service.key)
            for service in registry.services
        },
        registry_version=registry.version,
        cookie_policy_version=policy.version if policy else "",
        language_code=language_code,
        gpc=gpc,
        user=user if user is not None and user.is_authenticated else None,
        user_agent_family=user_agent_family(user_agent),
    )
    record.full_clean()
    record.save()
    return record, consent


@transaction.atomic
def consent_records_purge(*, now=None) -> int:
    """Delete the proofs older than CONSENT_RECORD_RETENTION_DAYS (25 months by default)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CONSENT_RECORD_RETENTION_DAYS)
    deleted, _details = ConsentRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
