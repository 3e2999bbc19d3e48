"""Right of access and portability: the access page and the ZIP export (policy §7)."""

import csv
import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse

from profiles.models.privacy import DataExport, ExportStatus
from profiles.privacy import services
from profiles.privacy.registry import registry
from tests.factories.privacy import make_client, make_retoucher

pytestmark = pytest.mark.django_db


def _declared_values(user):
    """(model, field) → value for every exported declared field of the user."""
    return {
        (record.model_label, value.name): value.value
        for record in registry.collect(user)
        for value in record.values
    }


def _download(client, user, reauthenticate, commit):
    reauthenticate(client, user)
    with commit(execute=True):
        client.post(reverse("privacy_export_start"))
    export = DataExport.objects.get(user=user)
    response = client.get(services.data_export_download_path(export))
    assert response.status_code == 200, response.content[:300]
    return export, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.policy("P7.1")
def test_access_page_shows_every_declared_value_by_category(client):
    user = make_retoucher()
    client.force_login(user)
    response = client.get(reverse("privacy_data"))
    text = response.content.decode()
    assert response.status_code == 200
    for heading in [
        "Identité",
        "Coordonnées",
        "Coordonnées bancaires",
        "Profil public et portfolio",
        "Preuves légales",
    ]:
        assert heading in text
    assert user.email in text
    assert "FR7630006000011234567890189" in text  # their own IBAN, in clear, to them only
    assert "Détourage" in text
    assert "publique" in text


@pytest.mark.policy("P7.3")
def test_export_contains_every_declared_field_of_the_user_and_nothing_of_another(
    client, reauthenticate, django_capture_on_commit_callbacks
):
    # Given a retoucher with profile, photo, portfolio and terms acceptance, and another user
    user = make_retoucher()
    other = make_client()
    expected = _declared_values(user)
    # When they download their data
    export, archive = _download(client, user, reauthenticate, django_capture_on_commit_callbacks)
    # Then data.json holds every declared value, by category, under a versioned schema
    data = json.loads(archive.read("data.json"))
    assert data["schema_version"] == "1.0"
    found = {
        (record["model"], name): field["value"]
        for category in data["categories"]
        for record in category["records"]
        for name, field in record["fields"].items()
    }
    for key, value in expected.items():
        if key[1] in ("last_login", "updated_at"):
            continue  # the download itself logs in and touches timestamps
        assert found[key] == value, key
    # And one CSV per category, and the files themselves
    names = set(archive.namelist())
    assert {f"{c['key']}.csv" for c in data["categories"]} <= names
    assert any(n.startswith("files/profiles/photos/retoucheur-") for n in names)
    assert any(n.startswith("files/original_images/portfolio-") for n in names)
    bank = list(csv.DictReader(io.StringIO(archive.read("bank.csv").decode())))
    assert {"field": "iban", "value": "FR7630006000011234567890189"}.items() <= bank[0].items()
    # And nothing about the other user
    blob = b"".join(archive.read(n) for n in names).decode("utf-8", "ignore")
    assert other.email not in blob
    assert other.last_name not in blob
    assert "client-" not in " ".join(names)


@pytest.mark.policy("P7.3")
def test_export_is_announced_by_email_and_progress_is_reported(
    client, django_capture_on_commit_callbacks
):
    user = make_client()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy_export_start"))
    export = DataExport.objects.get(user=user)
    status = client.get(reverse("privacy_export_status", args=[export.pk])).json()
    assert status["status"] == ExportStatus.READY
    assert status["progress"] == 100
    assert status["download_url"].startswith("/fr/compte/confidentialite/export/telecharger/")
    assert mail.outbox[-1].to == [user.email]
    assert "prêtes" in mail.outbox[-1].subject
    # the centre page shows the progress bar and the download link
    page = client.get(reverse("privacy_centre")).content.decode()
    assert 'id="export-progress"' in page
    assert "Télécharger l’archive" in page


@pytest.mark.policy("P6.1", "P7.3")
def test_someone_elses_export_status_is_not_found(client):
    owner, intruder = make_client(), make_client()
    client.force_login(owner)
    client.post(reverse("privacy_export_start"))
    export = DataExport.objects.get(user=owner)
    client.force_login(intruder)
    assert client.get(reverse("privacy_export_status", args=[export.pk])).status_code == 404


@pytest.mark.policy("P7.3")
def test_download_needs_a_recent_reauthentication(client):
    user = make_client()
    client.force_login(user)
    client.post(reverse("privacy_export_start"))
    export = DataExport.objects.get(user=user)
    response = client.get(services.data_export_download_path(export))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.policy("P7.3")
def test_download_link_works_once_and_refuses_tampering_and_expiry(
    client, reauthenticate, django_capture_on_commit_callbacks
):
    user = make_client()
    export, _archive = _download(client, user, reauthenticate, django_capture_on_commit_callbacks)
    # A fresh link from the centre works once; used again it is refused and changes nothing.
    used_link = client.get(reverse("privacy_export_status", args=[export.pk])).json()[
        "download_url"
    ]
    first = client.get(used_link)
    assert first.status_code == 200
    again = client.get(used_link)
    assert again.status_code == 410
    assert "déjà été utilisé" in again.content.decode()
    # Tampered
    tampered = client.get(used_link[:-3] + "xyz/")
    assert tampered.status_code == 400
    assert "pas valide" in tampered.content.decode()
    # Expired after 7 days (and the export is no longer available)
    export.refresh_from_db()
    fresh = services.data_export_download_path(export)
    with time_machine.travel(export.expires_at + datetime.timedelta(minutes=1)):
        reauthenticate(client, user)
        late = client.get(fresh)
    assert late.status_code == 410
    assert "expiré" in late.content.decode()
    assert default_storage.exists(export.file.name)  # the purge deletes it, not the refusal


def test_access_page_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    # One query per declared model, whatever the amount of data.
    user = make_retoucher()
    client.force_login(user)
    # Warm the site-wide caches (settings rows, cookie registry, legal state) first.
    client.get(reverse("privacy_data"))
    with django_assert_max_num_queries(len(registry.declarations) + 15):
        response = client.get(reverse("privacy_data"))
    assert response.status_code == 200
