"""Legal documents in a real browser: a legal editor publishes material terms, users accept.

Publishing terms that every user must accept again changes the whole site, so this module
runs on a server of its own (`private_live_site`) and leaves the shared one alone.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from legal.demo import DEMO_USER_EMAIL, LEGAL_EDITOR_EMAIL
from tests.e2e.helpers import DEMO_TOTP_SECRET, login


@pytest.fixture(scope="module")
def terms_page_id(private_live_site):
    out = private_live_site.manage(
        "shell",
        "-c",
        "from legal.models import LegalPage;"
        "print(LegalPage.objects.get(kind='terms', locale__language_code='fr').pk)",
    )
    return int(out.strip().splitlines()[-1])


def test_archive_and_diff_of_the_privacy_policy(page, private_live_site):
    site = private_live_site
    page.goto(site.url + "/fr/politique-de-confidentialite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Politique de confidentialité")
    page.get_by_role("link", name="Toutes les versions et leurs changements").click()
    expect(page).to_have_url(site.url + "/fr/politique-de-confidentialite/versions/")
    page.get_by_role("link", name="Ce qui a changé dans la version 1.1").click()
    expect(page.locator("ins").first).to_contain_text("début de l’ajout")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="Réclamation auprès de la CNIL")).to_have_attribute(
        "href", "https://www.cnil.fr/fr/plaintes"
    )


def test_a_material_terms_version_published_in_the_admin_must_be_accepted(
    browser, private_live_site, terms_page_id
):
    site = private_live_site
    editor = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    admin = editor.new_page()
    admin.set_default_timeout(20_000)
    login(admin, site, LEGAL_EDITOR_EMAIL, totp_secret=DEMO_TOTP_SECRET)
    admin.goto(f"{site.url}/admin/pages/{terms_page_id}/edit/")
    admin.fill("#id_version", "2.0")
    admin.fill("#id_effective_date", datetime.date.today().isoformat())
    admin.fill("#id_change_summary", "Les frais de service passent à 8 % du montant du devis.")
    admin.check("#id_is_material_change")
    admin.locator("footer [data-w-dropdown-target='toggle']").first.click()
    admin.locator("button[name='action-publish']").click()
    expect(admin.locator(".messages")).to_contain_text("publiée")
    editor.close()

    user = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = user.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, site, DEMO_USER_EMAIL)
        expect(page).to_have_url(re.compile(r"/fr/juridique/conditions/nouvelle-version/"))
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Nos conditions générales d’utilisation changent"
        )
        expect(
            page.get_by_text("Les frais de service passent à 8 % du montant du devis.")
        ).to_be_visible()

        # Legal pages stay readable without accepting.
        page.get_by_role("link", name="Lire les conditions générales en entier").click()
        expect(page.get_by_text("Version 2.0")).to_be_visible()
        page.go_back()

        page.get_by_role("button", name="Accepter et continuer").click()
        expect(page.get_by_role("alert")).to_contain_text("Cochez la case")
        page.get_by_label(
            "J’ai lu les nouvelles conditions générales d’utilisation et je les accepte."
        ).check()
        page.get_by_role("button", name="Accepter et continuer").click()
        # Accepting continues to where the login was going: the account page.
        expect(page).to_have_url(site.url + "/fr/compte/")
        page.goto(site.url + "/fr/")
        expect(page).to_have_url(site.url + "/fr/")
    finally:
        user.close()
