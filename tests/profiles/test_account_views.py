"""The account area: rectification, bank details, portfolio, and nobody else's data."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from profiles import services
from profiles.models import PortfolioImage, ProviderProfile, Skill
from tests.factories.images import uploaded_image
from tests.factories.profiles import PASSWORD, client_create, provider_create

IBAN = "FR7630006000011234567890189"
PARIS = datetime.timezone(datetime.timedelta(hours=1))


def login(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return response


def _login_lines(html: str) -> tuple[str, str]:
    """The account page's last-login line and previous-login line, as a reader sees them."""
    page = BeautifulSoup(html, "html.parser")
    section = page.find(id="login-title").parent
    last = section.find(class_="last-login")
    previous = section.find(class_="form-help")
    return (
        " ".join(last.get_text().split()),
        " ".join(previous.get_text().split()) if previous else "",
    )


def _as_shown(moment) -> str:
    with translation.override("fr"):
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@pytest.mark.policy("P1.1", "P2.8")
def test_each_login_records_the_date_and_the_account_page_shows_it(client, locales):
    user = client_create().user
    assert user.last_login is None
    # Given a first login on 2 March and a second on 5 March
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 15, tzinfo=PARIS), tick=False):
        login(client, user)
        user.refresh_from_db()
        first = user.last_login
        last, previous = _login_lines(client.get(reverse("account_overview")).text)
    # Then the account page shows the recorded date of that login
    assert first == datetime.datetime(2026, 3, 2, 9, 15, tzinfo=PARIS)
    assert last == f"Dernière connexion : {_as_shown(first)}"
    assert "2 mars 2026" in last
    client.logout()
    with time_machine.travel(datetime.datetime(2026, 3, 5, 18, 40, tzinfo=PARIS), tick=False):
        login(client, user)
        user.refresh_from_db()
        last, previous = _login_lines(client.get(reverse("account_overview")).text)
    # And after the next login, the new date, with the previous one below it
    assert user.last_login == datetime.datetime(2026, 3, 5, 18, 40, tzinfo=PARIS)
    assert last == f"Dernière connexion : {_as_shown(user.last_login)}"
    assert previous.startswith(f"Connexion précédente : {_as_shown(first)}.")


