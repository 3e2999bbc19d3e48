import json
from unittest import mock

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_sitemap_lists_the_home_page_in_both_languages(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/fr/</loc>" in response.text
    assert "/en/</loc>" in response.text


def test_robots_allows_public_pages_and_hides_private_areas(client, demo_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /fr/compte/" in lines
    assert "Disallow: /en/account/" in lines
    assert "Disallow: /" not in lines
    assert any(line.startswith("Sitemap: http") for line in lines)


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_the_failing_database(client):
    with mock.patch.object(connection, "cursor", side_effect=Exception("database down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["failing"] == ["database"]
    assert body["checks"] == {"database": "error", "cache": "ok"}


def test_healthz_names_the_failing_cache(client):
    with mock.patch("home.views.cache.set", side_effect=ConnectionError("cache down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


def test_the_cached_site_follows_changes_to_the_sites(client, demo_site):
    """Wagtail's site lookup is cached per host; editing the sites drops it at once."""
    from wagtail.models import Site

    assert client.get("/fr/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "www.retoucherie.example"
    site.save()
    assert client.get("/fr/").status_code == 404  # no site answers for "testserver" now
    site.hostname = "testserver"
    site.save()
    assert client.get("/fr/").status_code == 200


def test_the_cached_home_pages_follow_an_editors_publication(
    client, demo_site, django_assert_max_num_queries
):
    """Wagtail's routing starts from the home page in the visitor's language (two queries a
    request): it is cached, and publishing a home page shows at once, in its language only."""
    from home.models import HomePage

    client.get("/fr/")
    client.get("/en/")
    english = HomePage.objects.get(locale__language_code="en")
    english.hero_title = "Retouchers who care"
    english.save_revision().publish()
    assert "Retouchers who care" in client.get("/en/").text
    assert "Retouchers who care" not in client.get("/fr/").text
    assert "Des retoucheurs photo indépendants" in client.get("/fr/").text
    english.unpublish()
    # An unpublished translation: Wagtail routes English visitors through the French home.
    assert "Retouchers who care" not in client.get("/en/").text
