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
from tests.factories.privacy import make_client

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


@pytest.mark.policy("P6.1", "P7.3", "P2.4")
def test_no_address_of_a_private_file_answers_anyone_but_its_owner(
    client, served_media, reauthenticate, django_capture_on_commit_callbacks
):
    # Given a client with a photo and a data export ready, and another client without a photo
    owner, intruder = make_client(), make_client()
    ClientProfile.objects.filter(user=intruder).update(photo="")
    reauthenticate(client, owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy_export_start"))
    export = DataExport.objects.get(user=owner)
    photo = ClientProfile.objects.get(user=owner).photo
    private = {
        photo.name: photo.storage.open(photo.name).read(),
        export.file.name: b"".join(decrypted_chunks(export.file.storage.open(export.file.name))),
    }
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
    # ...and the addresses the files would have if public media served them
    found |= {settings.MEDIA_URL + name for name in private}
    # (the crawl is not vacuous: it saw the account area and each way to a private file)
    assert len(pages) >= 5
    assert {_view_name(path) for path in found} >= PRIVATE_VIEWS
    contents = set(private.values())

    # Then no address gives a private file to a stranger or to another logged-in user
    stranger = Client()
    other = Client()
    reauthenticate(other, intruder)
    for path in sorted(found):
        for who, visitor in (("stranger", stranger), ("other user", other)):
            response = visitor.get(path)
            assert response.status_code in (302, 404), (who, path, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("account_login")), (who, path)
            else:
                assert _body(response) not in contents, (who, path)
            if who == "other user":
                assert response.status_code == 404, (who, path)
    # And every private-download address gives the owner the file itself; /media/ nothing
    for path in sorted(found):
        response = client.get(path)
        if path.startswith(settings.MEDIA_URL):
            assert response.status_code == 404, path
        else:
            assert response.status_code == 200, path
            assert _body(response) in contents, path
