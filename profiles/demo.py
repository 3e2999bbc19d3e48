"""Demo accounts for `manage.py seed_demo`: clients, retouchers, skills, portfolios, staff MFA.

Every value is fake but valid (SIRET, VAT, IBAN pass their checksums), every image is drawn
with Pillow. Dev only, like the seeder that runs this. Other seeders (and the showcase's
24 directory retouchers) reuse `demo_provider_create` or the services directly.
"""

import datetime
import io
import random

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import Q
from PIL import Image, ImageDraw
from stdnum import iban as iban_number
from stdnum import luhn
from stdnum.fr import tva
from wagtail.models import Locale

from legal.demo_accounts import demo_user
from profiles import services
from profiles.models import Clientele, ClientProfile, LegalStructure, ProviderProfile, Skill

# Dev only, documented in README.md: the TOTP secret of every staff demo account (add it to an
# authenticator app, or compute the code). Their password is legal.demo_accounts.DEMO_PASSWORD.
DEMO_TOTP_SECRET = "RETOUCHERIEDEMOSTAFFTOTPSECRET22"
DEMO_DOMAIN = "@retoucherie.test"

CLIENT_EMAIL = "client@retoucherie.test"
COMPANY_CLIENT_EMAIL = "entreprise@retoucherie.test"
PROVIDER_EMAIL = "retoucheur@retoucherie.test"
STUDIO_EMAIL = "studio@retoucherie.test"

SKILLS = [
    ("detourage", "Détourage", "Background removal"),
    ("retouche-beaute", "Retouche beauté", "Beauty retouching"),
    ("colorimetrie", "Étalonnage et colorimétrie", "Colour grading"),
    ("restauration", "Restauration de photos anciennes", "Old photo restoration"),
    ("packshot", "Retouche produit (e-commerce)", "Product retouching (e-commerce)"),
    ("compositing", "Photomontage", "Compositing"),
    ("immobilier", "Retouche immobilière", "Real-estate retouching"),
]


def fake_siret(seed: int) -> str:
    """A SIRET that passes the Luhn check (the SIREN inside passes it too)."""
    rng = random.Random(seed)  # noqa: S311 - demo numbers, not secrets
    siren_base = f"{rng.randint(10_000_000, 99_999_999)}"
    siren = siren_base + luhn.calc_check_digit(siren_base)
    nic_base = f"{rng.randint(0, 9999):04d}"
    return siren + nic_base + luhn.calc_check_digit(siren + nic_base)


def fake_vat_for(siret: str) -> str:
    siren = siret[:9]
    # The French VAT key: (12 + 3 × (SIREN mod 97)) mod 97, as stdnum.fr.tva checks it.
    vat = f"FR{int(siren + '12') % 97:02d}{siren}"
    tva.validate(vat)
    return vat


def fake_french_iban(seed: int) -> str:
    """A French IBAN with a correct RIB key and IBAN check digits."""
    rng = random.Random(seed)  # noqa: S311 - demo numbers, not secrets
    bank, branch, account = (
        f"{rng.randint(10000, 39999)}",
        f"{rng.randint(0, 99999):05d}",
        f"{rng.randint(0, 10**11 - 1):011d}",
    )
    rib_key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)
    bban = f"{bank}{branch}{account}{rib_key:02d}"
    number = f"FR00{bban}"
    return f"FR{iban_number.calc_check_digits(number)}{bban}"


def demo_image(seed: int, *, size=(1200, 800), label: str = "") -> ContentFile:
    """An abstract 'photo' drawn with Pillow: a gradient and a few shapes."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    width, height = size
    start = [rng.randint(40, 200) for _ in range(3)]
    end = [rng.randint(60, 255) for _ in range(3)]
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(start, end, strict=True)),
        )
    for _ in range(6):
        x, y = rng.randint(0, width), rng.randint(0, height)
        r = rng.randint(width // 20, width // 5)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour, outline=(255, 255, 255), width=3)
    if label:
        draw.text((24, height - 40), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"demo-{seed}.jpg")


def demo_totp_activate(user) -> None:
    """Give a staff demo account the documented TOTP secret and recovery codes."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    RecoveryCodes.activate(user)


