"""No form asks for sensitive data; every free-text field warns against it (policy §2)."""

import re

import pytest
from django import forms

from profiles import forms as profile_forms
from tests.factories.profiles import client_create, provider_create

SENSITIVE = re.compile(
    r"religi|origine|ethni|race|santé|health|handicap|politi|syndic|sexu|orientation|"
    r"croyance|convictions|biométri|génétique",
    re.IGNORECASE,
)


def every_form(client_profile, provider):
    return [
        profile_forms.ClientSignupForm(),
        profile_forms.ProviderSignupForm(),
        profile_forms.PersonalDetailsForm(profile=client_profile),
        profile_forms.PersonalDetailsForm(profile=provider),
        profile_forms.CompanyDetailsForm(profile=client_profile),
        profile_forms.CompanyDetailsForm(profile=provider),
        profile_forms.ProviderActivityForm(provider=provider),
        profile_forms.BankDetailsForm(provider=provider),
        profile_forms.PortfolioImageAddForm(provider=provider),
        profile_forms.PortfolioImageForm(),
    ]


@pytest.mark.policy("P2.19")
def test_no_field_asks_for_sensitive_data(locales):
    for form in every_form(client_create(), provider_create()):
        for name, field in form.fields.items():
            assert not SENSITIVE.search(name), (type(form).__name__, name)
            assert not SENSITIVE.search(str(field.label)), (type(form).__name__, name)


@pytest.mark.policy("P2.19", "P2.7")
def test_every_free_text_field_warns_against_sensitive_data(locales):
    free_text = 0
    for form in every_form(client_create(), provider_create()):
        for name, field in form.fields.items():
            if isinstance(field.widget, forms.Textarea) or name in ("title", "alt_text"):
                free_text += 1
                assert "aucune donnée sensible" in str(field.help_text), (type(form).__name__, name)
    assert free_text >= 5


@pytest.mark.policy("P1.2", "P7.2")
def test_the_rectification_forms_mark_mandatory_fields_as_sign_up_does(locales):
    form = profile_forms.PersonalDetailsForm(profile=provider_create())
    assert form.fields["birth_date"].mandatory and form.fields["birth_date"].reason
    assert not form.fields["city"].mandatory
    company = profile_forms.CompanyDetailsForm(profile=client_create())
    assert company.fields["siret"].mandatory and not company.fields["siret"].required
