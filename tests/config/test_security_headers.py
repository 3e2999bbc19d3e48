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
