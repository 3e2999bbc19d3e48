"""Marketing preferences, newsletters, SMS and the one-click unsubscribe link (§3, §4, §7)."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from profiles.models import ConsentEvent, Newsletter
from profiles.models.privacy import NewsletterStatus
from profiles.privacy import selectors, services
from profiles.privacy.emails import unsubscribe_token
from profiles.privacy.sms import LocmemSmsBackend
from tests.factories.privacy import make_client, make_retoucher

pytestmark = pytest.mark.django_db


def _send_newsletter(admin, commit):
    newsletter = Newsletter.objects.create(
        subject="Les nouveautés de mai", body="<p>Bonjour à tous</p>"
    )
    with commit(execute=True):
        services.newsletter_send(newsletter=newsletter, sent_by=admin)
    newsletter.refresh_from_db()
    return newsletter


@pytest.mark.policy("P3.7", "P7.6")
def test_preferences_are_off_by_default_and_every_change_is_in_the_history(client):
    user = make_client()
    client.force_login(user)
    page = client.get(reverse("privacy_preferences")).content.decode()
    assert 'type="checkbox" name="newsletter"' in page and "checked" not in page
    client.post(reverse("privacy_preferences"), {"newsletter": "on", "commercial_email": "on"})
    client.post(reverse("privacy_preferences"), {"newsletter": "on"})
    events = list(ConsentEvent.objects.filter(user=user).order_by("created_at"))
    assert [(e.purpose, e.granted, e.source) for e in events] == [
        ("newsletter", True, "settings"),
        ("commercial_email", True, "settings"),
        ("commercial_email", False, "settings"),
    ]
    history = client.get(reverse("privacy_preferences")).content.decode()
    assert (
        "Offres commerciales par e-mail" in history
        and "refusé" in history
        and "centre de confidentialité" in history
    )


@pytest.mark.policy("P4.7", "P3.7")
def test_newsletter_reaches_only_opted_in_unrestricted_users(
    django_user_model, django_capture_on_commit_callbacks, settings
):
    settings.NEWSLETTER_BATCH_SIZE = 2  # several batches
    admin = django_user_model.objects.create_superuser(
        email="chef@example.test", password="x-Secret-123"
    )
    opted = [make_client() for _ in range(3)]
    for user in opted:
        services.marketing_preferences_set(
            user=user, choices={"newsletter": True}, source="settings"
        )
    never = make_client()
    restricted = make_client()
    services.marketing_preferences_set(
        user=restricted, choices={"newsletter": True}, source="settings"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.processing_restrict(user=restricted, reason="Vérification en cours.")
    withdrawn = make_client()
    services.marketing_preferences_set(
        user=withdrawn, choices={"newsletter": True}, source="signup"
    )
    services.marketing_preferences_set(
        user=withdrawn, choices={"newsletter": False}, source="settings"
    )
    unverified = make_client(verified=False)
    services.marketing_preferences_set(
        user=unverified, choices={"newsletter": True}, source="signup"
    )
    mail.outbox.clear()
    newsletter = _send_newsletter(admin, django_capture_on_commit_callbacks)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(u.email for u in opted)
    assert (
        never.email not in recipients
        and restricted.email not in recipients
        and withdrawn.email not in recipients
    )
    assert newsletter.status == NewsletterStatus.SENT and newsletter.recipients_count == 3


@pytest.mark.policy("P7.10", "P7.6")
def test_every_newsletter_has_a_working_one_click_unsubscribe_link_and_headers(
    client, django_user_model, django_capture_on_commit_callbacks
):
    admin = django_user_model.objects.create_superuser(
        email="chef@example.test", password="x-Secret-123"
    )
    user = make_client()
    services.marketing_preferences_set(user=user, choices={"newsletter": True}, source="settings")
    _send_newsletter(admin, django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    link = re.search(r"https?://\S+/desinscription/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Se désinscrire" in message.alternatives[0][0]
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL)  # an absolute link to the site
    path = urlsplit(link).path
    # Without being logged in: GET shows one button, POST unsubscribes
    page = client.get(path)
    assert page.status_code == 200 and "Confirmer la désinscription" in page.content.decode()
    assert selectors.newsletter_recipients().filter(pk=user.pk).exists()
    done = client.post(path)
    assert done.status_code == 200 and "C’est fait" in done.content.decode()
    assert not selectors.newsletter_recipients().filter(pk=user.pk).exists()
    event = ConsentEvent.objects.filter(user=user).first()
    assert (event.purpose, event.granted, event.source) == ("newsletter", False, "unsubscribe_link")
    # Idempotent: a second use (a mail client's RFC 8058 POST) changes nothing more
    again = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200 and "déjà désinscrit" in again.content.decode()
    assert ConsentEvent.objects.filter(user=user, source="unsubscribe_link").count() == 1


@pytest.mark.policy("P7.6")
def test_a_tampered_unsubscribe_link_is_refused_and_changes_nothing(client):
    user = make_client()
    services.marketing_preferences_set(user=user, choices={"newsletter": True}, source="settings")
    token = unsubscribe_token(user_id=user.pk, purpose="newsletter")
    forged = token[:-2] + ("zz" if not token.endswith("zz") else "yy")
    for method in (client.get, client.post):
        response = method(reverse("marketing_unsubscribe", args=[forged]))
        assert response.status_code == 400
        assert "pas valide" in response.content.decode()
    assert selectors.newsletter_recipients().filter(pk=user.pk).exists()


@pytest.mark.policy("P4.7")
def test_commercial_sms_go_only_to_opted_in_numbers(settings):
    settings.SMS_BACKEND = "profiles.privacy.sms.LocmemSmsBackend"
    LocmemSmsBackend.outbox.clear()
    yes, no = make_retoucher(), make_retoucher()
    services.marketing_preferences_set(
        user=yes, choices={"commercial_sms": True}, source="settings"
    )
    assert services.commercial_sms_send(text="−20 % ce mois-ci") == 1
    assert [sms["to"] for sms in LocmemSmsBackend.outbox] == [yes.provider_profile.phone]
    assert no.provider_profile.phone not in str(LocmemSmsBackend.outbox)
