"""Terms acceptance: proof per version that outlives the account, and the interstitial."""

import datetime

import pytest

from legal.models import AcceptanceMethod, PolicyAcceptance
from tests.factories.privacy import accept_terms, make_user

pytestmark = pytest.mark.django_db

LATER = datetime.date(2026, 9, 1)


@pytest.fixture
def material_terms(terms_fr, publish):
    return publish(
        terms_fr,
        version="2.0",
        effective_date=LATER,
        change_summary="Les frais de service passent à 8 %.",
        is_material_change=True,
    )


@pytest.mark.policy("P5.2")
def test_a_user_deleted_outside_the_erasure_service_leaves_no_acceptance_behind():
    """Only the erasure service decides what outlives an account (profiles.privacy.services
    .account_erase, tested in tests/profiles/test_privacy_erasure.py); a bare delete of a
    client who never bought must not keep their names for ten years."""
    user = make_user(first_name="Léa", last_name="Dupont-Effacée")
    acceptance = accept_terms(user)
    assert (acceptance.first_name, acceptance.last_name) == ("Léa", "Dupont-Effacée")

    user.delete()

    assert not PolicyAcceptance.objects.filter(last_name="Dupont-Effacée").exists()


@pytest.mark.policy("P5.2")
def test_accepting_twice_keeps_the_first_record(demo_site, make_user, terms_fr):
    user = make_user("deux-fois@example.test")
    from legal import services
    from legal.models import PolicyVersion

    version = PolicyVersion.objects.get(page=terms_fr, version="1.0")
    services.terms_accept(user=user, version=version)
    assert PolicyAcceptance.objects.filter(user=user).count() == 1


def test_a_material_terms_change_takes_users_to_the_interstitial(client, make_user, material_terms):
    user = make_user("camille@example.test")
    client.force_login(user)

    response = client.get("/fr/")

    assert response.status_code == 302
    assert response["Location"] == "/fr/juridique/conditions/nouvelle-version/?next=%2Ffr%2F"
    page = client.get(response["Location"])
    assert "Les frais de service passent à 8 %." in page.text
    assert "Passage" in page.text or "passage" in page.text  # the diff is offered


def test_accepting_the_new_terms_records_it_and_lets_the_user_go_on(
    client, make_user, material_terms
):
    user = make_user("camille@example.test")
    client.force_login(user)
    url = "/fr/juridique/conditions/nouvelle-version/"

    refused = client.post(url, {"next": "/fr/"})
    assert refused.status_code == 200
    assert "Cochez la case" in refused.text

    accepted = client.post(url, {"accept": "on", "next": "/fr/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/fr/"
    record = PolicyAcceptance.objects.get(user=user, version__version="2.0")
    assert record.method == AcceptanceMethod.REACCEPTANCE
    assert client.get("/fr/").status_code == 200


def test_the_interstitial_is_in_english_for_english_pages(client, make_user, material_terms):
    client.force_login(make_user("sam@example.test"))
    response = client.get("/en/", follow=True)
    assert "Our terms of use are changing" in response.text


def test_a_minor_terms_change_needs_no_new_acceptance(client, make_user, terms_fr, publish):
    user = make_user("camille@example.test")
    publish(terms_fr, version="1.1", change_summary="Une coquille corrigée.")
    client.force_login(user)
    assert client.get("/fr/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/fr/conditions-generales/",
        "/fr/conditions-generales/versions/",
        "/fr/politique-de-confidentialite/",
        "/en/terms/",
        "/fr/compte/confidentialite/",
        "/en/account/privacy/delete/",
        "/admin/",
    ],
)
def test_legal_pages_privacy_centre_and_admin_stay_reachable_without_accepting(
    client, make_user, material_terms, url
):
    client.force_login(make_user("camille@example.test", is_staff=True, is_superuser=True))
    response = client.get(url)
    assert "nouvelle-version" not in response.get("Location", "")


def test_logout_stays_possible_without_accepting(client, make_user, material_terms):
    client.force_login(make_user("camille@example.test"))
    response = client.post("/fr/compte/logout/")
    assert "nouvelle-version" not in response.get("Location", "")
    assert "_auth_user_id" not in client.session


def test_the_check_asks_the_database_nothing_once_the_session_knows(
    client, make_user, material_terms, django_assert_max_num_queries
):
    client.force_login(make_user("camille@example.test", accepted_terms="2.0"))
    client.get("/fr/")  # warms the cache and the session
    with django_assert_max_num_queries(0):
        from django.test import RequestFactory

        from legal.middleware import SESSION_KEY, TermsAcceptanceMiddleware

        request = RequestFactory().get("/fr/")
        request.user = type("U", (), {"is_authenticated": True})()
        request.session = {SESSION_KEY: "2.0"}
        assert TermsAcceptanceMiddleware(lambda r: "served")(request) == "served"
