"""A user downloads their data, changes their preferences and deletes their account; the DPO
sees the request list in the admin (policy §7)."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import DEMO_TOTP_SECRET, login

PASSWORD = "Un-mot-de-passe-solide-42"

CREATE_USER = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
user = get_user_model().objects.create_user(email={email!r}, password={password!r}, first_name="Margot", last_name="Testeuse")
EmailAddress.objects.create(user=user, email={email!r}, verified=True, primary=True)
"""


@pytest.mark.policy("P7.1", "P7.3", "P7.6", "P7.8")
def test_a_user_downloads_their_data_changes_preferences_and_deletes_their_account(page, live_site):
    email = "margot.e2e@example.test"
    live_site.manage("shell", "-c", CREATE_USER.format(email=email, password=PASSWORD))
    login(page, live_site, email, password=PASSWORD)

    # Download my data, seeing its progress
    page.goto(live_site.url + "/fr/compte/confidentialite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Centre de confidentialité")
    page.get_by_role("button", name="Télécharger mes données").click()
    progress = page.get_by_role("progressbar")
    expect(progress).to_have_attribute("value", "100")
    expect(page.get_by_role("status").filter(has_text="%")).to_contain_text("Prête")
    page.get_by_role("link", name="Télécharger l’archive").click()
    expect(page).to_have_url(re.compile(r"/reauthenticate/"))
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_download() as download_info:
        page.locator("form").filter(has=page.locator("input[name=password]")).locator(
            "button[type=submit]"
        ).click()
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))
    assert email in archive.read("data.json").decode()
    assert any("prêtes" in str(m["Subject"]) for m in live_site.mails(to=email))

    # Change my marketing preferences; the change shows in my consent history
    page.goto(live_site.url + "/fr/compte/confidentialite/preferences/")
    newsletter = page.get_by_label("Newsletter (actualités et événements)")
    expect(newsletter).not_to_be_checked()
    newsletter.check()
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(page.locator(".messages")).to_contain_text("Vos préférences ont été enregistrées.")
    history = page.get_by_role("table")
    expect(history).to_contain_text("Newsletter (actualités et événements)")
    expect(history).to_contain_text("accepté")
    expect(history).to_contain_text("centre de confidentialité")

    # Delete my account
    page.goto(live_site.url + "/fr/compte/confidentialite/suppression/")
    expect(page.get_by_role("heading", name="Ce qui sera supprimé")).to_be_visible()
    page.get_by_label("Je comprends que la suppression est définitive").check()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre compte a été supprimé")
    assert any("supprimé" in str(m["Subject"]) for m in live_site.mails(to=email))
    page.goto(live_site.url + "/fr/compte/confidentialite/")
    expect(page).to_have_url(re.compile(r"/compte/login/"))


@pytest.mark.policy("P7.12")
def test_the_dpo_sees_the_request_list_in_the_admin(page, live_site):
    login(page, live_site, "dpo@retoucherie.test", totp_secret=DEMO_TOTP_SECRET)
    page.goto(live_site.url + "/admin/confidentialite/demandes-rgpd/")
    expect(page.get_by_role("heading", name="Demandes RGPD").first).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Camille Leroy")
    expect(table).to_contain_text("Hugo Bernard")
    expect(table).to_contain_text("En retard")
