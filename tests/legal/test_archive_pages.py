"""The public archive: legal pages, their versions and readable diffs, in both languages."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "lang", "text"),
    [
        (
            "/fr/politique-de-confidentialite/",
            "fr",
            "Version 1.1, en vigueur depuis le 1er juin 2026",
        ),
        ("/en/privacy-policy/", "en", "Version 1.1, in force since 1 June 2026"),
    ],
)
def test_the_policy_shows_its_version_and_links_to_its_archive(client, demo_site, url, lang, text):
    html = " ".join(client.get(url).text.split())
    assert f'<html lang="{lang}">' in html
    assert text in html
    assert f'href="{url}versions/"' in html


@pytest.mark.parametrize(
    ("url", "summary"),
    [
        ("/fr/politique-de-confidentialite/versions/", "conservées 25 mois"),
        ("/en/privacy-policy/versions/", "kept for 25 months"),
    ],
)
def test_the_archive_lists_every_version_newest_first(client, demo_site, url, summary):
    html = client.get(url).text
    assert html.index(f'href="{url}1.1/"') < html.index(f'href="{url}1.0/"')
    assert summary in html
    assert f'href="{url}1.1/diff/"' in html
    assert f'href="{url}1.0/diff/"' not in html  # nothing before 1.0


def test_an_old_version_shows_its_own_text(client, demo_site):
    old = client.get("/fr/politique-de-confidentialite/versions/1.0/").text
    new = client.get("/fr/politique-de-confidentialite/versions/1.1/").text
    added_in_1_1 = "authentification à deux facteurs depuis les paramètres de son compte"
    assert added_in_1_1 not in old and added_in_1_1 in new
    english = client.get("/en/privacy-policy/versions/1.0/")
    assert english.status_code == 200 and "Protection of personal data" in english.text


@pytest.mark.parametrize(
    ("url", "added_label"),
    [
        ("/fr/politique-de-confidentialite/versions/1.1/diff/", "début de l’ajout"),
        ("/en/privacy-policy/versions/1.1/diff/", "start of addition"),
    ],
)
def test_the_diff_marks_added_passages_in_words_not_only_colour(
    client, demo_site, url, added_label
):
    html = client.get(url).text
    inserted = html[html.index("<ins>") : html.rindex("</ins>")]
    assert "OVH" in inserted  # the words added to an existing passage of section 6
    assert added_label in inserted  # read out by screen readers, not only shown in colour
    assert "<del>" not in html  # 1.1 only adds


@pytest.mark.parametrize(
    "url",
    [
        "/fr/politique-de-confidentialite/versions/9.9/",
        "/fr/politique-de-confidentialite/versions/9.9/diff/",
        "/fr/politique-de-confidentialite/versions/1.0/diff/",
        "/en/privacy-policy/versions/abc/",
    ],
)
def test_a_version_that_does_not_exist_gives_the_404_page(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.text or "Page not found" in response.text


@pytest.mark.policy("P7.13")
@pytest.mark.parametrize(
    ("url", "links"),
    [
        (
            "/fr/",
            [
                ('href="/fr/politique-de-confidentialite/"', "Politique de confidentialité"),
                ('href="/fr/politique-cookies/"', "Politique de cookies"),
                ('href="/fr/conditions-generales/"', "Conditions générales d’utilisation"),
                ('href="/fr/mentions-legales/"', "Mentions légales"),
                ('href="https://www.cnil.fr/fr/plaintes"', "Réclamation auprès de la CNIL"),
            ],
        ),
        (
            "/en/",
            [
                ('href="/en/privacy-policy/"', "Privacy policy"),
                ('href="/en/cookie-policy/"', "Cookie policy"),
                ('href="/en/terms/"', "Terms of use"),
                ('href="/en/legal-notice/"', "Legal notice"),
                ('href="https://www.cnil.fr/fr/plaintes"', "Complain to the CNIL"),
            ],
        ),
    ],
)
def test_every_page_footer_links_the_legal_documents_and_the_cnil(client, demo_site, url, links):
    html = client.get(url).text
    footer = html[html.index("<footer") :]
    for href, label in links:
        assert href in footer and label in footer
