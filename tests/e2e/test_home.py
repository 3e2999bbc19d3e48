import re

from playwright.sync_api import expect


def test_home_page_in_french(page, live_site):
    page.goto(live_site.url + "/")
    expect(page).to_have_url(live_site.url + "/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("retoucheurs photo")
    expect(page.get_by_role("link", name="Je suis client")).to_be_visible()


def test_language_switcher_goes_to_the_english_home_and_back(page, live_site):
    page.goto(live_site.url + "/fr/")
    page.get_by_role("navigation", name="Choix de la langue").get_by_role(
        "link", name="English"
    ).click()
    expect(page).to_have_url(live_site.url + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="I am a retoucher")).to_be_visible()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(live_site.url + "/fr/")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_site):
    # Until the visitor answers it, the cookie banner comes first (tests/e2e/test_cookie_consent.py).
    page.goto(live_site.url + "/fr/")
    page.locator("#consent-banner").get_by_role("button", name="Tout refuser").click()
    expect(page.locator("#consent-banner")).to_be_hidden()
    page.reload()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu principal")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_unknown_page_shows_the_sites_404(page, live_site):
    response = page.goto(live_site.url + "/en/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.get_by_role("link", name="Back to the home page").click()
    expect(page).to_have_url(live_site.url + "/en/")


def test_nothing_is_loaded_from_another_origin(page, live_site):
    foreign = []
    page.on(
        "request", lambda r: foreign.append(r.url) if not r.url.startswith(live_site.url) else None
    )
    page.goto(live_site.url + "/fr/")
    page.wait_for_load_state("networkidle")
    assert foreign == []
