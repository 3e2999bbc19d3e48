"""Reads for the directory, the showcase pages and the home page's featured retouchers.

Each read runs a fixed number of queries whatever the number of results, portfolio images
or reviews (tests/profiles/test_showcase_queries.py holds the bounds).
"""

import json
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from profiles.models import (
    Clientele,
    ClientProfile,
    PortfolioImage,
    ProviderIndexPage,
    ProviderProfile,
    ProviderShowcasePage,
    Skill,
)
from profiles.models.showcase import public_deferred
from profiles.showcase import reviews as public_reviews
from profiles.showcase import sql
from profiles.showcase.forms import DirectoryFilterForm, Sort
from profiles.showcase.renditions import (
    PORTFOLIO_FALLBACK,
    PORTFOLIO_WEBP,
    PortfolioPicture,
    renditions_attach,
)

PAGE_SIZE = 24
CARD_IMAGES = 3
LATEST_REVIEWS = 10
SEARCH_RESULTS_MAX = 500


def public_showcases(*, locale=None):
    """Live showcases of active retouchers: the only ones anybody may see."""
    pages = ProviderShowcasePage.objects.live().filter(
        provider__isnull=False, provider__user__is_active=True
    )
    if locale is not None:
        pages = pages.filter(locale_id=getattr(locale, "pk", locale))
    return pages


def showcases_hidden_from_search():
    """Showcase pages a search engine must not be told about (sitemap): opted out or not public."""
    return ProviderShowcasePage.objects.exclude(
        pk__in=public_showcases().filter(provider__allow_search_indexing=True).values("pk")
    )


def _skills_by_translation_key(locale_id: int) -> dict:
    return {skill.translation_key: skill for skill in Skill.objects.filter(locale_id=locale_id)}


def _localized_skills(skills, skills_here: dict) -> list:
    """These skills named in the visitor's language (a skill not translated yet keeps the
    name it was entered with), each once: a retoucher who chose a skill in both languages
    has it only once on the page."""
    seen, localized = set(), []
    for skill in skills:
        if skill.translation_key not in seen:
            seen.add(skill.translation_key)
            localized.append(skills_here.get(skill.translation_key, skill))
    return localized


def _provider_skills_in(provider, *, locale_id: int) -> list:
    """The provider's skills named in the page's language: one query when they were entered
    in it (the usual case), a second one otherwise."""
    entered = _provider_skills(provider)
    if all(skill.locale_id == locale_id for skill in entered):
        return entered
    here = Skill.objects.filter(
        locale_id=locale_id, translation_key__in=[skill.translation_key for skill in entered]
    )
    skills_here = {skill.translation_key: skill for skill in here}
    return sorted(_localized_skills(entered, skills_here), key=lambda skill: skill.name)


def _provider_skills(provider) -> list:
    """The provider's skills by name (in SQL: profiles.showcase.sql says why)."""
    field = ProviderProfile._meta.get_field("skills")
    quote = sql.quote
    return list(
        Skill.objects.raw(
            f"SELECT s.* FROM {sql.table(Skill)} s "  # noqa: S608 - names from models
            f"JOIN {quote(field.m2m_db_table())} t ON t.{quote(field.m2m_reverse_name())} = s.id "
            f"WHERE t.{quote(field.m2m_column_name())} = %s ORDER BY s.name",
            [provider.pk],
        )
    )


@dataclass(frozen=True)
class CardImage:
    """A portfolio image on a directory card: ready renditions only, never made on request."""

    url: str
    webp_url: str | None
    width: int
    height: int
    alt: str


@dataclass
class DirectoryCard:
    page: ProviderShowcasePage
    provider: ProviderProfile
    skills: list
    images: list = field(default_factory=list)


