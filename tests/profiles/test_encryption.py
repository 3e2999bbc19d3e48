"""Bank details and MFA secrets are encrypted at rest and survive a key rotation (policy §6)."""

import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from profiles import services
from profiles.models import ProviderProfile
from tests.factories.profiles import provider_create

IBAN = "FR7630006000011234567890189"


def raw_column(pk, column="iban"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM profiles_providerprofile WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.fixture
def provider(locales):
    provider = provider_create()
    services.bank_details_update(provider=provider, iban=IBAN, bic="AGRIFRPP", holder="J. Dupont")
    return provider


@pytest.mark.policy("P2.13", "P6.3")
def test_the_iban_column_holds_ciphertext_and_the_model_gives_back_the_iban(provider):
    stored = raw_column(provider.pk)
    assert IBAN not in stored and "1234567890" not in stored
    assert stored.startswith("gAAAA")  # a Fernet token
    assert "AGRIFRPP" not in raw_column(provider.pk, "bic")
    assert ProviderProfile.objects.get(pk=provider.pk).iban == IBAN


@pytest.mark.policy("P2.13", "P6.3")
def test_after_a_key_rotation_every_row_decrypts_with_the_new_key_alone(provider, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    before = raw_column(provider.pk)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]

    out = io.StringIO()
    call_command("rotate_field_keys", stdout=out)

    assert "re-encrypted" in out.getvalue()
    after = raw_column(provider.pk)
    assert after != before
    assert Fernet(new_key.encode()).decrypt(after.encode()).decode() == IBAN
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is retired
    assert ProviderProfile.objects.get(pk=provider.pk).iban == IBAN
    assert ProviderProfile.objects.get(pk=provider.pk).bic == "AGRIFRPP"


@pytest.mark.policy("P6.3")
def test_totp_secrets_are_encrypted_and_rotated_too(locales, settings):
    user = provider_create().user
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    stored = Authenticator.objects.get(user=user).data["secret"]
    assert "JBSWY3DP" not in stored
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]
    services.field_keys_rotate()
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    authenticator = Authenticator.objects.get(user=user)
    assert TOTP(authenticator).instance.data["secret"] != stored
    from profiles.encryption import decrypt

    assert decrypt(authenticator.data["secret"]) == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.mark.policy("P6.3")
@pytest.mark.parametrize(
    ("keys", "error_id"),
    [
        ([], "profiles.E001"),
        (["pas-une-cle"], "profiles.E002"),
        ([Fernet.generate_key().decode(), "dGVzdA=="], "profiles.E002"),
    ],
)
def test_malformed_encryption_keys_are_a_system_check_error(settings, keys, error_id):
    from profiles.checks import field_encryption_keys_check

    settings.FIELD_ENCRYPTION_KEYS = keys
    assert [error.id for error in field_encryption_keys_check(None)] == [error_id]


def test_valid_encryption_keys_pass_the_system_check(settings):
    from profiles.checks import field_encryption_keys_check

    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode() for _ in range(2)]
    assert field_encryption_keys_check(None) == []
