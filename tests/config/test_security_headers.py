import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.policy("P6.5")
def test_public_pages_carry_the_security_headers(client, demo_site):
    response = client.get("/fr/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.policy("P6.5")
def test_public_pages_have_a_strict_csp_with_a_nonce(client, demo_site):
    csp = client.get("/fr/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if " " in part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    # Inline scripts run only with the per-request nonce (added when a template uses it).
    assert directives["script-src"].split()[0] == "'self'"
    assert "unsafe" not in directives["script-src"]


def test_csp_is_relaxed_only_under_the_admin(client, demo_site):
    csp = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in csp
    assert "'nonce-" not in csp
    assert "'unsafe-inline'" not in client.get("/fr/")["Content-Security-Policy"]


@pytest.mark.policy("P6.5")
def test_the_admin_csp_replaces_the_site_directives_instead_of_contradicting_them(
    client, demo_site
):
    csp = client.get("/admin/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if " " in part.strip())
    assert directives["frame-ancestors"] == "'self'"
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    for directive, sources in directives.items():
        assert not ("'none'" in sources and len(sources.split()) > 1), (directive, sources)


ACCOUNT_PAGES = [
    "account_overview",
    "account_personal",
    "account_bank",
    "account_email",
    "account_change_password",
    "mfa_index",
    "privacy_centre",
]


@pytest.mark.policy("P6.5")
def test_every_page_of_a_logged_in_user_is_private_and_never_stored(client, demo_site):
    from django.urls import reverse

    from legal.demo_accounts import DEMO_PASSWORD

    client.post(
        reverse("account_login"),
        {"login": "retoucheur@retoucherie.test", "password": DEMO_PASSWORD},
    )
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    for name in ACCOUNT_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= directives, (name, response.get("Cache-Control"))
        assert "public" not in directives
    # Public pages too, while logged in: they show the header's account menu.
    directives = {d.strip() for d in client.get("/fr/")["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_anonymous_public_pages_stay_cacheable(client, demo_site):
    assert "no-store" not in client.get("/fr/retoucheurs/").get("Cache-Control", "")


@pytest.mark.policy("P6.5")
def test_every_response_forbids_embedding_by_other_sites(client, demo_site):
    for url in ("/fr/", "/fr/compte/login/", "/admin/login/", "/healthz"):
        assert client.get(url)["Cross-Origin-Resource-Policy"] == "same-origin", url
