"""Private files (issue 14 §1): data exports, authority exports and clients' photos live in
the private storage, have no public address, are served only to their owner, and exports are
encrypted at rest."""

import hashlib
import importlib
import io
import os
import re
import zipfile

import pytest
from cryptography.fernet import Fernet
from django.apps import apps as django_apps
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from profiles.models import ClientProfile
from profiles.models.privacy import DataExport
from profiles.privacy import services
from profiles.private_files import (
    decrypted_chunks,
    encrypted_chunks,
    private_file_response,
    private_storage,
    private_storage_check,
)
from tests.factories.privacy import make_client, make_retoucher, png_bytes

pytestmark = pytest.mark.django_db


def _export_for(client, user, commit):
    client.force_login(user)
    with commit(execute=True):
        client.post(reverse("privacy_export_start"))
    return DataExport.objects.get(user=user)


@pytest.mark.policy("P6.1", "P7.3")
def test_a_data_export_cannot_be_fetched_from_the_media_address(
    client, served_media, django_capture_on_commit_callbacks
):
    # Given a client whose export is ready
    user = make_client()
    export = _export_for(client, user, django_capture_on_commit_callbacks)
    assert export.file
    # When a stranger, or the owner, asks for it under /media/
    stranger = Client()
    response = stranger.get(settings.MEDIA_URL + export.file.name)
    # Then there is nothing there
    assert response.status_code == 404
    assert client.get(settings.MEDIA_URL + export.file.name).status_code == 404


def _directives(header):
    return {part.strip() for part in header.split(",")}


