"""Rights requests: deadlines, identity checks, the public form, objection, restriction,
post-mortem directives, the CNIL information (policy §7)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from profiles.models import DataSubjectRequest
from profiles.models.privacy import RequestChannel, RequestKind, RequestStatus
from profiles.privacy import selectors, services
from profiles.privacy.deadlines import add_months, due_date
from tests.factories.mfa import totp_activate
from tests.factories.privacy import make_client, make_retoucher

PARIS = datetime.timezone(datetime.timedelta(hours=1))


@pytest.mark.policy("P7.12")
@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),  # leap year
        (datetime.date(2026, 3, 31), datetime.date(2026, 4, 30)),
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 15)),
        (datetime.date(2026, 5, 10), datetime.date(2026, 6, 10)),
    ],
)
def test_one_calendar_month_handles_month_ends(received, due):
    assert due_date(clock_started_on=received) == due


@pytest.mark.policy("P7.12")
def test_extension_adds_months_and_days_paused_for_identity():
    start = datetime.date(2026, 1, 31)
    assert due_date(clock_started_on=start, extension_months=2) == datetime.date(2026, 4, 30)
    assert due_date(clock_started_on=start, paused_days=5) == datetime.date(2026, 3, 5)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    with pytest.raises(ValueError):
        due_date(clock_started_on=start, extension_months=3)


def _request(**kwargs):
    defaults = dict(
        kind=RequestKind.ACCESS,
        channel=RequestChannel.EMAIL,
        requester_name="Léa Martin",
        requester_email="lea@example.test",
        identity_confirmed=True,
    )
    return services.dsr_create(**{**defaults, **kwargs})


@pytest.mark.django_db
@pytest.mark.policy("P7.12")
def test_extension_needs_a_reason_and_a_message_and_stops_at_two_months(
    django_user_model, django_capture_on_commit_callbacks
):
    dpo = django_user_model.objects.create_user(email="dpo@example.test", is_staff=True)
    with time_machine.travel(datetime.datetime(2026, 1, 31, 10, tzinfo=PARIS), tick=False):
        request = _request()
    assert request.due_on == datetime.date(2026, 2, 28)
    with pytest.raises(ValidationError) as error:
        services.dsr_extend(request=request, actor=dpo, months=1, reason="", message="")
    assert set(error.value.error_dict) == {"extension_reason_add", "extension_message"}
    with django_capture_on_commit_callbacks(execute=True):
        request = services.dsr_extend(
            request=request,
            actor=dpo,
            months=2,
            reason="Demande complexe",
            message="Nous avons besoin de plus de temps.",
        )
    assert request.status == RequestStatus.EXTENDED
    assert request.due_on == datetime.date(2026, 4, 30)
    assert mail.outbox[-1].to == ["lea@example.test"]
    assert "Nous avons besoin de plus de temps." in mail.outbox[-1].body
    with pytest.raises(ValidationError, match="deux mois"):
        services.dsr_extend(request=request, actor=dpo, months=1, reason="Encore", message="Encore")
    request.refresh_from_db()
    assert request.extension_months == 2
    assert [e.kind for e in request.events.all()] == ["created", "extended"]


@pytest.mark.django_db
@pytest.mark.policy("P7.11", "P7.12")
def test_asking_for_proof_of_identity_pauses_the_clock(
    django_user_model, django_capture_on_commit_callbacks
):
    dpo = django_user_model.objects.create_user(email="dpo@example.test", is_staff=True)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=PARIS), tick=False):
        request = _request()
    with time_machine.travel(datetime.datetime(2026, 3, 10, 10, tzinfo=PARIS), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            request = services.dsr_request_identity_proof(
                request=request, actor=dpo, message="Envoyez une pièce d’identité."
            )
    assert request.status == RequestStatus.IDENTITY_PENDING
    assert "pièce d’identité" in mail.outbox[-1].body
    with time_machine.travel(datetime.datetime(2026, 3, 17, 10, tzinfo=PARIS), tick=False):
        request = services.dsr_confirm_identity(request=request, actor=dpo)
    assert request.paused_days == 7
    assert request.due_on == datetime.date(2026, 4, 9)


@pytest.mark.django_db
@pytest.mark.policy("P7.12")
def test_reminder_lists_requests_due_within_seven_days_and_overdue(
    django_capture_on_commit_callbacks,
):
    # Given requests received on different days (frozen clock)
    def received(day, **kwargs):
        with time_machine.travel(datetime.datetime(2026, 5, day, 10, tzinfo=PARIS), tick=False):
            return _request(**kwargs)

    overdue = received(1)  # due 1 June
    due_in_7 = received(15)  # due 15 June
    due_in_8 = received(16)  # due 16 June: not yet
    paused = received(10, identity_confirmed=False)
    done = received(9)
    DataSubjectRequest.objects.filter(pk=done.pk).update(status=RequestStatus.COMPLETED)
    # When the daily task runs on 8 June
    with time_machine.travel(datetime.datetime(2026, 6, 8, 7, tzinfo=PARIS), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            reminded = services.dsr_send_due_reminders()
            again = services.dsr_send_due_reminders()
    # Then exactly the overdue one and the one due within 7 days are in the DPO's e-mail
    assert {r.pk for r in reminded} == {overdue.pk, due_in_7.pk}
    assert again == []  # not twice the same day
    body = mail.outbox[-1].body
    assert overdue.number in body and due_in_7.number in body
    assert due_in_8.number not in body and paused.number not in body and done.number not in body
    assert "En retard" in body


@pytest.mark.django_db
@pytest.mark.policy("P7.10", "P7.11")
def test_public_form_request_counts_once_the_email_is_confirmed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rights_request"),
            {
                "name": "Paul Durand",
                "email": "paul@example.test",
                "kind": "erasure",
                "message": "Effacez tout.",
            },
        )
    assert response.status_code == 200
    request = DataSubjectRequest.objects.get()
    assert request.status == RequestStatus.IDENTITY_PENDING and request.due_on is None
    link = re.search(r"https?://\S+/confirmer/\S+/", mail.outbox[-1].body).group(0)
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL)  # an absolute link to the site
    path = urlsplit(link).path
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.get(path)
    assert confirmed.status_code == 200
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED and request.due_on is not None
    assert request.number in confirmed.content.decode()
    assert mail.outbox[-1].subject.startswith("Nouvelle demande RGPD")
    # reused or tampered links are refused and change nothing
    assert client.get(path).status_code == 410
    assert client.get(path[:-4] + "abc/").status_code == 400


@pytest.mark.django_db
@pytest.mark.policy("P7.10")
def test_public_form_flood_is_rate_limited(client):
    data = {"name": "Bot", "email": "bot@example.test", "kind": "access", "message": "x"}
    statuses = [client.post(reverse("rights_request"), data).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    assert DataSubjectRequest.objects.count() == 5


@pytest.mark.django_db
@pytest.mark.policy("P7.5")
def test_objection_opens_a_request_for_the_dpo(client, django_capture_on_commit_callbacks):
    user = make_client()
    client.force_login(user)
    form = client.get(reverse("privacy_objection")).content.decode()
    assert "Newsletter, prospection commerciale et statistiques" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy_objection"),
            {
                "processing": "Newsletter, prospection commerciale et statistiques, selon vos préférences",
                "reason": "Situation personnelle.",
            },
        )
    assert response.status_code == 302
    request = DataSubjectRequest.objects.get(user=user)
    assert request.kind == RequestKind.OBJECTION and request.status == RequestStatus.RECEIVED
    assert request.processing.startswith("Newsletter")
    assert mail.outbox[-1].subject.startswith("Nouvelle demande RGPD")


@pytest.mark.django_db
@pytest.mark.policy("P7.4")
def test_restriction_stops_marketing_and_notifies_the_dpo(
    client, django_capture_on_commit_callbacks
):
    # (the showcase going off line and back: tests/profiles/test_privacy_showcase.py)
    user = make_retoucher()
    services.marketing_preferences_set(
        user=user, choices={"newsletter": True, "commercial_sms": True}, source="settings"
    )
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("privacy_restriction"),
            {"reason": "Je conteste l’exactitude de mes données."},
        )
    assert not selectors.newsletter_recipients().filter(pk=user.pk).exists()
    assert not selectors.sms_recipients().filter(user=user).exists()
    assert DataSubjectRequest.objects.get(user=user).kind == RequestKind.RESTRICTION
    assert mail.outbox[-1].subject.startswith("Nouvelle demande RGPD")
    # the account otherwise works, and the user can lift it
    assert client.get(reverse("privacy_centre")).status_code == 200
    client.post(reverse("privacy_restriction"), {"action": "lift"})
    assert selectors.newsletter_recipients().filter(pk=user.pk).exists()


@pytest.mark.django_db
@pytest.mark.policy("P7.7")
def test_post_mortem_directives_are_saved_and_retrievable_by_the_dpo(client, django_user_model):
    from profiles.privacy.roles import DPO_GROUP, roles_ensure

    user = make_client()
    client.force_login(user)
    client.post(
        reverse("privacy_directives"),
        {
            "instructions": "Supprimez mon compte.",
            "trusted_contact_name": "Anne",
            "trusted_contact_email": "anne@example.test",
        },
    )
    dpo = django_user_model.objects.create_user(email="dpo@example.test", is_staff=True)
    dpo.groups.add(roles_ensure()[DPO_GROUP])
    totp_activate(dpo)
    client.force_login(dpo)
    page = client.get(reverse("privacy_user_data:detail", args=[user.pk])).content.decode()
    assert "Supprimez mon compte." in page and "anne@example.test" in page


@pytest.mark.django_db
@pytest.mark.policy("P7.13", "P7.2")
def test_privacy_centre_tells_about_the_cnil_and_links_to_the_edit_forms(client):
    user = make_client()
    client.force_login(user)
    page = client.get(reverse("privacy_centre")).content.decode()
    assert "https://www.cnil.fr/fr/plaintes" in page
    assert "réclamation" in page
    assert reverse("account_email") in page and reverse("account_change_password") in page
    public = client.get(reverse("rights_request")).content.decode()
    assert "https://www.cnil.fr/fr/plaintes" in public


@pytest.mark.django_db
def test_the_anti_spam_field_is_hidden_from_people_and_screen_readers(client):
    html = client.get(reverse("rights_request")).text
    wrapper = re.search(r'<div class="honeypot" aria-hidden="true">(.*?)</div>', html, re.S)
    assert wrapper, "the honeypot field and its label sit in an aria-hidden wrapper"
    field = re.search(r'<input [^>]*name="website"[^>]*>', wrapper.group(1)).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field
    assert "Ne remplissez pas ce champ" in wrapper.group(1)
    assert html.count("Ne remplissez pas ce champ") == 1  # no label outside the wrapper
