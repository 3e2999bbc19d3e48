"""Reads of legal documents, cheap enough for every request.

What every page needs (the footer links, the legal page addresses, whether a terms change
must be accepted, whether a privacy change must be announced) comes from one cached
summary, `legal_state()`, rebuilt when a version is published and at least every hour and
every day (a version published in advance comes into force at midnight).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from legal.models import (
    DocumentKind,
    LegalPage,
    PolicyAcceptance,
    PolicyChangeNotice,
    PolicyVersion,
    parse_version,
)
from legal.site_cache import site_cached

STATE_TIMEOUT = 60 * 60


def current_version(*, kind: str, language_code: str) -> PolicyVersion | None:
    """The version in force today for a document in a language (the latest already effective)."""
    return (
        PolicyVersion.objects.filter(
            kind=kind,
            locale__language_code=language_code,
            effective_date__lte=timezone.localdate(),
        )
        .select_related("page", "locale")
        .first()
    )


def terms_version_to_accept(*, language_code: str, required: str) -> PolicyVersion:
    """The terms in force to accept: in the visitor's language unless not yet translated."""
    version = current_version(kind=DocumentKind.TERMS, language_code=language_code)
    if version is None or parse_version(version.version) < parse_version(required):
        version = current_version(kind=DocumentKind.TERMS, language_code=settings.LANGUAGE_CODE)
    return version


def version_in_language(*, version: PolicyVersion, language_code: str) -> PolicyVersion | None:
    """The same version of the same document in another language, if published."""
    return (
        PolicyVersion.objects.filter(
            kind=version.kind, version=version.version, locale__language_code=language_code
        )
        .select_related("page", "locale")
        .first()
    )


@dataclass(frozen=True)
class LegalLink:
    kind: str
    title: str
    url: str


@dataclass(frozen=True)
class PrivacyChange:
    version_id: str
    version: str
    published_at: object
    change_summary: str
    diff_url: str


@dataclass
class LegalState:
    # language code -> the live legal pages, in DocumentKind order
    links: dict[str, list[LegalLink]] = field(default_factory=dict)
    # every address under which a legal page (and its archive) is served
    page_paths: tuple[str, ...] = ()
    # the label of the latest material terms version in force: accepting it or a later one
    # is required to go on using the site
    terms_required: str | None = None
    # language code -> the material privacy change in force, announced to logged-in users
    privacy_changes: dict[str, PrivacyChange] = field(default_factory=dict)


def legal_state() -> LegalState:
    # By day: a version published in advance comes into force at midnight.
    return site_cached(
        f"legal-state:{timezone.localdate().isoformat()}", _legal_state_build, timeout=STATE_TIMEOUT
    )


def _legal_state_build() -> LegalState:
    state = LegalState()
    order = list(DocumentKind.values)
    pages = sorted(
        LegalPage.objects.live().select_related("locale"), key=lambda p: order.index(p.kind)
    )
    paths = []
    for page in pages:
        url = page.get_url()
        if not url:
            continue
        paths.append(url)
        state.links.setdefault(page.locale.language_code, []).append(
            LegalLink(kind=page.kind, title=page.title, url=url)
        )
    state.page_paths = tuple(paths)
    today = timezone.localdate()
    material_terms = (
        PolicyVersion.objects.filter(
            kind=DocumentKind.TERMS, is_material_change=True, effective_date__lte=today
        )
        .values_list("version", flat=True)
        .first()
    )
    state.terms_required = material_terms
    latest_privacy = {}
    for version in PolicyVersion.objects.filter(
        kind=DocumentKind.PRIVACY_POLICY, effective_date__lte=today
    ).select_related("page", "locale"):
        latest_privacy.setdefault(version.locale.language_code, version)
    for language_code, version in latest_privacy.items():
        if version.is_material_change:
            state.privacy_changes[language_code] = PrivacyChange(
                version_id=str(version.pk),
                version=version.version,
                published_at=version.published_at,
                change_summary=version.change_summary,
                diff_url=f"{version.get_url()}diff/",
            )
    return state


def terms_accepted(*, user, version: str) -> bool:
    """Whether `user` accepted the terms at `version` or a later version, in any language."""
    major, minor = parse_version(version)
    return (
        PolicyAcceptance.objects.filter(user=user, version__kind=DocumentKind.TERMS)
        .filter(
            Q(version__version_major__gt=major)
            | Q(version__version_major=major, version__version_minor__gte=minor)
        )
        .exists()
    )


def privacy_notice_dismissed(*, user, version: str) -> bool:
    return PolicyChangeNotice.objects.filter(
        user=user,
        version__kind=DocumentKind.PRIVACY_POLICY,
        version__version=version,
        dismissed_at__isnull=False,
    ).exists()


def acceptance_counts():
    """Every terms version with how many users accepted it, newest first."""
    from django.db.models import Count

    return (
        PolicyVersion.objects.filter(kind=DocumentKind.TERMS)
        .select_related("locale")
        .annotate(acceptance_count=Count("acceptances"))
        .order_by("-version_major", "-version_minor", "locale__language_code")
    )
