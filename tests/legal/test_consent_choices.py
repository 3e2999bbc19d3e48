"""Choosing, storing, proving and resetting cookie consent, seen from the server."""

import re
import uuid
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from legal.consent import cookie as consent_cookie
from legal.consent.services import cookie_registry_revise
from legal.models import ConsentAction, ConsentRecord, CookieService

pytestmark = pytest.mark.django_db

COOKIE = settings.CONSENT_COOKIE_NAME
ANALYTICS_JS = "/static/js/analytics.js"
CHROME_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def choose(client, action, services=(), **extra):
    if "HTTP_ORIGIN" not in extra:
        extra.setdefault("HTTP_SEC_FETCH_SITE", "same-origin")  # as every current browser
    return client.post(
        "/fr/cookies/choix/",
        {"action": action, "services": list(services), "next": "/fr/"},
        HTTP_USER_AGENT=CHROME_UA,
        **extra,
    )


class _AnalyticsScripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("data-consent-service") == "google_analytics":
            self.found.append(attributes)


def analytics_scripts(response) -> list[dict]:
    """The attributes of each script gated on Google Analytics, however the markup is laid out."""
    parser = _AnalyticsScripts()
    parser.feed(response.text)
    return parser.found


def analytics_inert(response) -> bool:
    """The analytics script is on the page but written so that the browser does not run it."""
    scripts = analytics_scripts(response)
    return bool(scripts) and all(
        s.get("type") == "text/plain" and "src" not in s and s.get("data-src") == ANALYTICS_JS
        for s in scripts
    )


def analytics_live(response) -> bool:
    """The analytics script is on the page and the browser runs it."""
    scripts = analytics_scripts(response)
    return bool(scripts) and all(
        s.get("src") == ANALYTICS_JS and s.get("type") != "text/plain" for s in scripts
    )


def banner_shown(response) -> bool:
    return 'id="consent-banner"' in response.text


@pytest.mark.policy("P2.18", "P3.8", "P8.2", "P4.10")
def test_before_a_choice_the_banner_shows_and_analytics_is_inert(client, demo_site):
    response = client.get("/fr/")
    assert banner_shown(response)
    assert analytics_inert(response)
    assert "googletagmanager" not in response.text
    assert COOKIE not in response.cookies


@pytest.mark.policy("P8.2", "P3.8")
def test_accepting_all_records_proof_sets_the_cookie_and_renders_analytics_live(client, demo_site):
    response = choose(client, "accept_all")
    assert response.status_code == 302 and response["Location"] == "/fr/"
    cookie = response.cookies[COOKIE]
    assert int(cookie["max-age"]) == 395 * 24 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    record = ConsentRecord.objects.get()
    assert record.action == ConsentAction.ACCEPT_ALL
    assert record.choices == {
        "site_session": True,
        "cookie_consent": True,
        "language": True,
        "google_analytics": True,
    }
    assert record.registry_version == 1
    assert record.user_agent_family == "Chrome"
    assert record.user is None
    assert str(record.consent_id).replace("-", "") in cookie.value
    # No IP address anywhere in the proof.
    assert "127.0.0.1" not in str(record.__dict__)

    page = client.get("/fr/")
    assert not banner_shown(page)
    assert analytics_live(page)


@pytest.mark.policy("P8.4", "P3.8")
@pytest.mark.parametrize("action", ["reject_all"])
def test_refusing_all_is_recorded_and_keeps_analytics_inert(client, demo_site, action):
    choose(client, action)
    record = ConsentRecord.objects.get()
    assert record.action == ConsentAction.REJECT_ALL
    assert record.choices["google_analytics"] is False
    page = client.get("/fr/")
    assert not banner_shown(page)
    assert analytics_inert(page)


@pytest.mark.policy("P8.4")
def test_a_custom_choice_keeps_only_the_ticked_services(client, demo_site, advertising_service):
    choose(client, "custom", ["ad_network"])
    record = ConsentRecord.objects.get()
    assert record.action == ConsentAction.CUSTOM
    assert record.choices["ad_network"] is True
    assert record.choices["google_analytics"] is False
    assert analytics_inert(client.get("/fr/"))


