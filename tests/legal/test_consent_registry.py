"""The cookie registry: what editors may declare, and when its version changes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from wagtail.models import Locale

from legal.consent.selectors import cookie_registry, registry_version
from legal.consent.services import cookie_registry_revise
from legal.models import CookieCategory, CookieDefinition, CookieService

pytestmark = pytest.mark.django_db


def _service(**overrides) -> CookieService:
    fields = {
        "key": "video_player",
        "name": "Lecteur vidéo",
        "provider": "Vidéo SA",
        "category": CookieCategory.ANALYTICS,
        "purpose": "Lire les vidéos de démonstration.",
        "locale": Locale.objects.get(language_code="fr"),
    }
    return CookieService(**{**fields, **overrides})


@pytest.mark.policy("P8.3")
def test_a_cookie_living_more_than_13_months_is_refused(demo_site):
    service = _service()
    service.save()
    cookie = CookieDefinition(
        service=service, name="vid", lifetime_days=396, description="x", locale=service.locale
    )
    with pytest.raises(ValidationError) as error:
        cookie.full_clean()
    assert "13 mois" in str(error.value)
    cookie.lifetime_days = 395
    cookie.full_clean()  # 13 months is the limit, allowed


@pytest.mark.parametrize("key", ["Google", "g", "google-analytics", "1abc", "a" * 41])
def test_a_service_key_must_be_a_short_lowercase_identifier(demo_site, key):
    with pytest.raises(ValidationError) as error:
        _service(key=key).full_clean()
    assert "key" in error.value.message_dict


@pytest.mark.parametrize("name", ["", "a b", "_ga;x", "a=b"])
def test_a_cookie_name_is_a_name_or_a_pattern(demo_site, name):
    service = _service()
    service.save()
    cookie = CookieDefinition(
        service=service, name=name, lifetime_days=1, description="x", locale=service.locale
    )
    with pytest.raises(ValidationError):
        cookie.full_clean(exclude=["translation_key"])


def test_a_service_key_is_unique_in_a_language(demo_site):
    with pytest.raises(IntegrityError):
        _service(key="google_analytics").save()


def test_adding_a_service_changes_the_registry_version(demo_site):
    before = registry_version()
    _service().save()
    assert cookie_registry_revise().number == before + 1


def test_changing_a_purpose_or_category_changes_the_version_but_not_a_wording(demo_site):
    service = CookieService.objects.get(key="google_analytics", locale__language_code="fr")
    start = registry_version()
    service.name = "Google Analytics 4"
    service.save()
    assert cookie_registry_revise().number == start  # the name is not a purpose
    service.purpose = "Mesurer l’audience et les conversions."
    service.save()
    assert cookie_registry_revise().number == start + 1
    service.category = CookieCategory.ADVERTISING
    service.save()
    assert cookie_registry_revise().number == start + 2


def test_the_registry_is_read_in_the_visitors_language(demo_site):
    french = cookie_registry(language_code="fr")
    english = cookie_registry(language_code="en")
    assert [s.key for s in french.services] == [s.key for s in english.services]
    assert "Session et sécurité" in [s.name for s in french.services]
    assert "Session and security" in [s.name for s in english.services]
    assert french.optional_keys == {"google_analytics"}
    assert french.optional_cookie_names == ["_ga", "_ga_*"]
    assert [c.value for c in french.categories] == ["necessary", "analytics", "advertising"]


def test_a_service_not_yet_translated_shows_in_french(demo_site):
    _service(name="Lecteur vidéo").save()
    english = cookie_registry(language_code="en")
    assert "Lecteur vidéo" in [s.name for s in english.services]


def test_lifetimes_read_as_people_say_them(demo_site):
    cookie = CookieDefinition(name="x", lifetime_days=395)
    assert cookie.lifetime_label == "13 mois"
    cookie.lifetime_days = 14
    assert cookie.lifetime_label == "14 jours"
    cookie.lifetime_days = 0
    assert cookie.lifetime_label == "durée de la session"
