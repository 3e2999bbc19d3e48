"""Demo retouchers for `manage.py seed_demo`: 24 published showcases with portfolios.

Every retoucher gets full private data too (surname, e-mail, phone, address, birth date,
company name, SIRET, VAT number, IBAN — all valid-looking, made with python-stdnum) so that
the leak test (tests/profiles/test_showcase_leaks.py) has something real to look for.
Creating a retoucher happens in one place, `provider_create`, which the accounts
work can switch to `profiles.services` later. Images are drawn with Pillow: no download.
"""

import datetime
import io
import random
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from stdnum import iban, luhn
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site, WorkflowPage

from legal.demo_accounts import demo_password_hash
from legal.localization import page_translate
from profiles.models import (
    Clientele,
    PortfolioImage,
    ProviderIndexPage,
    ProviderProfile,
    ProviderShowcasePage,
    Skill,
    User,
)
from profiles.services import PORTFOLIOS_COLLECTION_NAME
from profiles.showcase.services import (
    portfolio_renditions_generate,
    showcase_reviewers_may_publish,
    showcase_workflow,
)

DEMO_PROVIDER_COUNT = 24
PROVIDER_EMAIL = "retoucheur{n:03d}@retoucherie.test"

DIRECTORY_FR = {
    "title": "Nos retoucheurs",
    "slug": "retoucheurs",
    "intro": "Des retoucheurs photo indépendants, vérifiés par notre équipe : parcourez leurs "
    "portfolios, leurs avis clients et choisissez celui qui vous convient.",
    "empty_text": "Aucun retoucheur ne correspond pour l’instant à ces critères.",
}
DIRECTORY_EN = {
    "title": "Our retouchers",
    "slug": "retouchers",
    "intro": "Independent photo retouchers checked by our team: browse their portfolios and "
    "client reviews, and choose the one who suits you.",
    "empty_text": "No retoucher matches these criteria yet.",
}
SKILLS = [
    ("retouche-beaute", "Retouche beauté", "Beauty retouching"),
    ("detourage", "Détourage", "Clipping paths"),
    ("packshot", "Packshot produit", "Product packshots"),
    ("restauration", "Restauration de photos anciennes", "Old photo restoration"),
    ("immobilier", "Photo immobilière", "Real-estate photos"),
    ("colorimetrie", "Étalonnage et colorimétrie", "Colour grading"),
    ("mariage", "Photos de mariage", "Wedding photos"),
    ("montage", "Photomontage", "Photo compositing"),
]
SERVICES = [
    ("Retouche beauté et mode", "Beauty and fashion retouching"),
    ("Détourage et packshots e-commerce", "E-commerce clipping and packshots"),
    ("Restauration de photos de famille", "Family photo restoration"),
    ("Retouche de photos immobilières", "Real-estate photo retouching"),
    ("Étalonnage pour photographes", "Colour grading for photographers"),
    ("Retouche de photos de mariage", "Wedding photo retouching"),
]
FIRST_NAMES = [
    "Camille",
    "Léa",
    "Hugo",
    "Manon",
    "Louis",
    "Chloé",
    "Jules",
    "Inès",
    "Arthur",
    "Zoé",
    "Nathan",
    "Jade",
    "Théo",
    "Lina",
    "Raphaël",
    "Emma",
    "Noah",
    "Sarah",
    "Gabriel",
    "Lou",
    "Adam",
    "Alice",
    "Victor",
    "Rose",
]
SURNAMES = [
    "Vasseur",
    "Chevalier",
    "Lemaire",
    "Fontaine",
    "Mercier",
    "Garnier",
    "Rousseau",
    "Blanchard",
    "Guerin",
    "Morel",
    "Faure",
    "Perrin",
    "Dumas",
    "Leclerc",
    "Renaud",
    "Barbier",
    "Aubert",
    "Marchand",
    "Brunet",
    "Giraud",
    "Dufour",
    "Gauthier",
    "Roussel",
    "Colin",
]
CITIES = [
    ("Lyon", "69003"),
    ("Paris", "75011"),
    ("Nantes", "44000"),
    ("Lille", "59000"),
    ("Bordeaux", "33000"),
    ("Marseille", "13006"),
    ("Toulouse", "31000"),
    ("Rennes", "35000"),
]
STREETS = ["rue Victor-Hugo", "avenue Jean-Jaurès", "boulevard Voltaire", "rue de la Paix"]