def test_a_second_choice_keeps_the_consent_id_and_adds_a_record(client, demo_site):
    choose(client, "accept_all")
    choose(client, "reject_all")
    first, second = ConsentRecord.objects.order_by("created_at")
    assert first.consent_id == second.consent_id
    assert second.choices["google_analytics"] is False


def test_the_javascript_choice_gets_json_and_the_same_proof(client, demo_site):
    response = choose(client, "accept_all", HTTP_ACCEPT="application/json")
    assert response.json() == {"granted": ["google_analytics"]}
    assert COOKIE in response.cookies
    assert ConsentRecord.objects.count() == 1


def test_customise_without_javascript_opens_the_choices_page(client, demo_site):
    response = choose(client, "customize")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/cookies/gerer/?next=")
    page = client.get(response["Location"])
    assert "Gérer les cookies" in page.text
    assert 'id="consent-service-google_analytics"' in page.text
    assert not banner_shown(page)
    assert ConsentRecord.objects.count() == 0


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_choices_never_redirect_to_another_site(client, demo_site, target):
    response = client.post("/fr/cookies/choix/", {"action": "reject_all", "next": target})
    assert response["Location"] == "/fr/"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_a_choice_posted_from_another_site_is_refused(demo_site, headers):
    """A hostile page cannot accept cookies on a visitor's behalf (no token: see the view)."""
    client = Client(enforce_csrf_checks=True)
    response = choose(client, "accept_all", **headers)
    assert response.status_code == 403
    assert "Formulaire refusé" in response.text
    assert COOKIE not in response.cookies
    assert ConsentRecord.objects.count() == 0
    assert client.post("/fr/cookies/reinitialiser/", **headers).status_code == 403


@pytest.mark.parametrize(
    "headers", [{"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_ORIGIN": "http://testserver"}]
)
def test_a_choice_from_our_own_page_needs_no_token(demo_site, headers):
    client = Client(enforce_csrf_checks=True)
    html = client.get("/fr/").text
    assert "csrfmiddlewaretoken" not in html  # the page can be shared by the cache
    response = choose(client, "accept_all", **headers)
    assert response.status_code == 302 and COOKIE in response.cookies
    assert ConsentRecord.objects.count() == 1


def test_a_post_with_cookies_but_no_origin_headers_is_refused(client, demo_site):
    """An old browser driven by a hostile page sends neither header but does send the
    visitor's cookies: such a post must not change the visitor's choice."""
    choose(client, "reject_all")
    assert ConsentRecord.objects.count() == 1
    forged = client.post("/fr/cookies/choix/", {"action": "accept_all", "next": "/fr/"})
    assert forged.status_code == 403
    assert COOKIE not in forged.cookies
    assert client.post("/fr/cookies/reinitialiser/").status_code == 403
    assert ConsentRecord.objects.count() == 1
    assert analytics_inert(client.get("/fr/"))  # still refused


def test_a_post_without_cookies_or_origin_headers_is_still_accepted(demo_site):
    """A script (or a browser too old to send `Origin`) without cookies changes no one's
    choice: it gets its own."""
    response = Client().post("/fr/cookies/choix/", {"action": "reject_all", "next": "/fr/"})
    assert response.status_code == 302 and COOKIE in response.cookies
    assert ConsentRecord.objects.count() == 1


@override_settings(CONSENT_RECORD_RATE=(3, 600))
def test_proofs_of_consent_are_rate_limited_per_client(demo_site):
    for _ in range(3):
        assert choose(Client(), "reject_all").status_code == 302
    flood = choose(Client(), "accept_all")
    assert flood.status_code == 429
    assert "Réessayez dans quelques minutes" in flood.text
    assert COOKIE not in flood.cookies
    background = choose(Client(), "accept_all", HTTP_ACCEPT="application/json")
    assert background.status_code == 429
    assert ConsentRecord.objects.count() == 3
    other_client = choose(Client(REMOTE_ADDR="203.0.113.9"), "accept_all")
    assert other_client.status_code == 302 and ConsentRecord.objects.count() == 4


