"""Every cookie the site sets lives 13 months at most; the CSP lets only the gated GA in."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db
THIRTEEN_MONTHS = 395 * 24 * 3600


@pytest.mark.policy("P8.3")
def test_every_cookie_lifetime_setting_is_at_most_13_months():
    for name in (
        "SESSION_COOKIE_AGE",
        "CSRF_COOKIE_AGE",
        "LANGUAGE_COOKIE_AGE",
        "CONSENT_COOKIE_AGE",
    ):
        assert getattr(settings, name) <= THIRTEEN_MONTHS, name
    # Flash messages ride in the session: no separate, undeclared "messages" cookie.
    assert settings.MESSAGE_STORAGE.endswith("SessionStorage")


@pytest.mark.policy("P8.3")
def test_the_cookies_a_visitor_gets_live_13_months_at_most(client, demo_site):
    assert not client.get("/fr/").cookies, "reading a public page sets no cookie at all"
    login = client.get("/fr/compte/login/")
    assert "csrftoken" in login.cookies  # its form needs the CSRF cookie
    choice = client.post(
        "/fr/cookies/choix/",
        {"action": "reject_all", "next": "/fr/"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert settings.CONSENT_COOKIE_NAME in choice.cookies
    for response in (login, choice):
        for name, morsel in response.cookies.items():
            assert 0 < int(morsel["max-age"]) <= THIRTEEN_MONTHS, name


def _directives(response) -> dict[str, str]:
    csp = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in csp.split(";") if " " in part.strip())


@pytest.mark.policy("P8.2")
def test_the_csp_names_no_google_host_before_consent_or_after_a_refusal(client, demo_site):
    assert "google" not in client.get("/fr/")["Content-Security-Policy"]
    client.post(
        "/fr/cookies/choix/",
        {"action": "reject_all", "next": "/fr/"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert "google" not in client.get("/fr/")["Content-Security-Policy"]


@pytest.mark.policy("P8.2")
def test_after_consent_the_csp_allows_only_what_gtag_needs(client, demo_site):
    client.post(
        "/fr/cookies/choix/",
        {"action": "accept_all", "next": "/fr/"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    response = client.get("/fr/")
    assert '<script src="/static/js/analytics.js"' in response.text
    directives = _directives(response)
    assert directives["script-src"].split()[0] == "'self'"
    assert directives["script-src"].split()[-1] == "https://www.googletagmanager.com"
    assert "https://*.google-analytics.com" in directives["connect-src"]
    assert "https://*.google-analytics.com" in directives["img-src"]
    assert "google" not in directives["default-src"]
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.policy("P8.5")
@pytest.mark.parametrize("url", ["/fr/compte/login/", "/fr/compte/signup/"])
def test_login_pages_carry_the_cookies_needed_notice_for_the_script_to_reveal(
    client, demo_site, url
):
    html = client.get(url).text
    assert "data-cookies-required" in html
    assert "Les cookies sont bloqués par votre navigateur." in html


@pytest.mark.policy("P8.5")
def test_a_login_without_cookies_is_refused_with_the_reason(demo_site):
    browser_without_cookies = Client(enforce_csrf_checks=True)
    response = browser_without_cookies.post(
        "/fr/compte/login/", {"login": "a@example.test", "password": "x"}
    )
    assert response.status_code == 403
    assert 'role="alert"' in response.text
    assert "Se connecter et créer un compte nécessitent les cookies" in response.text
