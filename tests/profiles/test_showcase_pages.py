import datetime
import json
import re

import pytest
from wagtail.images import get_image_model

from orders.reviews.models import Review
from profiles.models import Clientele, ClientProfile, PortfolioImage, Skill
from profiles.showcase.forms import QUERY_MAX_LENGTH
from tests.factories.profiles import client_create
from tests.factories.showcase import reviews_add, showcase_create

pytestmark = pytest.mark.django_db


def _json_ld(html: str, kind: str = "ProfessionalService") -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (found,) = [data for data in map(json.loads, blocks) if data["@type"] == kind]
    return found


@pytest.mark.policy("P4.3", "P4.9")
def test_showcase_shows_the_public_profile_read_live(client, demo_site):
    page = showcase_create(images=3, reviews=3, rating=4, city="Grenoble")
    user = page.provider.user
    html = client.get(page.url).text
    assert f'<h1 id="showcase-title">{user.first_name} {user.last_name[0]}.</h1>' in html
    assert "Grenoble" in html and page.service_title in html
    assert page.provider.photo.url in html
    assert "Note moyenne 4,0 sur 5, 3 avis" in " ".join(html.split())
    assert user.last_name not in html


@pytest.mark.policy("P2.6", "P2.15")
def test_reviews_show_author_pseudonym_date_and_how_they_are_checked(
    client, demo_site, django_user_model
):
    page = showcase_create(images=1)
    author = django_user_model.objects.create_user(
        email="cliente@example.test", first_name="Nadia", last_name="Ferrand"
    )
    reviews_add(page, count=1, author=author, rating=5)
    reviews_add(page, count=1, author=None, rating=3)
    html = " ".join(client.get(page.url).text.split())
    assert "Nadia F." in html and "Ferrand" not in html
    assert "Client vérifié" in html
    assert "vérifiés par notre équipe de modération" in html
    assert "La date affichée est celle de la publication" in html
    assert "publié le" in html
    assert "Note moyenne 4,0 sur 5, 2 avis" in html


@pytest.mark.policy("P2.6")
def test_a_review_shows_its_rating_and_publication_day_in_french_time(client, demo_site):
    page = showcase_create(images=1)
    reviews_add(page, count=1, rating=4)
    # 23:30 UTC on 2 March is already 3 March in Paris.
    Review.objects.filter(subject=page.provider.user).update(
        published_at=datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)
    )
    html = " ".join(client.get(page.url).text.split())
    assert '<span class="visually-hidden">Note : 4 sur 5</span>' in html
    assert '<time datetime="2026-03-03T00:30:00+01:00">publié le 3 mars 2026</time>' in html


@pytest.mark.policy("P2.6")
def test_reviews_and_platform_events_read_in_english_on_the_english_page(client, demo_site):
    from profiles.models import ProviderShowcasePage

    english = ProviderShowcasePage.objects.live().filter(locale__language_code="en").first()
    Review.objects.filter(subject=english.provider.user).delete()
    reviews_add(english, count=1, automatic=3, rating=4)
    Review.objects.filter(subject=english.provider.user).update(
        published_at=datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)
    )
    html = " ".join(client.get(english.url).text.split())
    assert '<span class="visually-hidden">Rating: 4 out of 5</span>' in html
    assert '<time datetime="2026-03-03T00:30:00+01:00">published on 3 March 2026</time>' in html
    assert "Automatic review</span> Project approved on time: 3 times" in html
    assert "(last on 3 March 2026)" in html


@pytest.mark.policy("P2.6")
def test_automatic_reviews_are_shown_apart_and_never_rated(client, demo_site):
    page = showcase_create(images=1)
    reviews_add(page, count=0, automatic=3)
    page.provider.refresh_from_db()
    assert page.provider.review_count == 0 and page.provider.rating_average is None
    html = " ".join(client.get(page.url).text.split())
    assert "Avis automatiques de la plateforme" in html
    assert "Projet validé dans les délais : 3 fois" in html
    assert "Pas encore d’avis" in html
    assert "aggregateRating" not in html


@pytest.mark.policy("P4.9")
def test_json_ld_has_a_rating_only_from_real_reviews(client, demo_site):
    without = _json_ld(client.get(showcase_create(images=1).url).text)
    assert without["@type"] == "ProfessionalService" and "aggregateRating" not in without
    rated = showcase_create(images=1, reviews=2, rating=5)
    data = _json_ld(client.get(rated.url).text)
    assert data["aggregateRating"]["ratingValue"] == "5.0"
    assert data["aggregateRating"]["reviewCount"] == 2
    assert data["address"] == {"@type": "PostalAddress", "addressLocality": rated.provider.city}


