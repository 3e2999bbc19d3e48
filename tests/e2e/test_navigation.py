"""Finding one's way (issue 16): the header menu, the directory's cards, the showcase's
breadcrumbs, the home page's search field, the account menu, the cookie policy's reset link
and the small screen."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import login

PHONE = {"width": 375, "height": 667}


def test_a_visitor_goes_from_the_menu_to_a_showcase_and_back(page, live_site):
    page.goto(live_site.url + "/fr/")
    menu = page.get_by_role("navigation", name="Navigation principale")
    menu.get_by_role("link", name="Nos retoucheurs").click()
    expect(page).to_have_url(live_site.url + "/fr/retoucheurs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nos retoucheurs")

    card = page.locator(".provider-card").first
    extracts = card.locator(".provider-card__portfolio img")
    expect(extracts.first).to_have_attribute("loading", "lazy")
    assert 2 <= extracts.count() <= 3
    assert all(extracts.nth(i).get_attribute("alt") for i in range(extracts.count()))
    name = card.locator(".provider-card__name").inner_text()
    card.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    crumbs = page.get_by_role("navigation", name="Fil d’Ariane")
    expect(crumbs.get_by_role("link", name=name)).to_have_attribute("aria-current", "page")
    crumbs.get_by_role("link", name="Nos retoucheurs").click()
    expect(page).to_have_url(live_site.url + "/fr/retoucheurs/")
    page.go_back()
    page.get_by_role("navigation", name="Fil d’Ariane").get_by_role("link", name="Accueil").click()
    expect(page).to_have_url(live_site.url + "/fr/")


def test_the_menu_explains_how_it_works_and_leads_retouchers_to_sign_up(page, live_site):
    page.goto(live_site.url + "/fr/retoucheurs/")
    menu = page.get_by_role("navigation", name="Navigation principale")
    menu.get_by_role("link", name="Comment ça marche").click()
    expect(page).to_have_url(live_site.url + "/fr/#comment-ca-marche")
    expect(page.get_by_role("heading", name="Comment ça marche", level=2)).to_be_in_viewport()
    menu.get_by_role("link", name="Devenir retoucheur").click()
    expect(page).to_have_url(re.compile(r"/fr/compte/inscription/retoucheur/$"))


def test_the_home_search_field_leads_to_the_filtered_directory(page, live_site):
    page.goto(live_site.url + "/fr/")
    page.get_by_label("Quel type de retouche ?").fill("mariage")
    page.get_by_label("Quel type de retouche ?").press("Enter")
    expect(page).to_have_url(re.compile(r"/fr/retoucheurs/\?q=mariage$"))
    expect(page.get_by_role("searchbox", name="Rechercher")).to_have_value("mariage")
    expect(page.locator(".provider-card").first).to_contain_text("mariage")


def test_a_logged_in_retoucher_has_an_account_menu_with_their_own_links(page, live_site):
    login(page, live_site, "retoucheur@retoucherie.test")
    page.goto(live_site.url + "/fr/")
    account = page.get_by_role("navigation", name="Compte", exact=True)
    expect(account.get_by_role("link", name="Portfolio")).to_be_hidden()
    account.get_by_text("Mon compte").click()
    account.get_by_role("link", name="Portfolio").click()
    expect(page).to_have_url(re.compile(r"/fr/compte/portfolio/$"))
    account = page.get_by_role("navigation", name="Compte", exact=True)
    account.get_by_text("Mon compte").click()
    expect(account.get_by_role("link", name="Mes données personnelles")).to_be_visible()
    expect(account.get_by_role("link", name="Administration")).to_have_count(0)


def test_the_reset_link_in_the_cookie_policy_resets_the_choice(page, live_site):
    page.goto(live_site.url + "/fr/")
    page.locator("#consent-banner").get_by_role("button", name="Tout accepter").click()
    expect(page.locator("#consent-banner")).to_be_hidden()
    page.goto(live_site.url + "/fr/politique-cookies/")
    expect(page.locator("#consent-banner")).to_have_count(0)
    page.locator(".legal-document").get_by_role("link", name="Réinitialiser les cookies").click()
    expect(page.locator("#consent-banner")).to_be_visible()
    expect(page).to_have_url(live_site.url + "/fr/politique-cookies/")


def test_on_a_phone_the_banner_leaves_the_heading_visible_and_filters_fold(browser, live_site):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    try:
        for path in ("/fr/", "/fr/retoucheurs/"):
            page.goto(live_site.url + path)
            expect(page.locator("#consent-banner")).to_be_visible()
            expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
        skill = page.get_by_label("Compétence", exact=True)
        expect(skill).to_be_hidden()
        page.get_by_text("Filtrer", exact=True).click()
        expect(skill).to_be_visible()
    finally:
        context.close()
