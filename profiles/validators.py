"""Checks on identity, company and bank data (policy §2: "validé"), with maintained libraries.

Each validator raises a translated ValidationError that says what is wrong and what is
expected; forms normalise values with the matching `compact_*` function before saving.
"""

import datetime
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import bic, iban
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as ValidationError_stdnum
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
    """Upper case, no spaces or dots; an unknown country prefix is left for the validator."""
    if not value:
        return ""
    try:
        return eu_vat.compact(value)
    except ValidationError_stdnum:
        return re.sub(r"[\s.\-]", "", value).upper()


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


def normalize_phone(value: str, *, region: str = "FR") -> str:
    """A phone number in E.164 (+33612345678); national numbers are read for `region`."""
    try:
        number = phonenumbers.parse(value, region or "FR")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _(
                "Ce numéro de téléphone n’est pas lisible : saisissez-le avec l’indicatif du "
                "pays, par exemple +33 6 12 34 56 78."
            ),
            code="phone_format",
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "Ce numéro de téléphone n’existe pas : vérifiez les chiffres et l’indicatif "
                "(par exemple +33 6 12 34 56 78)."
            ),
            code="phone_invalid",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_e164_phone(value: str) -> None:
    if value and normalize_phone(value) != value:
        raise ValidationError(
            _("Le numéro de téléphone doit être au format international (+33612345678)."),
            code="phone_e164",
        )


validate_http_url = URLValidator(
    schemes=["http", "https"],
    message=_("Indiquez l’adresse complète de votre site, commençant par https:// ou http://."),
)


def validate_registration_number(value: str) -> None:
    """A national company registration number outside France: letters, digits, spaces, dashes."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ./-]{2,39}", value or ""):
        raise ValidationError(
            _(
                "Ce numéro d’immatriculation n’a pas un format valide : lettres et chiffres, "
                "de 3 à 40 caractères (par exemple HRB 12345)."
            ),
            code="registration_format",
        )


def company_details_errors(
    *,
    legal_structure: str,
    company_name: str,
    company_country: str,
    siret: str,
    registration_number: str,
    vat_number: str,
) -> dict[str, ValidationError]:
    """The rules across company fields: all mandatory, SIRET in France, VAT of the same SIREN."""
    errors = {}
    if not legal_structure:
        errors["legal_structure"] = ValidationError(
            _("Choisissez la structure juridique de l’entreprise."), code="required"
        )
    if not (company_name or "").strip():
        errors["company_name"] = ValidationError(
            _("Indiquez le nom de l’entreprise, tel qu’il figure sur ses documents officiels."),
            code="required",
        )
    if not company_country:
        errors["company_country"] = ValidationError(
            _("Choisissez le pays où l’entreprise est immatriculée."), code="required"
        )
    if company_country == "FR" and not siret:
        errors["siret"] = ValidationError(
            _("Indiquez le numéro SIRET (14 chiffres) de votre entreprise établie en France."),
            code="required",
        )
    if company_country and company_country != "FR" and not registration_number:
        errors["registration_number"] = ValidationError(
            _(
                "Indiquez le numéro d’immatriculation de l’entreprise dans son pays "
                "(une entreprise établie hors de France n’a pas de SIRET)."
            ),
            code="required",
        )
    if not vat_number:
        errors["vat_number"] = ValidationError(
            _(
                "Indiquez le numéro de TVA intracommunautaire de l’entreprise (par exemple FR40303265045)."
            ),
            code="required",
        )
    elif siret and "siret" not in errors:
        try:
            matches = vat_matches_siret(vat_number, siret)
        except Exception:  # noqa: BLE001 - a malformed number is reported by its own validator
            matches = True
        if not matches:
            errors["vat_number"] = ValidationError(
                _(
                    "Ce numéro de TVA ne correspond pas au SIRET : les deux doivent porter le "
                    "même numéro SIREN (les 9 premiers chiffres du SIRET)."
                ),
                code="vat_siret_mismatch",
            )
    return errors
