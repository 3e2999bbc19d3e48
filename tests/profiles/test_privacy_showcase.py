"""What the privacy centre does to a retoucher's public showcase, seen by a visitor:
restriction takes it off line and lifting brings it back (policy §7 restriction); deleting
the account deletes it in every language (policy §7 right to be forgotten)."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Revision
from wagtail_localize.models import TranslationSource

from legal.localization import page_translate
from profiles.models import ProviderShowcasePage
from profiles.privacy import services
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase(home_pages, django_capture_on_commit_callbacks):
    """A published showcase in French and its English translation."""
    with django_capture_on_commit_callbacks(execute=True):
        page, english = _showcase_in_two_languages()
    # (wagtail-localize publishes the translation on commit)
    return page, ProviderShowcasePage.objects.get(pk=english.pk)


def _showcase_in_two_languages():
    page = showcase_create(images=1, city="Annecy")
    english = page_translate(
        source_page=page,
        locale=Locale.objects.get(language_code="en"),
        translated_page=ProviderShowcasePage(
            title="Portrait retouching",
            service_title="Portrait retouching",
            intro="Portraits and beauty.",
            slug=page.slug,
            provider=page.provider,
        ),
    )
    return page, english


def _status(client, url):
    return client.get(url).status_code


@pytest.mark.policy("P7.4")
def test_lifting_a_restriction_puts_the_showcase_back_on_line_in_every_language(
    client, showcase, django_capture_on_commit_callbacks
):
    page, english = showcase
    urls = [page.url, english.url]
    user = page.provider.user
    visitor = client.__class__()
    # Given a showcase visitors see (and the cache holds) in both languages
    assert [_status(visitor, url) for url in urls] == [200, 200]
    assert [_status(visitor, url) for url in urls] == [200, 200]
    client.force_login(user)
    with translation.override("fr"):
        restriction_url = reverse("privacy_restriction")
    # When the retoucher restricts processing, the showcase goes off line
    with django_capture_on_commit_callbacks(execute=True):
        client.post(restriction_url, {"reason": "Je conteste mes données."})
    assert [_status(visitor, url) for url in urls] == [404, 404]
    # and when they lift the restriction, visitors see it again, as it was
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(restriction_url, {"action": "lift"}, follow=True)
    assert [_status(visitor, url) for url in urls] == [200, 200]
    assert page.service_title in visitor.get(page.url).text
    assert "Portrait retouching" in visitor.get(english.url).text
    # and the retoucher is told so
    assert "vitrine est de nouveau en ligne" in response.text


@pytest.mark.policy("P7.4")
def test_lifting_a_restriction_does_not_publish_a_page_it_did_not_unpublish(
    client, showcase, django_capture_on_commit_callbacks
):
    # Given a showcase an editor had taken off line before the restriction
    page, english = showcase
    english.unpublish()
    user = page.provider.user
    with django_capture_on_commit_callbacks(execute=True):
        services.processing_restrict(user=user, reason="Vérification.")
        services.processing_restriction_lift(user=user)
    # Then lifting brings back only what the restriction took off line
    assert _status(client, page.url) == 200
    assert _status(client, english.url) == 404


@pytest.mark.policy("P7.8", "P5.2")
def test_deleting_a_retoucher_deletes_the_showcase_in_every_language(
    client, showcase, django_capture_on_commit_callbacks
):
    page, english = showcase
    urls = [page.url, english.url]
    slug = page.slug
    # Given a showcase visitors see (and the cache holds) in both languages
    assert [_status(client, url) for url in urls] == [200, 200]
    assert [_status(client, url) for url in urls] == [200, 200]
    # When the retoucher deletes the account
    with django_capture_on_commit_callbacks(execute=True):
        services.account_erase(user=page.provider.user)
    # Then the pages are gone from Wagtail in every language, translation sources included,
    assert not ProviderShowcasePage.objects.filter(translation_key=page.translation_key).exists()
    assert not ProviderShowcasePage.objects.filter(slug=slug).exists()
    assert not TranslationSource.objects.filter(object_id=page.translation_key).exists()
    # with their history (each revision holds the slug)
    assert not Revision.objects.filter(object_id__in=[str(page.pk), str(english.pk)]).exists()
    # and no visitor is served a cached copy
    assert [_status(client, url) for url in urls] == [404, 404]