def test_canonical_and_hreflang_link_both_languages(client, demo_site):
    html = client.get("/fr/retoucheurs/?page=1&sort=newest").text
    assert re.search(r'<link rel="canonical" href="https?://[^/]+/fr/retoucheurs/">', html)
    assert re.search(
        r'<link rel="alternate" hreflang="en" href="https?://[^/]+/en/retouchers/">', html
    )
    assert re.search(
        r'<link rel="alternate" hreflang="fr" href="https?://[^/]+/fr/retoucheurs/">', html
    )


@pytest.mark.policy("P4.9")
def test_opted_out_retoucher_is_noindex_and_out_of_the_sitemap(client, demo_site):
    page = showcase_create(images=1)
    assert page.slug in client.get("/sitemap.xml").content.decode()
    provider = page.provider
    provider.allow_search_indexing = False
    provider.save()
    response = client.get(page.url)
    assert '<meta name="robots" content="noindex">' in response.text
    assert response["X-Robots-Tag"] == "noindex"
    assert page.slug not in client.get("/sitemap.xml").content.decode()
    assert "/fr/retoucheurs/</loc>" in client.get("/sitemap.xml").content.decode()


def test_portfolio_is_responsive_lazy_and_sized(client, demo_site):
    page = showcase_create(images=3)
    html = client.get(page.url).text
    assert html.count('type="image/webp"') >= 3
    assert re.search(r'srcset="[^"]+\.webp 480w, [^"]+\.webp 960w"', html)
    assert 'loading="lazy"' in html
    assert re.search(r'<img src="[^"]+"\s+width="480"\s+height="360"\s+alt="[^"]+"', html)
    assert "après retouche" in html  # the provider's alternative text


def test_before_after_pair_is_side_by_side_with_a_comparison_script(client, demo_site):
    html = client.get(showcase_create(images=2).url).text
    assert 'class="compare"' in html and "Avant" in html and "Après" in html
    assert "js/compare.js" in html


def test_portfolio_follows_the_order_the_retoucher_chose(client, demo_site):
    page = showcase_create(images=3)
    items = list(PortfolioImage.objects.filter(provider=page.provider).order_by("sort_order"))
    for position, item in enumerate(reversed(items)):
        item.sort_order = position
        item.save()
    html = client.get(page.url).text
    urls = [
        item.image.renditions.get(filter_spec="fill-480x360|format-jpeg").url
        for item in reversed(items)
    ]
    assert [html.index(url) for url in urls] == sorted(html.index(url) for url in urls)


def test_editor_can_hide_one_portfolio_image(client, demo_site):
    page = showcase_create(images=3)
    item = PortfolioImage.objects.filter(provider=page.provider).order_by("sort_order").last()
    src_before = client.get(page.url).text
    rendition = item.image.renditions.filter(filter_spec__contains="jpeg").first()
    assert rendition.url in src_before
    item.hidden_by_editor = True
    item.save()
    assert rendition.url not in client.get(page.url).text


def test_a_missing_rendition_is_never_generated_during_a_visit(client, demo_site):
    page = showcase_create(images=2)
    Rendition = get_image_model().get_rendition_model()
    item = PortfolioImage.objects.filter(provider=page.provider).order_by("sort_order").last()
    Rendition.objects.filter(image=item.image).delete()
    count = Rendition.objects.count()
    html = client.get(page.url).text
    assert Rendition.objects.count() == count
    assert html.count("<picture>") >= 1


@pytest.mark.parametrize("state", ["draft", "no_provider"])
def test_unpublished_or_orphan_showcase_is_a_404(client, demo_site, state):
    if state == "draft":
        page = showcase_create(images=1, publish=False)
        url = f"/fr/retoucheurs/{page.slug}/"
    else:
        page = showcase_create(images=1)
        url = page.url
        page.provider.delete()
    assert client.get(url).status_code == 404


def test_home_page_shows_featured_retouchers(client, demo_site):
    page = showcase_create(images=1)
    page.featured = True
    page.save_revision().publish()
    assert page.provider.user.public_name in client.get("/fr/").text


# The directory ---------------------------------------------------------------------------