def demo_provider_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    seed: int,
    kind: str = ProviderProfile.Kind.NATURAL_PERSON,
    legal_structure: str = LegalStructure.MICRO,
    company_name: str = "",
    city: str = "Paris",
    postcode: str = "75011",
    preferred_clientele: str = Clientele.BOTH,
    skill_slugs: tuple[str, ...] = (),
    portfolio_size: int = 3,
) -> ProviderProfile:
    """A complete, valid retoucher with a generated portfolio (idempotent by e-mail)."""
    user = demo_user(email, first_name, last_name)
    existing = ProviderProfile.objects.filter(user=user).first()
    if existing:
        return existing
    siret = fake_siret(seed)
    default_locale = Locale.get_default()
    provider = services.provider_create(
        user=user,
        kind=kind,
        personal=services.PersonalData(
            birth_date=datetime.date(1980 + seed % 20, 1 + seed % 12, 1 + seed % 27),
            country_of_residence="FR",
            nationality="FR",
            address=f"{1 + seed % 90} rue de la Lumière",
            postcode=postcode,
            city=city,
        ),
        company=services.CompanyData(
            legal_structure=legal_structure,
            company_name=company_name or f"{first_name} {last_name} Retouche",
            company_country="FR",
            siret=siret,
            vat_number=fake_vat_for(siret),
        ),
        photo=demo_image(seed * 100, size=(400, 400)),
        phone=f"+3361234{seed % 10000:04d}",
        website=f"https://{last_name.lower()}-retouche.example",
        skill_keys=Skill.objects.filter(slug__in=skill_slugs, locale=default_locale).values_list(
            "translation_key", flat=True
        ),
        preferred_clientele=preferred_clientele,
    )
    services.bank_details_update(
        provider=provider,
        iban=fake_french_iban(seed),
        bic="AGRIFRPP",
        holder=company_name or f"{first_name} {last_name}",
    )
    for index in range(portfolio_size):
        services.portfolio_image_add(
            provider=provider,
            file=demo_image(seed * 100 + index + 1, label=f"{first_name} #{index + 1}"),
            title=f"Réalisation {index + 1}",
            alt_text=f"Composition abstraite aux couleurs vives, exemple n° {index + 1}",
        )
    return provider


def seed(stdout):
    _skills()
    client = demo_user(CLIENT_EMAIL, "Camille", "Lefèvre")
    if not ClientProfile.objects.filter(user=client).exists():
        services.client_profile_create(
            user=client,
            kind=ClientProfile.Kind.INDIVIDUAL,
            personal=services.PersonalData(
                birth_date=datetime.date(1990, 5, 14),
                country_of_residence="FR",
                nationality="FR",
                city="Lyon",
                postcode="69003",
            ),
            comment="Je fais retoucher les photos de famille.",
        )
    company_client = demo_user(COMPANY_CLIENT_EMAIL, "Hugo", "Bernard")
    if not ClientProfile.objects.filter(user=company_client).exists():
        siret = fake_siret(7)
        services.client_profile_create(
            user=company_client,
            kind=ClientProfile.Kind.COMPANY,
            personal=services.PersonalData(
                birth_date=datetime.date(1978, 11, 2),
                country_of_residence="FR",
                nationality="FR",
                address="8 quai des Marques",
                postcode="33000",
                city="Bordeaux",
            ),
            company=services.CompanyData(
                legal_structure=LegalStructure.SAS,
                company_name="Boutique Bernard SAS",
                company_country="FR",
                siret=siret,
                vat_number=fake_vat_for(siret),
            ),
        )
    demo_provider_create(
        email=PROVIDER_EMAIL,
        first_name="Léa",
        last_name="Moreau",
        seed=11,
        skill_slugs=("detourage", "retouche-beaute"),
        preferred_clientele=Clientele.INDIVIDUALS,
    )
    demo_provider_create(
        email=STUDIO_EMAIL,
        first_name="Karim",
        last_name="Haddad",
        seed=23,
        kind=ProviderProfile.Kind.LEGAL_PERSON,
        legal_structure=LegalStructure.SAS,
        company_name="Studio Lumière SAS",
        city="Marseille",
        postcode="13001",
        skill_slugs=("packshot", "colorimetrie", "compositing"),
        preferred_clientele=Clientele.PROFESSIONALS,
    )
    staff = (
        get_user_model()
        .objects.filter(email__endswith=DEMO_DOMAIN)
        .filter(
            Q(is_staff=True)
            | Q(is_superuser=True)
            | Q(groups__permissions__codename="access_admin")
            | Q(user_permissions__codename="access_admin")
        )
        .distinct()
    )
    for user in staff:
        demo_totp_activate(user)
    stdout.write("Demo clients, retouchers and staff two-factor authentication are ready.")


def _skills():
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.filter(language_code="en").first()
    for slug, name_fr, name_en in SKILLS:
        skill, _created = Skill.objects.get_or_create(
            slug=slug, locale=fr, defaults={"name": name_fr}
        )
        if (
            en
            and not Skill.objects.filter(translation_key=skill.translation_key, locale=en).exists()
        ):
            translated = skill.copy_for_translation(en)
            translated.name = name_en
            translated.save()
