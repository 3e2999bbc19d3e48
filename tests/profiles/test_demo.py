"""The demo accounts exist, are valid and can log in (README lists them)."""

import io

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from legal.demo_accounts import DEMO_PASSWORD
from profiles import demo
from profiles.models import ClientProfile, PortfolioImage, ProviderProfile
from profiles.validators import (
    validate_iban,
    validate_siret,
    validate_vat_number,
    vat_matches_siret,
)


def test_the_demo_holds_valid_clients_and_retouchers_and_is_idempotent(
    demo_site, client, django_capture_on_commit_callbacks
):
    providers_after_first_run = ProviderProfile.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())  # a second run changes nothing
    assert ClientProfile.objects.get(user__email=demo.CLIENT_EMAIL).kind == "individual"
    company = ClientProfile.objects.get(user__email=demo.COMPANY_CLIENT_EMAIL)
    assert company.kind == "company"
    natural = ProviderProfile.objects.get(user__email=demo.PROVIDER_EMAIL)
    legal = ProviderProfile.objects.get(user__email=demo.STUDIO_EMAIL)
    assert (natural.kind, legal.kind) == ("natural", "legal")
    for profile in [company, natural, legal]:
        validate_siret(profile.siret)
        validate_vat_number(profile.vat_number)
        assert vat_matches_siret(profile.vat_number, profile.siret)
    for provider in [natural, legal]:
        validate_iban(provider.iban)
        assert PortfolioImage.objects.filter(provider=provider).count() == 3
        assert provider.photo
    assert ProviderProfile.objects.count() == providers_after_first_run
    response = client.post(
        reverse("account_login"), {"login": demo.STUDIO_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response["Location"] == reverse("account_overview")


def test_every_staff_demo_account_has_the_documented_totp(demo_site):
    staff = get_user_model().objects.filter(
        email__in=["admin@retoucherie.test", "editeur@retoucherie.test"]
    )
    assert staff.count() == 2
    for user in staff:
        assert Authenticator.objects.filter(user=user, type="totp").exists()
        assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()


def test_the_skills_snippet_is_registered_for_editors(locales):
    from wagtail.snippets.models import get_snippet_models

    from profiles.models import Skill

    assert Skill in get_snippet_models()