def seed(stdout):
    directory = directory_ensure()
    _editors_may_curate()
    created = 0
    # Tests that only need some demo content seed fewer (config/settings/test.py); the
    # showcase leak test asks for all of them.
    count = getattr(settings, "SHOWCASE_DEMO_COUNT", DEMO_PROVIDER_COUNT)
    for n in range(1, count + 1):
        if showcase_demo_create(n, directory=directory, translate=True):
            created += 1
    if created:
        stdout.write(f"{created} demo retouchers with published showcases.")
    # Registered last, so it runs after wagtail-localize's own commit callbacks, one of
    # which saves the English directory from a copy taken before its showcases existed.
    transaction.on_commit(lambda: _children_recount(directory))


def _children_recount(directory: ProviderIndexPage) -> None:
    for page in directory.get_translations(inclusive=True):
        Page.objects.filter(pk=page.pk).update(numchild=Page.objects.child_of(page).count())


def _editors_may_curate() -> None:
    """The demo editor can hide portfolio images (orders.demo lets them moderate reviews)."""
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="profiles",
                codename__in=["view_portfolioimage", "change_portfolioimage"],
            )
        )


def directory_ensure() -> ProviderIndexPage:
    """The directory in French (source) and English, below each home page."""
    fr = Locale.objects.get(language_code="fr")
    directory = ProviderIndexPage.objects.filter(locale=fr).first()
    if directory is None:
        home = Site.objects.get(is_default_site=True).root_page.specific
        directory = home.add_child(instance=ProviderIndexPage(locale=fr, **DIRECTORY_FR))
        directory.save_revision().publish()
    workflow = showcase_workflow()
    if workflow and not WorkflowPage.objects.filter(page=directory).exists():
        WorkflowPage.objects.create(page=directory, workflow=workflow)
    en = Locale.objects.filter(language_code="en").first()
    if en and not directory.get_translations().filter(locale=en).exists():
        page_translate(
            source_page=directory,
            locale=en,
            translated_page=ProviderIndexPage(**{**DIRECTORY_FR, **DIRECTORY_EN}),
        )
    for page in directory.get_translations(inclusive=True):
        showcase_reviewers_may_publish(directory=page)
    return directory


def skills_ensure() -> list[Skill]:
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.filter(language_code="en").first()
    skills = []
    for slug, name_fr, name_en in SKILLS:
        skill, _ = Skill.objects.get_or_create(locale=fr, slug=slug, defaults={"name": name_fr})
        if (
            en
            and not Skill.objects.filter(translation_key=skill.translation_key, locale=en).exists()
        ):
            translated = skill.copy_for_translation(en)
            translated.name = name_en
            translated.save()
        skills.append(skill)
    return skills


def company_numbers(rng: random.Random) -> dict:
    """A valid SIRET, the matching French VAT number and a valid French IBAN."""
    siren = "".join(str(rng.randint(0, 9)) for _ in range(8))
    siren += luhn.calc_check_digit(siren)
    siret = siren + f"{rng.randint(1, 999):04d}"
    siret = siret[:13] + luhn.calc_check_digit(siret[:13])
    vat = f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"
    bank, branch = 30004, rng.randint(1, 99999)
    account = rng.randint(10_000_000_000, 99_999_999_999)
    rib_key = 97 - ((89 * bank + 15 * branch + 3 * account) % 97)
    bban = f"{bank:05d}{branch:05d}{account:011d}{rib_key:02d}"
    return {
        "siret": siret,
        "vat_number": vat,
        "iban": f"FR{iban.calc_check_digits('FR00' + bban)}{bban}",
    }


