"""Legal editors manage the registry in Wagtail; proofs of consent can be read, never edited."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from legal.consent.selectors import registry_version
from legal.models import ConsentRecord, CookieService

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo_site):
    client.force_login(get_user_model().objects.get(email="admin@retoucherie.test"))
    return client


def test_the_registry_and_the_proofs_are_listed_in_the_admin(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_legal_cookieservice:list"))
    assert response.status_code == 200
    assert "Google Analytics" in response.text
    admin_client.post(
        "/fr/cookies/choix/", {"action": "reject_all"}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    response = admin_client.get(reverse("wagtailsnippets_legal_consentrecord:list"))
    assert response.status_code == 200
    assert "tout refusé" in response.text


def test_proofs_of_consent_cannot_be_added_edited_or_deleted_even_by_a_superuser(admin_client):
    admin_client.post(
        "/fr/cookies/choix/", {"action": "accept_all"}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    record = ConsentRecord.objects.get()
    for url in (
        reverse("wagtailsnippets_legal_consentrecord:add"),
        reverse("wagtailsnippets_legal_consentrecord:edit", args=[record.pk]),
        reverse("wagtailsnippets_legal_consentrecord:delete", args=[record.pk]),
    ):
        response = admin_client.post(url, {})
        assert response.status_code in (302, 403), url
    assert ConsentRecord.objects.get() == record
    inspect = admin_client.get(
        reverse("wagtailsnippets_legal_consentrecord:inspect", args=[record.pk])
    )
    assert inspect.status_code == 200


def test_deleting_a_service_in_the_admin_starts_a_new_registry_version(admin_client):
    service = CookieService.objects.get(key="google_analytics", locale__language_code="fr")
    before = registry_version()
    response = admin_client.post(
        reverse("wagtailsnippets_legal_cookieservice:delete", args=[service.pk])
    )
    assert response.status_code == 302
    assert registry_version() == before + 1
