"""A material privacy-policy change: a dismissible notice and a batched e-mail to users."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

from legal import tasks
from legal.models import PolicyChangeNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def material_privacy(privacy_fr, publish):
    return publish(
        privacy_fr,
        version="2.0",
        change_summary="Nous ajoutons un prestataire de paiement.",
        is_material_change=True,
    )


def test_every_active_user_is_emailed_once_in_batches(make_user, privacy_fr, publish, monkeypatch):
    monkeypatch.setattr(tasks, "EMAIL_BATCH_SIZE", 2)
    users = [make_user(f"u{i}@example.test", accepted_terms=None) for i in range(5)]
    make_user("inactif@example.test", accepted_terms=None, is_active=False)
    mail.outbox.clear()

    publish(
        privacy_fr,
        version="2.0",
        change_summary="Nous ajoutons un prestataire de paiement.",
        is_material_change=True,
    )

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert {u.email for u in users} <= set(recipients)
    assert "inactif@example.test" not in recipients
    assert len(recipients) == len(set(recipients))
    message = next(m for m in mail.outbox if m.to == [users[0].email])
    assert "Nous ajoutons un prestataire de paiement." in message.body
    assert "/fr/politique-de-confidentialite/versions/2.0/diff/" in message.body

    version_id = str(PolicyChangeNotice.objects.first().version_id)
    mail.outbox.clear()
    tasks.privacy_change_emails_dispatch(version_id)  # a retried dispatch sends nothing twice
    assert mail.outbox == []


def test_a_minor_privacy_change_sends_no_email(make_user, privacy_fr, publish):
    make_user("u@example.test", accepted_terms=None)
    mail.outbox.clear()
    publish(privacy_fr, version="1.2", change_summary="Une coquille corrigée.")
    assert mail.outbox == []


def test_logged_in_users_see_a_notice_until_they_dismiss_it(client, make_user, material_privacy):
    user = make_user("camille@example.test")
    client.force_login(user)

    page = client.get("/fr/")
    assert "Notre politique de confidentialité a changé" in page.text
    assert "Nous ajoutons un prestataire de paiement." in page.text

    version = material_privacy.versions.first()
    response = client.post(
        "/fr/juridique/avis/fermer/", {"version": str(version.pk), "next": "/fr/"}
    )
    assert response.status_code == 302 and response["Location"] == "/fr/"
    assert PolicyChangeNotice.objects.get(user=user, version=version).dismissed_at is not None
    assert "Notre politique de confidentialité a changé" not in client.get("/fr/").text


def test_visitors_and_new_users_see_no_notice(client, material_privacy):
    assert "Notre politique de confidentialité a changé" not in client.get("/fr/").text
    newcomer = get_user_model().objects.create_user(email="new@example.test", password="x")
    client.force_login(newcomer)
    assert "Notre politique de confidentialité a changé" not in client.get("/fr/").text


def test_dismissing_an_unknown_notice_is_a_404(client, make_user, material_privacy):
    client.force_login(make_user("camille@example.test"))
    assert client.post("/fr/juridique/avis/fermer/", {"version": "nope"}).status_code == 404


def test_each_user_reads_the_change_in_their_language(make_user, privacy_fr, publish):
    french = make_user("fr@example.test", accepted_terms=None)
    english = make_user("en@example.test", accepted_terms=None, language="en")
    mail.outbox.clear()

    with translation.override("en"):  # whoever publishes, in whatever language
        publish(privacy_fr, version="2.0", change_summary="Un changement.", is_material_change=True)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[french.email].subject.startswith("Notre politique de confidentialité change")
    assert "Nous avons publié la version 2.0" in by_address[french.email].body
    assert by_address[english.email].subject == "Our privacy policy is changing"
    body = by_address[english.email].body
    assert "We have published version 2.0" in body and "Nous avons publié" not in body