def _card_images(provider_ids: list) -> dict[int, list[CardImage]]:
    """The first CARD_IMAGES visible portfolio images of each provider, in their order, with
    their ready renditions: two queries whatever the number of cards."""
    if not provider_ids:
        return {}
    first = (
        PortfolioImage.objects.filter(provider_id__in=provider_ids, hidden_by_editor=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("provider_id")],
                order_by=[F("sort_order"), F("created_at"), F("id")],
            )
        )
        .filter(rank__lte=CARD_IMAGES)
        .order_by("provider_id", "rank")
        .values_list("provider_id", "image_id", "image__title", "image__description")
    )
    pictures = [
        (provider_id, PortfolioPicture(image_id, description or title))
        for provider_id, image_id, title, description in first
    ]
    renditions_attach([picture for _, picture in pictures])
    images: dict[int, list[CardImage]] = {}
    for provider_id, picture in pictures:
        ready = {rendition.filter_spec: rendition for rendition in picture.ready}
        fallback = ready.get(PORTFOLIO_FALLBACK)
        if fallback is None:
            continue  # not made yet: left out rather than made during the request
        webp = ready.get(PORTFOLIO_WEBP[0])
        images.setdefault(provider_id, []).append(
            CardImage(
                url=fallback.url,
                webp_url=webp.url if webp else None,
                width=fallback.width,
                height=fallback.height,
                alt=picture.default_alt_text,
            )
        )
    return images


def default_clientele(user) -> str:
    """P2.14: the clientele a logged-in client is matched with by default (a company with the
    retouchers who work for professionals, an individual with those who work for
    individuals); "" for anybody else. Logged-in pages are never cached, so this is safe."""
    if not user.is_authenticated:
        return ""
    kind = ClientProfile.objects.filter(user=user).values_list("kind", flat=True).first()
    return {
        ClientProfile.Kind.COMPANY: Clientele.PROFESSIONALS,
        ClientProfile.Kind.INDIVIDUAL: Clientele.INDIVIDUALS,
    }.get(kind, "")


def directory_context(*, index_page: ProviderIndexPage, request) -> dict:
    locale = index_page.locale_id
    skills_here = _skills_by_translation_key(locale)
    data = request.GET
    clientele_default = ""
    if "clientele" not in data:
        clientele_default = default_clientele(request.user)
        if clientele_default:
            data = data.copy()
            data["clientele"] = clientele_default
    form = DirectoryFilterForm(
        data or None,
        skills=sorted(skills_here.values(), key=lambda skill: skill.name),
    )
    filters = form.filters() if form.is_bound else {}
    pages = (
        public_showcases(locale=locale)
        .child_of(index_page)
        .select_related("provider__user")
        .defer(*public_deferred())
        .prefetch_related("provider__skills")
    )
    chosen_skill = next((s for s in skills_here.values() if s.slug == filters.get("skill")), None)
    if chosen_skill:
        pages = pages.filter(provider__skills__translation_key=chosen_skill.translation_key)
    if filters.get("clientele") in (Clientele.INDIVIDUALS, Clientele.PROFESSIONALS):
        # P2.14: a retoucher who chose this clientele, or both, is shown.
        pages = pages.filter(
            provider__preferred_clientele__in=[filters["clientele"], Clientele.BOTH]
        )
    if filters.get("min_rating"):
        pages = pages.filter(provider__rating_average__gte=filters["min_rating"])
    if filters.get("city"):
        pages = pages.filter(provider__city__iexact=filters["city"])
    query = filters.get("q") or ""
    ranking = None
    if query:
        found = ProviderShowcasePage.objects.live().filter(locale_id=locale)
        ranking = [page.pk for page in found.search(query, operator="and")[:SEARCH_RESULTS_MAX]]
        pages = pages.filter(pk__in=ranking)
    pages = _sorted(pages, filters.get("sort"), ranking)
    paginator = Paginator(pages.distinct(), PAGE_SIZE)
    page_of_results = paginator.get_page(request.GET.get("page"))
    links = _translations(index_page, request)
    if page_of_results.number > 1:
        links["canonical_url"] += f"?page={page_of_results.number}"
    images = _card_images([page.provider_id for page in page_of_results])
    cards = [
        DirectoryCard(
            page=page,
            provider=page.provider,
            skills=_localized_skills(page.provider.skills.all(), skills_here),
            images=images.get(page.provider_id, []),
        )
        for page in page_of_results
    ]
    return {
        "filter_form": form,
        "clientele_default": clientele_default,
        "filters": filters,
        "search_query": query,
        "results": page_of_results,
        "cards": cards,
        "result_count": paginator.count,
        "is_filtered": any(
            filters.get(name) for name in ("q", "skill", "clientele", "min_rating", "city")
        ),
        **links,
    }


