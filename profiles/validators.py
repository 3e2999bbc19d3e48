"""Checks on identity, company and bank data (policy §2: "validé"), with maintained libraries.

Each validator raises a translated ValidationError that says what is wrong and what is
expected; forms normalise values with the matching `compact_*` function before saving.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import bic, iban
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.fr import siret, tva

ADULT_AGE = 18


def compact_siret(value: str) -> str:
    return siret.compact(value or "")


def validate_siret(value: str) -> None:
    try:
        siret.validate(value)
    except InvalidLength as error:
        raise ValidationError(
            _("Un numéro SIRET compte 14 chiffres ; vérifiez qu’il n’en manque aucun."),
            code="siret_length",
        ) from error
    except InvalidFormat as error:
        raise ValidationError(
            _("Un numéro SIRET ne contient que des chiffres (14 au total)."), code="siret_format"
        ) from error
    except InvalidChecksum as error:
        raise ValidationError(
            _("Ce numéro SIRET n’est pas valide : la clé de contrôle ne correspond pas."),
            code="siret_checksum",
        ) from error


def compact_vat(value: str) -> str:
    return eu_vat.compact(value or "")


def validate_vat_number(value: str) -> None:
    """French numbers: key computed from the SIREN; other EU numbers: their national format."""
    number = compact_vat(value)
    try:
        if number.startswith("FR"):
            tva.validate(number)
        else:
            eu_vat.validate(number)
    except InvalidChecksum as error:
        raise ValidationError(
            _("Ce numéro de TVA n’est pas valide : la clé ne correspond pas au numéro SIREN."),
            code="vat_checksum",
        ) from error
    except (InvalidFormat, InvalidLength, InvalidComponent) as error:
        raise ValidationError(
            _(
                "Ce numéro de TVA intracommunautaire n’a pas un format valide "
                "(par exemple FR40303265045 ou DE136695976)."
            ),
            code="vat_format",
        ) from error


def vat_matches_siret(vat_number: str, siret_number: str) -> bool:
    """A French VAT number is built on the company's SIREN: both must name the same company."""
    number = compact_vat(vat_number)
    if not number.startswith("FR") or not siret_number:
        return True
    return tva.to_siren(number) == siret.to_siren(compact_siret(siret_number))


def compact_iban(value: str) -> str:
    return iban.compact(value or "")


def validate_iban(value: str) -> None:
    try:
        iban.validate(value)
    except InvalidChecksum as error:
        raise ValidationError(
            _("Cet IBAN n’est pas valide : la clé de contrôle ne correspond pas."),
            code="iban_checksum",
        ) from error
    except (InvalidFormat, InvalidLength, InvalidComponent) as error:
        raise ValidationError(
            _("Cet IBAN n’a pas un format valide (par exemple FR76 3000 6000 0112 3456 7890 189)."),
            code="iban_format",
        ) from error


def compact_bic(value: str) -> str:
    return bic.compact(value or "")


def validate_bic(value: str) -> None:
    try:
        bic.validate(value)
    except (InvalidFormat, InvalidLength, InvalidComponent) as error:
        raise ValidationError(
            _("Ce BIC n’est pas valide : il compte 8 ou 11 caractères (par exemple AGRIFRPP)."),
            code="bic_format",
        ) from error


def validate_adult_birth_date(value: datetime.date) -> None:
    today = timezone.localdate()
    if value >= today:
        raise ValidationError(
            _("La date de naissance doit être dans le passé."), code="birth_date_future"
        )
    had_birthday = (today.month, today.day) >= (value.month, value.day)
    age = today.year - value.year - (0 if had_birthday else 1)
    if age < ADULT_AGE:
        raise ValidationError(
            _("Vous devez avoir au moins 18 ans pour créer un compte."), code="birth_date_minor"
        )
