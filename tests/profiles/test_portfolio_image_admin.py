"""Portfolio images in Wagtail's image library: editors may choose them, not change,
replace or delete them; and whoever replaces an image's file, the stored file carries no
metadata (policy §6)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.demo import ADMIN_EMAIL, EDITOR_EMAIL
from profiles.models import PortfolioImage, ProviderProfile
from profiles.services import portfolio_image_add
from tests.factories.images import uploaded_image

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0xA431] = "SERIAL-123456"  # body serial number
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (80, 40), (10, 120, 200)).save(buffer, format="JPEG", exif=exif.tobytes())
    content = buffer.getvalue()
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(GPS_IFD)  # the test is honest
    return content


def stored_has_gps(image) -> bool:
    image.refresh_from_db()
    with image.file.storage.open(image.file.name, "rb") as stored:
        content = stored.read()
    return bool(Image.open(io.BytesIO(content)).getexif().get_ifd(GPS_IFD)) or (
        b"SERIAL-123456" in content
    )


def login(client, email):
    client.force_login(get_user_model().objects.get(email=email))
    return client


@pytest.fixture
def portfolio_image(demo_site):
    provider = ProviderProfile.objects.get(user__email="retoucheur@retoucherie.test")
    item = portfolio_image_add(
        provider=provider, file=uploaded_image(), title="Portrait", alt_text="Un portrait"
    )
    return item.image


@pytest.fixture
def site_image(demo_site):
    collection = Collection.objects.get(name="Images du site")
    return get_image_model().objects.create(
        title="Bannière", file=uploaded_image("banniere.jpg"), collection=collection
    )


@pytest.mark.policy("P4.6", "P6.1")
def test_an_editor_cannot_change_replace_or_delete_a_portfolio_image(client, portfolio_image):
    login(client, EDITOR_EMAIL)
    file_name = portfolio_image.file.name
    edit_url = f"/admin/images/{portfolio_image.pk}/"

    assert client.get(edit_url).status_code in (302, 403)
    replaced = client.post(
        edit_url,
        {
            "title": "Remplacée",
            "collection": portfolio_image.collection_id,
            "file": SimpleUploadedFile("autre.jpg", jpeg_with_gps(), "image/jpeg"),
        },
    )
    assert replaced.status_code in (302, 403)
    deleted = client.post(f"/admin/images/{portfolio_image.pk}/delete/")
    assert deleted.status_code in (302, 403)

    portfolio_image.refresh_from_db()
    assert portfolio_image.title == "Portrait" and portfolio_image.file.name == file_name
    listing = client.get("/admin/images/")
    assert listing.status_code == 200
    assert f"/admin/images/{portfolio_image.pk}/" not in listing.text
    # Choosing one for a page stays possible.
    chooser = client.get("/admin/images/chooser/results/", {"q": "Portrait"})
    assert chooser.status_code == 200 and "Portrait" in chooser.text


def test_every_demo_portfolio_image_is_out_of_the_editors_reach(client, demo_site):
    login(client, EDITOR_EMAIL)
    item = PortfolioImage.objects.select_related("image").first()
    assert client.get(f"/admin/images/{item.image.pk}/").status_code in (302, 403)


def test_an_editor_still_edits_the_sites_own_images(client, site_image):
    login(client, EDITOR_EMAIL)
    response = client.post(
        f"/admin/images/{site_image.pk}/",
        {"title": "Bannière d’été", "collection": site_image.collection_id},
    )
    assert response.status_code == 302
    site_image.refresh_from_db()
    assert site_image.title == "Bannière d’été"


@pytest.mark.policy("P6.5")
def test_a_file_replaced_in_the_image_admin_is_stored_without_gps(client, site_image):
    login(client, ADMIN_EMAIL)
    response = client.post(
        f"/admin/images/{site_image.pk}/",
        {
            "title": "Bannière",
            "collection": site_image.collection_id,
            "file": SimpleUploadedFile("vacances.jpg", jpeg_with_gps(), "image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content[:500]
    assert not stored_has_gps(site_image)
    assert (site_image.width, site_image.height) == (80, 40)


@pytest.mark.policy("P6.5")
def test_an_image_added_through_the_admins_multiple_upload_is_stored_without_gps(client, demo_site):
    login(client, ADMIN_EMAIL)
    collection = Collection.objects.get(name="Images du site")
    response = client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("vacances.jpg", jpeg_with_gps(), "image/jpeg"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200 and response.json()["success"], response.content[:500]
    image = get_image_model().objects.get(pk=response.json()["image_id"])
    assert not stored_has_gps(image)


@pytest.mark.policy("P6.5")
def test_an_image_saved_by_a_script_is_stored_without_gps(demo_site):
    image = get_image_model().objects.create(
        title="Script",
        file=SimpleUploadedFile("script.jpg", jpeg_with_gps(), "image/jpeg"),
        collection=Collection.objects.get(name="Images du site"),
    )
    assert not stored_has_gps(image)
