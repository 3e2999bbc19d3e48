"""Every service that changes what a public page shows is seen by the next anonymous visitor,
even when that visitor's page was in the anonymous page cache (profiles.showcase.public_data
lists the services; each one has a scenario here)."""

import contextlib
import dataclasses
from decimal import Decimal

import pytest
from django.utils.module_loading import import_string

from orders.reviews.models import Review
from orders.reviews.services import review_create, review_publish
from profiles.models import Clientele, PortfolioImage, Skill
from profiles.models.showcase import PUBLIC_PROVIDER_FIELDS, PUBLIC_USER_FIELDS
from profiles.services import PersonalData
from profiles.showcase.public_data import PUBLIC_DATA_SERVICES, PUBLIC_FIELDS_WITHOUT_SERVICE
from profiles.showcase.renditions import PORTFOLIO_FALLBACK
from profiles.templatetags.showcase_tags import rating_display
from tests.factories.images import uploaded_image
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db

DIRECTORY = "/fr/retoucheurs/"
CARD = "the showcase's card in the directory"
SHOWN_BESIDES_FIELDS = {"portfolio", "skills", "reviews", "page"}


def test_every_public_field_has_the_services_that_change_it():
    """A new public field (or a new kind of public data) comes with its services, or a reason."""
    public = (
        {f"provider.{name}" for name in PUBLIC_PROVIDER_FIELDS}
        | {f"user.{name}" for name in PUBLIC_USER_FIELDS}
        | SHOWN_BESIDES_FIELDS
    )
    listed = set(PUBLIC_DATA_SERVICES) | set(PUBLIC_FIELDS_WITHOUT_SERVICE)
    assert public - listed == set(), "public data with no service listed in public_data.py"
    assert listed - public == set(), "public_data.py lists something no page shows"
    assert not set(PUBLIC_DATA_SERVICES) & set(PUBLIC_FIELDS_WITHOUT_SERVICE)
    for datum, services in PUBLIC_DATA_SERVICES.items():
        assert services, datum
        for path in services:
            assert callable(import_string(path)), path


# --- One scenario per (public datum, service): it makes the change through the service and
# returns, for each address, what the next anonymous visitor must (or must not) see. -------


def _personal(provider, **changes) -> PersonalData:
    current = {f.name: getattr(provider, f.name) for f in dataclasses.fields(PersonalData)}
    return PersonalData(**{**current, **changes})


def _personal_update(showcase, *, first_name=None, last_name=None, photo=None, **personal):
    from profiles.services import personal_details_update

    provider = showcase.provider
    user = provider.user
    personal_details_update(
        user=user,
        profile=provider,
        first_name=first_name or user.first_name,
        last_name=last_name or user.last_name,
        personal=_personal(provider, **personal),
        photo=photo,
    )


def _activity_update(showcase, *, clientele=None, skills=None):
    from profiles.services import provider_activity_update

    provider = showcase.provider
    provider_activity_update(
        provider=provider,
        phone=provider.phone,
        website=provider.website,
        skill_keys=[s.translation_key for s in (skills or provider.skills.all())],
        preferred_clientele=clientele or provider.preferred_clientele,
    )


def city(showcase, change):
    with change():
        _personal_update(showcase, city="Chambéry")
    return {showcase.url: ["Chambéry"], CARD: ["Chambéry"]}


def photo(showcase, change):
    old = showcase.provider.photo.url
    with change():
        _personal_update(showcase, photo=uploaded_image("nouvelle.jpg"))
    showcase.provider.refresh_from_db()
    new = showcase.provider.photo.url
    assert new != old
    return {showcase.url: [new, f"!{old}"], CARD: [new, f"!{old}"]}


def first_name(showcase, change):
    with change():
        _personal_update(showcase, first_name="Ophélie")
    return {showcase.url: ["Ophélie"], CARD: ["Ophélie"]}


def last_name(showcase, change):
    user = showcase.provider.user
    old = f"{user.first_name} {user.last_name[0]}."
    with change():
        _personal_update(showcase, last_name="Wojcik")
    new = f"{user.first_name} W."
    assert new != old
    return {showcase.url: [new, f"!{old}"], CARD: [new]}


CLIENTELE_TEXT = {
    Clientele.INDIVIDUALS: "Travaille avec les particuliers.",
    Clientele.PROFESSIONALS: "Travaille avec les professionnels.",
}


