import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.policy("P3.1")
def test_root_redirects_to_the_french_home_by_default(client, demo_site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_root_follows_the_browsers_language(client, demo_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


@pytest.mark.policy("P3.1")
def test_home_page_in_french_and_english(client, demo_site):
    french = client.get("/fr/")
    english = client.get("/en/")
    assert french.status_code == english.status_code == 200
    assert '<html lang="fr">' in french.text
    assert "Je suis client" in french.text and "Je suis retoucheur" in french.text
    assert '<html lang="en">' in english.text
    assert "I am a client" in english.text and "I am a retoucher" in english.text


def test_language_switcher_links_to_the_translated_page(client, demo_site):
    html = " ".join(client.get("/fr/").text.split())
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html
    assert '<a href="/fr/" hreflang="fr" lang="fr" aria-current="true">Français</a>' in html


def test_base_template_has_landmarks_and_a_skip_link(client, demo_site):
    html = client.get("/fr/").text
    assert 'class="skip-link" href="#main"' in html
    for landmark in ("<header", '<main id="main"', "<footer", "<nav"):
        assert landmark in html


@pytest.mark.parametrize(
    ("url", "language", "text"),
    [
        ("/fr/nexiste-pas/", "fr", "Page introuvable"),
        ("/en/does-not-exist/", "en", "Page not found"),
    ],
)
def test_unknown_url_gives_the_sites_own_404_in_the_visitors_language(
    client, demo_site, url, language, text
):
    response = client.get(url)
    assert response.status_code == 404
    assert f'<html lang="{language}">' in response.text
    assert text in response.text


def test_unknown_locale_prefix_gives_the_404_page(client, demo_site):
    response = client.get("/de/", follow=True)
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_server_error_page_renders_without_a_request(settings):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        html = render_to_string("500.html")
    assert "Something went wrong" in html


def test_account_urls_are_translated(client, demo_site):
    assert client.get("/fr/compte/login/").status_code == 200
    assert client.get("/en/account/login/").status_code == 200


def test_site_settings_are_read_from_the_cache_and_a_change_shows_at_once(
    client, demo_site, django_assert_num_queries
):
    from wagtail.models import Site

    from legal.models import CompanySettings

    client.get("/fr/")
    site = Site.objects.get(is_default_site=True)
    with django_assert_num_queries(0):
        assert CompanySettings.for_site(site).name
    settings = CompanySettings.for_site(site)
    settings.name = "Retoucherie Atelier SAS"
    settings.save()
    assert "Retoucherie Atelier SAS" in client.get("/fr/").text
