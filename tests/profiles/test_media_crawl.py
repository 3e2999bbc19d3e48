"""Every address of a private file that the site renders or e-mails to its owner answers
that owner only (issue 14 §1): the crawl walks the pages a client sees, reads the e-mails
they get, and requests each media or private-download address as a stranger, as another
logged-in user and as the owner."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from profiles.models import ClientProfile
from profiles.models.privacy import DataExport
from profiles.private_files import decrypted_chunks
from tests.factories.privacy import make_client, make_retoucher

pytestmark = pytest.mark.django_db

# Views that hand out a private file; their addresses are what the crawl must find.
PRIVATE_VIEWS = {"privacy_export_download", "privacy_export_file", "account_client_photo"}
ADDRESS = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")
EMAILED_URL = re.compile(r"https?://\S+")
MAX_PAGES = 60


def _view_name(path):
    try:
        return resolve(urlsplit(path).path).url_name
    except Resolver404:
        return None


def _crawl(client, start):
    """(pages seen, addresses found) from the account area, following its links."""
    queue, seen, found = deque(start), set(), set()
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if path in start:
            assert response.status_code == 200, (path, response.status_code)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for raw in ADDRESS.findall(response.content.decode()):
            link = urljoin(path, raw.replace("&amp;", "&"))
            parts = urlsplit(link)
            if parts.netloc and parts.netloc != "testserver":
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if link.startswith(settings.MEDIA_URL) or _view_name(link) in PRIVATE_VIEWS:
                found.add(link)
            elif link.startswith("/fr/compte/") and "logout" not in link:
                queue.append(link)
    return seen, found


def _body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def _private_files(user, export):
    """{storage name: clear content} of the user's private files."""
    files = {
        export.file.name: b"".join(decrypted_chunks(export.file.storage.open(export.file.name)))
    }
    profile = ClientProfile.objects.filter(user=user).exclude(photo="").first()
    if profile:
        files[profile.photo.name] = profile.photo.storage.open(profile.photo.name).read()
    return files


@pytest.mark.policy("P6.1", "P7.3")
@pytest.mark.parametrize(
    ("make_owner", "expected_views", "public_media_shown"),
    [
        (make_client, PRIVATE_VIEWS, False),
        (make_retoucher, PRIVATE_VIEWS - {"account_client_photo"}, True),
    ],
    ids=["client", "retoucher"],
)
def test_no_address_of_a_private_file_answers_anyone_but_its_owner(
    make_owner,
    expected_views,
    public_media_shown,
    client,
    served_media,
    reauthenticate,
    django_capture_on_commit_callbacks,
):
    # Given a user with a data export ready (a client's photo is private too, a retoucher's
    # public), and a client without a photo
    owner, intruder = make_owner(), make_client()
    ClientProfile.objects.filter(user=intruder).update(photo="")
    reauthenticate(client, owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy_export_start"))
    export = DataExport.objects.get(user=owner)
    private = _private_files(owner, export)
    contents = set(private.values())
    # When we collect every media or private-download address the owner is shown or sent
    start = [
        reverse("account_overview"),
        reverse("account_personal"),
        reverse("privacy_centre"),
        reverse("privacy_data"),
        "/fr/",
    ]
    pages, found = _crawl(client, start)
    status = client.get(reverse("privacy_export_status", args=[export.pk])).json()
    found.add(status["download_url"])
    for message in mail.outbox:
        if owner.email in message.to:
            for url in EMAILED_URL.findall(message.body):
                path = urlsplit(url).path
                if path.startswith(settings.MEDIA_URL) or _view_name(path) in PRIVATE_VIEWS:
                    found.add(path)
    # ...and the addresses the private files would have if public media served them
    private_media = {settings.MEDIA_URL + name for name in private}
    found |= private_media
    # (the crawl is not vacuous: it saw the account area and each way to a private file)
    assert len(pages) >= 5
    assert {_view_name(path) for path in found} >= expected_views
    shown_media = {p for p in found if p.startswith(settings.MEDIA_URL)} - private_media
    assert bool(shown_media) == public_media_shown, shown_media

    # Then no address gives a private file to a stranger or to another logged-in user:
    # public media may answer (a retoucher's photo), never with a private file's bytes
    stranger = Client()
    other = Client()
    reauthenticate(other, intruder)
    for path in sorted(found):
        private_view = _view_name(path) in PRIVATE_VIEWS
        for who, visitor in (("stranger", stranger), ("other user", other)):
            response = visitor.get(path)
            assert _body(response) not in contents, (who, path)
            if path in private_media:
                assert response.status_code == 404, (who, path)
            elif private_view and who == "stranger":
                assert response.status_code == 302, (who, path)
                assert response["Location"].startswith(reverse("account_login")), (who, path)
            elif private_view:
                assert response.status_code == 404, (who, path)
    # And every private-download address gives the owner the file itself; /media/ never does
    for path in sorted(found):
        response = client.get(path)
        if _view_name(path) in PRIVATE_VIEWS:
            assert response.status_code == 200, path
            assert _body(response) in contents, path
        else:
            assert _body(response) not in contents, path
            if path in private_media:
                assert response.status_code == 404, path