def clientele(showcase, change):
    assert showcase.provider.preferred_clientele == Clientele.BOTH
    with change():
        _activity_update(showcase, clientele=Clientele.PROFESSIONALS)
    return {showcase.url: [CLIENTELE_TEXT[Clientele.PROFESSIONALS]]}


def skills(showcase, change):
    chosen = Skill.objects.filter(locale__language_code="fr").exclude(
        pk__in=showcase.provider.skills.all()
    )[0]
    with change():
        _activity_update(showcase, skills=[chosen])
    return {showcase.url: [f"<li>{chosen.name}</li>"]}


def _pending_review(showcase, rating=1):
    return review_create(
        author=None,
        subject=showcase.provider.user,
        kind=Review.Kind.PERSONALISED,
        rating=rating,
        comment="Délais tenus, retouches très naturelles.",
    )


def _rating_text(rating, count) -> str:
    return f"Note moyenne {rating_display(Decimal(rating))} sur 5, {count} avis"


def _card_rating_text(rating, count) -> str:
    return f"{rating_display(Decimal(rating))} sur 5 ({count} avis)"


def publish_review(showcase, change):
    review = _pending_review(showcase, rating=2)
    with change():
        review_publish(review=review)  # 5, 5 and now 2: 4.0 from three reviews
    new = _rating_text("4", 3)
    return {
        showcase.url: ["Délais tenus", new, f"!{_rating_text('5', 2)}"],
        CARD: [_card_rating_text("4", 3)],
    }


def remove_review(showcase, change):
    from orders.reviews.services import review_remove

    review = review_publish(review=_pending_review(showcase, rating=2))
    with change():
        review_remove(review=review)
    return {
        showcase.url: ["!Délais tenus", _rating_text("5", 2), f"!{_rating_text('4', 3)}"],
        CARD: [_card_rating_text("5", 2)],
    }


def _items(showcase):
    return list(PortfolioImage.objects.filter(provider=showcase.provider).order_by("sort_order"))


def _fallback_url(image) -> str:
    return image.renditions.get(filter_spec=PORTFOLIO_FALLBACK).url


def image_add(showcase, change):
    from profiles.services import portfolio_image_add

    with change():
        portfolio_image_add(
            provider=showcase.provider,
            file=uploaded_image("ajout.jpg", size=(640, 480)),
            title="Ajout",
            alt_text="Nature morte au citron",
        )
    return {showcase.url: ['alt="Nature morte au citron"']}


def image_update(showcase, change):
    from profiles.services import portfolio_image_update

    item = _items(showcase)[-1]
    with change():
        portfolio_image_update(item=item, title="Titre", alt_text="Verger en fleurs au printemps")
    return {showcase.url: ['alt="Verger en fleurs au printemps"']}


def image_move(showcase, change):
    from profiles.services import portfolio_image_move

    first, *_, last = _items(showcase)
    with change():
        portfolio_image_move(item=last, offset=-10)
    return {showcase.url: [f"{_fallback_url(last.image)}<<{_fallback_url(first.image)}"]}


def image_delete(showcase, change):
    from profiles.services import portfolio_image_delete

    item = _items(showcase)[-1]
    url = _fallback_url(item.image)
    with change():
        portfolio_image_delete(item=item)
    return {showcase.url: [f"!{url}"]}


def renditions_generate(showcase, change):
    from profiles.services import portfolio_image_add
    from profiles.showcase.services import portfolio_renditions_generate

    # Added, but its renditions are not made yet (the task would run on commit, which this
    # test's transaction never reaches): the page leaves it out.
    portfolio_image_add(
        provider=showcase.provider,
        file=uploaded_image("attente.jpg", size=(640, 480)),
        title="Attente",
        alt_text="Rendu en attente",
    )
    with change():
        portfolio_renditions_generate(provider=showcase.provider)
    return {showcase.url: ['alt="Rendu en attente"']}


def unpublish(showcase, change):
    from profiles.showcase.services import showcase_unpublish

    with change():
        showcase_unpublish(provider=showcase.provider)
    return {showcase.url: [404], DIRECTORY: [f"!{showcase.url}"]}


def restrict(showcase, change):
    from profiles.privacy.services import processing_restrict

    with change():
        processing_restrict(user=showcase.provider.user, reason="Je fais une pause.")
    return {showcase.url: [404], DIRECTORY: [f"!{showcase.url}"]}