def provider_create(n: int, *, rng: random.Random, skills: list[Skill]) -> ProviderProfile:
    """The one place that creates a demo retoucher with all the data the policy lists."""
    first_name = FIRST_NAMES[(n - 1) % len(FIRST_NAMES)]
    last_name = SURNAMES[(n * 7) % len(SURNAMES)]
    if n > len(FIRST_NAMES):  # the bench makes hundreds: keep surnames distinct
        last_name = f"{last_name}-{SURNAMES[n % len(SURNAMES)]}"
    email = PROVIDER_EMAIL.format(n=n)
    user = User.objects.create(
        email=email, password=demo_password_hash(), first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    city, postcode = CITIES[n % len(CITIES)]
    numbers = company_numbers(rng)
    provider = ProviderProfile(
        user=user,
        kind=ProviderProfile.Kind.NATURAL_PERSON,
        birth_date=datetime.date(1975 + n % 25, 1 + n % 12, 1 + n % 27),
        country_of_residence="FR",
        nationality="FR",
        address=f"{10 + n} {STREETS[n % len(STREETS)]}",
        postcode=postcode,
        city=city,
        # 06 1x xx xx xx: a block of French mobile numbers phonenumbers knows as valid.
        phone=f"+3361{rng.randint(0, 9_999_999):07d}",
        legal_structure="micro",
        company_name=f"Atelier {last_name} Retouche",
        preferred_clientele=[Clientele.BOTH, Clientele.INDIVIDUALS, Clientele.PROFESSIONALS][n % 3],
        bank_account_holder=f"{first_name} {last_name}",
        **numbers,
    )
    provider.photo.save(
        f"avatar-{uuid.uuid4().hex[:12]}.png", ContentFile(_avatar(rng)), save=False
    )
    provider.full_clean()
    provider.save()
    provider.skills.set(rng.sample(skills, k=1 + n % 3))
    return provider


def showcase_demo_create(
    n: int,
    *,
    directory: ProviderIndexPage,
    translate: bool = True,
    images: int | None = None,
) -> ProviderShowcasePage | None:
    """Retoucher number n with a portfolio and a published showcase (idempotent); orders.demo
    adds the reviews."""
    if User.objects.filter(email=PROVIDER_EMAIL.format(n=n)).exists():
        return None
    rng = random.Random(n)  # noqa: S311 - demo data, not secrets
    provider = provider_create(n, rng=rng, skills=skills_ensure())
    portfolio_create(provider, count=images if images is not None else 3 + n % 4, rng=rng)
    portfolio_renditions_generate(provider=provider)
    service_fr, service_en = SERVICES[n % len(SERVICES)]
    page = ProviderShowcasePage(
        title=service_fr,
        service_title=service_fr,
        intro=f"{service_fr} : un travail précis, des échanges simples et des délais tenus. "
        "Envoyez vos photos, je vous propose un devis sous 24 heures.",
        slug=slugify(f"{provider.user.first_name} {provider.user.last_name[:1]} {n}"),
        provider=provider,
        featured=n <= 4,
        locale=directory.locale,
    )
    directory.add_child(instance=page)
    page.save_revision().publish()
    if translate:
        en = Locale.objects.filter(language_code="en").first()
        if en:
            page_translate(
                source_page=page,
                locale=en,
                translated_page=ProviderShowcasePage(
                    title=service_en,
                    service_title=service_en,
                    intro=f"{service_en}: careful work, simple exchanges and deadlines kept. "
                    "Send your photos and get a quote within 24 hours.",
                    slug=page.slug,
                    provider=provider,
                ),
            )
    return page


def portfolio_create(provider: ProviderProfile, *, count: int, rng: random.Random) -> None:
    Image = get_image_model()
    collection = _demo_collection()
    titles = [
        "Portrait studio",
        "Bijou sur fond blanc",
        "Salon lumineux",
        "Paysage d’automne",
        "Photo de famille restaurée",
        "Chaussure détourée",
        "Robe de mariée",
    ]
    for i in range(count):
        title = titles[(i + rng.randint(0, 6)) % len(titles)]
        image = Image(
            title=title,
            description=f"{title}, après retouche",
            collection=collection,
            file=ImageFile(
                io.BytesIO(_artwork(rng)), name=f"portfolio-{uuid.uuid4().hex[:12]}.jpg"
            ),
        )
        image.save()
        before = None
        if i == 0:
            before = Image(
                title=f"{title} (avant)",
                description=f"{title}, avant retouche",
                collection=collection,
                file=ImageFile(
                    io.BytesIO(_artwork(rng, washed=True)),
                    name=f"portfolio-{uuid.uuid4().hex[:12]}.jpg",
                ),
            )
            before.save()
        PortfolioImage.objects.create(
            provider=provider, image=image, before_image=before, sort_order=i
        )


def _demo_collection() -> Collection:
    # Under the retouchers' portfolios, where editors may only choose images.
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=PORTFOLIOS_COLLECTION_NAME).first()
    parent = parent or root.add_child(name=PORTFOLIOS_COLLECTION_NAME)
    existing = parent.get_children().filter(name="Portfolios de démonstration").first()
    return existing or parent.add_child(name="Portfolios de démonstration")


def _artwork(rng: random.Random, washed: bool = False) -> bytes:
    """A 960×720 abstract picture: a gradient and a few shapes."""
    width, height = 960, 720
    top = tuple(rng.randint(40, 220) for _ in range(3))
    bottom = tuple(rng.randint(40, 220) for _ in range(3))
    image = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 8):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.rectangle([0, y, width, y + 8], fill=colour)
    for _ in range(5):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(40, 220)
        draw.ellipse(
            [x - r, y - r, x + r, y + r], fill=tuple(rng.randint(0, 255) for _ in range(3))
        )
    if washed:
        image = PILImage.blend(image, PILImage.new("RGB", (width, height), (128, 128, 128)), 0.55)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def _avatar(rng: random.Random) -> bytes:
    image = PILImage.new("RGB", (320, 320), tuple(rng.randint(90, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    draw.ellipse([100, 50, 220, 170], fill=(245, 222, 200))
    draw.ellipse([50, 180, 270, 400], fill=tuple(rng.randint(20, 120) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