def _sorted(pages, sort: str | None, ranking: list | None):
    if ranking and not sort:
        relevance = Case(
            *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ranking)],
            output_field=IntegerField(),
        )
        return pages.order_by(relevance)
    if sort == Sort.REVIEWS:
        return pages.order_by(F("provider__review_count").desc(), "-first_published_at", "pk")
    if sort == Sort.NEWEST:
        return pages.order_by("-first_published_at", "pk")
    return pages.order_by(
        F("provider__rating_average").desc(nulls_last=True),
        F("provider__review_count").desc(),
        "-first_published_at",
        "pk",
    )


@dataclass(frozen=True)
class Translation:
    code: str  # the page's language
    url: str  # full address, for hreflang and the canonical link
    path: str  # address from this site, for the language switcher


def _translations(page, request) -> dict:
    """The page's live translations (itself included) for hreflang links, the language
    switcher and the canonical address: read as addresses only (in SQL: profiles.showcase.sql
    says why), each worked out once."""
    key = Page._meta.get_field("translation_key").get_db_prep_value(
        page.translation_key, connection
    )
    found = sql.rows(
        f"SELECT p.id, p.url_path, l.language_code FROM {sql.table(Page)} p "  # noqa: S608
        f"JOIN {sql.table(Locale)} l ON l.id = p.locale_id "
        "WHERE p.translation_key = %s AND p.live ORDER BY l.language_code",
        [key],
    )
    site = Site.find_for_request(request)
    translations, canonical_url = [], None
    for pk, url_path, code in found:
        translation = page if pk == page.pk else Page(pk=pk, url_path=url_path)
        parts = translation.get_url_parts(request)
        if parts is None or parts[2] is None:
            continue
        site_id, root_url, path = parts
        url = root_url + path
        translations.append(
            Translation(code=code, url=url, path=path if site and site_id == site.pk else url)
        )
        if pk == page.pk:
            canonical_url = url
    # A preview of a page that is not live yet is not among them.
    return {
        "translations": translations,
        "canonical_url": canonical_url or page.get_full_url(request),
    }


def showcase_provider(page: ProviderShowcasePage) -> ProviderProfile | None:
    """The page's provider with its user, in one query (cached on the page)."""
    if not page.provider_id:
        return None
    if "provider" not in page._state.fields_cache:
        page.provider = (
            ProviderProfile.objects.select_related("user")
            .defer(*public_deferred(prefix=""))
            .filter(pk=page.provider_id)
            .first()
        )
    return page.provider


@dataclass(frozen=True)
class PortfolioEntry:
    image: PortfolioPicture
    before_image: PortfolioPicture | None


def _portfolio(provider) -> list[PortfolioEntry]:
    """The images editors have not hidden, in the provider's order, with ready renditions:
    two queries, reading only ids, alternative texts and rendition addresses (in SQL:
    profiles.showcase.sql says why)."""
    images = sql.table(get_image_model())
    found = sql.rows(
        f"""
        SELECT e.image_id, i.title, i.description, e.before_image_id, b.title, b.description
        FROM {sql.table(PortfolioImage)} e
        JOIN {images} i ON i.id = e.image_id
        LEFT JOIN {images} b ON b.id = e.before_image_id
        WHERE e.provider_id = %s AND NOT e.hidden_by_editor
        ORDER BY e.sort_order, e.created_at, e.id
        """,  # noqa: S608 - names from models, values are parameters
        [provider.pk],
    )
    portfolio = [
        PortfolioEntry(
            image=PortfolioPicture(image_id, description or title),
            before_image=(
                PortfolioPicture(before_id, before_description or before_title)
                if before_id
                else None
            ),
        )
        for image_id, title, description, before_id, before_title, before_description in found
    ]
    renditions_attach([e.image for e in portfolio] + [e.before_image for e in portfolio])
    return portfolio


