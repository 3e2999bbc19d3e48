"""The cookie policy's table is the registry: every declared cookie, nothing else."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage
from legal.models import CookieDefinition, LegalPage

pytestmark = pytest.mark.django_db


def _cookie_policy(language_code: str) -> LegalPage:
    home = HomePage.objects.get(locale__language_code=language_code)
    page = LegalPage(
        title="Politique de cookies" if language_code == "fr" else "Cookie policy",
        slug=f"cookies-{language_code}",
        locale=Locale.objects.get(language_code=language_code),
        kind="cookie_policy",
        body=[("paragraph", "<p>Introduction</p>"), ("cookie_table", None)],
        version="1.0",
        effective_date=datetime.date(2026, 1, 1),
        change_summary="Première version.",
    )
    home.add_child(instance=page)
    return page


def _rendered_cookie_names(html: str) -> set[str]:
    return set(re.findall(r'<th scope="row">\s*<code>([^<]+)</code>', html))


@pytest.mark.policy("P2.18", "P8.3")
@pytest.mark.parametrize("language_code", ["fr", "en"])
def test_the_cookie_policy_lists_exactly_the_registrys_cookies(demo_site, language_code):
    page = _cookie_policy(language_code)
    with translation.override(language_code):
        html = render_to_string("legal/legal_page_text.html", {"page": page})
    declared = set(
        CookieDefinition.objects.filter(locale__language_code=language_code).values_list(
            "name", flat=True
        )
    )
    assert _rendered_cookie_names(html) == declared
    assert {"sessionid", "csrftoken", "retoucherie_consent", "django_language", "_ga"} <= declared
    assert "https://policies.google.com/privacy" in html
    if language_code == "fr":
        assert "Mesure d’audience" in html and "13 mois" in html and "14 jours" in html
    else:
        assert "Audience measurement" in html and "13 months" in html
        assert "Session and security" in html


def test_a_cookie_added_to_the_registry_appears_in_the_policy(demo_site):
    page = _cookie_policy("fr")
    cookie = CookieDefinition.objects.filter(locale__language_code="fr", name="_ga").first()
    CookieDefinition.objects.create(
        service=cookie.service,
        name="_gid",
        lifetime_days=1,
        description="Distingue les visiteurs sur une journée.",
        locale=cookie.locale,
    )
    with translation.override("fr"):
        html = render_to_string("legal/legal_page_text.html", {"page": page})
    assert "_gid" in _rendered_cookie_names(html)
    assert "1 jour" in html
