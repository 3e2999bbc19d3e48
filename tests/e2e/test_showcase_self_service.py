"""Issue 16, done when: a retoucher edits their showcase text, submits it, an editor approves
it, the retoucher sees it live.

The retoucher's new showcase joins the directory, which the shared server's tests count:
this module runs on a server of its own (`private_live_site`).
"""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import DEMO_TOTP_SECRET, login

RETOUCHER = "retoucheur@retoucherie.test"
EDITOR = "editeur@retoucherie.test"
INTRO = "Retouche beauté naturelle : peau, lumière et couleurs, livrée sous 48 heures."


def _new_page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def _showcase_id(site) -> int:
    out = site.manage(
        "shell",
        "-c",
        "from profiles.models import ProviderShowcasePage;"
        f"print(ProviderShowcasePage.objects.get(provider__user__email='{RETOUCHER}').pk)",
    )
    return int(out.strip().splitlines()[-1])


def test_a_retoucher_submits_their_showcase_an_editor_approves_it_it_goes_live(
    browser, private_live_site
):
    site = private_live_site
    retoucher_context, page = _new_page(browser)
    try:
        login(page, site, RETOUCHER)
        page.goto(site.url + "/fr/compte/")
        page.get_by_role("navigation", name="Mon compte").get_by_role(
            "link", name="Ma vitrine"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ma vitrine")
        expect(page.get_by_text("Vous n’avez pas encore de vitrine")).to_be_visible()
        page.get_by_label("Titre de la prestation").fill("Retouche beauté et mode")
        page.get_by_label("Présentation").fill(INTRO)
        page.get_by_role("button", name="Soumettre à la modération").click()
        expect(page.get_by_text("Votre vitrine est envoyée à la modération.")).to_be_visible()
        expect(
            page.get_by_text("Vos modifications attendent la validation de la modération.")
        ).to_be_visible()

        editor_context, admin = _new_page(browser)
        try:
            login(admin, site, EDITOR, totp_secret=DEMO_TOTP_SECRET)
            admin.goto(f"{site.url}/admin/pages/{_showcase_id(site)}/edit/")
            expect(admin.locator("#id_intro")).to_have_value(INTRO)
            admin.locator("footer [data-w-dropdown-target='toggle']").first.click()
            # "Approve and publish": the one approval that does not ask for a comment.
            admin.locator(
                "footer button[data-workflow-action-name='approve']"
                ":not([data-workflow-action-modal-url])"
            ).click()
            expect(admin.locator(".messages")).to_be_visible()
            expect(admin.locator(".messages")).not_to_contain_text(re.compile("permission", re.I))
        finally:
            editor_context.close()

        page.reload()
        expect(page.get_by_text("Votre vitrine est en ligne.")).to_be_visible()
        page.get_by_role("link", name="Voir ma vitrine publique").click()
        expect(page).to_have_url(re.compile(r"/fr/retoucheurs/[^/]+/$"))
        expect(page.get_by_text(INTRO)).to_be_visible()
        expect(page.get_by_text("Retouche beauté et mode").first).to_be_visible()
    finally:
        retoucher_context.close()

    [message] = [m for m in site.mails(to=RETOUCHER) if "vitrine" in str(m["Subject"])]
    assert message["Subject"] == "Votre vitrine est en ligne"
    body = message.get_content()
    assert re.search(r"https?://\S+/fr/retoucheurs/[^/\s]+/", body)
    assert "/admin/" not in body