@override_settings(CONSENT_RECORD_RATE=(2, 600))
def test_a_reset_counts_against_the_same_budget(client, demo_site):
    choose(client, "accept_all")
    choose(client, "reject_all")
    response = client.post("/fr/cookies/reinitialiser/", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 429
    assert ConsentRecord.objects.count() == 2


def test_an_unknown_action_or_service_is_refused(client, demo_site):
    assert choose(client, "accept_everything").status_code == 400
    assert choose(client, "custom", ["tracking_pixel"]).status_code == 400
    assert ConsentRecord.objects.count() == 0


# Forged, broken or outdated consent cookies count as no choice. -------------------------


@pytest.mark.policy("P2.18", "P8.2")
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("not-signed-at-all", id="garbage"),
        pytest.param(f"{uuid.uuid4().hex}~1~google_analytics", id="unsigned"),
        pytest.param("x" * 5000, id="oversized"),
        pytest.param("", id="empty"),
    ],
)
def test_a_forged_cookie_counts_as_no_choice(client, demo_site, value):
    client.cookies[COOKIE] = value
    response = client.get("/fr/")
    assert response.status_code == 200
    assert banner_shown(response)
    assert analytics_inert(response)


@pytest.mark.policy("P2.18", "P8.2")
@pytest.mark.parametrize(
    "payload",
    [
        pytest.param("{id}~1~tracking_pixel", id="unknown-service"),
        pytest.param("{id}~1~site_session", id="necessary-as-choice"),
        pytest.param("{id}~99~google_analytics", id="version-from-the-future"),
        pytest.param("{id}~1~google_analytics~extra", id="bad-format"),
        pytest.param("nothex~1~google_analytics", id="bad-id"),
        pytest.param("{id}~1~" + "google_analytics." * 40, id="too-long"),
    ],
)
def test_a_signed_but_invalid_cookie_counts_as_no_choice(client, demo_site, sign_consent, payload):
    client.cookies[COOKIE] = sign_consent(payload.format(id=uuid.uuid4().hex))
    response = client.get("/fr/")
    assert response.status_code == 200
    assert banner_shown(response)
    assert analytics_inert(response)


def test_a_valid_signed_cookie_is_a_choice(client, demo_site, sign_consent):
    client.cookies[COOKIE] = sign_consent(f"{uuid.uuid4().hex}~1~google_analytics")
    response = client.get("/fr/")
    assert not banner_shown(response)
    assert analytics_live(response)


@pytest.mark.policy("P8.3")
def test_a_choice_older_than_13_months_shows_the_banner_again(client, demo_site):
    with time_machine.travel(timezone.now() - timedelta(days=396)):
        choose(client, "accept_all")
    response = client.get("/fr/")
    assert banner_shown(response)
    assert analytics_inert(response)


def test_a_new_registry_version_shows_the_banner_again(client, demo_site):
    choose(client, "accept_all")
    assert not banner_shown(client.get("/fr/"))
    service = CookieService.objects.get(key="google_analytics", locale__language_code="fr")
    service.purpose = "Mesurer l’audience et les performances des pages."
    service.save()
    cookie_registry_revise()
    response = client.get("/fr/")
    assert banner_shown(response)
    assert analytics_inert(response)


# Sec-GPC --------------------------------------------------------------------------------


@pytest.mark.policy("P4.10")
def test_gpc_leaves_advertising_refused_when_accepting_all_and_says_why(
    client, demo_site, advertising_service
):
    page = client.get("/fr/", HTTP_SEC_GPC="1")
    assert "Global Privacy Control" in page.text
    assert (
        'value="ad_network"\n' in page.text
        and "checked" not in page.text.split('value="ad_network"')[1].split(">")[0]
    )
    choose(client, "accept_all", HTTP_SEC_GPC="1")
    record = ConsentRecord.objects.get()
    assert record.gpc is True
    assert record.choices["ad_network"] is False
    assert record.choices["google_analytics"] is True


