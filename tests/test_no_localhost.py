"""Public links — canonical, hreflang, JSON-LD, sitemap, robots.txt, e-mails — use the public
address (SITE_URL), whatever host the request came through: never "localhost"."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from profiles.models import ProviderShowcasePage, SupportRequest
from profiles.privacy import services as privacy_services

pytestmark = pytest.mark.django_db

# As a developer who opened http://localhost:8000/ after `make run` would.
LOCAL = {"HTTP_HOST": "localhost"}


def _public_pages() -> list[str]:
    showcase = ProviderShowcasePage.objects.live().filter(locale__language_code="fr").first()
    return [
        "/fr/",
        "/en/",
        "/fr/retoucheurs/",
        "/en/retouchers/",
        showcase.url,  # /fr/retoucheurs/…/
        "/fr/politique-de-confidentialite/",
        "/en/privacy-policy/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def test_public_pages_link_to_the_public_address_only(client, demo_site):
    for url in _public_pages():
        response = client.get(url, **LOCAL)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "localhost" not in text, url
        if "retouch" in url or url in ("/sitemap.xml", "/robots.txt"):
            assert settings.SITE_URL + "/" in text, url  # full addresses are the public ones


def test_the_canonical_hreflang_and_json_ld_of_a_showcase_use_the_public_address(client, demo_site):
    showcase = ProviderShowcasePage.objects.live().filter(locale__language_code="fr").first()
    html = client.get(showcase.url, **LOCAL).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{showcase.url}">' in html
    assert f'hreflang="en" href="{settings.SITE_URL}/en/' in html
    assert f'"image": "{settings.SITE_URL}/' in html or f'"image":"{settings.SITE_URL}/' in html


def test_e_mails_link_to_the_public_address(client, demo_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"), {"email": "client@retoucherie.test"}, **LOCAL
        )
        request = SupportRequest.objects.create(
            user=mail_owner(), subject="Question", message="Bonjour"
        )
        privacy_services.support_request_answer(request=request, staff=None, answer="Réponse.")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "localhost" not in message.body
    assert settings.SITE_URL + "/fr/" in mail.outbox[0].body  # the reset link


def mail_owner():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="client@retoucherie.test")
