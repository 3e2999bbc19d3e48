"""Proofs of consent: what they keep, and that they go after 25 months."""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from legal.consent.selectors import cookie_registry
from legal.consent.services import consent_record
from legal.models import ConsentAction, ConsentRecord
from legal.tasks import purge_consent_records
from legal.user_agents import user_agent_family

pytestmark = pytest.mark.django_db


def _record(**overrides) -> ConsentRecord:
    record, _consent = consent_record(
        action=ConsentAction.REJECT_ALL,
        granted=frozenset(),
        registry=cookie_registry(language_code="fr"),
        language_code="fr",
        user_agent="Mozilla/5.0 (Windows NT 10.0; rv:133.0) Gecko/20100101 Firefox/133.0",
    )
    for field, value in overrides.items():
        setattr(record, field, value)
    record.save()
    return record


def test_a_record_keeps_the_browser_family_only(demo_site):
    record = _record()
    assert record.user_agent_family == "Firefox"
    assert not any("ip" in f.name.lower() for f in ConsentRecord._meta.get_fields())


@pytest.mark.parametrize(
    ("agent", "family"),
    [
        (
            "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0",
            "Edge",
        ),
        (
            "Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1",
            "Safari",
        ),
        (
            "Mozilla/5.0 (X11; Linux) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 OPR/115.0",
            "Opera",
        ),
        ("Mozilla/5.0 (compatible; Googlebot/2.1)", "Robot"),
        ("", "Autre"),
    ],
)
def test_user_agent_family(agent, family):
    assert user_agent_family(agent) == family


def test_records_older_than_the_retention_period_are_purged(demo_site):
    now = timezone.now()
    old = _record(created_at=now - timedelta(days=settings.CONSENT_RECORD_RETENTION_DAYS + 1))
    recent = _record(created_at=now - timedelta(days=settings.CONSENT_RECORD_RETENTION_DAYS - 1))
    assert purge_consent_records.delay().get() == 1
    assert list(ConsentRecord.objects.values_list("id", flat=True)) == [recent.id]
    assert not ConsentRecord.objects.filter(id=old.id).exists()
    assert purge_consent_records.delay().get() == 0  # idempotent


def test_the_retention_defaults_to_25_months_and_the_purge_runs_daily():
    assert 25 * 30 <= settings.CONSENT_RECORD_RETENTION_DAYS <= 25 * 31
    entry = settings.CELERY_BEAT_SCHEDULE["legal-purge-consent-records"]
    assert entry["task"] == "legal.tasks.purge_consent_records"


def test_a_withdrawal_refuses_everything_optional(demo_site):
    record, consent = consent_record(
        action=ConsentAction.WITHDRAW,
        granted=frozenset({"google_analytics"}),
        registry=cookie_registry(language_code="fr"),
        language_code="fr",
        consent_id=uuid.uuid4(),
    )
    assert consent.granted == frozenset()
    assert record.choices["google_analytics"] is False
    assert record.choices["site_session"] is True