def _emailed_path():
    match = re.search(r"https?://[^/\s]+(/\S*/export/telecharger/\S+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


@pytest.mark.policy("P6.1", "P6.3")
def test_an_export_is_stored_encrypted_and_streamed_in_clear_to_its_owner(
    client, reauthenticate, django_capture_on_commit_callbacks
):
    # Given a retoucher (IBAN on file) whose export is ready
    user = make_retoucher()
    reauthenticate(client, user)
    export = _export_for(client, user, django_capture_on_commit_callbacks)
    # Then what the storage holds is neither a ZIP nor readable
    with private_storage().open(export.file.name, "rb") as handle:
        stored = handle.read()
    assert not stored.startswith(b"PK")
    assert b"FR7630006000011234567890189" not in stored
    assert str(export.pk) not in export.file.name and user.last_name not in export.file.name
    # And the owner downloads a ZIP holding it, as an attachment nobody caches
    response = client.get(services.data_export_owner_path(export))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert b"FR7630006000011234567890189" in archive.read("bank.csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert {"private", "no-store"} <= _directives(response["Cache-Control"])
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.policy("P6.1", "P7.3")
def test_the_emailed_link_is_an_opaque_token_stored_only_as_its_hash(
    client, reauthenticate, django_capture_on_commit_callbacks
):
    user = make_client()
    export = _export_for(client, user, django_capture_on_commit_callbacks)
    token = _emailed_path().rstrip("/").rsplit("/", 1)[-1]
    # The token says nothing (no export id, nothing to decode) and is not in the database
    assert str(export.pk) not in token and str(export.pk.hex) not in token
    export.refresh_from_db()
    assert export.download_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not DataExport.objects.filter(download_token_hash=token).exists()


@pytest.mark.policy("P6.1", "P7.3")
def test_only_the_owner_can_use_an_export_link_or_button(
    client, reauthenticate, django_capture_on_commit_callbacks
):
    owner, intruder = make_client(), make_client()
    export = _export_for(client, owner, django_capture_on_commit_callbacks)
    links = [_emailed_path(), services.data_export_owner_path(export)]
    # Anonymous: sent to the login page, no file
    for link in links:
        response = Client().get(link)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    # Another user, even re-authenticated: not found
    reauthenticate(client, intruder)
    for link in links:
        assert client.get(link).status_code == 404
    # The owner still can (the intruder used nothing up)
    reauthenticate(client, owner)
    for link in links:
        assert client.get(link).status_code == 200


@pytest.mark.policy("P6.1")
def test_private_files_have_no_public_address():
    with pytest.raises(ImproperlyConfigured):
        private_storage().url("exports/anything.zip.enc")


@pytest.mark.policy("P6.3")
def test_encrypted_frames_round_trip_over_several_chunks_and_after_a_key_rotation(settings):
    from profiles.encryption import _fernet

    clear = os.urandom(3 * 1000 + 17)
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    stored = b"".join(encrypted_chunks(io.BytesIO(clear), chunk_bytes=1000))
    assert clear not in stored
    # A new key put first still reads what the old one wrote
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    assert b"".join(decrypted_chunks(io.BytesIO(stored))) == clear
    _fernet.cache_clear()


@pytest.mark.policy("P6.1")
def test_a_clients_photo_is_private_and_shown_to_that_client_only(client, served_media):
    # Given a client with a photo, and a retoucher (whose photo is public)
    user, other = make_client(), make_client()
    profile = ClientProfile.objects.get(user=user)
    profile.photo.save("mine.png", ContentFile(png_bytes((10, 160, 60))))
    photo = profile.photo
    assert photo.name.startswith("clients/photos/") and "mine" not in photo.name
    retoucher = make_retoucher()
    public_photo = retoucher.provider_profile.photo
    # Then the photo is not under /media/, where the retoucher's is
    assert Client().get(settings.MEDIA_URL + photo.name).status_code == 404
    assert Client().get(public_photo.url).status_code == 200
    # The account page shows it through the owner's view
    client.force_login(user)
    page = client.get(reverse("account_overview")).content.decode()
    assert f'src="{reverse("account_client_photo")}"' in page
    response = client.get(reverse("account_client_photo"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == photo.storage.open(photo.name).read()
    assert {"private", "no-store"} <= _directives(response["Cache-Control"])
    assert response["Content-Type"] == "image/png"
    # Another client gets their own photo, never this one; a stranger the login page
    client.force_login(other)
    theirs = b"".join(client.get(reverse("account_client_photo")).streaming_content)
    assert theirs != photo.storage.open(photo.name).read()
    assert Client().get(reverse("account_client_photo")).status_code == 302


def test_the_migration_moves_exports_and_client_photos_out_of_public_media(served_media):
    # Given an export and a client photo left in the public storage by the old code
    user = make_client()
    profile = ClientProfile.objects.get(user=user)
    old_photo = default_storage.save("profiles/photos/client-old.png", ContentFile(b"photo"))
    old_zip = default_storage.save("privacy/exports/1/retoucherie.zip", ContentFile(b"PK-zip"))
    ClientProfile.objects.filter(pk=profile.pk).update(photo=old_photo)
    export = DataExport.objects.create(user=user, file=old_zip)
    # When the data migration runs
    migration = importlib.import_module(
        "profiles.migrations.0009_move_private_files_out_of_public_media"
    )
    migration.forwards(django_apps, None)
    # Then nothing is left in public media; the photo moved, the export moved encrypted
    assert not default_storage.exists(old_photo) and not default_storage.exists(old_zip)
    profile.refresh_from_db()
    export.refresh_from_db()
    assert private_storage().open(profile.photo.name).read() == b"photo"
    with private_storage().open(export.file.name) as handle:
        assert b"".join(decrypted_chunks(handle)) == b"PK-zip"


@pytest.mark.policy("P6.1")
def test_a_bucket_file_is_handed_out_through_a_short_lived_presigned_url():
    from storages.backends.s3 import S3Storage

    # Presigning is computed locally: no request leaves the machine.
    bucket = S3Storage(
        bucket_name="retoucherie-private",
        access_key="test-access-key",
        secret_key="test-secret-key",  # noqa: S106
        region_name="eu-west-3",
        default_acl="private",
        querystring_auth=True,
        querystring_expire=60,
    )
    response = private_file_response("deliveries/abc.png", filename="abc.png", storage=bucket)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://")
    assert "X-Amz-Expires=60" in location and "X-Amz-Signature=" in location
    assert "response-content-disposition=attachment" in location
    assert {"private", "no-store"} <= _directives(response["Cache-Control"])


@pytest.mark.policy("P6.1")
def test_a_private_folder_inside_the_public_media_is_refused_at_start_up(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "profiles.private_files.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media" / "private"},
        },
    }
    assert [error.id for error in private_storage_check()] == ["profiles.E012"]
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"]}}
    settings.STORAGES["private"]["OPTIONS"] = {"location": tmp_path / "private"}
    assert private_storage_check() == []
    # The tests' in-memory store publishes nothing, wherever it says it is
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "profiles.private_files.PrivateInMemoryStorage"},
    }
    assert private_storage_check() == []
