"""Staff side: the DPO's request tracker, role-limited and logged access, the lawful-authority
export, support requests answered by e-mail (policy §3, §4, §7)."""

import datetime
import io
import zipfile

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from profiles.models import DataExport, DataSubjectRequest, StaffAccessLog, SupportRequest
from profiles.models.privacy import RequestChannel, RequestKind, RequestStatus
from profiles.privacy import services
from profiles.privacy.roles import DPO_GROUP, SUPPORT_GROUP, roles_ensure
from tests.factories.mfa import totp_activate
from tests.factories.privacy import make_client, make_retoucher

pytestmark = pytest.mark.django_db
PARIS = datetime.timezone(datetime.timedelta(hours=1))


@pytest.fixture
def staff(django_user_model):
    groups = roles_ensure()

    def _staff(group, email):
        user = django_user_model.objects.create_user(
            email=email, password="x-Secret-123", is_staff=True
        )
        user.groups.add(groups[group])
        return totp_activate(user)

    return _staff


def _request(**kwargs):
    defaults = dict(
        kind=RequestKind.ACCESS,
        channel=RequestChannel.EMAIL,
        requester_name="Léa Martin",
        requester_email="lea@example.test",
        identity_confirmed=True,
    )
    return services.dsr_create(**{**defaults, **kwargs})


@pytest.mark.policy("P7.12")
def test_dpo_sees_the_requests_with_overdue_and_due_soon_highlighted(client, staff):
    dpo = staff(DPO_GROUP, "dpo@example.test")
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, tzinfo=PARIS), tick=False):
        overdue = _request(requester_name="Ancienne Demande")
    with time_machine.travel(datetime.datetime(2026, 6, 5, 10, tzinfo=PARIS), tick=False):
        soon = _request(requester_name="Récente Demande")
    client.force_login(dpo)
    with time_machine.travel(datetime.datetime(2026, 7, 1, 10, tzinfo=PARIS), tick=False):
        page = client.get("/admin/confidentialite/demandes-rgpd/").content.decode()
    assert "Demandes RGPD" in page
    assert overdue.number in page and soon.number in page
    assert "En retard de 30 j" in page
    assert "Échéance proche : 4 j" in page


@pytest.mark.policy("P7.12", "P4.6")
def test_dpo_extends_a_request_from_the_tracker_and_the_view_is_logged(
    client, staff, django_capture_on_commit_callbacks
):
    dpo = staff(DPO_GROUP, "dpo@example.test")
    request = _request()
    client.force_login(dpo)
    url = f"/admin/confidentialite/demandes-rgpd/edit/{request.pk}/"
    assert client.get(url).status_code == 200
    assert StaffAccessLog.objects.filter(staff=dpo, subject_reference=request.number).exists()
    too_long = client.post(url, {"status": "received", "notes": "", "extension_months_add": "3"})
    assert too_long.status_code == 200
    request.refresh_from_db()
    assert request.extension_months == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "status": "received",
                "assignee": dpo.pk,
                "notes": "Dossier volumineux.",
                "extension_months_add": "1",
                "extension_reason_add": "Nombreuses demandes ce mois-ci.",
                "extension_message": "Nous vous répondrons sous deux mois.",
            },
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.EXTENDED and request.extension_months == 1
    assert request.assignee == dpo
    assert mail.outbox[-1].to == ["lea@example.test"]
    assert {e.kind for e in request.events.all()} >= {"created", "extended", "assigned", "note"}


@pytest.mark.policy("P7.10")
def test_staff_record_a_request_received_by_email(client, staff):
    dpo = staff(DPO_GROUP, "dpo@example.test")
    client.force_login(dpo)
    response = client.post(
        "/admin/confidentialite/demandes-rgpd/new/",
        {
            "kind": "access",
            "requester_name": "Marc Petit",
            "requester_email": "marc@example.test",
            "message": "Par courriel",
            "processing": "",
        },
    )
    assert response.status_code == 302
    request = DataSubjectRequest.objects.get()
    assert request.channel == "email" and request.status == RequestStatus.IDENTITY_PENDING


@pytest.mark.policy("P4.6")
def test_support_staff_cannot_open_a_users_personal_data(client, staff):
    support = staff(SUPPORT_GROUP, "support@example.test")
    user = make_client()
    client.force_login(support)
    # Wagtail answers a refused permission with a redirect to the dashboard.
    denied = client.get(reverse("privacy_user_data:detail", args=[user.pk]))
    assert (denied.status_code, denied["Location"]) == (302, "/admin/")
    tracker = client.get("/admin/confidentialite/demandes-rgpd/")
    assert (tracker.status_code, tracker["Location"]) == (302, "/admin/")
    assert not StaffAccessLog.objects.exists()


