"""Reads of the cookie registry and of visitors' consent."""

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from legal.consent import cookie as consent_cookie
from legal.consent.cookie import Consent
from legal.models import (
    ConsentAction,
    ConsentRecord,
    CookieCategory,
    CookieDefinition,
    CookieRegistryVersion,
    CookieService,
)
from legal.site_cache import site_cached

CATEGORY_DESCRIPTIONS = {
    CookieCategory.NECESSARY: _(
        "Indispensables au fonctionnement du site : session, sécurité des formulaires, langue "
        "et mémorisation de vos choix. Ils ne peuvent pas être refusés."
    ),
    CookieCategory.ANALYTICS: _(
        "Nous aident à comprendre comment le site est utilisé, grâce à des statistiques "
        "de fréquentation anonymes, pour l’améliorer."
    ),
    CookieCategory.ADVERTISING: _(
        "Permettent d’afficher des publicités adaptées à votre navigation sur ce site et "
        "sur d’autres."
    ),
}


@dataclass
class RegistryCategory:
    value: str
    label: str
    description: str
    services: list[CookieService] = field(default_factory=list)

    @property
    def is_optional(self) -> bool:
        return self.value != CookieCategory.NECESSARY


@dataclass
class Registry:
    version: int
    categories: list[RegistryCategory]
    # Names this build of the registry: what renderings of it are keyed by.
    stamp: str = ""

    @cached_property
    def services(self) -> list[CookieService]:
        return [service for category in self.categories for service in category.services]

    @cached_property
    def optional_keys(self) -> frozenset[str]:
        return frozenset(s.key for s in self.services if s.category != CookieCategory.NECESSARY)

    @cached_property
    def advertising_keys(self) -> frozenset[str]:
        return frozenset(s.key for s in self.services if s.category == CookieCategory.ADVERTISING)

    @cached_property
    def optional_cookie_names(self) -> list[str]:
        """Names (or patterns) of the cookies that only consent allows; reset deletes them."""
        return [
            cookie.name
            for service in self.services
            if service.category != CookieCategory.NECESSARY
            for cookie in service.cookies.all()
        ]

    def is_declared(self, cookie_name: str) -> bool:
        return any(c.matches(cookie_name) for s in self.services for c in s.cookies.all())


def registry_version() -> int:
    return CookieRegistryVersion.objects.values_list("number", flat=True).first() or 0


def registry_fingerprint() -> str:
    """What makes a new version: the services, their categories and purposes (source language)."""
    default = Locale.get_default()
    rows = sorted(
        CookieService.objects.filter(locale=default).values_list("key", "category", "purpose")
    )
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


REGISTRY_CACHE_SECONDS = 60 * 60


def cookie_registry(*, language_code: str | None = None) -> Registry:
    """The registry in one language; services not yet translated show in the default one.

    Every page renders the banner from it, so it is kept in the site cache until the
    registry changes (legal.signals calls site_cache_forget)."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE

    def build() -> Registry:
        registry = _cookie_registry_build(language_code)
        registry.stamp = uuid.uuid4().hex
        # Resolve the lazy parts before pickling, so a cached registry costs no query.
        registry.optional_cookie_names  # noqa: B018
        return registry

    return site_cached(f"cookie-registry:{language_code}", build, timeout=REGISTRY_CACHE_SECONDS)


def _cookie_registry_build(language_code: str) -> Registry:
    services = list(
        CookieService.objects.select_related("locale")
        .prefetch_related(
            Prefetch("cookies", queryset=CookieDefinition.objects.order_by("sort_order", "id"))
        )
        .order_by("sort_order", "name")
    )

    def rank(service):
        code = service.locale.language_code
        return 0 if code == language_code else 1 if code == settings.LANGUAGE_CODE else 2

    chosen: dict = {}
    for service in services:
        current = chosen.get(service.translation_key)
        if current is None or rank(service) < rank(current):
            chosen[service.translation_key] = service
    picked = sorted(chosen.values(), key=lambda s: (s.sort_order, s.name))
    categories = [
        RegistryCategory(
            value=value,
            label=label,
            description=CATEGORY_DESCRIPTIONS[value],
            services=[s for s in picked if s.category == value],
        )
        for value, label in CookieCategory.choices
    ]
    return Registry(version=registry_version(), categories=categories)


def registry_for_request(request) -> Registry:
    language_code = translation.get_language()
    cached = getattr(request, "_cookie_registry", None)
    if cached is None or cached[0] != language_code:
        cached = (language_code, cookie_registry(language_code=language_code))
        request._cookie_registry = cached
    return cached[1]


def gpc_for_request(request) -> bool:
    """Global Privacy Control: the browser asks that nothing be sold or shared for advertising."""
    return request.headers.get("Sec-GPC", "").strip() == "1"


def latest_account_consent(*, user, registry: Registry) -> Consent | None:
    """The user's latest choice made on any device, if it still holds for this registry."""
    record = (
        ConsentRecord.objects.filter(user=user)
        .only("consent_id", "action", "choices", "registry_version", "created_at")
        .first()
    )
    if record is None or record.action == ConsentAction.WITHDRAW:
        return None
    if record.registry_version != registry.version:
        return None
    if record.created_at < timezone.now() - timedelta(seconds=consent_cookie.cookie_age_seconds()):
        return None
    granted = frozenset(k for k, v in (record.choices or {}).items() if v is True)
    return Consent(
        consent_id=record.consent_id,
        registry_version=record.registry_version,
        granted=granted & registry.optional_keys,
        from_account=True,
    )


def consent_for_request(request) -> Consent | None:
    """The visitor's valid choice: from the consent cookie, else from their account."""
    if hasattr(request, "_consent"):
        return request._consent
    registry = registry_for_request(request)
    consent = consent_cookie.read(
        request, registry_version=registry.version, optional_keys=registry.optional_keys
    )
    user = getattr(request, "user", None)
    if consent is None and user is not None and user.is_authenticated:
        consent = latest_account_consent(user=user, registry=registry)
    request._consent = consent
    return consent


def consent_page_variant(request) -> tuple[str, tuple[str, ...]]:
    """What a page's HTML depends on in the visitor's cookie choice, for a shared page cache.

    A page shows the banner or not and has the analytics script live or inert according to
    the choice, and mentions Global Privacy Control when advertising services exist. Returns
    a short key part and the request headers the response must then vary on. Called for
    visitors without a session only, before authentication: their choice is the cookie's, and
    the page's own rendering reuses what this reads."""
    registry = registry_for_request(request)
    consent = consent_for_request(request)  # the cookie's: no user is known at this point
    variant = "none" if consent is None else "granted:" + ".".join(sorted(consent.granted))
    if not registry.advertising_keys:
        return variant, ("Cookie",)
    return f"{variant}:gpc={int(gpc_for_request(request))}", ("Cookie", "Sec-GPC")
