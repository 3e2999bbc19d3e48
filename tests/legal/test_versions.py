"""Publishing a legal page writes one immutable, hashed version row (services, signals)."""

import datetime
import hashlib

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from legal import services
from legal.models import PolicyVersion

pytestmark = pytest.mark.django_db


def test_each_publish_writes_exactly_one_version_row_with_its_text_and_hash(
    new_legal_page, publish
):
    publish(new_legal_page)
    publish(
        new_legal_page,
        version="1.1",
        effective_date=datetime.date(2026, 4, 1),
        change_summary="Une phrase ajoutée.",
        body=[{"type": "paragraph", "value": "<p>Premier texte. Une phrase de plus.</p>"}],
    )

    rows = list(PolicyVersion.objects.filter(page=new_legal_page))
    assert [row.version for row in rows] == ["1.1", "1.0"]
    newest = rows[0]
    assert "Une phrase de plus." in newest.text
    assert newest.change_summary == "Une phrase ajoutée."
    assert newest.locale.language_code == "fr"
    assert newest.sha256 == hashlib.sha256(newest.text.encode()).hexdigest()
    assert "Une phrase de plus." not in rows[1].text


def test_the_hash_is_stable_a_republication_adds_no_row(new_legal_page, publish):
    publish(new_legal_page)
    first = PolicyVersion.objects.get(page=new_legal_page)

    publish(new_legal_page)  # the same version published again, unchanged

    assert PolicyVersion.objects.filter(page=new_legal_page).count() == 1
    again = services.policy_version_record(page=new_legal_page)
    assert again.pk == first.pk and again.sha256 == first.sha256


def test_a_version_row_can_be_neither_changed_nor_deleted(new_legal_page, publish):
    publish(new_legal_page)
    row = PolicyVersion.objects.get(page=new_legal_page)
    row.text = "<p>Réécrit après coup.</p>"
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()
    assert PolicyVersion.objects.get(pk=row.pk).text != "<p>Réécrit après coup.</p>"


def test_a_scheduled_version_is_recorded_when_it_goes_live(new_legal_page, publish):
    go_live = datetime.datetime(2030, 1, 10, 8, 0, tzinfo=datetime.UTC)
    publish(new_legal_page, go_live_at=go_live)
    assert not PolicyVersion.objects.filter(page=new_legal_page).exists()

    with time_machine.travel(go_live + datetime.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled")

    row = PolicyVersion.objects.get(page=new_legal_page)
    assert row.version == "1.0"
    assert row.published_at >= go_live


def test_publishing_the_same_label_with_other_words_is_refused(new_legal_page, publish):
    publish(new_legal_page)
    new_legal_page.body = [{"type": "paragraph", "value": "<p>Autre texte.</p>"}]
    with pytest.raises(ValidationError):
        services.policy_version_record(page=new_legal_page)


def test_demo_data_publishes_both_languages_and_two_privacy_versions(demo_site):
    privacy = PolicyVersion.objects.filter(kind="privacy_policy")
    assert sorted(privacy.values_list("locale__language_code", "version")) == [
        ("en", "1.0"),
        ("en", "1.1"),
        ("fr", "1.0"),
        ("fr", "1.1"),
    ]
    for kind in ("cookie_policy", "terms", "legal_notice"):
        assert PolicyVersion.objects.filter(kind=kind).count() == 2
    notice = PolicyVersion.objects.get(kind="legal_notice", locale__language_code="fr")
    assert "{company_name}" not in notice.text and "Retoucherie SAS" in notice.text