@pytest.mark.policy("P7.2")
def test_personal_details_are_rectified_and_other_posted_fields_ignored(client, locales):
    profile = client_create()
    client.force_login(profile.user)
    response = client.post(
        reverse("account_personal"),
        {
            "last_name": "Durand",
            "first_name": "Jeanne",
            "birth_date": "1985-03-09",
            "country_of_residence": "FR",
            "nationality": "FR",
            "address": "2 rue Neuve",
            "postcode": "69001",
            "city": "Lyon",
            "comment": "Nouveau commentaire",
            # mass assignment attempts
            "is_staff": "on",
            "email": "pirate@example.test",
            "kind": "company",
            "rating_average": "5",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    user = get_user_model().objects.get(pk=profile.user.pk)
    assert (user.last_name, profile.city, profile.comment) == (
        "Durand",
        "Lyon",
        "Nouveau commentaire",
    )
    assert not user.is_staff and user.email != "pirate@example.test"
    assert profile.kind == "individual"


@pytest.mark.policy("P7.2", "P2.5")
def test_company_information_is_validated_when_rectified(client, locales):
    provider = provider_create()
    client.force_login(provider.user)
    response = client.post(
        reverse("account_company"),
        {
            "legal_structure": "sas",
            "company_name": "Nouveau nom",
            "company_country": "FR",
            "siret": "12345678901234",
            "vat_number": provider.vat_number,
        },
    )
    assert response.status_code == 200
    assert "clé de contrôle ne correspond pas" in response.content.decode()
    provider.refresh_from_db()
    assert provider.company_name == "Studio Test SAS"


@pytest.mark.policy("P2.11", "P2.14", "P7.2")
def test_activity_keeps_only_skills_of_the_controlled_list(client, locales):
    fr, _en = locales
    skill = Skill.objects.create(name="Détourage", slug="detourage", locale=fr)
    provider = provider_create()
    client.force_login(provider.user)
    response = client.post(
        reverse("account_activity"),
        {
            "phone": "",
            "website": "",
            "skills": [str(skill.translation_key)],
            "preferred_clientele": "individuals",
        },
    )
    assert response.status_code == 302
    assert list(provider.skills.all()) == [skill]
    provider.refresh_from_db()
    assert provider.preferred_clientele == "individuals"
    refused = client.post(
        reverse("account_activity"),
        {"skills": ["Astrologie"], "preferred_clientele": "both", "phone": "", "website": ""},
    )
    assert "skills" in refused.context["form"].errors


@pytest.mark.policy("P2.13", "P6.3")
def test_bank_details_need_a_recent_login_are_masked_and_trigger_a_security_email(client, locales):
    provider = provider_create()
    client.force_login(provider.user)  # no recent password entry in this session
    response = client.get(reverse("account_bank"))
    assert response.status_code == 302 and "reauthenticate" in response["Location"]

    client.post(response["Location"], {"password": PASSWORD})
    mail.outbox.clear()
    response = client.post(
        reverse("account_bank"),
        {
            "bank_account_holder": "Jeanne Dupont",
            "iban": "fr76 3000 6000 0112 3456 7890 189",
            "bic": "agrifrpp",
        },
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.iban == IBAN
    html = client.get(reverse("account_overview")).content.decode()
    assert "FR76 •••• •••• 0189" in html
    assert IBAN not in html and "3000 6000" not in html
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [provider.user.email]
    assert "FR76 •••• •••• 0189" in mail.outbox[0].body
    assert IBAN not in mail.outbox[0].body
    form_html = client.get(reverse("account_bank")).content.decode()
    assert IBAN not in form_html


@pytest.mark.policy("P2.13")
def test_a_broken_iban_is_refused_with_its_reason(client, locales):
    provider = provider_create()
    login(client, provider.user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(
        reverse("account_bank"),
        {"bank_account_holder": "J", "iban": "FR7630006000011234567890188", "bic": "AGRIFRPP"},
    )
    assert "clé de contrôle ne correspond pas" in response.content.decode()


@pytest.mark.policy("P2.11")
def test_a_retoucher_manages_the_portfolio_without_javascript(client, locales):
    provider = provider_create()
    client.force_login(provider.user)
    for title in ["Un", "Deux", "Trois"]:
        response = client.post(
            reverse("account_portfolio"),
            {"image": uploaded_image(f"{title}.jpg"), "title": title, "alt_text": f"Image {title}"},
        )
        assert response.status_code == 302
    items = list(PortfolioImage.objects.filter(provider=provider))
    assert [i.image.title for i in items] == ["Un", "Deux", "Trois"]
    collection = ProviderProfile.objects.get(pk=provider.pk).portfolio_collection
    assert all(i.image.collection_id == collection.pk for i in items)
    assert items[0].image.description == "Image Un"

    client.post(reverse("account_portfolio_move", args=[items[2].pk]), {"direction": "up"})
    order = [i.image.title for i in PortfolioImage.objects.filter(provider=provider)]
    assert order == ["Un", "Trois", "Deux"]
    client.post(reverse("account_portfolio_delete", args=[items[0].pk]))
    order = [
        (i.image.title, i.sort_order) for i in PortfolioImage.objects.filter(provider=provider)
    ]
    assert order == [("Trois", 0), ("Deux", 1)]
    html = client.get(reverse("account_portfolio")).content.decode()
    assert "Monter" in html and "Descendre" in html


@pytest.mark.policy("P2.11")
def test_the_portfolio_stops_at_thirty_images(locales, monkeypatch):
    provider = provider_create()
    monkeypatch.setattr(services, "PORTFOLIO_MAX_IMAGES", 2)
    for n in range(2):
        services.portfolio_image_add(
            provider=provider, file=uploaded_image(), title=f"{n}", alt_text="x"
        )
    with pytest.raises(Exception, match="maximum"):
        services.portfolio_image_add(
            provider=provider, file=uploaded_image(), title="3", alt_text="x"
        )
    assert services.PORTFOLIO_MAX_IMAGES == 2  # the real cap is 30, checked below
    monkeypatch.undo()
    assert services.PORTFOLIO_MAX_IMAGES == 30


@pytest.mark.policy("P6.1")
def test_a_user_cannot_read_or_change_another_users_portfolio(client, locales):
    owner = provider_create()
    item = services.portfolio_image_add(
        provider=owner, file=uploaded_image(), title="À moi", alt_text="x"
    )
    intruder = provider_create()
    client.force_login(intruder.user)
    assert client.get(reverse("account_portfolio_item", args=[item.pk])).status_code == 404
    assert (
        client.post(
            reverse("account_portfolio_item", args=[item.pk]), {"title": "Volé", "alt_text": "x"}
        ).status_code
        == 404
    )
    assert client.post(reverse("account_portfolio_delete", args=[item.pk])).status_code == 404
    assert (
        client.post(
            reverse("account_portfolio_move", args=[item.pk]), {"direction": "up"}
        ).status_code
        == 404
    )
    item.refresh_from_db()
    assert item.image.title == "À moi"
    html = client.get(reverse("account_portfolio")).content.decode()
    assert "À moi" not in html


@pytest.mark.policy("P6.1")
def test_account_pages_show_only_the_logged_in_users_data(client, locales):
    victim = client_create("victime@example.test")
    intruder = client_create("intrus@example.test")
    client.force_login(intruder.user)
    html = client.get(reverse("account_overview") + f"?user={victim.user.pk}").content.decode()
    assert "intrus@example.test" in html and "victime@example.test" not in html
    client.post(
        reverse("account_personal"),
        {
            "user": victim.user.pk,
            "last_name": "Piraté",
            "first_name": "X",
            "birth_date": "1985-03-09",
            "country_of_residence": "FR",
            "nationality": "FR",
        },
    )
    victim.user.refresh_from_db()
    assert victim.user.last_name == "Dupont"
    # A client has no retoucher pages at all.
    assert client.get(reverse("account_portfolio")).status_code == 404
    assert client.get(reverse("account_activity")).status_code == 404


@pytest.mark.policy("P6.1")
def test_the_account_area_needs_a_login(client, locales):
    for name in ["account_overview", "account_personal", "account_company", "account_portfolio"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.policy("P2.2")
def test_an_unverified_account_cannot_log_in(client, locales):
    profile = client_create("nouveau@example.test")
    EmailAddress.objects.filter(user=profile.user).update(verified=False)
    response = client.post(
        reverse("account_login"), {"login": "nouveau@example.test", "password": PASSWORD}
    )
    assert "confirm-email" in response["Location"]
    assert client.get(reverse("account_overview")).status_code == 302
