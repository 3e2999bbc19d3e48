"""A showcase and a directory page cost a fixed number of queries, whatever their size.

Two bounds: the page's own work (its `serve()`: context, template, header and footer) at
most 12 queries, and the whole uncached request — Wagtail's routing and view-restriction
checks included, which every Wagtail page pays — at most 16. Each is asserted at both ends
of the size range: 3 and 30 portfolio images, 0 and 200 reviews, 1 and 24 results.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from profiles.showcase.cache import showcase_cache_invalidate
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db

PAGE_MAX_QUERIES = 12
REQUEST_MAX_QUERIES = 16


def _serve(url: str):
    """A request and its page, routed beforehand, to count what the page's serve() costs."""
    request = RequestFactory().get(url, HTTP_HOST="testserver")
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = "fr"
    Site.find_for_request(request)
    path = url.split("?")[0]
    page = next(p for p in Page.objects.live().specific() if p.get_url(request) == path)
    return request, page


@pytest.mark.parametrize(("images", "reviews"), [(3, 0), (30, 0), (3, 200), (30, 200)])
def test_showcase_page_runs_a_bounded_number_of_queries(
    client, demo_site, django_assert_max_num_queries, images, reviews
):
    page = showcase_create(images=images, reviews=reviews, automatic=reviews // 10)
    client.get(page.url)  # warm Django's content types and Wagtail's site root paths
    showcase_cache_invalidate()
    with django_assert_max_num_queries(REQUEST_MAX_QUERIES):
        response = client.get(page.url)
    assert response.status_code == 200
    assert response.text.count('<li class="review">') == min(reviews, 10)
    request, routed = _serve(page.url)
    with django_assert_max_num_queries(PAGE_MAX_QUERIES):
        routed.serve(request).render()


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
    request, routed = _serve(url)
    with django_assert_max_num_queries(PAGE_MAX_QUERIES):
        routed.serve(request).render()


def test_directory_query_count_does_not_grow_with_page_size(client, demo_site):
    showcase_create(images=1, city="Brest")
    for _ in range(24):
        showcase_create(images=1, city="Quimper")
    client.get("/fr/retoucheurs/?city=Brest")
    assert _queries(client, "/fr/retoucheurs/?city=Brest") == _queries(
        client, "/fr/retoucheurs/?city=Quimper"
    )
