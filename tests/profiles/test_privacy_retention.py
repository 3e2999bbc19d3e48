"""Retention purge (policy §5): exactly what has expired goes, and it says what went."""

import datetime
import io

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from legal.models import PolicyAcceptance
from profiles.models import DataExport, RetentionRecord
from profiles.privacy import services
from profiles.privacy.retention import purge_expired_data
from tests.factories.privacy import make_client, make_retoucher, make_user

pytestmark = pytest.mark.django_db
PARIS = datetime.timezone(datetime.timedelta(hours=1))


def _world(client, commit):
    """Things just past and just before their retention limit, seen on 2036-06-15."""
    with time_machine.travel(datetime.datetime(2026, 6, 10, 12, tzinfo=PARIS), tick=False):
        gone_retoucher = make_retoucher(last_name="Ancien")
        with commit(execute=True):
            old_record = services.account_erase(user=gone_retoucher)  # purge after 2036-06-10
    with time_machine.travel(datetime.datetime(2026, 6, 20, 12, tzinfo=PARIS), tick=False):
        recent_retoucher = make_retoucher(last_name="Recent")
        with commit(execute=True):
            recent_record = services.account_erase(user=recent_retoucher)  # purge after 2036-06-20
    with time_machine.travel(datetime.datetime(2036, 6, 1, 12, tzinfo=PARIS), tick=False):
        old_export_user = make_client()
        client.force_login(old_export_user)
        with commit(execute=True):
            client.post(reverse("privacy_export_start"))  # expires 2036-06-08
        unverified_old = make_user(verified=False)  # signed up 2036-06-01: 14 days → kept
    with time_machine.travel(datetime.datetime(2036, 5, 10, 12, tzinfo=PARIS), tick=False):
        unverified_older = make_user(verified=False)  # 36 days → purged
        verified_older = make_user(verified=True)
    with time_machine.travel(datetime.datetime(2036, 6, 12, 12, tzinfo=PARIS), tick=False):
        fresh_export_user = make_client()
        client.force_login(fresh_export_user)
        with commit(execute=True):
            client.post(reverse("privacy_export_start"))  # expires 2036-06-19
    return locals()


@pytest.mark.policy("P5.1", "P5.2")
def test_purge_deletes_exactly_what_has_expired(client, django_capture_on_commit_callbacks):
    w = _world(client, django_capture_on_commit_callbacks)
    old_export = DataExport.objects.get(user=w["old_export_user"])
    fresh_export = DataExport.objects.get(user=w["fresh_export_user"])
    with time_machine.travel(datetime.datetime(2036, 6, 15, 4, tzinfo=PARIS), tick=False):
        preview = purge_expired_data(dry_run=True)
        assert RetentionRecord.objects.count() == 2  # a dry run deletes nothing
        lines = purge_expired_data()
    assert [line.replace("would delete", "deleted") for line in preview] == lines
    # Retention record and terms acceptance of the retoucher closed 10 years and 5 days ago
    assert list(RetentionRecord.objects.all()) == [w["recent_record"]]
    assert PolicyAcceptance.objects.filter(last_name="Recent", user=None).exists()
    assert not PolicyAcceptance.objects.filter(last_name="Ancien").exists()
    # The expired export and its file, not the fresh one
    assert not DataExport.objects.filter(pk=old_export.pk).exists()
    assert not old_export.file.storage.exists(old_export.file.name)
    assert DataExport.objects.filter(pk=fresh_export.pk).exists()
    # Accounts never verified after 30 days, not younger ones nor verified ones
    users = w["recent_retoucher"].__class__.objects
    assert not users.filter(pk=w["unverified_older"].pk).exists()
    assert users.filter(pk=w["unverified_old"].pk).exists()
    assert users.filter(pk=w["verified_older"].pk).exists()
    assert any("retention record" in line for line in lines)
    assert any("data export" in line for line in lines)
    assert any("unverified account" in line for line in lines)
    assert len(lines) == 4


@pytest.mark.policy("P5.1")
def test_command_prints_what_it_would_remove_and_removes_it():
    user = make_user(verified=False)
    type(user).objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=31)
    )
    out = io.StringIO()
    call_command("purge_expired_data", "--dry-run", stdout=out)
    assert f"would delete unverified account {user.pk}" in out.getvalue()
    assert type(user).objects.filter(pk=user.pk).exists()
    out = io.StringIO()
    call_command("purge_expired_data", stdout=out)
    assert f"deleted unverified account {user.pk}" in out.getvalue()
    assert not type(user).objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(user_id=user.pk).exists()


def test_the_purge_and_the_reminders_run_daily():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "profiles.privacy.tasks.purge_expired_data",
        "profiles.privacy.tasks.remind_due_requests",
    } <= tasks
