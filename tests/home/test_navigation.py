"""The header menu, the account menu, the home page's search field and the footer's links
(issue 16: visitors could reach the directory only from the four featured cards)."""

import re

import pytest

from profiles.models import User
from tests.factories.profiles import client_create

pytestmark = pytest.mark.django_db


def _nav(html: str, label: str) -> str:
    return re.search(rf'<nav [^>]*aria-label="{label}"[^>]*>(.*?)</nav>', html, re.S).group(1)


def _links(html: str) -> list[tuple[str, str]]:
    return [
        (href, " ".join(text.split()))
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/fr/",
            [
                ("/fr/retoucheurs/", "Nos retoucheurs"),
                ("/fr/#comment-ca-marche", "Comment ça marche"),
                ("/fr/compte/inscription/retoucheur/", "Devenir retoucheur"),
            ],
        ),
        (
            "/en/",
            [
                ("/en/retouchers/", "Our retouchers"),
                ("/en/#comment-ca-marche", "How it works"),
                ("/en/account/signup/retoucher/", "Become a retoucher"),
            ],
        ),
    ],
)
def test_the_header_menu_leads_to_the_directory_how_it_works_and_sign_up(
    client, demo_site, path, expected
):
    html = client.get(path).text
    label = "Navigation principale" if path == "/fr/" else "Main navigation"
    assert _links(_nav(html, label)) == expected
    assert 'id="comment-ca-marche"' in html


def test_the_home_search_field_sends_its_words_to_the_directory(client, demo_site):
    html = client.get("/fr/").text
    form = re.search(
        r'<form class="hero-search"[^>]*action="([^"]+)"[^>]*>(.*?)</form>', html, re.S
    )
    assert form.group(1) == "/fr/retoucheurs/"
    assert 'name="q"' in form.group(2) and "Quel type de retouche ?" in form.group(2)
    english = client.get("/en/").text
    assert 'class="hero-search"' in english and 'action="/en/retouchers/"' in english


@pytest.mark.parametrize(
    ("email", "shown", "hidden"),
    [
        (
            "retoucheur@retoucherie.test",
            ["Portfolio", "Coordonnées bancaires", "Mes données personnelles"],
            ["Administration", "Informations personnelles"],
        ),
        (
            "client@retoucherie.test",
            ["Informations personnelles", "Mes données personnelles"],
            ["Portfolio", "Coordonnées bancaires", "Administration"],
        ),
        ("admin@retoucherie.test", ["Administration"], ["Portfolio"]),
    ],
)
def test_the_account_menu_depends_on_the_role(client, demo_site, email, shown, hidden):
    anonymous = _nav(client.get("/fr/").text, "Compte")
    assert "Mon compte" not in anonymous and "Se connecter" in anonymous
    client.force_login(User.objects.get(email=email))
    menu = _nav(client.get("/fr/").text, "Compte")
    names = [text for _href, text in _links(menu)]
    assert "<summary>Mon compte</summary>" in menu and "Se déconnecter" in menu
    assert all(name in names for name in shown), names
    assert not any(name in names for name in hidden), names


def test_the_footer_and_the_privacy_policy_link_to_the_public_rights_form(client, demo_site):
    footer = _nav(client.get("/fr/").text, "Liens du pied de page")
    assert ("/fr/exercer-mes-droits/", "Exercer mes droits") in _links(footer)
    policy = client.get("/fr/politique-de-confidentialite/").text
    document = policy.split('class="container legal-document"', 1)[1].split("</article>", 1)[0]
    assert ("/fr/exercer-mes-droits/", "Exercer mes droits") in _links(document)


@pytest.mark.parametrize("path", ["/fr/politique-cookies/", "/en/cookie-policy/"])
def test_every_anchor_in_the_cookie_policy_exists_on_the_page(client, demo_site, path):
    html = client.get(path).text
    anchors = set(re.findall(r'href="#([^"]+)"', html))
    assert "reinitialiser-cookies" in anchors
    assert all(f'id="{anchor}"' in html for anchor in anchors)
    # The anchor holds the footer's reset form.
    target = html.split('id="reinitialiser-cookies"', 1)[1].split("</li>", 1)[0]
    assert "data-consent-reset" in target


def test_a_company_client_is_told_why_the_directory_is_filtered(client, demo_site):
    client.force_login(client_create(kind="company").user)
    html = client.get("/fr/retoucheurs/").text
    assert "Selon votre profil client" in html
    assert 'href="/fr/retoucheurs/?clientele="' in html  # "Effacer les filtres" shows them all


@pytest.mark.parametrize(
    ("path", "label", "directory"),
    [("/fr/", "Je suis client", "/fr/retoucheurs/"), ("/en/", "I am a client", "/en/retouchers/")],
)
def test_the_client_button_of_the_demo_home_opens_the_directory(
    client, demo_site, path, label, directory
):
    html = client.get(path).text
    assert re.search(rf'<a class="button"\s+href="{directory}">{label}</a>', html)
