"""The English legal pages are English: no French sentence left in a paragraph, list item,
heading or table cell, in the version in force or in the archive."""

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

# Words that are everyday French and never English.
FRENCH_WORDS = frozenset(
    """le la les des du de et est une un pour dans sur vous vos votre nous notre nos qui que
    au aux par avec sont ses son sa ce cette ces pas être été ou où leur leurs elle il ils
    sont peut doit lorsque afin données site société compte utilisateur prestataire""".split()
)
# Proper names and the company block, which read the same in both languages.
ALLOWED = (
    "Retoucherie SAS",
    "12 rue des Photographes, 75011 Paris, France",
    "OVH SAS, 2 rue Kellermann, 59100 Roubaix, France",
    "Commission Nationale de l’Informatique et des Libertés",
    "Code de la propriété intellectuelle",
    "Code de la consommation",
    "Code civil",
    "Médiateur",
    "(société par actions simplifiée)",
)
ACCENTED = re.compile(r"[àâçéèêëîïôûùüÿœæ]", re.IGNORECASE)
PAGES = ["/en/privacy-policy/", "/en/cookie-policy/", "/en/terms/", "/en/legal-notice/"]


class _Passages(HTMLParser):
    """The text of each paragraph, list item, heading and table cell of the document."""

    BLOCKS = {"p", "li", "h2", "h3", "td", "th"}

    def __init__(self):
        super().__init__()
        self.inside_document = 0
        self.stack: list[list[str]] = []
        self.passages: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside_document += 1
        if self.inside_document and tag in self.BLOCKS:
            self.stack.append([])

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside_document -= 1
        if self.inside_document and tag in self.BLOCKS and self.stack:
            text = " ".join("".join(self.stack.pop()).split())
            if text:
                self.passages.append(text)

    def handle_data(self, data):
        if self.stack:
            self.stack[-1].append(data)


def looks_french(passage: str) -> bool:
    for name in ALLOWED:
        passage = passage.replace(name, "")
    words = re.findall(r"[^\W\d_]+", passage.lower())
    if len(words) < 3:
        return False
    french = sum(word in FRENCH_WORDS for word in words)
    accented = sum(bool(ACCENTED.search(word)) for word in words)
    return (french + accented) / len(words) > 0.2


def french_passages(html: str) -> list[str]:
    parser = _Passages()
    parser.feed(html)
    return [passage for passage in parser.passages if looks_french(passage)]


def test_the_heuristic_tells_french_from_english():
    assert looks_french("Nom / Prénom / Date de naissance / Pays de résidence (obligatoire)")
    assert looks_french("<b>Site</b> : la place de marché en ligne Retoucherie.")
    assert not looks_french("Last name / First name / Date of birth (mandatory)")
    assert not looks_french("Registered office: 12 rue des Photographes, 75011 Paris, France")


@pytest.mark.parametrize("url", PAGES)
def test_an_english_legal_page_holds_no_french_sentence(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    passages = _Passages()
    passages.feed(response.text)
    assert len(passages.passages) > 5  # the document itself was read
    assert french_passages(response.text) == []


def test_the_archived_english_versions_hold_no_french_sentence(client, demo_site):
    for version in ("1.0", "1.1"):
        response = client.get(f"/en/privacy-policy/versions/{version}/")
        assert response.status_code == 200
        assert french_passages(response.text) == [], version
