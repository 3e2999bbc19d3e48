"""Who hears about the moderation of a page, and how.

Wagtail e-mails whoever submitted a page when it is approved or sent back: in English unless
their admin profile says otherwise, with links into the admin. A retoucher submits their
showcase from their account and cannot open the admin, so Wagtail's own e-mails go only to
people who can; the retoucher gets ours (profiles/showcase/emails.py), in their language,
with the public page's address. The notices to the reviewers when a page is submitted are
left to Wagtail: reviewers are staff.
"""

from wagtail.admin.mail import (
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

# The dispatch_uid Wagtail connects its notifiers with (wagtail/admin/signal_handlers.py).
# Ours take the same ones: whichever app is ready first, only ours stay connected.
APPROVED_UID = "workflow_state_approved_email_notification"
REJECTED_UID = "workflow_state_rejected_email_notification"


def may_open_admin(user) -> bool:
    return bool(user and user.is_active and user.has_perm("wagtailadmin.access_admin"))


def _retoucher_of(workflow_state: WorkflowState):
    """The showcase and its retoucher when the retoucher asked for this review, else None."""
    from profiles.models import ProviderShowcasePage

    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    if not isinstance(page, ProviderShowcasePage) or page.provider_id is None:
        return None
    user = workflow_state.requested_by
    if user is None or user.pk != page.provider.user_id or may_open_admin(user):
        return None
    return page, user


class _AdminUsersOnly:
    def get_recipient_users(self, workflow_state, **kwargs):
        users = super().get_recipient_users(workflow_state, **kwargs)
        return {user for user in users if may_open_admin(user)}


class ApprovalNotifier(_AdminUsersOnly, WorkflowStateApprovalEmailNotifier):
    def __call__(self, instance=None, **kwargs):
        from profiles.showcase.emails import showcase_approved_email_send

        if isinstance(instance, WorkflowState) and (found := _retoucher_of(instance)):
            page, user = found
            showcase_approved_email_send(page=page, user=user)
        return super().__call__(instance, **kwargs)


class RejectionNotifier(_AdminUsersOnly, WorkflowStateRejectionEmailNotifier):
    def __call__(self, instance=None, **kwargs):
        from profiles.showcase.emails import showcase_changes_requested_email_send

        if isinstance(instance, WorkflowState) and (found := _retoucher_of(instance)):
            page, user = found
            task_state = instance.current_task_state
            comment = task_state.specific.get_comment() if task_state else ""
            showcase_changes_requested_email_send(page=page, user=user, comment=comment or "")
        return super().__call__(instance, **kwargs)


approval_notifier = ApprovalNotifier()
rejection_notifier = RejectionNotifier()


def workflow_notifiers_replace() -> None:
    """Put our notifiers in the place of Wagtail's (called from ProfilesConfig.ready())."""
    for signal, notifier, uid in (
        (workflow_approved, approval_notifier, APPROVED_UID),
        (workflow_rejected, rejection_notifier, REJECTED_UID),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
        signal.connect(notifier, sender=WorkflowState, dispatch_uid=uid)
