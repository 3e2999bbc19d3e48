"""A French user's support question answered from an admin in English: the answer e-mail
is French, written in the user's language whatever the staff member reads."""

from playwright.sync_api import expect

from tests.e2e.helpers import DEMO_TOTP_SECRET, login

PASSWORD = "Un-mot-de-passe-solide-42"
SUPPORT_EMAIL = "support@retoucherie.test"

CREATE_USER = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
user = get_user_model().objects.create_user(email={email!r}, password={password!r}, first_name="Hugo", last_name="Lemoine", language="fr")
EmailAddress.objects.create(user=user, email={email!r}, verified=True, primary=True)
"""
STAFF_READS_ENGLISH = f"""
from django.contrib.auth import get_user_model
get_user_model().objects.filter(email={SUPPORT_EMAIL!r}).update(language="en")
"""


def test_a_french_user_receives_a_french_answer_sent_from_an_english_admin(
    page, live_site, browser
):
    email = "hugo.support@example.test"
    live_site.manage("shell", "-c", CREATE_USER.format(email=email, password=PASSWORD))
    live_site.manage("shell", "-c", STAFF_READS_ENGLISH)

    # The user asks a question from the privacy centre, in French.
    login(page, live_site, email, password=PASSWORD)
    page.goto(live_site.url + "/fr/compte/confidentialite/assistance/")
    page.locator("input[name=subject]").fill("Ma facture de mars")
    page.locator("textarea[name=message]").fill("Je ne trouve pas ma facture.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", name="Ma facture de mars")).to_be_visible()

    # Support answers from the admin, which speaks English to them although their browser
    # asks for French.
    staff_context = browser.new_context(locale="fr-FR")
    staff = staff_context.new_page()
    staff.set_default_timeout(15_000)
    login(staff, live_site, SUPPORT_EMAIL, totp_secret=DEMO_TOTP_SECRET)
    staff.goto(live_site.url + "/admin/confidentialite/assistance/")
    expect(staff.locator("html")).to_have_attribute("lang", "en")
    staff.get_by_role("link", name="Ma facture de mars").first.click()
    staff.locator("textarea[name=answer]").fill("Elle est dans votre espace, rubrique Factures.")
    staff.get_by_role("button", name="Save").first.click()
    expect(staff.locator(".messages")).to_be_visible()
    staff_context.close()

    [answer] = [m for m in live_site.mails(to=email) if "Ma facture de mars" in str(m["Subject"])]
    assert str(answer["Subject"]).endswith("Réponse à votre demande : Ma facture de mars")
    body = answer.get_payload()  # the raw 8-bit text, as written
    assert "Voici notre réponse à votre demande" in body
    assert "Elle est dans votre espace, rubrique Factures." in body
    assert "Here is our answer" not in body
