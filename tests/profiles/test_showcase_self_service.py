"""A retoucher runs their own showcase from their account (issue 16): writes its text, sees
where it stands, submits it; an editor approves and publishes it; the retoucher hears of it in
their language, with links they can open."""

import importlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState

from profiles.demo import PROVIDER_EMAIL
from profiles.models import ProviderIndexPage, ProviderProfile, ProviderShowcasePage, User
from profiles.showcase.services import showcase_create_draft, showcase_submit

pytestmark = pytest.mark.django_db

EDITOR_EMAIL = "editeur@retoucherie.test"
ADMIN_EMAIL = "admin@retoucherie.test"


@pytest.fixture
def retoucher(demo_site):
    """The demo retoucher: verified e-mail, photo, portfolio of 3, two skills, no showcase."""
    return ProviderProfile.objects.select_related("user").get(user__email=PROVIDER_EMAIL)


@pytest.fixture
def editor(demo_site):
    return User.objects.get(email=EDITOR_EMAIL)


@pytest.fixture
def owner_client(client, retoucher):
    client.force_login(retoucher.user)
    return client


def _submit(client, **data):
    return client.post(
        reverse("account_showcase"),
        {"service_title": "Retouche beauté", "intro": "Peau, lumière, couleurs.", "submit": "1"}
        | data,
    )


def _review(page, editor, action, comment=""):
    state = WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, action, comment=comment)


def _mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_a_new_retoucher_is_told_what_is_missing_and_cannot_submit(owner_client, retoucher):
    retoucher.portfolio_images.all().delete()
    retoucher.skills.clear()
    EmailAddress.objects.filter(user=retoucher.user).update(verified=False)

    page = owner_client.get(reverse("account_showcase")).content.decode()
    assert "Confirmez votre adresse e-mail" in page
    assert "Ajoutez au moins une image à votre portfolio." in page
    assert "Choisissez au moins une compétence professionnelle." in page
    assert "Ajoutez une photo de profil." not in page  # the photo is there

    response = _submit(owner_client)
    assert response.status_code == 200
    assert "Ajoutez au moins une image à votre portfolio." in response.content.decode()
    assert not WorkflowState.objects.exists()
    assert mail.outbox == []


