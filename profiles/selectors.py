"""Reads of accounts and profiles that are more than a one-line query."""

from django.shortcuts import get_object_or_404
from wagtail.models import Locale

from profiles.models import ClientProfile, PortfolioImage, ProviderProfile, Skill


def skill_choices(language_code: str) -> list[tuple[str, str]]:
    """The controlled list of skills, named in the active language (default language as a
    fallback), as (translation key, name) pairs."""
    default = Locale.get_default()
    names = {
        skill.translation_key: skill.name
        for skill in Skill.objects.filter(locale=default).order_by("name")
    }
    translated = Skill.objects.filter(
        locale__language_code=language_code, translation_key__in=names
    ).values_list("translation_key", "name")
    names.update(dict(translated))
    return sorted(((str(key), name) for key, name in names.items()), key=lambda c: c[1].lower())


def skills_display(provider: ProviderProfile, language_code: str) -> list[str]:
    keys = {str(key) for key in provider.skills.values_list("translation_key", flat=True)}
    return [name for key, name in skill_choices(language_code) if key in keys]


def profile_for_user(user) -> ClientProfile | ProviderProfile | None:
    """The user's own profile (a retoucher's first), or None for staff without one."""
    for model in (ProviderProfile, ClientProfile):
        profile = model.objects.filter(user=user).select_related("user").first()
        if profile is not None:
            return profile
    return None


def portfolio_for_provider(provider: ProviderProfile):
    return (
        PortfolioImage.objects.filter(provider=provider)
        .select_related("image")
        .order_by("sort_order", "created_at")
    )


def portfolio_item_for_owner(*, user, item_id) -> PortfolioImage:
    """One of the user's own portfolio images; anyone else's is a 404 (policy §6)."""
    return get_object_or_404(
        PortfolioImage.objects.select_related("image", "provider"),
        pk=item_id,
        provider__user=user,
    )
