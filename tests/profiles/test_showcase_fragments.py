"""The showcase's portfolio and reviews and the directory's cards are kept as template
fragments: a logged-in visitor (whose pages are never cached whole) gets them from the
fragment cache, and sees a change at once all the same."""

import pytest

from orders.reviews.models import Review
from profiles.models import PortfolioImage
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db

# A directory page on warm fragments, logged in: the session and its user (2), Wagtail's
# routing (2), the skills of the filter form, the count, the page of results, the page's
# translations, the user's last cookie choice, the user bar's permissions (2), and the
# header's account menu: the user's retoucher and client profiles (2, the client one shared
# with the directory's default clientele, P2.14) and the menu link's locale. No card.
DIRECTORY_WARM_MAX_QUERIES = 14


@pytest.fixture
def member(client, django_user_model):
    user = django_user_model.objects.create_user(email="membre@example.test", password="x" * 12)
    client.force_login(user)
    return user


def _get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Cache" not in response  # never the whole-page cache
    return response.text


def test_a_directory_page_on_warm_fragments_reads_no_card_from_the_database(
    client, demo_site, member, django_assert_max_num_queries
):
    for _ in range(24):
        showcase_create(images=1, city="Quimper")
    url = "/fr/retoucheurs/?city=Quimper"
    _get(client, url)  # renders and keeps the 24 cards
    with django_assert_max_num_queries(DIRECTORY_WARM_MAX_QUERIES) as queries:
        html = _get(client, url)
    assert html.count('class="provider-card"') == 24
    assert html.count("Quimper") >= 24
    card_reads = [  # the cards' own read: showcase pages with their retoucher's city
        q["sql"]
        for q in queries.captured_queries
        if '"city"' in q["sql"].split("FROM")[0] and "profiles_providershowcasepage" in q["sql"]
    ]
    assert card_reads == []


def test_a_profile_change_shows_at_once_on_the_directory_card(client, demo_site, member):
    showcase = showcase_create(images=1, city="Annecy")
    assert "Annecy" in _get(client, "/fr/retoucheurs/?city=Annecy")
    provider = showcase.provider
    provider.city = "Chambéry"
    provider.save()
    assert "Annecy" not in _get(client, "/fr/retoucheurs/")
    assert showcase.service_title in _get(client, "/fr/retoucheurs/?city=Chambéry")


def test_an_image_hidden_by_an_editor_leaves_the_showcase_at_once(client, demo_site, member):
    showcase = showcase_create(images=3)
    before = _get(client, showcase.url).count("<figure")
    image = PortfolioImage.objects.filter(provider=showcase.provider).first()
    image.hidden_by_editor = True
    image.save()
    assert _get(client, showcase.url).count("<figure") == before - 1


def test_a_removed_review_leaves_the_showcase_at_once(client, demo_site, member):
    from orders.reviews.services import review_remove

    showcase = showcase_create(images=1, reviews=2)
    assert _get(client, showcase.url).count('<li class="review">') == 2
    review_remove(review=Review.objects.filter(subject=showcase.provider.user).first())
    assert _get(client, showcase.url).count('<li class="review">') == 1
