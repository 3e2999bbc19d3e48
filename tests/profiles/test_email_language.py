"""Every e-mail is written in its recipient's language, whoever triggers it and in whatever
language they read the site; allauth's e-mails name the site "Retoucherie"."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from profiles.models import Newsletter, SupportRequest
from profiles.privacy import services as privacy_services
from tests.factories.mfa import totp_activate
from tests.factories.privacy import make_client
from tests.factories.profiles import user_create
from tests.profiles.test_signup import CLIENT_URL, client_post

pytestmark = pytest.mark.django_db


def test_the_sign_up_page_language_becomes_the_accounts_language(client, terms):
    english_url = reverse_in("en", "signup_client")
    response = client.post(english_url, client_post(email="anna@example.test"))
    assert response.status_code == 302, response.context["form"].errors
    assert get_user_model().objects.get(email="anna@example.test").language == "en"
    assert "Hello" in mail.outbox[-1].body  # the verification e-mail is in English too
    client.logout()
    client.post(CLIENT_URL, client_post(email="louis@example.test"))
    assert get_user_model().objects.get(email="louis@example.test").language == "fr"


def reverse_in(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


def test_the_language_of_the_e_mails_is_chosen_in_the_account(client):
    user = make_client()
    client.force_login(user)
    page = client.get(reverse("account_overview")).content.decode()
    assert 'name="language"' in page
    client.post(reverse("account_language"), {"language": "en"})
    user.refresh_from_db()
    assert user.language == "en"
    client.post(reverse("account_language"), {"language": "de"})
    user.refresh_from_db()
    assert user.language == "en"  # only the site's languages


def test_a_french_user_gets_a_french_answer_from_an_english_speaking_staff_member(
    django_user_model, django_capture_on_commit_callbacks
):
    user = make_client()
    staff = django_user_model.objects.create_user(
        email="support@example.test", password="x-Secret-123", is_staff=True, language="en"
    )
    request = SupportRequest.objects.create(user=user, subject="Facture", message="Où est-elle ?")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        privacy_services.support_request_answer(request=request, staff=staff, answer="Ici.")
    message = mail.outbox[-1]
    assert message.subject == "Réponse à votre demande : Facture"
    assert "Voici notre réponse" in message.body


def test_an_english_user_gets_an_english_answer_from_a_french_speaking_staff_member(
    django_user_model, django_capture_on_commit_callbacks
):
    user = make_client(language="en")
    staff = django_user_model.objects.create_user(
        email="support@example.test", password="x-Secret-123", is_staff=True
    )
    request = SupportRequest.objects.create(user=user, subject="Invoice", message="Where?")
    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.support_request_answer(request=request, staff=staff, answer="Here.")
    assert mail.outbox[-1].subject == "Answer to your request: Invoice"


def test_newsletter_footers_and_unsubscribe_pages_follow_each_recipient(
    client, django_user_model, django_capture_on_commit_callbacks
):
    admin = django_user_model.objects.create_superuser(email="chef@example.test", password="x-S-1")
    french, english = make_client(), make_client(language="en")
    for user in (french, english):
        privacy_services.marketing_preferences_set(
            user=user, choices={"newsletter": True}, source="settings"
        )
    newsletter = Newsletter.objects.create(subject="Nouveautés", body="<p>Bonjour</p>")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        privacy_services.newsletter_send(newsletter=newsletter, sent_by=admin)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "Pour vous désinscrire en un clic" in by_address[french.email].body
    assert "/fr/" in by_address[french.email].extra_headers["List-Unsubscribe"]
    english_message = by_address[english.email]
    assert "To unsubscribe in one click" in english_message.body
    link = english_message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/en/" in link
    page = client.get(link.split("8000", 1)[-1])
    assert page.status_code == 200 and 'lang="en"' in page.content.decode()


def test_a_duplicate_sign_up_tells_the_owner_in_their_language_and_names_the_site(client, terms):
    client.post(CLIENT_URL, client_post())
    owner = get_user_model().objects.get(email="louise@example.test")
    owner.language = "en"
    owner.save()
    client.logout()
    cache.clear()  # minutes later: allauth sends at most one e-mail per address in a while
    mail.outbox.clear()

    response = client.post(CLIENT_URL, client_post(first_name="Autre"))

    assert response.status_code == 302  # the same answer as for a new address
    [message] = mail.outbox
    assert message.to == ["louise@example.test"]
    assert "Someone tried to create an account with your address" in message.subject
    assert "no other account was created" in message.body
    assert "Retoucherie" in message.body and "testserver" not in message.body
    assert "http://127.0.0.1:8000/" in message.body  # the public address, not the request's


def test_allauth_e_mails_name_the_site_not_the_host(client, terms):
    client.post(CLIENT_URL, client_post())
    body = mail.outbox[-1].body
    assert "Retoucherie" in body
    assert "testserver" not in body


@pytest.mark.parametrize(
    ("language", "browser", "expected"), [("en", "fr", "en"), ("fr", "en", "fr")]
)
def test_the_admin_speaks_the_staff_members_language_not_the_browsers(
    client, locales, language, browser, expected
):
    staff = totp_activate(
        user_create("staff-lang@example.test", is_staff=True, is_superuser=True, language=language)
    )
    client.force_login(staff)
    response = client.get("/admin/", headers={"accept-language": browser})
    assert response.status_code == 200
    assert f'<html lang="{expected}"' in response.content.decode()


def test_a_staff_members_language_also_drives_wagtails_own_notices(client, locales):
    """Wagtail writes moderation and workflow e-mails in its profile's language; without one,
    in the language of whoever triggered them."""
    from wagtail.users.models import UserProfile

    staff = totp_activate(user_create("moderator@example.test", is_staff=True))
    client.force_login(staff)
    client.post(reverse("account_language"), {"language": "en"})
    assert UserProfile.get_for_user(staff).get_preferred_language() == "en"
