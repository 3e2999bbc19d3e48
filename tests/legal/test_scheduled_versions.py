"""A version published ahead of its "in force" date waits for it: the version in force stays
on the page, the coming one is announced and listed as "à venir"; the "material change" box
starts unticked on every new version."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from legal.demo import LEGAL_EDITOR_EMAIL

pytestmark = pytest.mark.django_db

URL = "/fr/politique-de-confidentialite/"
NEW_SENTENCE = "Une phrase qui n’entre en vigueur que plus tard."


@pytest.fixture
def coming(privacy_fr, publish):
    """Version 1.2 of the privacy policy, published today, in force in ten days."""
    in_force_on = timezone.localdate() + datetime.timedelta(days=10)
    body = list(privacy_fr.body.raw_data) + [
        {"type": "paragraph", "value": f"<p>{NEW_SENTENCE}</p>"}
    ]
    publish(
        privacy_fr,
        version="1.2",
        effective_date=in_force_on,
        change_summary="Une phrase ajoutée.",
        body=body,
    )
    return in_force_on


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_version_in_force_stays_until_the_coming_one_takes_over(client, coming):
    page = _text(client.get(URL))
    assert "Version 1.1, en vigueur depuis le 1er juin 2026" in page
    assert NEW_SENTENCE not in page
    assert "en vigueur depuis le" in page and "Version 1.2, en vigueur depuis" not in page
    assert "À venir : la version 1.2 entrera en vigueur le" in page
    assert f'href="{URL}versions/1.2/"' in page

    with time_machine.travel(coming + datetime.timedelta(hours=12), tick=False):
        page = _text(client.get(URL))
    assert NEW_SENTENCE in page
    assert "Version 1.2, en vigueur depuis le" in page
    assert "À venir" not in page


def test_the_archive_shows_the_coming_version_as_coming(client, coming):
    listing = client.get(f"{URL}versions/").content.decode()
    coming_item = listing[listing.index(f'href="{URL}versions/1.2/"') :]
    coming_item = coming_item[: coming_item.index("</li>")]
    assert "à venir" in coming_item
    in_force_item = listing[listing.index(f'href="{URL}versions/1.1/"') :]
    assert "à venir" not in in_force_item[: in_force_item.index("</li>")]


def test_the_material_change_box_starts_unticked_on_every_new_version(client, privacy_fr, publish):
    publish(privacy_fr, version="1.2", is_material_change=True, change_summary="Important.")
    client.force_login(get_user_model().objects.get(email=LEGAL_EDITOR_EMAIL))
    form = client.get(f"/admin/pages/{privacy_fr.pk}/edit/").context["form"]
    assert form["is_material_change"].value() is False
