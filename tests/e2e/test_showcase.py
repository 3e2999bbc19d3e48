"""An anonymous visitor browses the directory with filters and opens a showcase."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def visitor(browser):
    # bypass_csp lets the test inject axe-core; the site's own scripts are unaffected.
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _serious_axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE}): run `npm install` to check accessibility")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.policy("P2.14", "P4.3")
def test_visitor_filters_the_directory_and_opens_a_showcase(visitor, live_site):
    page = visitor
    page.goto(live_site.url + "/fr/retoucheurs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nos retoucheurs")
    expect(page.locator(".provider-card")).to_have_count(24)

    page.get_by_label("Vous êtes").select_option(label="Un particulier")
    page.get_by_label("Trier par").select_option(label="Les plus d’avis")
    page.get_by_role("button", name="Afficher les retoucheurs").click()
    expect(page).to_have_url(re.compile(r"clientele=individuals.*sort=reviews"))
    count = page.locator(".provider-card").count()
    assert 0 < count < 24  # retouchers who only take businesses are gone
    expect(page.get_by_role("link", name="Effacer les filtres")).to_be_visible()
    assert _serious_axe_violations(page) == []

    first = page.locator(".provider-card__name a").first
    name = first.inner_text()
    assert re.fullmatch(r"\S+ [A-Z]\.", name)  # "Prénom N."
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="Portfolio")).to_be_visible()
    expect(page.get_by_role("heading", name="Avis clients")).to_be_visible()
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(2)  # + breadcrumbs
    assert _serious_axe_violations(page) == []


def test_before_after_slider_is_keyboard_operable(visitor, live_site):
    page = visitor
    page.goto(live_site.url + "/fr/retoucheurs/")
    page.locator(".provider-card__name a").first.click()
    slider = page.get_by_label("Comparer avant et après").first
    expect(slider).to_be_visible()
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert slider.input_value() == "51"


def test_bad_filters_give_a_clean_page(visitor, live_site):
    response = visitor.goto(live_site.url + "/fr/retoucheurs/?page=abc&skill=%3Cb%3E&min_rating=x")
    assert response.status == 200
    expect(visitor.locator(".provider-card").first).to_be_visible()