def lift_restriction(showcase, change):
    from profiles.privacy.services import processing_restrict, processing_restriction_lift

    processing_restrict(user=showcase.provider.user, reason="Je fais une pause.")
    with change():
        processing_restriction_lift(user=showcase.provider.user)
    return {showcase.url: [showcase.service_title], DIRECTORY: [showcase.url]}


def erase(showcase, change):
    from profiles.privacy.services import account_erase

    with change():
        account_erase(user=showcase.provider.user)
    return {showcase.url: [404], DIRECTORY: [f"!{showcase.url}"]}


SCENARIOS = {
    ("provider.city", "profiles.services.personal_details_update"): city,
    ("provider.photo", "profiles.services.personal_details_update"): photo,
    ("user.first_name", "profiles.services.personal_details_update"): first_name,
    ("user.last_name", "profiles.services.personal_details_update"): last_name,
    ("provider.preferred_clientele", "profiles.services.provider_activity_update"): clientele,
    ("skills", "profiles.services.provider_activity_update"): skills,
    ("provider.rating_average", "orders.reviews.services.review_publish"): publish_review,
    ("provider.rating_average", "orders.reviews.services.review_remove"): remove_review,
    ("provider.review_count", "orders.reviews.services.review_publish"): publish_review,
    ("provider.review_count", "orders.reviews.services.review_remove"): remove_review,
    ("reviews", "orders.reviews.services.review_publish"): publish_review,
    ("reviews", "orders.reviews.services.review_remove"): remove_review,
    ("portfolio", "profiles.services.portfolio_image_add"): image_add,
    ("portfolio", "profiles.services.portfolio_image_update"): image_update,
    ("portfolio", "profiles.services.portfolio_image_move"): image_move,
    ("portfolio", "profiles.services.portfolio_image_delete"): image_delete,
    ("portfolio", "profiles.showcase.services.portfolio_renditions_generate"): renditions_generate,
    ("page", "profiles.showcase.services.showcase_unpublish"): unpublish,
    ("page", "profiles.privacy.services.processing_restrict"): restrict,
    ("page", "profiles.privacy.services.processing_restriction_lift"): lift_restriction,
    ("page", "profiles.privacy.services.account_erase"): erase,
}

LISTED = sorted(
    (datum, service) for datum, services in PUBLIC_DATA_SERVICES.items() for service in services
)


def test_every_listed_service_has_a_scenario():
    assert set(SCENARIOS) == set(LISTED)


def _card(html: str, url: str) -> str:
    """The directory card that links to this address."""
    cards = [
        card for card in html.split('<article class="provider-card">') if f'href="{url}"' in card
    ]
    assert len(cards) == 1, f"no card for {url} in the directory"
    return cards[0].split("</article>")[0]


def _check(client, showcase, url, expectations):
    response = client.get(DIRECTORY if url == CARD else url)
    if expectations == [404]:
        assert response.status_code == 404, url
        return
    assert response.status_code == 200, url
    html = _card(response.text, showcase.url) if url == CARD else response.text
    for expected in expectations:
        if expected.startswith("!"):
            assert expected[1:] not in html, (url, expected)
        elif "<<" in expected:
            before, after = expected.split("<<")
            assert before in html and after in html, (url, expected)
            assert html.index(before) < html.index(after), (url, "order not updated")
        else:
            assert expected in html, (url, expected)


@pytest.mark.parametrize(("datum", "service"), LISTED, ids=[f"{d}-{s}" for d, s in LISTED])
def test_the_next_anonymous_visitor_sees_the_change(
    client, demo_site, django_capture_on_commit_callbacks, datum, service
):
    """Given a showcase and the directory in the anonymous cache, when a listed service changes
    public data and its transaction commits, then the next anonymous GET shows the change."""
    showcase = showcase_create(images=3, reviews=2, rating=5, clientele=Clientele.BOTH)

    @contextlib.contextmanager
    def change():
        """Cache the pages, then make the change as a request would: committed."""
        for url in (showcase.url, DIRECTORY):
            if client.get(url).status_code == 404:
                continue  # off line before the change (a restriction being lifted)
            assert client.get(url)["X-Cache"] == "hit", url
        with django_capture_on_commit_callbacks(execute=True):
            yield

    expectations = SCENARIOS[(datum, service)](showcase, change)
    for url, expected in expectations.items():
        _check(client, showcase, url, expected)
