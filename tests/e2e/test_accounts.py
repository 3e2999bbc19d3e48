"""Sign-up journeys, e-mail verification, log-in and portfolio, through a real browser."""

import io
import re
import uuid

from PIL import Image
from playwright.sync_api import expect

from tests.e2e.helpers import DEMO_TOTP_SECRET, login
from tests.factories.profiles import valid_siret, vat_for

PASSWORD = "Un-mot-de-passe-solide-42"


def jpeg(colour=(30, 120, 200)) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format="JPEG")
    return {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def fill(page, values: dict):
    for name, value in values.items():
        field = page.locator(f"#id_{name}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def accept_terms_if_asked(page):
    if page.locator("#id_accept_terms").count():
        page.locator("#id_accept_terms").check()


def verify_email(page, live_site, email):
    messages = live_site.mails(to=email)
    assert messages, f"no e-mail sent to {email}"
    body = messages[-1].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/confirm-email/\S+/", body).group(0)
    page.goto(link.replace(re.match(r"https?://[^/]+", link).group(0), live_site.url))
    page.locator("main form button[type=submit]").click()


def test_a_company_client_signs_up_verifies_the_email_and_sees_the_last_login(page, live_site):
    email = f"societe-{uuid.uuid4().hex[:8]}@example.test"
    siret = valid_siret(501)
    page.goto(live_site.url + "/fr/compte/signup/")
    page.get_by_role("link", name="Créer un compte client").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte client")
    expect(page.locator("#id_birth_date")).to_have_attribute("required", "")
    page.get_by_label("Entreprise", exact=True).check()
    fill(
        page,
        {
            "last_name": "Bernard",
            "first_name": "Hugo",
            "birth_date": "1980-05-17",
            "nationality": "FR",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "legal_structure": "sas",
            "company_name": "Boutique Bernard",
            "siret": "12345678901234",  # wrong on purpose
            "vat_number": vat_for(siret),
        },
    )
    accept_terms_if_asked(page)
    page.get_by_role("button", name="Créer mon compte").click()

    expect(page.get_by_text("la clé de contrôle ne correspond pas")).to_be_visible()
    expect(page.locator("#id_company_name")).to_have_value("Boutique Bernard")
    page.locator("#id_siret").fill(siret)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    accept_terms_if_asked(page)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page).to_have_url(re.compile(r"/confirm-email/"))

    verify_email(page, live_site, email)
    page.goto(live_site.url + "/fr/compte/")
    if "/login/" in page.url:
        login(page, live_site, email, PASSWORD)
        page.goto(live_site.url + "/fr/compte/")
    expect(page.get_by_text(re.compile(r"Dernière connexion : \d"))).to_be_visible()
    expect(page.get_by_text("Boutique Bernard")).to_be_visible()


def test_a_legal_person_retoucher_signs_up_logs_in_and_edits_the_portfolio(page, live_site):
    email = f"studio-{uuid.uuid4().hex[:8]}@example.test"
    siret = valid_siret(777)
    page.goto(live_site.url + "/fr/compte/inscription/retoucheur/")
    page.get_by_label(re.compile("Personne morale")).check()
    fill(
        page,
        {
            "last_name": "Haddad",
            "first_name": "Karim",
            "birth_date": "1982-02-01",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "legal_structure": "sas",
            "company_name": "Studio Lumière",
            "siret": siret,
            "vat_number": vat_for(siret),
            "phone": "06 12 34 56 78",
        },
    )
    page.locator("#id_photo").set_input_files(jpeg())
    page.get_by_label("Professionnels").check()
    accept_terms_if_asked(page)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page).to_have_url(re.compile(r"/confirm-email/"))
    verify_email(page, live_site, email)

    page.context.clear_cookies()
    login(page, live_site, email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/fr/compte/$"))
    expect(page.get_by_text("+33612345678")).to_be_visible()
    page.get_by_role("link", name="Gérer mon portfolio").click()
    for title, colour in [("Avant", (200, 30, 30)), ("Après", (30, 200, 30))]:
        page.locator("#id_image").set_input_files(jpeg(colour))
        page.locator("#id_title").fill(title)
        page.locator("#id_alt_text").fill(f"Portrait retouché, version {title.lower()}")
        page.get_by_role("button", name="Ajouter au portfolio").click()
        expect(page.get_by_text("L’image est ajoutée à votre portfolio.")).to_be_visible()
    titles = page.locator(".portfolio-item__title")
    expect(titles).to_have_text(["Avant", "Après"])
    page.get_by_role("button", name="Monter « Après »").click()
    expect(titles).to_have_text(["Après", "Avant"])
    page.get_by_role("link", name="Modifier « Avant »").click()
    page.locator("#id_title").fill("Avant retouche")
    page.get_by_role("button", name="Enregistrer").click()
    expect(titles).to_have_text(["Après", "Avant retouche"])
    expect(page.get_by_role("img", name="Portrait retouché, version après")).to_be_visible()


def test_demo_staff_log_in_with_their_second_factor_and_reach_the_admin(page, live_site):
    login(page, live_site, "editeur@retoucherie.test", totp_secret=DEMO_TOTP_SECRET)
    page.goto(live_site.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("link", name=re.compile("Compétences"))).to_be_visible()
