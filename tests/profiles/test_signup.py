"""The two sign-up journeys collect exactly what the policy lists (§2), no more, no less."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from legal.models import PolicyAcceptance
from profiles.forms import ClientSignupForm, ProviderSignupForm
from profiles.models import ClientProfile, ProviderProfile
from tests.factories.images import uploaded_image
from tests.factories.profiles import valid_siret, vat_for

CLIENT_URL = "/fr/compte/inscription/client/"
PROVIDER_URL = "/fr/compte/inscription/retoucheur/"
PASSWORD = "Un-mot-de-passe-solide-42"


def client_post(**overrides):
    data = {
        "client_kind": "individual",
        "last_name": "Martin",
        "first_name": "Louise",
        "birth_date": "1990-04-12",
        "country_of_residence": "FR",
        "nationality": "BE",
        "email": "louise@example.test",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "address": "",
        "postcode": "",
        "city": "",
        "comment": "",
        "legal_structure": "",
        "company_name": "",
        "company_country": "FR",
        "siret": "",
        "registration_number": "",
        "vat_number": "",
        "accept_terms": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def provider_post(**overrides):
    siret = valid_siret(42)
    data = {
        "provider_kind": "legal",
        "last_name": "Haddad",
        "first_name": "Karim",
        "birth_date": "1982-02-01",
        "country_of_residence": "FR",
        "nationality": "FR",
        "email": "karim@example.test",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "photo": uploaded_image("portrait.jpg"),
        "legal_structure": "sas",
        "company_name": "Studio Lumière SAS",
        "company_country": "FR",
        "siret": siret,
        "registration_number": "",
        "vat_number": vat_for(siret),
        "preferred_clientele": "professionals",
        "address": "",
        "postcode": "",
        "city": "",
        "phone": "06 12 34 56 78",
        "website": "https://studio.example",
        "accept_terms": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- What is asked --------------------------------------------------------------------------


@pytest.mark.policy("P2.1", "P2.2", "P2.3", "P2.4", "P2.5", "P2.7", "P2.19")
def test_the_client_form_asks_exactly_the_fields_the_policy_lists(locales):
    form = ClientSignupForm()
    assert set(form.fields) == {
        "client_kind",
        "last_name",
        "first_name",
        "birth_date",
        "country_of_residence",
        "nationality",
        "email",
        "password1",
        "password2",
        "address",
        "postcode",
        "city",
        "photo",
        "comment",
        "legal_structure",
        "company_name",
        "company_country",
        "siret",
        "registration_number",
        "vat_number",
    }
    mandatory = {name for name, field in form.fields.items() if field.required}
    assert mandatory == {
        "client_kind",
        "last_name",
        "first_name",
        "birth_date",
        "country_of_residence",
        "nationality",
        "email",
        "password1",
        "password2",
    }
    assert {"address", "postcode", "city", "photo", "comment"}.isdisjoint(mandatory)


@pytest.mark.policy("P2.2", "P2.3", "P2.4", "P2.10", "P2.11", "P2.12", "P2.14", "P2.19")
def test_the_retoucher_form_asks_exactly_the_fields_the_policy_lists(locales):
    form = ProviderSignupForm()
    assert set(form.fields) == {
        "provider_kind",
        "last_name",
        "first_name",
        "birth_date",
        "country_of_residence",
        "nationality",
        "email",
        "password1",
        "password2",
        "photo",
        "legal_structure",
        "company_name",
        "company_country",
        "siret",
        "registration_number",
        "vat_number",
        "preferred_clientele",
        "address",
        "postcode",
        "city",
        "phone",
        "website",
        "skills",
    }
    optional = {name for name, field in form.fields.items() if not field.mandatory}
    assert optional == {"address", "postcode", "city", "phone", "website", "skills"}


@pytest.mark.policy("P1.2")
def test_mandatory_fields_are_marked_with_their_reason_where_they_are_typed(client, terms):
    html = client.get(PROVIDER_URL).content.decode()
    assert "sont obligatoires" in html
    for name in ["last_name", "birth_date", "nationality", "photo", "vat_number"]:
        assert f'id="id_{name}_reason"' in html, name
    assert 'name="birth_date"' in html and 'aria-required="true"' in html
    assert html.count('class="required-mark"') >= 15
    assert "le service est réservé aux personnes majeures" in html
    # The client form marks company fields as mandatory for companies only.
    client_html = client.get(CLIENT_URL).content.decode()
    assert "Obligatoire pour une entreprise" in client_html
    assert 'id="id_siret"' in client_html
    assert '<input type="text" name="siret"' in client_html
    assert 'name="siret" maxlength="20" required' not in client_html


@pytest.mark.policy("P1.2")
def test_sign_up_links_to_the_terms_and_the_privacy_policy(client, terms):
    page, _version, privacy = terms
    html = client.get(CLIENT_URL).content.decode()
    assert f'href="{page.url}"' in html
    assert f'href="{privacy.url}"' in html
    assert 'name="accept_terms"' in html


@pytest.mark.policy("P1.2")
def test_without_published_terms_the_links_and_checkbox_are_left_out(client, locales):
    html = client.get(CLIENT_URL).content.decode()
    assert 'name="accept_terms"' not in html
    assert "Lire les conditions générales" not in html


def test_the_generic_sign_up_address_offers_both_journeys(client, locales):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    assert f'href="{CLIENT_URL}"' in html and f'href="{PROVIDER_URL}"' in html
    assert "Je suis client" in html and "Je suis retoucheur" in html


# --- What is created ------------------------------------------------------------------------


@pytest.mark.policy("P1.1", "P2.1", "P2.2", "P2.7")
def test_an_individual_client_signs_up_and_must_verify_the_email(client, terms):
    _page, version, _privacy = terms
    response = client.post(CLIENT_URL, client_post(comment="Photos de mariage.", city="Lyon"))

    assert response.status_code == 302, response.context["form"].errors
    user = get_user_model().objects.get(email="louise@example.test")
    profile = user.client_profile
    assert (user.last_name, user.first_name) == ("Martin", "Louise")
    assert profile.kind == ClientProfile.Kind.INDIVIDUAL
    assert str(profile.birth_date) == "1990-04-12"
    assert (profile.country_of_residence.code, profile.nationality.code) == ("FR", "BE")
    assert (profile.city, profile.comment) == ("Lyon", "Photos de mariage.")
    assert profile.company_name == "" and profile.siret == ""
    assert not EmailAddress.objects.get(user=user).verified
    assert "confirm" in mail.outbox[-1].body.lower() or "/confirm-email/" in mail.outbox[-1].body
    # Not verified yet: logging in leads to the verification page, not into the account.
    client.logout()
    login = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert login.status_code == 302 and "confirm-email" in login["Location"]
    acceptance = PolicyAcceptance.objects.get(user=user)
    assert acceptance.version == version


@pytest.mark.policy("P2.5")
def test_a_company_client_gives_its_validated_company_information(client, terms):
    siret = valid_siret(9)
    response = client.post(
        CLIENT_URL,
        client_post(
            client_kind="company",
            legal_structure="sarl",
            company_name="Boutique SARL",
            siret=siret[:3] + " " + siret[3:],
            vat_number=vat_for(siret).lower(),
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    profile = ClientProfile.objects.get(user__email="louise@example.test")
    assert profile.kind == "company"
    assert (profile.siret, profile.vat_number) == (siret, vat_for(siret))
    assert profile.company_name == "Boutique SARL"


@pytest.mark.policy("P2.10", "P2.11", "P2.12", "P2.14", "P2.4")
def test_a_legal_person_retoucher_signs_up_with_representative_and_company(client, terms):
    response = client.post(PROVIDER_URL, provider_post())
    assert response.status_code == 302, response.context["form"].errors
    profile = ProviderProfile.objects.get(user__email="karim@example.test")
    assert profile.kind == ProviderProfile.Kind.LEGAL_PERSON
    assert (profile.user.first_name, profile.user.last_name) == ("Karim", "Haddad")
    assert profile.company_name == "Studio Lumière SAS"
    assert profile.phone == "+33612345678"
    assert profile.website == "https://studio.example"
    assert profile.preferred_clientele == "professionals"
    assert profile.photo.name.startswith("profiles/photos/")
    assert "portrait" not in profile.photo.name
    assert PolicyAcceptance.objects.filter(user=profile.user).exists()


# --- What is refused ------------------------------------------------------------------------

CLIENT_MANDATORY = [
    "last_name",
    "first_name",
    "birth_date",
    "country_of_residence",
    "nationality",
    "email",
    "password1",
    "accept_terms",
]


@pytest.mark.policy("P1.2", "P2.1", "P2.2")
@pytest.mark.parametrize("missing", CLIENT_MANDATORY)
def test_each_missing_mandatory_client_field_blocks_sign_up_with_its_message(
    client, terms, missing
):
    response = client.post(CLIENT_URL, client_post(**{missing: None}))
    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert not get_user_model().objects.filter(email="louise@example.test").exists()
    html = response.content.decode()
    assert f'id="id_{missing}_error"' in html or missing == "accept_terms"
    # Everything else typed is kept.
    if missing != "last_name":
        assert 'value="Martin"' in html


COMPANY_MANDATORY = ["legal_structure", "company_name", "siret", "vat_number"]


@pytest.mark.policy("P1.2", "P2.5")
@pytest.mark.parametrize("missing", COMPANY_MANDATORY)
def test_a_company_client_cannot_sign_up_without_its_company_information(client, terms, missing):
    siret = valid_siret(3)
    data = client_post(
        client_kind="company",
        legal_structure="sas",
        company_name="Boutique",
        siret=siret,
        vat_number=vat_for(siret),
    )
    data[missing] = ""
    response = client.post(CLIENT_URL, data)
    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert not ClientProfile.objects.exists()


PROVIDER_MANDATORY = [
    "last_name",
    "first_name",
    "birth_date",
    "country_of_residence",
    "nationality",
    "email",
    "photo",
    "legal_structure",
    "company_name",
    "company_country",
    "siret",
    "vat_number",
    "preferred_clientele",
    "provider_kind",
]


@pytest.mark.policy("P1.2", "P2.4", "P2.10", "P2.12")
@pytest.mark.parametrize("missing", PROVIDER_MANDATORY)
def test_each_missing_mandatory_retoucher_field_blocks_sign_up(client, terms, missing):
    response = client.post(PROVIDER_URL, provider_post(**{missing: None}))
    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert not ProviderProfile.objects.exists()


@pytest.mark.policy("P2.5")
def test_a_bad_siret_is_explained_and_the_rest_of_the_form_is_kept(client, terms):
    siret = valid_siret(5)
    bad = siret[:-1] + str((int(siret[-1]) + 1) % 10)
    response = client.post(
        CLIENT_URL,
        client_post(
            client_kind="company",
            legal_structure="sas",
            company_name="Boutique Dupont",
            siret=bad,
            vat_number=vat_for(siret),
            comment="Mon commentaire",
        ),
    )
    html = response.content.decode()
    assert "Ce numéro SIRET n’est pas valide : la clé de contrôle ne correspond pas." in html
    assert 'value="Boutique Dupont"' in html and "Mon commentaire" in html
    assert 'value="louise@example.test"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.policy("P2.12")
def test_a_vat_number_of_another_company_is_refused(client, terms):
    response = client.post(PROVIDER_URL, provider_post(vat_number=vat_for(valid_siret(77))))
    assert "ne correspond pas au SIRET" in response.content.decode()


def test_a_minor_cannot_sign_up(client, terms, time_machine):
    import datetime

    time_machine.move_to(datetime.datetime(2028, 2, 29, 12, tzinfo=datetime.UTC))
    birth = datetime.date(2012, 2, 29)  # 16 today
    response = client.post(CLIENT_URL, client_post(birth_date=birth.isoformat()))
    assert "au moins 18 ans" in response.content.decode()


@pytest.mark.policy("P2.2")
def test_an_address_already_used_does_not_create_a_second_account_nor_reveal_it(client, terms):
    client.post(CLIENT_URL, client_post())
    client.logout()
    response = client.post(CLIENT_URL, client_post(first_name="Autre"))
    assert response.status_code == 302  # same answer as a new address: no enumeration
    assert get_user_model().objects.filter(email="louise@example.test").count() == 1
    assert get_user_model().objects.get(email="louise@example.test").first_name == "Louise"


@pytest.mark.policy("P2.4")
def test_a_renamed_html_file_is_refused_as_a_profile_photo(client, terms):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("portrait.jpg", b"<html>hi</html>", content_type="image/jpeg")
    response = client.post(PROVIDER_URL, provider_post(photo=fake))
    assert "photo" in response.context["form"].errors
    assert "JPEG, PNG ou WebP" in response.content.decode()
