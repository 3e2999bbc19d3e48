"""Anonymous visitors get cached directory and showcase pages, dropped when anything shown changes."""

import pytest
from django.core.files.base import ContentFile

from orders.reviews.models import Review
from orders.reviews.services import review_create, review_publish, review_remove
from profiles.models import PortfolioImage
from profiles.showcase.services import showcase_unpublish
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase(demo_site):
    return showcase_create(images=3, reviews=2, city="Annecy")


def _hit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_anonymous_pages_are_public_and_served_from_the_cache(client, showcase):
    first = _hit(client, showcase.url)
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert "X-Cache" not in first
    second = _hit(client, showcase.url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    directory = _hit(client, "/fr/retoucheurs/")
    assert _hit(client, "/fr/retoucheurs/")["X-Cache"] == "hit"
    assert "public" in directory["Cache-Control"]
    for response in (first, second, directory):
        assert not response.cookies  # nothing of one visitor is stored for the next
        assert "csrfmiddlewaretoken" not in response.text


def test_vary_is_only_on_the_session_cookie(client, showcase):
    response = _hit(client, showcase.url)
    assert [v.strip() for v in response["Vary"].split(",")] == ["Cookie"]


@pytest.mark.policy("P8.2", "P3.8")
def test_a_page_cached_for_one_cookie_choice_is_never_served_for_another(client, showcase):
    from django.conf import settings

    from legal.models import ConsentRecord

    undecided = _hit(client, showcase.url)
    assert 'id="consent-banner"' in undecided.text
    choice = client.post(
        "/fr/cookies/choix/",
        {"action": "accept_all", "next": showcase.url},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert settings.CONSENT_COOKIE_NAME in choice.cookies and ConsentRecord.objects.count() == 1
    accepted = _hit(client, showcase.url)
    assert "X-Cache" not in accepted  # another variant: stored apart
    assert 'id="consent-banner"' not in accepted.text
    assert '<script src="/static/js/analytics.js"' in accepted.text
    assert _hit(client, showcase.url)["X-Cache"] == "hit"

    stranger = type(client)()
    first_visit = _hit(stranger, showcase.url)
    assert first_visit["X-Cache"] == "hit"
    assert 'id="consent-banner"' in first_visit.text
    assert (
        '<script src="/static/js/analytics.js"' not in first_visit.text
    )  # inert until they accept


def test_logged_in_visitors_get_private_uncached_pages(client, showcase, django_user_model):
    user = django_user_model.objects.create_user(email="vu@example.test", password="x" * 12)
    client.force_login(user)
    response = _hit(client, showcase.url)
    assert "private" in response["Cache-Control"]
    assert "X-Cache" not in _hit(client, showcase.url)


def test_a_cached_page_keeps_the_security_headers_and_gets_a_fresh_nonce(client, showcase):
    from profiles.showcase.cache import NONCE_PLACEHOLDER

    first = _hit(client, showcase.url)
    cached = _hit(client, showcase.url)
    assert cached["X-Cache"] == "hit"
    assert NONCE_PLACEHOLDER.decode() not in cached.text
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert cached[header] == first[header]


def test_profile_change_drops_the_cached_pages(client, showcase):
    _hit(client, showcase.url)
    _hit(client, "/fr/retoucheurs/")
    provider = showcase.provider
    provider.city = "Chambéry"
    provider.save()
    page = _hit(client, showcase.url)
    assert "X-Cache" not in page and "Chambéry" in page.text
    assert "Chambéry" in _hit(client, "/fr/retoucheurs/").text


def test_page_publication_drops_the_cached_pages(client, showcase):
    _hit(client, showcase.url)
    showcase.service_title = "Colorimétrie avancée"
    showcase.save_revision().publish()
    assert "Colorimétrie avancée" in _hit(client, showcase.url).text


def test_hiding_a_portfolio_image_drops_the_cached_page(client, showcase):
    before = _hit(client, showcase.url).text.count("<picture>")
    image = PortfolioImage.objects.filter(provider=showcase.provider).first()
    image.hidden_by_editor = True
    image.save()
    after = _hit(client, showcase.url).text.count("<picture>")
    assert after < before


@pytest.mark.policy("P2.6", "P2.15")
def test_publishing_and_removing_a_review_drops_the_cached_page(
    client, showcase, django_user_model
):
    _hit(client, showcase.url)
    author = django_user_model.objects.create_user(
        email="auteur@example.test", first_name="Maëlle", last_name="Quintin"
    )
    review = review_create(
        author=author,
        subject=showcase.provider.user,
        kind=Review.Kind.PERSONALISED,
        rating=4,
        comment="Superbe travail sur mes portraits.",
    )
    assert "Superbe travail" not in _hit(client, showcase.url).text  # not checked yet
    review_publish(review=review)
    html = _hit(client, showcase.url).text
    assert "Superbe travail" in html and "Maëlle Q." in html and "Quintin" not in html
    review_remove(review=review)
    assert "Superbe travail" not in _hit(client, showcase.url).text


@pytest.mark.policy("P4.9")
def test_unpublishing_removes_the_showcase_from_directory_sitemap_and_cache(client, showcase):
    _hit(client, showcase.url)
    assert (
        showcase.url in _hit(client, "/fr/retoucheurs/").text
        or showcase.slug in _hit(client, "/fr/retoucheurs/").text
    )
    assert showcase.slug in client.get("/sitemap.xml").content.decode()

    assert showcase_unpublish(user=showcase.provider.user) == 1

    assert client.get(showcase.url).status_code == 404
    assert showcase.slug not in _hit(client, "/fr/retoucheurs/").text
    assert showcase.slug not in client.get("/sitemap.xml").content.decode()
    assert showcase_unpublish(user=showcase.provider.user) == 0  # idempotent


@pytest.mark.policy("P4.9")
def test_deactivated_retoucher_disappears_at_once_even_from_the_cache(client, showcase):
    _hit(client, showcase.url)
    user = showcase.provider.user
    user.is_active = False
    user.save()
    assert client.get(showcase.url).status_code == 404
    assert showcase.slug not in _hit(client, "/fr/retoucheurs/").text
    assert showcase.slug not in client.get("/sitemap.xml").content.decode()


def test_a_stored_page_gets_the_nonce_of_the_request_it_is_served_to(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from profiles.showcase.cache import AnonymousPageCacheMiddleware

    csp = CSPMiddleware(lambda request: None)
    first = rf.get("/fr/retoucheurs/")
    csp.process_request(first)
    stored = AnonymousPageCacheMiddleware._freeze(
        first, HttpResponse(f'<script nonce="{first.csp_nonce}" src="/x.js"></script>')
    )
    assert str(first.csp_nonce).encode() not in stored["content"]
    second = rf.get("/fr/retoucheurs/")
    csp.process_request(second)
    served = AnonymousPageCacheMiddleware._rebuild(second, stored)
    assert f'nonce="{second._csp_nonce}"'.encode() in served.content
    assert second._csp_nonce != first._csp_nonce


def test_a_page_put_behind_a_password_leaves_the_cache_and_asks_for_it(client, showcase):
    """Pages skip Wagtail's restriction lookup while the site has none; adding one counts."""
    from wagtail.models import PageViewRestriction

    assert _hit(client, showcase.url).status_code == 200
    assert _hit(client, showcase.url)["X-Cache"] == "hit"
    restriction = PageViewRestriction.objects.create(
        page=showcase, restriction_type=PageViewRestriction.PASSWORD, password="aperçu-2026"
    )
    response = client.get(showcase.url)
    assert "X-Cache" not in response
    assert 'name="password"' in response.text
    assert showcase.service_title not in response.text
    restriction.delete()
    assert showcase.service_title in _hit(client, showcase.url).text


def test_a_footer_setting_saved_by_an_editor_shows_at_once_on_cached_pages(client, showcase):
    from legal.models import CompanySettings

    _hit(client, showcase.url)
    assert _hit(client, showcase.url)["X-Cache"] == "hit"
    settings = CompanySettings.objects.get()
    settings.contact_email = "bonjour@retoucherie.example"
    settings.save()
    page = _hit(client, showcase.url)
    assert "X-Cache" not in page
    assert "bonjour@retoucherie.example" in page.text
    assert _hit(client, showcase.url)["X-Cache"] == "hit"


@pytest.mark.policy("P8.2")
def test_a_cached_page_carries_the_csp_of_its_own_cookie_choice(client, showcase):
    def allows_gtag(response) -> bool:
        return "www.googletagmanager.com" in response["Content-Security-Policy"]

    _hit(client, showcase.url)
    undecided = _hit(client, showcase.url)
    assert undecided["X-Cache"] == "hit" and not allows_gtag(undecided)
    client.post(
        "/fr/cookies/choix/",
        {"action": "accept_all", "next": showcase.url},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    _hit(client, showcase.url)
    accepted = _hit(client, showcase.url)
    assert accepted["X-Cache"] == "hit"
    assert '<script src="/static/js/analytics.js"' in accepted.text
    assert allows_gtag(accepted)

    stranger = _hit(type(client)(), showcase.url)
    assert stranger["X-Cache"] == "hit"
    assert not allows_gtag(stranger)


def test_an_image_an_editor_changes_shows_at_once(client, showcase):
    """Editors change portfolio images in Wagtail's image library: an Image save, no service."""
    item = PortfolioImage.objects.filter(provider=showcase.provider).order_by("sort_order").last()
    _hit(client, showcase.url)
    assert _hit(client, showcase.url)["X-Cache"] == "hit"
    item.image.description = "Studio en contre-jour"
    item.image.save()
    assert 'alt="Studio en contre-jour"' in _hit(client, showcase.url).text


def test_an_image_shows_once_its_rendition_is_made_after_upload(client, showcase):
    from wagtail.images import get_image_model

    from profiles.showcase.renditions import PORTFOLIO_FALLBACK
    from tests.factories.images import image_bytes

    image = get_image_model().objects.create(
        title="Tardive",
        description="Rendu fait plus tard",
        file=ContentFile(image_bytes(size=(640, 480)), name="tardive.jpg"),
    )
    PortfolioImage.objects.create(provider=showcase.provider, image=image, sort_order=9)
    assert "Rendu fait plus tard" not in _hit(client, showcase.url).text  # no rendition yet
    assert _hit(client, showcase.url)["X-Cache"] == "hit"
    image.get_rendition(PORTFOLIO_FALLBACK)  # the background task, one size at a time
    assert 'alt="Rendu fait plus tard"' in _hit(client, showcase.url).text


def test_a_moved_showcase_leaves_its_old_address_and_the_directory_at_once(client, showcase):
    from profiles.models import ProviderIndexPage

    old_url = showcase.url
    _hit(client, old_url)
    assert _hit(client, old_url)["X-Cache"] == "hit"
    assert old_url in _hit(client, "/fr/retoucheurs/").text
    english_directory = ProviderIndexPage.objects.get(locale__language_code="en")
    showcase.move(english_directory, pos="last-child")
    showcase.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's redirect to the new address, not the cached page
    assert moved.status_code == 301 and moved["Location"] == showcase.url
    assert old_url not in _hit(client, "/fr/retoucheurs/").text


def test_a_page_cached_while_a_change_was_not_committed_is_not_served_after_it(
    client, showcase, django_capture_on_commit_callbacks
):
    """A request that runs during the transaction stores what it read under the generation
    bumped inside it; the bump on commit must orphan that copy."""
    provider = showcase.provider
    with django_capture_on_commit_callbacks(execute=True):
        provider.city = "Chambéry"
        provider.save()
        _hit(client, showcase.url)  # stored before the commit
        assert _hit(client, showcase.url)["X-Cache"] == "hit"
    assert "X-Cache" not in _hit(client, showcase.url)


def test_a_host_that_is_not_allowed_gets_400_never_a_cached_page(client, showcase):
    _hit(client, showcase.url)
    assert _hit(client, showcase.url)["X-Cache"] == "hit"
    for url in (showcase.url, "/fr/retoucheurs/"):
        response = client.get(url, HTTP_HOST="attaquant.example")
        assert response.status_code == 400
        assert showcase.service_title not in response.text


def test_each_allowed_host_gets_its_own_copy(client, showcase):
    """A copy stored for one allowed host is never served to another: the key holds the
    validated host."""
    _hit(client, showcase.url)
    assert _hit(client, showcase.url)["X-Cache"] == "hit"
    other = client.get(showcase.url, HTTP_HOST="localhost")
    assert other.status_code == 200 and "X-Cache" not in other
    assert client.get(showcase.url, HTTP_HOST="localhost")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "query", ["?utm_source=lettre", "?q=portrait&fbclid=abc", "?page=2&page=3", "?page=-1"]
)
def test_a_request_with_unknown_parameters_is_served_but_never_stored(client, showcase, query):
    for url in (f"/fr/retoucheurs/{query}", f"{showcase.url}{query}"):
        first = _hit(client, url)
        again = _hit(client, url)
        assert "X-Cache" not in again, url  # nothing was stored: the cache cannot be filled
        assert "public" not in first["Cache-Control"]


def test_the_directory_filters_are_keyed_normalised(client, showcase):
    _hit(client, "/fr/retoucheurs/?city=Annecy&sort=reviews")
    same = _hit(client, "/fr/retoucheurs/?sort=reviews&city=%20Annecy%20")
    assert same["X-Cache"] == "hit"
    assert showcase.url in same.text
    _hit(client, "/fr/retoucheurs/")
    empty_form = "?q=&skill=&clientele=&min_rating=&city=&sort=&page="
    assert _hit(client, f"/fr/retoucheurs/{empty_form}")["X-Cache"] == "hit"
    other = _hit(client, "/fr/retoucheurs/?city=Lyon")
    assert "X-Cache" not in other and showcase.url not in other.text


def test_a_showcase_with_directory_filters_in_its_address_is_not_stored(client, showcase):
    _hit(client, f"{showcase.url}?q=portrait")
    assert "X-Cache" not in _hit(client, f"{showcase.url}?q=portrait")


def test_a_deleted_showcase_leaves_the_cache_at_once(client, showcase):
    _hit(client, showcase.url)
    assert _hit(client, showcase.url)["X-Cache"] == "hit"
    showcase.delete()
    assert client.get(showcase.url).status_code == 404
    assert showcase.url not in _hit(client, "/fr/retoucheurs/").text


def test_normalising_never_merges_directory_pages_that_differ():
    """Only what the directory itself ignores is left out of the key; anything else it
    cannot vouch for is served uncached."""
    from django.http import QueryDict

    from profiles.showcase.forms import DirectoryFilterForm

    key = DirectoryFilterForm.cache_parameters
    assert key(QueryDict("skill=Retouche-Beaute")) == (("skill", "Retouche-Beaute"),)
    assert key(QueryDict("city=Lyon&q=mariage")) == (("city", "Lyon"), ("q", "mariage"))
    assert key(QueryDict("sort=n%27importe&clientele=both&min_rating=9")) == ()
    for uncached in ("page=01", "page=0", "skill=%3Cb%3E", "q=a&q=b", "ref=lettre"):
        assert key(QueryDict(uncached)) is None, uncached