def test_without_gpc_accepting_all_includes_advertising(client, demo_site, advertising_service):
    page = client.get("/fr/")
    assert "Global Privacy Control" not in page.text
    choose(client, "accept_all")
    assert ConsentRecord.objects.get().choices["ad_network"] is True


# Reset ----------------------------------------------------------------------------------


@pytest.mark.policy("P8.6")
def test_reset_forgets_the_choice_deletes_analytics_cookies_and_records_it(client, demo_site):
    choose(client, "accept_all")
    client.cookies["_ga"] = "GA1.1.1.1"
    client.cookies["_ga_DEMO000000"] = "GS1.1.1"
    response = client.post(
        "/fr/cookies/reinitialiser/", {"next": "/fr/"}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302 and response["Location"] == "/fr/"
    for name in (COOKIE, "_ga", "_ga_DEMO000000"):
        assert response.cookies[name]["max-age"] == 0, name
    assert "csrftoken" not in response.cookies  # necessary cookies stay
    withdrawal = ConsentRecord.objects.order_by("created_at").last()
    assert withdrawal.action == ConsentAction.WITHDRAW
    assert withdrawal.choices["google_analytics"] is False
    assert banner_shown(client.get("/fr/"))


@pytest.mark.policy("P8.6")
def test_every_page_has_the_reset_link(client, demo_site):
    for url in ("/fr/", "/en/", "/fr/nexiste-pas/", "/fr/compte/login/"):
        text = client.get(url).text
        assert 'action="/' in text and "/cookies/" in text
        assert "Réinitialiser les cookies" in text or "Reset cookies" in text


# Logged-in users: one choice for every device ---------------------------------------------


@pytest.fixture
def user(demo_site, django_user_model):
    return django_user_model.objects.create_user(
        email="multi@example.test", password="Multi-Device-2026"
    )


def test_a_logged_in_users_choice_applies_on_another_device(user, demo_site):
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    choose(laptop, "accept_all")
    assert ConsentRecord.objects.get().user == user

    phone.force_login(user)
    response = phone.get("/fr/")
    assert not banner_shown(response)
    assert analytics_live(response)
    assert COOKIE in response.cookies  # written into the phone's browser too
    assert phone.get("/fr/").status_code == 200


def test_a_reset_on_one_device_is_not_undone_by_another(user, demo_site):
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    choose(laptop, "accept_all")
    laptop.post("/fr/cookies/reinitialiser/", HTTP_SEC_FETCH_SITE="same-origin")
    phone.force_login(user)
    assert banner_shown(phone.get("/fr/"))


def test_the_consent_cookie_lifetime_setting_is_capped_at_13_months(demo_site):
    with override_settings(CONSENT_COOKIE_AGE=3 * 365 * 24 * 3600):
        assert consent_cookie.cookie_age_seconds() == 395 * 24 * 3600


def test_the_home_page_with_the_banner_stays_within_its_query_budget(
    client, demo_site, django_assert_max_num_queries
):
    client.get("/fr/")
    with django_assert_max_num_queries(20):
        client.get("/fr/")


def test_the_banner_sends_each_visitor_back_to_the_page_they_were_on(client, demo_site):
    """The banner is kept as a fragment, but the address to come back to is each page's own."""
    for path in ("/fr/", "/fr/retoucheurs/?page=1"):
        response = client.get(path)
        assert banner_shown(response)
        html = response.text
        fields = re.findall(
            r'<input type="hidden"\s+name="next"\s+value="([^"]*)"\s+form="([^"]+)">', html
        )
        assert sorted(fields) == [(path, "consent-banner-form"), (path, "consent-panel-form")]
        for form_id in ("consent-banner-form", "consent-panel-form"):
            assert f'id="{form_id}"' in html
