"""Reads for the directory, the showcase pages and the home page's featured retouchers.

Each read runs a fixed number of queries whatever the number of results, portfolio images
or reviews (tests/profiles/test_showcase_queries.py holds the bounds).
"""

import functools
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Value, When, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
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
from profiles.showcase.cache import FRAGMENT_CACHE, FRAGMENT_SECONDS, showcase_fragment_stamp
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
# Words SQLite's FTS5 reads as operators when written in capitals.
FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


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
    """The provider's skills by name."""
    return list(provider.skills.order_by("name"))


def _fragment_stamp(request) -> str:
    """What every cached fragment of a public page is keyed on besides what it shows: the
    showcase stamp (any change to public data renews it) and the language."""
    return f"{showcase_fragment_stamp()}:{translation.get_language()}"


def directory_cards(pks: list[int], *, skills_here: dict, request) -> list[str]:
    """The cards of these showcases (profiles/includes/provider_card.html), in this order.

    Each card is rendered once per change and kept as a fragment: read together from the
    fragment cache (one `get_many`), and only the missing ones are loaded (two queries) and
    rendered. A card is keyed on the showcase, the host (its link), the directory's language
    and the fragment stamp, which any change to public data renews."""
    if not pks:
        return []
    stamp = _fragment_stamp(request)
    keys = {pk: f"directory-card:{stamp}:{request.get_host()}:{pk}" for pk in pks}
    fragments = caches[FRAGMENT_CACHE]
    found = fragments.get_many(list(keys.values()))
    missing = [pk for pk in pks if keys[pk] not in found]
    if missing:
        pages = (
            ProviderShowcasePage.objects.filter(pk__in=missing)
            .select_related("provider__user")
            .defer(*public_deferred())
            .prefetch_related("provider__skills")
        )
        images = _card_images([page.provider_id for page in pages])
        rendered = {
            keys[page.pk]: render_to_string(
                "profiles/includes/provider_card.html",
                {
                    "page": page,
                    "provider": page.provider,
                    "skills": _localized_skills(page.provider.skills.all(), skills_here),
                    "images": images.get(page.provider_id, []),
                },
                request=request,
            )
            for page in pages
        }
        fragments.set_many(rendered, FRAGMENT_SECONDS)
        found.update(rendered)
    return [found[keys[pk]] for pk in pks if keys[pk] in found]


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
    # Through the accessor: the header's account menu reads the same profile, cached on the user.
    profile = getattr(user, "client_profile", None)
    kind = profile.kind if profile is not None else None
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
    pages = public_showcases(locale=locale).child_of(index_page)
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
        terms = search_terms(query)
        found = ProviderShowcasePage.objects.live().filter(locale_id=locale)
        ranking = (
            [page.pk for page in found.search(terms, operator="and")[:SEARCH_RESULTS_MAX]]
            if terms
            else []
        )
        pages = pages.filter(pk__in=ranking)
    pages = _sorted(pages, filters.get("sort"), ranking)
    paginator = Paginator(pages.distinct().values_list("pk", flat=True), PAGE_SIZE)
    page_of_results = paginator.get_page(request.GET.get("page"))
    links = _translations(index_page, request)
    if page_of_results.number > 1:
        links["canonical_url"] += f"?page={page_of_results.number}"
    cards = directory_cards(list(page_of_results), skills_here=skills_here, request=request)
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


