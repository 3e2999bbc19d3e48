"""State changes of showcase pages: a retoucher's draft, its unpublication, its images."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Locale, Workflow, WorkflowState

from profiles.models import ProviderIndexPage, ProviderProfile, ProviderShowcasePage, User
from profiles.showcase.cache import showcase_cache_invalidate

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "Validation vitrine"
# The groups that review showcases (profiles/migrations/0005 and 0007).
REVIEWER_GROUPS = ("Moderators", "Editors")


def showcase_workflow() -> Workflow | None:
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


@transaction.atomic
def showcase_reviewers_may_publish(*, directory: ProviderIndexPage) -> None:
    """Let the reviewers of showcases publish what they approve, below this directory only.

    Approving the last task of the workflow publishes the page with the approver's rights: a
    reviewer without the publish permission gets a permission error on "Approve and publish".
    The same rule runs as a data migration (profiles/migrations/0007) for existing directories.
    """
    workflow = showcase_workflow()
    groups = set(Group.objects.filter(name__in=REVIEWER_GROUPS))
    if workflow is not None:
        for task in workflow.tasks.all():
            task = task.specific
            if hasattr(task, "groups"):
                task.groups.add(*groups)
                groups |= set(task.groups.all())
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    for group in groups:
        GroupPagePermission.objects.get_or_create(group=group, page=directory, permission=publish)


def _directory(locale: Locale) -> ProviderIndexPage:
    directory = ProviderIndexPage.objects.filter(locale=locale).first()
    if directory is None:
        raise ProviderIndexPage.DoesNotExist(f"No directory page in {locale}.")
    return directory


def _free_slug(directory: ProviderIndexPage, provider: ProviderProfile) -> str:
    """first-name-initial-city: public data only, never the surname."""
    user = provider.user
    base = slugify(f"{user.first_name} {user.last_name[:1]} {provider.city}") or "retoucheur"
    taken = set(directory.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def showcase_create_draft(
    *, provider: ProviderProfile, service_title: str = "", requested_by: User | None = None
) -> ProviderShowcasePage:
    """Give a retoucher a draft showcase, not yet submitted for moderation.

    Idempotent: a retoucher who already has a showcase gets it back unchanged. The page holds
    no personal data. The retoucher submits it from their account (`showcase_submit`) once
    their e-mail is verified and their photo, portfolio and skills are there: moderators are
    not asked to review a page that could not be published.
    """
    locale = Locale.get_default()
    existing = ProviderShowcasePage.objects.filter(provider=provider, locale=locale).first()
    if existing:
        return existing
    directory = _directory(locale)
    with translation.override(settings.LANGUAGE_CODE):
        title = service_title.strip() or _("Retouche photo")
    page = ProviderShowcasePage(
        title=title,
        service_title=title,
        slug=_free_slug(directory, provider),
        provider=provider,
        locale=locale,
        live=False,
    )
    directory.add_child(instance=page)
    page.save_revision(user=requested_by, log_action=True)
    showcase_renditions_request(provider=provider)
    return page


@transaction.atomic
def showcase_draft_save(
    *, provider: ProviderProfile, service_title: str, intro: str, user: User
) -> ProviderShowcasePage:
    """Save the retoucher's text as a new draft revision of their showcase (created if needed).

    The live page does not change: only an editor's approval publishes the text.
    """
    if provider.user_id != user.pk:
        raise PermissionError("a showcase is changed only by its retoucher")
    page = showcase_create_draft(provider=provider, service_title=service_title, requested_by=user)
    draft = page.get_latest_revision_as_object()
    draft.service_title = draft.title = service_title.strip()
    draft.intro = intro.strip()
    draft.save_revision(user=user, log_action=True)
    return page


@transaction.atomic
def showcase_submit(
    *, provider: ProviderProfile, service_title: str, intro: str, user: User
) -> ProviderShowcasePage:
    """Save the retoucher's text and ask the moderators to review it.

    Refused (ValidationError naming each missing item) until the showcase can be published:
    verified e-mail, photo, portfolio, skills, no restriction of processing. A review already
    asked for starts again on the new text; one that asked for changes resumes.
    """
    from profiles.showcase.selectors import showcase_missing

    missing = showcase_missing(provider=provider)
    if missing:
        raise ValidationError([item.message for item in missing])
    page = showcase_draft_save(
        provider=provider, service_title=service_title, intro=intro, user=user
    )
    page = ProviderShowcasePage.objects.get(pk=page.pk)
    workflow = showcase_workflow()
    if workflow is None:
        logger.error(
            "No active workflow named %r: showcase %s not submitted.", WORKFLOW_NAME, page.pk
        )
        return page
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    else:
        if state is not None:
            state.cancel(user=user)
        workflow.start(page, user)
    return page


def _provider_of(provider: ProviderProfile | None, user: User | None) -> ProviderProfile | None:
    if provider is None and user is not None:
        provider = ProviderProfile.objects.filter(user=user).first()
    return provider


@transaction.atomic
def showcase_unpublish(
    *,
    provider: ProviderProfile | None = None,
    user: User | None = None,
    for_restriction: bool = False,
) -> int:
    """Take a retoucher's showcase off line at once, in every language (idempotent).

    For a retoucher who deactivates or restricts processing: the pages leave the directory,
    the sitemap and the cache, and any moderation in progress is cancelled so that nobody
    republishes them by approving an old request. With `for_restriction`, each page
    remembers the revision that was live, so that lifting the restriction
    (`showcase_restriction_lift`) puts back exactly what the restriction took off line.
    Returns how many pages were unpublished.
    """
    provider = _provider_of(provider, user)
    if provider is None:
        return 0
    unpublished = 0
    for page in ProviderShowcasePage.objects.filter(provider=provider):
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=None)
        if page.live:
            live_revision_id = page.live_revision_id
            page.unpublish(log_action=True)
            if for_restriction and live_revision_id:
                ProviderShowcasePage.objects.filter(pk=page.pk).update(
                    restriction_revision_id=live_revision_id
                )
            unpublished += 1
    showcase_cache_invalidate()
    return unpublished


@transaction.atomic
def showcase_restriction_lift(
    *, provider: ProviderProfile | None = None, user: User | None = None
) -> int:
    """Publish again the revisions a restriction of processing took off line (policy §7).

    Only pages `showcase_unpublish(for_restriction=True)` unpublished, each with the content
    it had then: a page an editor had unpublished stays off line, and a draft waiting for
    moderation is not published by the way. Returns how many pages are back on line.
    """
    provider = _provider_of(provider, user)
    if provider is None:
        return 0
    republished = 0
    pages = ProviderShowcasePage.objects.filter(
        provider=provider, restriction_revision__isnull=False
    ).select_related("restriction_revision")
    for page in pages:
        revision = page.restriction_revision
        ProviderShowcasePage.objects.filter(pk=page.pk).update(restriction_revision=None)
        if not page.live:
            revision.publish(log_action=True, skip_permission_checks=True)
            republished += 1
    if republished:
        showcase_cache_invalidate()
    return republished


@transaction.atomic
def showcase_delete(*, provider: ProviderProfile | None = None, user: User | None = None) -> int:
    """Delete a retoucher's showcase for good, in every language (account deletion, §7).

    The slug and the page's history name the retoucher (first name, initial, city), so an
    unpublished page with no retoucher is not enough: the pages go with their revisions,
    moderation states and wagtail-localize translation sources, and the cached pages are
    dropped, now and again on commit. Returns how many pages were deleted.
    """
    from wagtail_localize.models import TranslatableObject

    provider = _provider_of(provider, user)
    if provider is None:
        return 0
    keys = set(
        ProviderShowcasePage.objects.filter(provider=provider).values_list(
            "translation_key", flat=True
        )
    )
    pages = list(
        ProviderShowcasePage.objects.filter(
            Q(provider=provider) | Q(translation_key__in=keys)
        ).order_by("-depth", "-path")
    )
    for page in pages:
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=None)
        page.delete()
    TranslatableObject.objects.filter(translation_key__in=keys).delete()
    showcase_cache_invalidate()
    return len(pages)


def showcase_renditions_request(*, provider: ProviderProfile) -> None:
    """Have the portfolio's public image sizes made in the background, once the data is saved.

    Call it after a portfolio image is added (the upload flow does) and when a showcase is
    created or published.
    """
    from profiles.showcase.tasks import showcase_renditions_generate

    showcase_renditions_generate.delay_on_commit(str(provider.pk))


def portfolio_renditions_generate(*, provider: ProviderProfile) -> int:
    """Make every rendition the public pages use for this retoucher's portfolio (idempotent)."""
    from profiles.showcase.renditions import renditions_generate

    images = []
    for item in provider.portfolio_images.select_related("image", "before_image"):
        images += [item.image, item.before_image]
    made = renditions_generate(images)
    showcase_cache_invalidate()
    return made
