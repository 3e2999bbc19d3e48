"""State changes of accounts and profiles.

Every function takes keyword arguments naming exactly the fields it may change, so a form
that posts more than it should cannot reach anything else (mass assignment).
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from legal.models import AcceptanceMethod, PolicyAcceptance
from legal.selectors import current_version
from legal.services import terms_accept
from profiles import encryption
from profiles.image_privacy import image_clean
from profiles.models import ClientProfile, PortfolioImage, ProviderIndexPage, ProviderProfile, Skill
from profiles.showcase.cache import showcase_cache_invalidate
from profiles.showcase.services import showcase_create_draft, showcase_renditions_request
from profiles.validators import compact_bic, compact_iban, compact_siret, compact_vat

PORTFOLIO_MAX_IMAGES = 30
PORTFOLIOS_COLLECTION_NAME = "Portfolios des retoucheurs"


@dataclass(frozen=True)
class PersonalData:
    """Identity and address the policy (§2) lists for every client and retoucher."""

    birth_date: datetime.date
    country_of_residence: str
    nationality: str
    address: str = ""
    postcode: str = ""
    city: str = ""


@dataclass(frozen=True)
class CompanyData:
    """Company information: mandatory for company clients and every retoucher (§2)."""

    legal_structure: str
    company_name: str
    company_country: str
    siret: str = ""
    registration_number: str = ""
    vat_number: str = ""

    def normalised(self) -> "CompanyData":
        return CompanyData(
            legal_structure=self.legal_structure,
            company_name=self.company_name.strip(),
            company_country=self.company_country,
            siret=compact_siret(self.siret) if self.company_country == "FR" else "",
            registration_number=""
            if self.company_country == "FR"
            else self.registration_number.strip(),
            vat_number=compact_vat(self.vat_number),
        )


EMPTY_COMPANY = CompanyData(legal_structure="", company_name="", company_country="FR")


# --- Sign-up -------------------------------------------------------------------------------


def email_language_of(language_code: str | None) -> str:
    """One of the site's languages for a page language such as "en-gb"; French otherwise."""
    short = (language_code or "").split("-")[0].lower()
    return short if short in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@transaction.atomic
