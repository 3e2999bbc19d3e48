"""A showcase and a directory page cost a fixed number of queries, whatever their size.

The whole uncached request — Wagtail's routing, the header, the footer and the cookie banner
included — runs at most 12 queries, asserted at both ends of the size range: 3 and 30
portfolio images, 0 and 200 reviews, 1 and 24 results.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.showcase.cache import showcase_cache_invalidate
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db

REQUEST_MAX_QUERIES = 12


@pytest.mark.parametrize(("images", "reviews"), [(3, 0), (30, 0), (3, 200), (30, 200)])
def test_showcase_page_runs_a_bounded_number_of_queries(
    client, demo_site, django_assert_max_num_queries, images, reviews
):
    page = showcase_create(images=images, reviews=reviews, automatic=reviews // 10)
    client.get(page.url)  # warm the content types, site root paths, settings and registry
    showcase_cache_invalidate()
    with django_assert_max_num_queries(REQUEST_MAX_QUERIES):
        response = client.get(page.url)
    assert response.status_code == 200
    assert response.text.count('<li class="review">') == min(reviews, 10)
    portfolio = response.text.split('class="portfolio-grid"', 1)[1].split("</ul>", 1)[0]
    assert portfolio.count("<li>") == images


def _queries(client, url) -> int:
    showcase_cache_invalidate()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_showcase_query_count_does_not_grow_with_portfolio_or_reviews(client, demo_site):
    small = showcase_create(images=3)
    large = showcase_create(images=30, reviews=200, automatic=20)
    client.get(small.url)
    assert _queries(client, small.url) == _queries(client, large.url)


@pytest.mark.parametrize("results", [1, 24])
def test_directory_page_runs_a_bounded_number_of_queries(
    client, demo_site, django_assert_max_num_queries, results
):
    for _ in range(results):
        showcase_create(images=1, city="Quimper")
    url = "/fr/retoucheurs/?city=Quimper"
    client.get(url)
    showcase_cache_invalidate()
    with django_assert_max_num_queries(REQUEST_MAX_QUERIES):
        response = client.get(url)
    assert response.text.count('class="provider-card"') == results


def test_directory_query_count_does_not_grow_with_page_size(client, demo_site):
    showcase_create(images=1, city="Brest")
    for _ in range(24):
        showcase_create(images=1, city="Quimper")
    client.get("/fr/retoucheurs/?city=Brest")
    assert _queries(client, "/fr/retoucheurs/?city=Brest") == _queries(
        client, "/fr/retoucheurs/?city=Quimper"
    )
