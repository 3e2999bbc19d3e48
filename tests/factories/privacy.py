"""Users with profiles, photos, portfolio and terms acceptance, for the privacy-centre tests."""

import datetime
import io
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from legal.models import DocumentKind, LegalPage, PolicyAcceptance
from legal.services import policy_version_record, terms_accept
from profiles.models import ClientProfile, PortfolioImage, ProviderProfile, Skill

PASSWORD = "Un-mot-de-passe-solide-42"
_counter = itertools.count(1)


def png_bytes(color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), color).save(buffer, "PNG")
    return buffer.getvalue()


def make_user(*, email=None, first_name="Zoé", last_name=None, verified=True, **extra):
    n = next(_counter)
    email = email or f"personne{n}@example.test"
    user = get_user_model().objects.create_user(
        email=email,
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name or f"Vasseur{n}",
        **extra,
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def _terms_version():
    existing = LegalPage.objects.filter(kind=DocumentKind.TERMS).first()
    if existing:
        return existing.versions.first()
    locale = Locale.objects.get(language_code="fr")
    root = Page.get_first_root_node()
    page = root.add_child(
        instance=LegalPage(
            title="Conditions générales",
            slug=f"cgu-{next(_counter)}",
            locale=locale,
            kind=DocumentKind.TERMS,
            body=[],
            version="1.0",
            effective_date=datetime.date(2026, 1, 1),
            change_summary="Première version.",
        )
    )
    return policy_version_record(page=page)


def accept_terms(user) -> PolicyAcceptance:
    return terms_accept(user=user, version=_terms_version())


def make_client(**kwargs):
    user = make_user(**kwargs)
    profile = ClientProfile(
        user=user,
        kind=ClientProfile.Kind.INDIVIDUAL,
        birth_date=datetime.date(1990, 5, 17),
        country_of_residence="FR",
        nationality="BE",
        address=f"{next(_counter)} rue des Lilas",
        postcode="69003",
        city="Lyon",
        comment=f"Commentaire unique {user.email}",
    )
    profile.photo.save(f"client-{user.pk}.png", ContentFile(png_bytes()), save=False)
    profile.save()
    accept_terms(user)
    return user


def make_retoucher(**kwargs):
    user = make_user(**kwargs)
    profile = ProviderProfile(
        user=user,
        kind=ProviderProfile.Kind.NATURAL_PERSON,
        birth_date=datetime.date(1985, 2, 3),
        country_of_residence="FR",
        nationality="FR",
        city="Nantes",
        phone=f"+336123456{next(_counter) % 100:02d}",
        website=f"https://portfolio-{user.pk}.example.test",
        legal_structure="micro",
        company_name=f"Atelier {user.last_name}",
        siret="73282932000074",
        iban="FR7630006000011234567890189",
        bic="AGRIFRPP",
        bank_account_holder=f"{user.first_name} {user.last_name}",
    )
    profile.photo.save(
        f"retoucheur-{user.pk}.png", ContentFile(png_bytes((0, 90, 200))), save=False
    )
    profile.save()
    skill, _created = Skill.objects.get_or_create(
        slug="detourage",
        locale=Locale.objects.get(language_code="fr"),
        defaults={"name": "Détourage"},
    )
    profile.skills.add(skill)
    image = get_image_model().objects.create(
        title=f"Portfolio {user.pk}",
        uploaded_by_user=user,
        file=ImageFile(io.BytesIO(png_bytes((10, 200, 10))), name=f"portfolio-{user.pk}.png"),
    )
    PortfolioImage.objects.create(provider=profile, image=image)
    accept_terms(user)
    return user


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)