def _names(html: str) -> list[str]:
    return re.findall(r'<h3 class="provider-card__name">\s*<a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.policy("P2.14")
@pytest.mark.parametrize(
    ("wanted", "shown"),
    [
        (Clientele.INDIVIDUALS, {Clientele.INDIVIDUALS, Clientele.BOTH}),
        (Clientele.PROFESSIONALS, {Clientele.PROFESSIONALS, Clientele.BOTH}),
    ],
)
def test_clients_are_matched_with_retouchers_who_accept_them(client, demo_site, wanted, shown):
    pages = {
        clientele: showcase_create(images=1, city="Vannes", clientele=clientele)
        for clientele in Clientele.values
    }
    html = client.get(f"/fr/retoucheurs/?city=Vannes&clientele={wanted}").text
    listed = set(_names(html))
    for clientele, page in pages.items():
        assert (page.provider.user.public_name in listed) == (clientele in shown)


def test_directory_filters_by_skill_rating_and_city_and_sorts(client, demo_site):
    best = showcase_create(images=1, city="Pau", reviews=3, rating=5)
    low = showcase_create(images=1, city="Pau", reviews=5, rating=2)
    skill = Skill.objects.get(slug="packshot", locale__language_code="fr")
    low.provider.skills.set([skill])
    best.provider.skills.clear()
    by_rating = _names(client.get("/fr/retoucheurs/?city=pau").text)
    assert by_rating == [best.provider.user.public_name, low.provider.user.public_name]
    by_reviews = _names(client.get("/fr/retoucheurs/?city=Pau&sort=reviews").text)
    assert by_reviews[0] == low.provider.user.public_name
    assert _names(client.get("/fr/retoucheurs/?city=Pau&min_rating=4").text) == [
        best.provider.user.public_name
    ]
    assert _names(client.get("/fr/retoucheurs/?city=Pau&skill=packshot").text) == [
        low.provider.user.public_name
    ]


def test_directory_full_text_search(client, demo_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index updates on commit
        page = showcase_create(images=1, city="Biarritz", service_title="Retouche de surf")
    html = client.get("/fr/retoucheurs/?q=surf").text
    assert _names(html) == [page.provider.user.public_name]
    assert _names(client.get(f"/fr/retoucheurs/?q={page.provider.user.last_name}").text) == []


def test_directory_pages_by_24(client, demo_site):
    for _ in range(25):
        showcase_create(images=1, city="Tarbes")
    first = client.get("/fr/retoucheurs/?city=Tarbes").text
    assert len(_names(first)) == 24 and 'rel="next"' in first
    second = client.get("/fr/retoucheurs/?city=Tarbes&page=2").text
    assert len(_names(second)) == 1 and "Page 2 sur 2" in second


@pytest.mark.parametrize(
    "query",
    [
        "?skill=does-not-exist",
        "?clientele=aliens",
        "?min_rating=seven",
        "?sort=random",
        "?page=abc",
        "?page=-3",
        "?page=99999",
        "?q=" + "x" * 5000,
        "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%00%F0%9F%A6%84%27%22",
        "?city=%00%00",
    ],
)
def test_bad_directory_input_gives_a_clean_page(client, demo_site, query):
    response = client.get("/fr/retoucheurs/" + query)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert "x" * (QUERY_MAX_LENGTH + 1) not in response.text


def test_page_out_of_range_shows_the_last_page(client, demo_site):
    html = client.get("/fr/retoucheurs/?page=99999").text
    assert len(_names(html)) > 0


def test_empty_directory_search_is_helpful(client, demo_site):
    html = client.get("/fr/retoucheurs/?q=zzzzzzzz").text
    assert "Aucun retoucheur" in html and "0 retoucheur" not in html
    assert "Essayez avec moins de filtres" in html
    assert 'href="/fr/retoucheurs/"' in html


def test_directory_in_english(client, demo_site):
    html = client.get("/en/retouchers/").text
    assert "Our retouchers" in html and "Show retouchers" in html


def test_automatic_reviews_never_count_in_the_average(demo_site):
    page = showcase_create(images=1, reviews=2, rating=4)
    reviews_add(page, count=0, automatic=5)
    page.provider.refresh_from_db()
    assert page.provider.review_count == 2
    assert float(page.provider.rating_average) == 4.0
    assert Review.objects.filter(subject=page.provider.user).count() == 7


def test_skills_are_named_in_the_pages_language_or_as_entered(client, demo_site):
    from wagtail.models import Locale

    from profiles.models import ProviderShowcasePage

    english = ProviderShowcasePage.objects.live().filter(locale__language_code="en").first()
    french = english.get_translation(Locale.objects.get(language_code="fr"))
    untranslated = Skill.objects.create(
        locale=french.locale, slug="hdr", name="Fusion HDR"
    )  # no English yet
    english.provider.skills.set(
        [Skill.objects.get(slug="packshot", locale=french.locale), untranslated]
    )
    tags = re.compile(r'<ul class="tags"[^>]*>(.*?)</ul>', re.S)
    french_tags = tags.search(client.get(french.url).text).group(1)
    english_tags = tags.search(client.get(english.url).text).group(1)
    assert "Packshot produit" in french_tags and "Fusion HDR" in french_tags
    assert "Product packshots" in english_tags and "Packshot produit" not in english_tags
    assert "Fusion HDR" in english_tags


@pytest.mark.policy("P2.14")
@pytest.mark.parametrize(
    ("kind", "shown"),
    [
        (ClientProfile.Kind.COMPANY, {Clientele.PROFESSIONALS, Clientele.BOTH}),
        (ClientProfile.Kind.INDIVIDUAL, {Clientele.INDIVIDUALS, Clientele.BOTH}),
    ],
)
def test_a_logged_in_client_sees_by_default_the_retouchers_who_accept_them(
    client, demo_site, kind, shown
):
    pages = {
        clientele: showcase_create(images=1, city="Lorient", clientele=clientele)
        for clientele in Clientele.values
    }
    names = {clientele: page.provider.user.public_name for clientele, page in pages.items()}
    assert set(_names(client.get("/fr/retoucheurs/?city=Lorient").text)) == set(names.values())

    client.force_login(client_create(kind=kind).user)
    html = client.get("/fr/retoucheurs/?city=Lorient").text
    assert {c for c, name in names.items() if name in _names(html)} == shown
    wanted = (
        Clientele.PROFESSIONALS if kind == ClientProfile.Kind.COMPANY else Clientele.INDIVIDUALS
    )
    assert re.search(rf'<option value="{wanted}" selected>', html)  # the filter is shown

    everyone = client.get("/fr/retoucheurs/?city=Lorient&clientele=").text  # and changeable
    assert set(_names(everyone)) == set(names.values())


def test_directory_cards_show_the_first_portfolio_images_lazily_with_their_alt_text(
    client, demo_site
):
    page = showcase_create(images=5, city="Dinan")
    first = list(PortfolioImage.objects.filter(provider=page.provider).select_related("image"))
    first[1].hidden_by_editor = True
    first[1].save()
    html = client.get("/fr/retoucheurs/?city=Dinan").text
    extracts = re.search(r'<ul class="provider-card__portfolio"[^>]*>(.*?)</ul>', html, re.S)
    images = re.findall(r"<img [^>]*>", extracts.group(1))
    assert len(images) == 3
    assert all('loading="lazy"' in img for img in images)
    expected = [item.image.description or item.image.title for item in (first[0], *first[2:4])]
    assert re.findall(r'alt="([^"]*)"', extracts.group(1)) == expected


def test_showcase_has_breadcrumbs_back_to_the_directory_and_home(client, demo_site):
    page = showcase_create(images=1)
    html = client.get(page.url).text
    crumbs = re.search(r'<nav class="container breadcrumbs"[^>]*>(.*?)</nav>', html, re.S)
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', crumbs.group(1))
    name = page.provider.user.public_name
    assert links == [("/fr/", "Accueil"), ("/fr/retoucheurs/", "Nos retoucheurs"), (page.url, name)]
    trail = _json_ld(html, kind="BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in trail] == ["Accueil", "Nos retoucheurs", name]
    assert trail[1]["item"].endswith("/fr/retoucheurs/")


def test_a_skill_chosen_in_both_languages_shows_once(client, demo_site):
    page = showcase_create(images=1, city="Auray")
    page.provider.skills.set(Skill.objects.filter(slug="packshot"))  # French and English
    tags = re.compile(r'<ul class="tags"[^>]*>(.*?)</ul>', re.S)
    assert tags.search(client.get(page.url).text).group(1).count("Packshot produit") == 1
    card = tags.search(client.get("/fr/retoucheurs/?city=Auray").text).group(1)
    assert card.count("Packshot produit") == 1


def test_rating_filter_reads_one_star_in_the_singular(client, demo_site):
    html = client.get("/fr/retoucheurs/").text
    assert "1 étoile et plus" in html and "1 étoiles" not in html
    assert "4 étoiles et plus" in html
    english = client.get("/en/retouchers/").text
    assert "1 star and up" in english and "4 stars and up" in english
