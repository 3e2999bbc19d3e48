"""Right of access and portability: the access page and the ZIP export (policy §7)."""

import csv
import datetime
import io
import json
import re
import zipfile
from collections import Counter

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from profiles.models.privacy import DataExport, ExportStatus
from profiles.privacy import services
from profiles.privacy.registry import registry
from profiles.private_files import private_storage
from tests.factories.privacy import make_client, make_retoucher

pytestmark = pytest.mark.django_db


def _declared_values(user):
    """(model, field) → value for every exported declared field of the user."""
    return {
        (record.model_label, value.name): value.value
        for record in registry.collect(user)
        for value in record.values
    }


def _emailed_link():
    """The download path in the last "your data is ready" e-mail."""
    match = re.search(r"https?://[^/\s]+(/\S*/export/telecharger/\S+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _download(client, user, reauthenticate, commit):
    reauthenticate(client, user)
    with commit(execute=True):
        client.post(reverse("privacy_export_start"))
    export = DataExport.objects.get(user=user)
    response = client.get(_emailed_link())
    assert response.status_code == 200, response.content[:300]
    return export, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _access_page_rows(html: str) -> Counter:
    """(table caption, data label, value shown) for every row of the access page's tables."""
    page = BeautifulSoup(html, "html.parser")
    rows = Counter()
    for table in page.select("table.data-table"):
        caption = " ".join(table.caption.get_text().split())
        for row in table.tbody.find_all("tr"):
            label = " ".join(row.th.get_text().split())
            shown = " ".join(row.find("td").get_text().split())
            rows[(caption, label, shown)] += 1
    return rows


@pytest.mark.policy("P7.1")
def test_access_page_shows_every_declared_value_by_category(client):
    # Given a retoucher with profile, photo, portfolio, bank details and terms acceptance
    user = make_retoucher()
    other = make_client()
    client.force_login(user)
    expected = Counter(
        (
            record.model_name[:1].upper() + record.model_name[1:],
            value.label,
            " ".join(value.display.split()) or "—",
        )
        for record in registry.collect(user)
        for value in record.values
    )
    # When they open the access page
    response = client.get(reverse("privacy_data"))
    assert response.status_code == 200
    text = response.content.decode()
    shown = _access_page_rows(text)
    # Then every value the export holds is shown, in its row, as many times as it is held
    missing = expected - shown
    assert not missing, f"held but not shown: {sorted(missing)}"
    assert sum(expected.values()) >= 25
    # by category, with the values a person recognises as theirs
    for heading in [
        "Identité",
        "Coordonnées",
        "Coordonnées bancaires",
        "Profil public et portfolio",
        "Preuves légales",
    ]:
        assert heading in text
    values = {row[2] for row in shown}
    profile = user.provider_profile
    assert {
        user.email,
        user.first_name,
        user.last_name,
        profile.phone,
        profile.website,
        profile.company_name,
        profile.siret,
        "FR7630006000011234567890189",  # their own IBAN, in clear, to them only
        "Détourage",
        "3 février 1985",
        "France",
    } <= values
    assert "publique" in text
    # and nothing of anyone else
    assert other.email not in text and other.last_name not in text


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
    assert status["download_url"] == f"/fr/compte/confidentialite/export/{export.pk}/telecharger/"
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
def test_download_needs_a_recent_reauthentication(client, django_capture_on_commit_callbacks):
    user = make_client()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy_export_start"))
    export = DataExport.objects.get(user=user)
    for link in (_emailed_link(), services.data_export_owner_path(export)):
        response = client.get(link)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.policy("P7.3")
def test_download_link_works_once_and_refuses_tampering_and_expiry(
    client, reauthenticate, django_capture_on_commit_callbacks
):
    user = make_client()
    export, _archive = _download(client, user, reauthenticate, django_capture_on_commit_callbacks)
    used_link = _emailed_link()
    # The e-mailed link worked once; used again it is refused and changes nothing.
    again = client.get(used_link)
    assert again.status_code == 410
    assert "déjà été utilisé" in again.content.decode()
    # The centre's button still works for the owner while the export is available
    assert client.get(services.data_export_owner_path(export)).status_code == 200
    # Tampered: no such link
    assert client.get(used_link[:-3] + "xyz/").status_code == 404
    # Expired after 7 days (and the export is no longer available)
    export.refresh_from_db()
    fresh = services.data_export_link_issue(export)
    with time_machine.travel(export.expires_at + datetime.timedelta(minutes=1)):
        reauthenticate(client, user)
        late = client.get(fresh)
        late_button = client.get(services.data_export_owner_path(export))
    assert late.status_code == 410
    assert "expiré" in late.content.decode()
    assert late_button.status_code == 410
    assert private_storage().exists(export.file.name)  # the purge deletes it, not the refusal


def test_access_page_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    # One query per declared model, whatever the amount of data.
    user = make_retoucher()
    client.force_login(user)
    # Warm the site-wide caches (settings rows, cookie registry, legal state) first.
    client.get(reverse("privacy_data"))
    with django_assert_max_num_queries(len(registry.declarations) + 15):
        response = client.get(reverse("privacy_data"))
    assert response.status_code == 200
