"""Validators accept real-looking values and reject broken ones (policy §2: "validé")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum import luhn

from profiles.validators import (
    company_details_errors,
    normalize_phone,
    validate_adult_birth_date,
    validate_bic,
    validate_http_url,
    validate_iban,
    validate_siret,
    validate_vat_number,
    vat_matches_siret,
)

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def make_siret(body12: str) -> str:
    """A SIRET whose SIREN (first 9 digits) and whole 14 digits both pass Luhn."""
    siren = body12[:8] + luhn.calc_check_digit(body12[:8])
    body13 = siren + body12[8:12]
    return body13 + luhn.calc_check_digit(body13)


def make_vat(siren: str) -> str:
    return f"FR{int(siren + '12') % 97:02d}{siren}"


def make_fr_iban(bank: int, branch: int, account: int) -> str:
    key = 97 - ((89 * bank + 15 * branch + 3 * account) % 97)
    bban = f"{bank:05d}{branch:05d}{account:011d}{key:02d}"
    return f"FR{stdnum_iban.calc_check_digits('FR00' + bban)}{bban}"


siret_bodies = st.from_regex(r"\A[1-9][0-9]{11}\Z", fullmatch=True)


@pytest.mark.policy("P2.5", "P2.12")
@given(siret_bodies)
def test_every_siret_with_a_correct_luhn_key_is_accepted(body):
    validate_siret(make_siret(body))


@pytest.mark.policy("P2.5", "P2.12")
@given(siret_bodies, st.integers(min_value=1, max_value=9))
def test_a_siret_with_a_wrong_key_is_refused_with_its_reason(body, shift):
    good = make_siret(body)
    bad = good[:-1] + str((int(good[-1]) + shift) % 10)
    with pytest.raises(ValidationError) as error:
        validate_siret(bad)
    assert "clé de contrôle ne correspond pas" in str(error.value)


@pytest.mark.policy("P2.5")
@pytest.mark.parametrize("value", ["1234", "7328293200007A", "732829320000741"])
def test_a_siret_of_the_wrong_shape_is_refused(value):
    with pytest.raises(ValidationError):
        validate_siret(value)


@pytest.mark.policy("P2.5", "P2.12")
@given(st.from_regex(r"\A[1-9][0-9]{7}\Z", fullmatch=True))
def test_a_french_vat_number_is_accepted_when_its_key_matches_the_siren(base):
    siren = base + luhn.calc_check_digit(base)
    validate_vat_number(make_vat(siren))
    assert vat_matches_siret(make_vat(siren), siren + "00011")


@pytest.mark.policy("P2.5", "P2.12")
@given(st.from_regex(r"\A[1-9][0-9]{7}\Z", fullmatch=True), st.integers(1, 96))
def test_a_french_vat_number_with_a_wrong_key_is_refused(base, shift):
    siren = base + luhn.calc_check_digit(base)
    key = (int(siren + "12") % 97 + shift) % 97
    with pytest.raises(ValidationError) as error:
        validate_vat_number(f"FR{key:02d}{siren}")
    assert "ne correspond pas au numéro SIREN" in str(error.value)


@pytest.mark.policy("P2.5")
def test_other_eu_vat_numbers_are_checked_by_their_format():
    validate_vat_number("DE136695976")
    validate_vat_number("BE0403019261")
    with pytest.raises(ValidationError):
        validate_vat_number("DE12")
    with pytest.raises(ValidationError):
        validate_vat_number("XX123456789")


@pytest.mark.policy("P2.5", "P2.12")
def test_a_vat_number_of_another_company_than_the_siret_is_refused():
    siret = make_siret("732829320007")
    other = make_vat("552100554")
    errors = company_details_errors(
        legal_structure="sas",
        company_name="Exemple",
        company_country="FR",
        siret=siret,
        registration_number="",
        vat_number=other,
    )
    assert errors["vat_number"].code == "vat_siret_mismatch"


@pytest.mark.policy("P2.5", "P2.12")
def test_a_company_abroad_gives_a_registration_number_instead_of_a_siret():
    base = {"legal_structure": "foreign", "company_name": "GmbH", "vat_number": "DE136695976"}
    abroad = company_details_errors(company_country="DE", siret="", registration_number="", **base)
    assert set(abroad) == {"registration_number"}
    assert not company_details_errors(
        company_country="DE", siret="", registration_number="HRB 12345", **base
    )
    in_france = company_details_errors(
        company_country="FR", siret="", registration_number="HRB 12345", **base
    )
    assert "siret" in in_france


@pytest.mark.policy("P2.13")
@given(st.integers(10000, 99999), st.integers(0, 99999), st.integers(0, 10**11 - 1))
def test_every_french_iban_with_correct_keys_is_accepted(bank, branch, account):
    validate_iban(make_fr_iban(bank, branch, account))


@pytest.mark.policy("P2.13")
@given(
    st.integers(10000, 99999), st.integers(0, 99999), st.integers(0, 10**11 - 1), st.integers(1, 9)
)
def test_an_iban_with_a_mistyped_digit_is_refused(bank, branch, account, shift):
    good = make_fr_iban(bank, branch, account)
    position = 10
    bad = good[:position] + str((int(good[position]) + shift) % 10) + good[position + 1 :]
    with pytest.raises(ValidationError):
        validate_iban(bad)


@pytest.mark.policy("P2.13")
def test_bic_must_have_8_or_11_characters_of_the_right_kind():
    validate_bic("AGRIFRPP")
    validate_bic("BNPAFRPPXXX")
    for bad in ["AGRI", "12RIFRPP", "AGRIFRPPX"]:
        with pytest.raises(ValidationError):
            validate_bic(bad)


def test_phone_numbers_are_normalised_to_e164():
    assert normalize_phone("06 12 34 56 78") == "+33612345678"
    assert normalize_phone("+49 30 123456") == "+4930123456"
    assert normalize_phone("030 123456", region="DE") == "+4930123456"
    for bad in ["bonjour", "+33 1 23"]:
        with pytest.raises(ValidationError):
            normalize_phone(bad)


def test_only_http_and_https_websites_are_accepted():
    validate_http_url("https://studio.example")
    for bad in ["javascript:alert(1)", "ftp://studio.example", "studio"]:
        with pytest.raises(ValidationError):
            validate_http_url(bad)


@pytest.mark.parametrize(
    ("today", "eighteen_today", "eighteen_tomorrow"),
    [
        (datetime.date(2026, 6, 15), datetime.date(2008, 6, 15), datetime.date(2008, 6, 16)),
        # On 29 February, someone born on 28 February 2010 is 18; on 1 March 2010, 17.
        (datetime.date(2028, 2, 29), datetime.date(2010, 2, 28), datetime.date(2010, 3, 1)),
    ],
)
def test_birth_date_must_be_in_the_past_and_of_an_adult(
    time_machine, today, eighteen_today, eighteen_tomorrow
):
    time_machine.move_to(datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC))
    validate_adult_birth_date(datetime.date(today.year - 30, 1, 15))
    validate_adult_birth_date(eighteen_today)
    with pytest.raises(ValidationError, match="18 ans"):
        validate_adult_birth_date(eighteen_tomorrow)
    with pytest.raises(ValidationError, match="dans le passé"):
        validate_adult_birth_date(today + datetime.timedelta(days=1))