def test_moderators_are_not_notified_before_the_email_is_verified(
    retoucher, editor, django_capture_on_commit_callbacks
):
    EmailAddress.objects.filter(user=retoucher.user).update(verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        page = showcase_create_draft(provider=retoucher, requested_by=retoucher.user)
        with pytest.raises(Exception, match="Confirmez votre adresse e-mail"):
            showcase_submit(provider=retoucher, service_title="A", intro="", user=retoucher.user)
    assert not page.live
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    assert _mails_to(EDITOR_EMAIL) == []

    EmailAddress.objects.filter(user=retoucher.user).update(verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        showcase_submit(provider=retoucher, service_title="A", intro="", user=retoucher.user)
    assert len(_mails_to(EDITOR_EMAIL)) == 1  # the reviewers are told now


def test_the_retoucher_submits_an_editor_approves_and_publishes_the_retoucher_sees_it_live(
    owner_client, retoucher, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(owner_client)
    assert response.status_code == 302
    page = ProviderShowcasePage.objects.get(provider=retoucher)
    assert not page.live
    shown = owner_client.get(reverse("account_showcase")).content.decode()
    assert "attendent la validation" in shown

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _review(page, editor, "approve")  # raised PublishPermissionError before 0007

    page.refresh_from_db()
    assert page.live
    assert page.service_title == "Retouche beauté"
    assert page.intro == "Peau, lumière, couleurs."
    shown = owner_client.get(reverse("account_showcase")).content.decode()
    assert "Votre vitrine est en ligne." in shown
    assert f'href="{page.url}"' in shown


def test_the_retoucher_gets_a_french_email_with_the_public_link_and_no_admin_link(
    owner_client, retoucher, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(owner_client)
    page = ProviderShowcasePage.objects.get(provider=retoucher)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _review(page, editor, "approve")

    [message] = _mails_to(PROVIDER_EMAIL)  # Wagtail's English notice is not sent
    assert message.subject == "Votre vitrine est en ligne"
    page.refresh_from_db()
    assert page.get_url_parts()[2] in message.body
    assert "/admin/" not in message.body
    assert "approved" not in message.body.lower()


def test_a_refusal_shows_the_editors_comment_and_emails_it_in_french(
    owner_client, retoucher, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(owner_client)
    page = ProviderShowcasePage.objects.get(provider=retoucher)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _review(page, editor, "reject", comment="Retirez votre numéro de téléphone du texte.")

    shown = owner_client.get(reverse("account_showcase")).content.decode()
    assert "demande des modifications" in shown
    assert "Retirez votre numéro de téléphone du texte." in shown
    [message] = _mails_to(PROVIDER_EMAIL)
    assert "modifications" in message.subject
    assert "Retirez votre numéro de téléphone du texte." in message.body
    assert reverse("account_showcase") in message.body
    assert "/admin/" not in message.body

    # Resubmitting puts the same review back in progress, on the new text.
    with django_capture_on_commit_callbacks(execute=True):
        _submit(owner_client, intro="Sans coordonnées.")
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    assert state.current_task_state.revision.as_object().intro == "Sans coordonnées."


def test_changes_to_a_live_showcase_stay_off_line_until_approved(
    owner_client, retoucher, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(owner_client)
        page = ProviderShowcasePage.objects.get(provider=retoucher)
        _review(page, editor, "approve")
        _submit(owner_client, intro="Nouvelle présentation.")
    page.refresh_from_db()
    assert page.live and page.intro == "Peau, lumière, couleurs."
    shown = owner_client.get(reverse("account_showcase")).content.decode()
    assert "Votre vitrine est en ligne." in shown
    assert "attendent la validation" in shown
    assert "Nouvelle présentation." in shown  # the form shows the latest text
    with django_capture_on_commit_callbacks(execute=True):
        _review(page, editor, "approve")
    page.refresh_from_db()
    assert page.intro == "Nouvelle présentation."


def test_a_client_has_no_showcase_page(client, demo_site):
    client.force_login(User.objects.get(email="client@retoucherie.test"))
    assert client.get(reverse("account_showcase")).status_code == 404


def test_staff_who_submit_still_get_wagtails_notice(
    retoucher, editor, django_capture_on_commit_callbacks
):
    """Only non-staff are spared Wagtail's e-mails: an editor hears of their own submission."""
    page = showcase_create_draft(provider=retoucher)
    admin = User.objects.get(email=ADMIN_EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().as_object().save_revision(user=editor)
        from profiles.showcase.services import showcase_workflow

        showcase_workflow().start(page, editor)
        mail.outbox.clear()
        _review(page, admin, "approve")
    assert len(_mails_to(EDITOR_EMAIL)) == 1
    assert _mails_to(PROVIDER_EMAIL) == []


def test_the_migration_lets_reviewers_publish_showcases(retoucher, editor):
    GroupPagePermission.objects.filter(permission__codename="publish_page").exclude(
        group__name="Moderators"
    ).delete()
    directory = ProviderIndexPage.objects.first()
    assert not directory.permissions_for_user(editor).can_publish()

    migration = importlib.import_module("profiles.migrations.0010_editors_publish_showcases")
    migration.reviewers_may_publish_showcases(django_apps, None)

    editor = User.objects.get(pk=editor.pk)  # permissions are cached on the user
    assert directory.permissions_for_user(editor).can_publish()
    assert Group.objects.get(name="Editors").page_permissions.filter(page=directory).exists()
    home = directory.get_parent()
    assert not home.permissions_for_user(editor).can_publish()  # the subtree only


def test_a_directory_created_in_the_admin_lets_editors_publish_showcases(client, demo_site, editor):
    home = ProviderIndexPage.objects.get(locale__language_code="fr").get_parent()
    ProviderIndexPage.objects.get(locale__language_code="fr").delete()
    client.force_login(User.objects.get(email=ADMIN_EMAIL))
    response = client.post(
        f"/admin/pages/add/profiles/providerindexpage/{home.pk}/",
        {"title": "Nos retoucheurs", "slug": "retoucheurs", "intro": "", "empty_text": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    directory = ProviderIndexPage.objects.get(locale__language_code="fr")
    assert directory.permissions_for_user(User.objects.get(pk=editor.pk)).can_publish()


@pytest.mark.policy("P7.4")
def test_a_retoucher_who_restricted_processing_cannot_put_the_showcase_back_for_review(
    owner_client, retoucher, django_capture_on_commit_callbacks
):
    from profiles.privacy.services import processing_restrict

    with django_capture_on_commit_callbacks(execute=True):
        processing_restrict(user=retoucher.user, reason="Je conteste l’exactitude de mes données.")
        response = _submit(owner_client)
    assert response.status_code == 200
    assert "levez la limitation" in response.content.decode()
    assert not WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