@dataclass(frozen=True)
class Crumb:
    title: str
    path: str  # for the link
    url: str  # full address, for the BreadcrumbList JSON-LD


def _breadcrumbs(page, request) -> list[Crumb]:
    """Home › directory › this showcase, read in one query (the directory's title and path)."""
    parent = (
        Page.objects.filter(path=page.path[: -Page.steplen])
        .values_list("pk", "title", "url_path")
        .first()
    )
    crumbs = []
    if parent is not None:
        pk, title, url_path = parent
        parts = Page(pk=pk, url_path=url_path).get_url_parts(request)
        if parts is not None and parts[2] is not None:
            _site_id, root_url, path = parts
            home_path = path.rstrip("/").rsplit("/", 1)[0] + "/"
            crumbs.append(Crumb(_("Accueil"), home_path, root_url + home_path))
            crumbs.append(Crumb(title, path, root_url + path))
    url = page.get_full_url(request)
    crumbs.append(Crumb(showcase_provider(page).user.public_name, page.get_url(request), url))
    return crumbs


def _breadcrumbs_json_ld(crumbs: list[Crumb]) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": str(crumb.title), "item": crumb.url}
            for n, crumb in enumerate(crumbs, start=1)
        ],
    }
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308 - escaped


def showcase_context(*, page: ProviderShowcasePage, request) -> dict:
    provider = showcase_provider(page)
    portfolio = _portfolio(provider)
    reviews, events = public_reviews.reviews_for(user_id=provider.user_id, limit=LATEST_REVIEWS)
    skills = _provider_skills_in(provider, locale_id=page.locale_id)
    links = _translations(page, request)
    breadcrumbs = _breadcrumbs(page, request)
    return {
        "breadcrumbs": breadcrumbs,
        "breadcrumbs_json_ld": _breadcrumbs_json_ld(breadcrumbs),
        "provider": provider,
        "public_name": provider.user.public_name,
        "skills": skills,
        "portfolio": portfolio,
        "reviews": reviews,
        "review_events": events,
        **links,
        "noindex": not provider.allow_search_indexing,
        "meta_description": _(
            "%(name)s, retoucheur photo indépendant : %(service)s. Portfolio, avis clients "
            "vérifiés et devis sur Retoucherie."
        )
        % {"name": provider.user.public_name, "service": page.service_title},
        "json_ld": _json_ld(page, provider, skills, request, url=links["canonical_url"]),
    }


def _json_ld(page, provider, skills, request, *, url: str) -> str:
    """schema.org ProfessionalService, from public data only; a rating only if there is one."""
    data = {
        "@context": "https://schema.org",
        "@type": "ProfessionalService",
        "name": f"{provider.user.public_name} — {page.service_title}",
        "url": url,
        "description": page.search_description or page.intro[:300],
        "knowsAbout": [skill.name for skill in skills],
    }
    if provider.city:
        data["address"] = {"@type": "PostalAddress", "addressLocality": provider.city}
    if provider.photo:
        data["image"] = request.build_absolute_uri(provider.photo.url)
    if provider.review_count and provider.rating_average is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": f"{provider.rating_average:.1f}",
            "reviewCount": provider.review_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308 - escaped


def directory_for_locale(locale_id: int) -> Page | None:
    """The live directory in this language (for the home page's search field), as a bare page."""
    found = (
        ProviderIndexPage.objects.live()
        .filter(locale_id=locale_id)
        .values_list("pk", "url_path")
        .first()
    )
    return Page(pk=found[0], url_path=found[1]) if found else None


def featured_showcases(*, locale, limit: int = 4) -> list:
    """Featured retouchers for the home page (one query)."""
    return list(
        public_showcases(locale=locale)
        .filter(featured=True)
        .select_related("provider__user")
        .defer(*public_deferred())
        .order_by(F("provider__rating_average").desc(nulls_last=True), "pk")[:limit]
    )