def user_language_set(*, user, language: str) -> None:
    """The one language preference of an account: its e-mails, and for staff the admin and
    Wagtail's own notices (moderation, workflow), which read Wagtail's profile."""
    from wagtail.users.models import UserProfile

    user.language = email_language_of(language)
    user.save(update_fields=["language"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = user.language
    profile.save(update_fields=["preferred_language"])


@transaction.atomic
def user_register(
    *, email: str, password: str, first_name: str, last_name: str, language_code: str = ""
):
    """A new account; its e-mail address is verified by allauth before it can log in. Its
    e-mails are written in the language of the page it signed up on."""
    user = get_user_model()(
        email=get_user_model().objects.normalize_email(email).lower(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        language=email_language_of(language_code),
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def client_profile_create(
    *,
    user,
    kind: str,
    personal: PersonalData,
    company: CompanyData | None = None,
    comment: str = "",
    photo=None,
) -> ClientProfile:
    company = (company or EMPTY_COMPANY).normalised()
    if kind != ClientProfile.Kind.COMPANY:
        company = EMPTY_COMPANY
    profile = ClientProfile(
        user=user, kind=kind, comment=comment.strip(), **asdict(personal), **asdict(company)
    )
    if photo is not None:
        profile.photo = image_clean(photo).file
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def provider_create(
    *,
    user,
    kind: str,
    personal: PersonalData,
    company: CompanyData,
    photo,
    phone: str = "",
    website: str = "",
    skill_keys: Iterable[uuid.UUID | str] = (),
    preferred_clientele: str = ProviderProfile._meta.get_field("preferred_clientele").default,
) -> ProviderProfile:
    """A retoucher's profile. The photo is mandatory (policy §2): it illustrates the showcase."""
    if photo is None:
        raise ValidationError(
            {"photo": _("La photo de profil est obligatoire pour un retoucheur.")}
        )
    profile = ProviderProfile(
        user=user,
        kind=kind,
        phone=phone,
        website=website,
        preferred_clientele=preferred_clientele,
        **asdict(personal),
        **asdict(company.normalised()),
    )
    profile.photo = image_clean(photo).file
    profile.full_clean()
    profile.save()
    profile.skills.set(skills_from_keys(skill_keys))
    return profile


def signup_terms_accept(*, user, language_code: str) -> PolicyAcceptance | None:
    """Record acceptance of the terms in force in the sign-up language, if any are published."""
    version = current_version(kind="terms", language_code=language_code)
    if version is None:
        return None
    return terms_accept(user=user, version=version, method=AcceptanceMethod.SIGNUP)


@transaction.atomic
def client_signup(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    kind: str,
    personal: PersonalData,
    company: CompanyData | None,
    comment: str = "",
    photo=None,
    language_code: str,
):
    user = user_register(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        language_code=language_code,
    )
    client_profile_create(
        user=user, kind=kind, personal=personal, company=company, comment=comment, photo=photo
    )
    signup_terms_accept(user=user, language_code=language_code)
    return user


@transaction.atomic
def provider_signup(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    kind: str,
    personal: PersonalData,
    company: CompanyData,
    photo,
    phone: str = "",
    website: str = "",
    skill_keys: Iterable[uuid.UUID | str] = (),
    preferred_clientele: str,
    language_code: str,
):
    user = user_register(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        language_code=language_code,
    )
    provider = provider_create(
        user=user,
        kind=kind,
        personal=personal,
        company=company,
        photo=photo,
        phone=phone,
        website=website,
        skill_keys=skill_keys,
        preferred_clientele=preferred_clientele,
    )
    signup_terms_accept(user=user, language_code=language_code)
    # Every mandatory field is filled at sign-up: the showcase draft goes to moderation.
    if ProviderIndexPage.objects.filter(locale=Locale.get_default()).exists():
        showcase_create_draft(provider=provider, requested_by=user)
    return user


# --- Rectification (policy §7) --------------------------------------------------------------


@transaction.atomic
def personal_details_update(
    *,
    user,
    profile: ClientProfile | ProviderProfile,
    first_name: str,
    last_name: str,
    personal: PersonalData,
    comment: str | None = None,
    photo=None,
    remove_photo: bool = False,
) -> None:
    if profile.user_id != user.pk:
        raise PermissionError("a profile is changed only by its owner")
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name"])
    for field, value in asdict(personal).items():
        setattr(profile, field, value)
    if comment is not None and isinstance(profile, ClientProfile):
        profile.comment = comment.strip()
    if photo is not None:
        profile.photo = image_clean(photo).file
    elif remove_photo and isinstance(profile, ClientProfile):
        profile.photo = ""
    profile.full_clean()
    profile.save()
    if isinstance(profile, ProviderProfile):
        showcase_cache_invalidate()  # pseudonym, photo and city are public


@transaction.atomic
def company_details_update(
    *,
    profile: ClientProfile | ProviderProfile,
    company: CompanyData,
    client_kind: str | None = None,
) -> None:
    if isinstance(profile, ClientProfile) and client_kind is not None:
        profile.kind = client_kind
    if isinstance(profile, ClientProfile) and profile.kind != ClientProfile.Kind.COMPANY:
        company = EMPTY_COMPANY
    for field, value in asdict(company.normalised()).items():
        setattr(profile, field, value)
    profile.full_clean()
    profile.save()


@transaction.atomic
def provider_activity_update(
    *,
    provider: ProviderProfile,
    phone: str,
    website: str,
    skill_keys: Iterable[uuid.UUID | str],
    preferred_clientele: str,
) -> None:
    provider.phone = phone
    provider.website = website
    provider.preferred_clientele = preferred_clientele
    provider.full_clean()
    provider.save(update_fields=["phone", "website", "preferred_clientele", "updated_at"])
    provider.skills.set(skills_from_keys(skill_keys))
    showcase_cache_invalidate()  # clientele and skills are public


def skills_from_keys(keys: Iterable[uuid.UUID | str]) -> list[Skill]:
    """Skills are stored in the default language; translations share their translation key."""
    keys = list(keys)
    if not keys:
        return []
    default_locale = Locale.get_default()
    skills = {s.translation_key: s for s in Skill.objects.filter(translation_key__in=keys)}
    chosen = []
    for key in {uuid.UUID(str(k)) for k in keys}:
        source = Skill.objects.filter(
            translation_key=key, locale=default_locale
        ).first() or skills.get(key)
        if source is None:
            raise ValidationError({"skills": _("Cette compétence n’existe pas dans la liste.")})
        chosen.append(source)
    return chosen


@transaction.atomic
def bank_details_update(*, provider: ProviderProfile, iban: str, bic: str, holder: str) -> None:
    """Bank details are encrypted at rest (policy §6); the caller sends the security e-mail."""
    provider.iban = compact_iban(iban)
    provider.bic = compact_bic(bic)
    provider.bank_account_holder = holder.strip()
    provider.full_clean()
    provider.save(update_fields=["iban", "bic", "bank_account_holder", "updated_at"])


# --- Portfolio -----------------------------------------------------------------------------


def portfolio_collection_get(provider: ProviderProfile) -> Collection:
    """The Wagtail collection of one retoucher's images, under a shared parent."""
    if provider.portfolio_collection_id:
        return provider.portfolio_collection
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=PORTFOLIOS_COLLECTION_NAME).first()
    if parent is None:
        parent = root.add_child(name=PORTFOLIOS_COLLECTION_NAME)
    collection = parent.add_child(name=f"Portfolio #{provider.pk}")
    provider.portfolio_collection = collection
    provider.save(update_fields=["portfolio_collection"])
    return collection


@transaction.atomic
def portfolio_image_add(
    *, provider: ProviderProfile, file, title: str, alt_text: str
) -> PortfolioImage:
    provider = ProviderProfile.objects.select_for_update().get(pk=provider.pk)
    if provider.portfolio_images.count() >= PORTFOLIO_MAX_IMAGES:
        raise ValidationError(
            _(
                "Votre portfolio compte déjà %(max)s images, le maximum. "
                "Supprimez-en une avant d’en ajouter une autre."
            )
            % {"max": PORTFOLIO_MAX_IMAGES}
        )
    clean = image_clean(file)
    image = get_image_model()(
        title=title.strip(),
        description=alt_text.strip(),
        file=clean.file,
        collection=portfolio_collection_get(provider),
    )
    image.full_clean(exclude=["file_hash", "file_size", "focal_point_x", "focal_point_y"])
    image.save()
    last = provider.portfolio_images.aggregate(last=Max("sort_order"))["last"]
    item = PortfolioImage(
        provider=provider, image=image, sort_order=0 if last is None else last + 1
    )
    item.full_clean()
    item.save()
    showcase_renditions_request(provider=provider)
    showcase_cache_invalidate()
    return item


@transaction.atomic
def portfolio_image_update(*, item: PortfolioImage, title: str, alt_text: str) -> None:
    image = item.image
    image.title = title.strip()
    image.description = alt_text.strip()
    image.save(update_fields=["title", "description"])
    showcase_cache_invalidate()  # the alternative text is shown on the showcase


@transaction.atomic
def portfolio_image_move(*, item: PortfolioImage, offset: int) -> None:
    """Move an image up (-1) or down (+1); positions are renumbered 0..n-1 without gaps."""
    items = list(
        PortfolioImage.objects.select_for_update()
        .filter(provider_id=item.provider_id)
        .order_by("sort_order", "created_at")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    for position, other in enumerate(items):
        if other.sort_order != position:
            PortfolioImage.objects.filter(pk=other.pk).update(sort_order=position)
    showcase_cache_invalidate()  # update() sends no signal


@transaction.atomic
def portfolio_image_delete(*, item: PortfolioImage) -> None:
    image = item.image
    provider_id = item.provider_id
    position = item.sort_order
    item.delete()
    image.delete()
    PortfolioImage.objects.filter(provider_id=provider_id, sort_order__gt=position).update(
        sort_order=F("sort_order") - 1
    )
    showcase_cache_invalidate()


# --- Keys ----------------------------------------------------------------------------------


def field_keys_rotate() -> int:
    """Re-encrypt every encrypted value with the first key of FIELD_ENCRYPTION_KEYS.

    Bank details are read (any listed key decrypts) and written back (the first key
    encrypts); MFA secrets, stored as tokens by profiles.adapters.MFAAdapter, are rotated
    token to token. One small transaction per row, so it can run while the site serves.
    Returns the number of rows rewritten.
    """
    from allauth.mfa.models import Authenticator

    rewritten = 0
    for pk in ProviderProfile.objects.exclude(iban="", bic="").values_list("pk", flat=True):
        with transaction.atomic():
            provider = ProviderProfile.objects.select_for_update().get(pk=pk)
            provider.save(update_fields=["iban", "bic"])
            rewritten += 1
    for pk in Authenticator.objects.values_list("pk", flat=True):
        with transaction.atomic():
            authenticator = Authenticator.objects.select_for_update().get(pk=pk)
            data = dict(authenticator.data)
            keys = [key for key in ("secret", "seed") if data.get(key)]
            for key in keys:
                data[key] = encryption.rotate(data[key])
            if keys:
                Authenticator.objects.filter(pk=pk).update(data=data)
                rewritten += 1
    return rewritten
