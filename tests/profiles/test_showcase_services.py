import pytest
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from profiles.models import ProviderShowcasePage
from profiles.showcase.services import (
    WORKFLOW_NAME,
    showcase_create_draft,
    showcase_submit,
    showcase_unpublish,
)
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(demo_site):
    page = showcase_create(images=2)
    provider = page.provider
    page.delete()
    return provider


def test_a_retoucher_gets_a_draft_showcase_that_they_submit_themselves(
    provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = showcase_create_draft(provider=provider, service_title="Retouche mode")
    assert not page.live
    assert page.get_parent().specific.__class__.__name__ == "ProviderIndexPage"
    assert provider.user.last_name.lower() not in page.slug
    # Moderators are asked only when the retoucher submits it (tests/profiles/
    # test_showcase_self_service.py): not before their e-mail is verified.
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        showcase_submit(
            provider=provider, service_title="Retouche mode", intro="", user=provider.user
        )
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    # Personal data is read live, never copied into the page.
    assert provider.user.first_name not in page.title
    again = showcase_create_draft(provider=provider)
    assert again.pk == page.pk
    assert ProviderShowcasePage.objects.filter(provider=provider).count() == 1


def test_renditions_are_made_ahead_when_the_draft_is_created(
    provider, django_capture_on_commit_callbacks
):
    Rendition = get_image_model().get_rendition_model()
    Rendition.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        showcase_create_draft(provider=provider)
    images = [i.image_id for i in provider.portfolio_images.all()]
    assert Rendition.objects.filter(image_id__in=images).count() == 3 * len(images)


@pytest.mark.policy("P4.9")
def test_unpublish_cancels_moderation_so_nobody_republishes_by_approving(
    provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = showcase_submit(
            provider=provider, service_title="Retouche", intro="", user=provider.user
        )
        showcase_unpublish(provider=provider)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_CANCELLED


def test_unpublish_of_someone_without_a_showcase_does_nothing(django_user_model, db):
    user = django_user_model.objects.create_user(email="client@example.test")
    assert showcase_unpublish(user=user) == 0
