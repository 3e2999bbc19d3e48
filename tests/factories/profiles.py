"""Accounts and profiles made through the services, as the application makes them."""

import datetime
import itertools

from allauth.account.models import EmailAddress
from stdnum import luhn

from profiles import services
from profiles.models import ClientProfile, LegalStructure, ProviderProfile
from tests.factories.images import uploaded_image

PASSWORD = "Un-mot-de-passe-solide-42"
_counter = itertools.count(1)


def valid_siret(seed: int = 1) -> str:
    base = f"{73282932 + seed:08d}"[:8]
    siren = base + luhn.calc_check_digit(base)
    nic = f"{seed % 10000:04d}"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def vat_for(siret: str) -> str:
    siren = siret[:9]
    return f"FR{int(siren + '12') % 97:02d}{siren}"


def personal(**overrides) -> services.PersonalData:
    values = {
        "birth_date": datetime.date(1985, 3, 9),
        "country_of_residence": "FR",
        "nationality": "FR",
        "address": "1 rue de la Paix",
        "postcode": "75002",
        "city": "Paris",
    }
    return services.PersonalData(**{**values, **overrides})


def company(seed: int = 1, **overrides) -> services.CompanyData:
    siret = valid_siret(seed)
    values = {
        "legal_structure": LegalStructure.SAS,
        "company_name": "Studio Test SAS",
        "company_country": "FR",
        "siret": siret,
        "vat_number": vat_for(siret),
    }
    return services.CompanyData(**{**values, **overrides})


def user_create(email: str | None = None, *, verified: bool = True, **fields):
    email = email or f"user{next(_counter)}@example.test"
    user = services.user_register(
        email=email,
        password=PASSWORD,
        first_name=fields.pop("first_name", "Jeanne"),
        last_name=fields.pop("last_name", "Dupont"),
    )
    for name, value in fields.items():
        setattr(user, name, value)
    if fields:
        user.save()
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def client_create(email: str | None = None, *, kind=ClientProfile.Kind.INDIVIDUAL) -> ClientProfile:
    user = user_create(email)
    return services.client_profile_create(
        user=user,
        kind=kind,
        personal=personal(),
        company=company(next(_counter)) if kind == ClientProfile.Kind.COMPANY else None,
        comment="Photos de famille.",
    )


def provider_create(email: str | None = None, **overrides) -> ProviderProfile:
    user = user_create(email)
    values = {
        "kind": ProviderProfile.Kind.NATURAL_PERSON,
        "personal": personal(),
        "company": company(next(_counter)),
        "photo": uploaded_image(),
    }
    return services.provider_create(user=user, **{**values, **overrides})