def search_terms(query: str) -> str:
    """The words of a visitor's query, as plain words: quotes, brackets, stars, dashes and
    capitalised operators mean something to SQLite's full-text syntax, and an unbalanced
    quote made the directory answer 500. Nothing left means no result."""
    return " ".join(word for word in re.findall(r"\w+", query) if word not in FTS_OPERATORS)


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
    switcher and the canonical address: read as addresses only, each worked out once."""
    found = (
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .order_by("locale__language_code")
        .values_list("pk", "url_path", "locale__language_code")
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
    two queries, reading only ids, alternative texts and rendition addresses."""
    found = (
        PortfolioImage.objects.filter(provider=provider, hidden_by_editor=False)
        .order_by("sort_order", "created_at", "id")
        .values_list(
            "image_id",
            "image__title",
            "image__description",
            "before_image_id",
            "before_image__title",
            "before_image__description",
        )
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


def _json_script(data: dict) -> str:
    """JSON-LD for a <script type="application/ld+json">, escaped as Django's json_script does."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308 - escaped


def _breadcrumbs_json_ld(crumbs: list[Crumb]) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": str(crumb.title), "item": crumb.url}
            for n, crumb in enumerate(crumbs, start=1)
        ],
    }
    return _json_script(data)


def showcase_context(*, page: ProviderShowcasePage, request) -> dict:
    """The showcase's data. The portfolio and the reviews are read only when the template
    renders them, which it does not when their fragment is cached (keyed on `fragment_stamp`,
    dropped with the cached pages by any change)."""
    provider = showcase_provider(page)
    portfolio = functools.cache(lambda: _portfolio(provider))
    reviews_and_events = functools.cache(
        lambda: public_reviews.reviews_for(user_id=provider.user_id, limit=LATEST_REVIEWS)
    )
    skills = _provider_skills_in(provider, locale_id=page.locale_id)
    links = _translations(page, request)
    breadcrumbs = _breadcrumbs(page, request)
    return {
        "breadcrumbs": breadcrumbs,
        "breadcrumbs_json_ld": _breadcrumbs_json_ld(breadcrumbs),
        "provider": provider,
        "public_name": provider.user.public_name,
        "skills": skills,
        # Called by the template (a callable context value is), at most once each.
        "portfolio": portfolio,
        "reviews": lambda: reviews_and_events()[0],
        "review_events": lambda: reviews_and_events()[1],
        "fragment_stamp": _fragment_stamp(request),
        "fragment_seconds": FRAGMENT_SECONDS,
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
        # The public address, not the host this request came through (see SITE_URL).
        data["image"] = urljoin(settings.SITE_URL + "/", provider.photo.url)
    if provider.review_count and provider.rating_average is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": f"{provider.rating_average:.1f}",
            "reviewCount": provider.review_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return _json_script(data)


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


# --- The retoucher's own view of their showcase (account area) -----------------------------


@dataclass(frozen=True)
class MissingItem:
    """Something the showcase needs before it can be submitted, and where to add it."""

    message: str
    url_name: str


def showcase_missing(*, provider: ProviderProfile) -> list[MissingItem]:
    """What stops this retoucher's showcase from being submitted, in the order to fix it.

    Moderators are only asked to review a page that can go live: a verified e-mail (so that a
    typo in the address does not publish somebody's page), and what a showcase shows — the
    photo, at least one visible portfolio image and one skill. Nothing is published while
    processing is restricted (policy §7).
    """
    from allauth.account.models import EmailAddress

    from profiles.privacy.selectors import privacy_settings_for

    missing = []
    if not EmailAddress.objects.filter(user_id=provider.user_id, verified=True).exists():
        missing.append(
            MissingItem(
                _("Confirmez votre adresse e-mail avec le lien que nous vous avons envoyé."),
                "account_email",
            )
        )
    if not provider.photo:
        missing.append(MissingItem(_("Ajoutez une photo de profil."), "account_personal"))
    if not provider.portfolio_images.filter(hidden_by_editor=False).exists():
        missing.append(
            MissingItem(_("Ajoutez au moins une image à votre portfolio."), "account_portfolio")
        )
    if not provider.skills.exists():
        missing.append(
            MissingItem(
                _("Choisissez au moins une compétence professionnelle."), "account_activity"
            )
        )
    if privacy_settings_for(provider.user).is_restricted:
        missing.append(
            MissingItem(
                _(
                    "Le traitement de vos données est limité : levez la limitation pour "
                    "publier votre vitrine."
                ),
                "privacy_centre",
            )
        )
    return missing


@dataclass(frozen=True)
class OwnShowcase:
    """A showcase as its retoucher sees it in their account."""

    page: ProviderShowcasePage | None
    draft: ProviderShowcasePage | None  # the latest text, live or not
    live: bool
    public_url: str
    in_review: bool
    changes_requested: bool
    editor_comment: str
    unpublished_changes: bool


def showcase_of_owner(*, provider: ProviderProfile) -> OwnShowcase:
    """The retoucher's showcase in the default language: its text, whether it is live, waiting
    for review or sent back with the editor's comment, and its public address."""
    page = (
        ProviderShowcasePage.objects.filter(provider=provider, locale=Locale.get_default())
        .select_related("latest_revision")
        .first()
    )
    if page is None:
        return OwnShowcase(None, None, False, "", False, False, "", False)
    state = page.current_workflow_state
    in_review = bool(state and state.status == state.STATUS_IN_PROGRESS)
    changes_requested = bool(state and state.status == state.STATUS_NEEDS_CHANGES)
    comment = ""
    if changes_requested and state.current_task_state is not None:
        comment = state.current_task_state.specific.get_comment() or ""
    public_url = ""
    if page.live:
        parts = page.get_url_parts()
        public_url = parts[2] if parts else ""
    return OwnShowcase(
        page=page,
        draft=page.get_latest_revision_as_object(),
        live=page.live,
        public_url=public_url,
        in_review=in_review,
        changes_requested=changes_requested,
        editor_comment=comment,
        unpublished_changes=page.has_unpublished_changes,
    )
