"""axe-core finds no serious or critical violation on the pages people use most, on a desktop
screen and on a 375 px phone (issue 16)."""

import pytest

from tests.e2e.helpers import login
from tests.e2e.test_cookie_consent import AXE

pytestmark = pytest.mark.skipif(
    not AXE.exists(), reason="axe-core is missing: run `npm ci` (package.json) to install it"
)

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 667}}
PUBLIC_PAGES = {
    "home": "/fr/",
    "directory": "/fr/retoucheurs/",
    "signup": "/fr/compte/signup/",
    "rights": "/fr/exercer-mes-droits/",
}
ACCOUNT_PAGES = {"account": "/fr/compte/", "privacy-centre": "/fr/compte/confidentialite/"}


def _serious_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
    )


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser):
    # bypass_csp: only so that the test can inject axe-core; the site's CSP is untouched.
    context = browser.new_context(
        bypass_csp=True, locale="fr-FR", viewport=VIEWPORTS[request.param]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("path", list(PUBLIC_PAGES.values()), ids=list(PUBLIC_PAGES))
def test_public_pages_have_no_serious_violation(screen, live_site, path):
    screen.goto(live_site.url + path)
    assert _serious_violations(screen) == []


def test_a_showcase_has_no_serious_violation(screen, live_site):
    screen.goto(live_site.url + "/fr/retoucheurs/")
    screen.locator(".provider-card__name a").first.click()
    screen.wait_for_selector("#showcase-title")
    assert _serious_violations(screen) == []


def test_account_pages_have_no_serious_violation(screen, live_site):
    login(screen, live_site, "entreprise@retoucherie.test")
    for path in ACCOUNT_PAGES.values():
        screen.goto(live_site.url + path)
        assert _serious_violations(screen) == [], path