@pytest.mark.policy("P4.6")
def test_each_look_at_a_users_data_is_logged(client, staff):
    dpo = staff(DPO_GROUP, "dpo@example.test")
    user = make_retoucher()
    client.force_login(dpo)
    page = client.get(reverse("privacy_user_data:detail", args=[user.pk]))
    assert user.email in page.content.decode()
    entry = StaffAccessLog.objects.get()
    assert (entry.staff, entry.subject, entry.action) == (dpo, user, "view")
    log = client.get("/admin/confidentialite/journal-des-acces/").content.decode()
    assert "dpo@example.test" in log and f"utilisateur n° {user.pk}" in log


@pytest.mark.policy("P4.8")
def test_lawful_authority_export_is_permission_gated_and_logged(
    client, staff, django_user_model, django_capture_on_commit_callbacks
):
    dpo = staff(DPO_GROUP, "dpo@example.test")
    viewer = totp_activate(
        django_user_model.objects.create_user(email="lecteur@example.test", is_staff=True)
    )
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_personal_data"),
    )
    user = make_retoucher()
    url = reverse("privacy_user_data:detail", args=[user.pk])
    client.force_login(viewer)
    denied = client.post(url, {"reason": "Réquisition"})
    assert (denied.status_code, denied["Location"]) == (302, "/admin/")
    assert (
        not DataExport.objects.exists()
        and not StaffAccessLog.objects.filter(action="authority_export").exists()
    )
    client.force_login(dpo)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Tribunal judiciaire de Lyon, réquisition 2026/123"})
    export = DataExport.objects.get(user=user, purpose="authority")
    assert export.status == "ready" and export.requested_by == dpo
    download = client.get(reverse("privacy_user_data:authority_download", args=[export.pk]))
    assert download.status_code == 200
    # stored encrypted in the private storage, handed over as a readable ZIP nobody caches
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    with export.file.storage.open(export.file.name) as handle:
        assert not handle.read().startswith(b"PK")
    assert user.email in archive.read("data.json").decode()
    assert "no-store" in download["Cache-Control"]
    actions = list(
        StaffAccessLog.objects.filter(action="authority_export").values_list("reason", flat=True)
    )
    assert "Tribunal judiciaire de Lyon, réquisition 2026/123" in actions and len(actions) == 2
    assert not mail.outbox or all(user.email not in m.to for m in mail.outbox)


@pytest.mark.policy("P3.4")
def test_a_user_asks_for_help_and_staff_answer_by_email(
    client, staff, django_capture_on_commit_callbacks
):
    user = make_client()
    client.force_login(user)
    client.post(
        reverse("support_requests"), {"subject": "Facture", "message": "Où trouver ma facture ?"}
    )
    request = SupportRequest.objects.get(user=user)
    support = staff(SUPPORT_GROUP, "support@example.test")
    client.force_login(support)
    url = f"/admin/confidentialite/assistance/edit/{request.pk}/"
    assert "Où trouver ma facture ?" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"answer": "Dans votre espace, rubrique Factures."})
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_by == support
    assert mail.outbox[-1].to == [user.email] and "rubrique Factures" in mail.outbox[-1].body
    client.force_login(user)
    assert "rubrique Factures" in client.get(reverse("support_requests")).content.decode()


# The record of processing and the site history: DPO only ---------------------------------

PROCESSING_RECORD = "/admin/confidentialite/registre-des-traitements/"
SITE_HISTORY = "/admin/reports/site-history/"
DPO_ONLY_PAGES = [PROCESSING_RECORD, SITE_HISTORY, SITE_HISTORY + "results/"]


def _demo_login(client, django_user_model, email):
    client.force_login(django_user_model.objects.get(email=email))
    return client


@pytest.mark.policy("P4.6")
@pytest.mark.parametrize(
    "email",
    ["editeur@retoucherie.test", "juriste@retoucherie.test", "support@retoucherie.test"],
)
def test_other_staff_roles_neither_see_nor_open_the_dpos_reports(
    client, demo_site, django_user_model, email
):
    _demo_login(client, django_user_model, email)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert PROCESSING_RECORD not in dashboard.text
    assert SITE_HISTORY not in dashboard.text
    for url in DPO_ONLY_PAGES:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or response["Location"] == "/admin/", url


@pytest.mark.policy("P4.6")
@pytest.mark.parametrize("email", ["dpo@retoucherie.test", "admin@retoucherie.test"])
def test_the_dpo_and_superusers_see_and_open_them(client, demo_site, django_user_model, email):
    _demo_login(client, django_user_model, email)
    dashboard = client.get("/admin/")
    assert PROCESSING_RECORD in dashboard.text
    assert SITE_HISTORY in dashboard.text
    assert "Registre des traitements" in client.get(PROCESSING_RECORD).text
    for url in (SITE_HISTORY, SITE_HISTORY + "results/"):
        assert client.get(url).status_code == 200, url


def test_the_site_history_still_asks_anonymous_visitors_to_log_in(client, demo_site):
    response = client.get(SITE_HISTORY)
    assert response.status_code == 302 and "/login/" in response["Location"]
