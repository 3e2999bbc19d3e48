"""The personal-data registry: every personal field of a user-linked model is classified."""

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.test.utils import isolate_apps

from profiles.privacy.registry import (
    Category,
    LegalBasis,
    PersonalDataRegistry,
    PersonalField,
    registry,
)
from tests.factories.mfa import totp_activate


# The access page and the export show what the registry declares: a personal field left
# undeclared would be held without being shown to its owner (P7.1). The other tests check
# the registry itself, not a promise.
@pytest.mark.policy("P7.1")
def test_every_field_of_every_user_linked_model_is_classified():
    # Given every installed model
    # When the registry walks those linked to a user (directly or through a profile)
    # Then none has a field left unclassified
    assert registry.undeclared_fields() == []


def test_the_walk_reaches_profiles_and_models_linked_through_them():
    labels = {m._meta.label for m in registry.user_linked_models()}
    assert {
        "profiles.User",
        "profiles.ClientProfile",
        "profiles.PortfolioImage",
        "legal.PolicyAcceptance",
    } <= labels


@isolate_apps("tests")
def test_a_new_personal_field_left_undeclared_fails_the_check():
    # Given a new model linked to the user, with a free-text field nobody declared
    class LoyaltyCard(models.Model):  # noqa: DJ008 - a throw-away test model
        holder = models.ForeignKey(get_user_model(), on_delete=models.CASCADE, related_name="+")
        nickname = models.CharField(max_length=50)

        class Meta:
            app_label = "tests"

    from django.apps import apps

    every_model = [*apps.get_models(), LoyaltyCard]
    # When the completeness check runs
    problems = registry.undeclared_fields(every_model)
    # Then it names both fields of the new model, and nothing else
    assert problems == ["tests.LoyaltyCard.holder", "tests.LoyaltyCard.nickname"]


@isolate_apps("tests")
def test_declaring_the_new_field_makes_the_check_pass():
    class LoyaltyCard(models.Model):  # noqa: DJ008 - a throw-away test model
        holder = models.ForeignKey(get_user_model(), on_delete=models.CASCADE, related_name="+")
        nickname = models.CharField(max_length=50)

        class Meta:
            app_label = "tests"

    local = PersonalDataRegistry()
    local.declarations = dict(registry.declarations)
    local.exempt = dict(registry.exempt)
    local.declare(
        "tests.LoyaltyCard",
        owner="holder",
        purpose="Fidélité",
        legal_basis=LegalBasis.CONTRACT,
        retention="Jusqu’à la clôture",
        fields={"nickname": PersonalField("Surnom", Category.IDENTITY)},
        not_personal=["holder"],
    )
    from django.apps import apps

    every_model = [*apps.get_models(), LoyaltyCard]
    assert LoyaltyCard in local.user_linked_models(every_model)
    assert local.undeclared_fields(every_model) == []


def test_a_declaration_without_a_purpose_is_refused():
    local = PersonalDataRegistry()
    with pytest.raises(ValueError, match="purpose"):
        local.declare(
            "profiles.User",
            owner="",
            legal_basis=LegalBasis.CONTRACT,
            retention="x",
            fields={"email": PersonalField("E-mail", Category.CONTACT)},
        )


@pytest.mark.django_db
def test_staff_see_the_record_of_processing_generated_from_the_registry(client, django_user_model):
    admin = totp_activate(
        django_user_model.objects.create_superuser(
            email="chef@example.test", password="x-Secret-123"
        )
    )
    client.force_login(admin)
    response = client.get("/admin/confidentialite/registre-des-traitements/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Registre des traitements" in text
    assert "Paiement des prestations et versements aux retoucheurs (Mangopay)" in text
    assert "IBAN" in text
    assert "10 ans après la clôture du compte" in text
