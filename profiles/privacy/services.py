"""State changes of the privacy centre: consent, restriction, objection, directives,
data-subject requests and their deadlines, exports, account deletion, support, marketing."""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.hooks import get_hooks

from legal.models import PolicyAcceptance
from profiles.extension_points import ON_ERASE, ON_LIFT_RESTRICTION, ON_RESTRICT
from profiles.models.privacy import (
    MAX_EXTENSION_MONTHS,
    OPEN_STATUSES,
    ConsentEvent,
    ConsentPurpose,
    ConsentSource,
    DataExport,
    DataSubjectRequest,
    DataSubjectRequestEvent,
    ExportPurpose,
    ExportStatus,
    Newsletter,
    NewsletterStatus,
    PostMortemDirective,
    RequestChannel,
    RequestEventKind,
    RequestKind,
    RequestStatus,
    RetentionRecord,
    RetentionRole,
    StaffAccessAction,
    StaffAccessLog,
    SupportRequest,
    SupportStatus,
)
from profiles.privacy import emails, selectors
from profiles.privacy.deadlines import add_months, due_date
from profiles.privacy.registry import registry

logger = logging.getLogger(__name__)

REQUEST_CONFIRM_SALT = "profiles.privacy.request-confirm"
REQUEST_CONFIRM_MAX_AGE = 7 * 24 * 3600
MARKETING_PURPOSES = [p.value for p in ConsentPurpose]


class AccountDeletionRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class LinkRefused(Exception):
    """A signed link that is tampered with, expired or already used: nothing changes."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired", "used"


# Marketing preferences ----------------------------------------------------------------------


@transaction.atomic
def marketing_preferences_set(*, user, choices: dict[str, bool], source: str) -> list[ConsentEvent]:
    """Apply the user's choices; every actual change is appended to the consent history.

    Called by the privacy centre ("settings"), the unsubscribe link ("unsubscribe_link"), the
    sign-up form ("signup") and the cookie banner ("banner"). Unchanged choices write nothing.
    """
    if source not in ConsentSource.values:
        raise ValidationError(f"Unknown consent source {source!r}.")
    row = selectors.privacy_settings_for(user)
    row = type(row).objects.select_for_update().get(pk=row.pk)
    events = []
    for purpose, granted in choices.items():
        if purpose not in MARKETING_PURPOSES:
            raise ValidationError(f"Unknown marketing purpose {purpose!r}.")
        if getattr(row, purpose) == bool(granted):
            continue
        setattr(row, purpose, bool(granted))
        events.append(
            ConsentEvent.objects.create(
                user=user, purpose=purpose, granted=bool(granted), source=source
            )
        )
    if events:
        row.full_clean()
        row.save()
    return events


def marketing_unsubscribe(*, token: str) -> tuple[object, str, bool]:
    """Withdraw the consent a signed unsubscribe link names, without login.

    Returns (user, purpose, changed). A second use changes nothing (idempotent); a tampered
    token raises LinkRefused("invalid") and changes nothing either.
    """
    try:
        payload = signing.loads(token, salt=emails.UNSUBSCRIBE_SALT)
        user = get_user_model().objects.get(pk=payload["u"])
        purpose = payload["p"]
    except (signing.BadSignature, KeyError, TypeError, get_user_model().DoesNotExist) as error:
        raise LinkRefused("invalid") from error
    if purpose not in MARKETING_PURPOSES:
        raise LinkRefused("invalid")
    events = marketing_preferences_set(
        user=user, choices={purpose: False}, source=ConsentSource.UNSUBSCRIBE_LINK
    )
    return user, purpose, bool(events)


# Data-subject requests and deadlines ------------------------------------------------------------


def _next_number(year: int) -> str:
    count = DataSubjectRequest.objects.filter(number__startswith=f"RGPD-{year}-").count()
    return f"RGPD-{year}-{count + 1:05d}"


def _event(request, kind, message="", actor=None):
    return DataSubjectRequestEvent.objects.create(
        request=request, kind=kind, message=message, actor=actor
    )


def _refresh_due(request: DataSubjectRequest) -> None:
    if request.clock_started_on:
        request.due_on = due_date(
            clock_started_on=request.clock_started_on,
            paused_days=request.paused_days,
            extension_months=request.extension_months,
        )


@transaction.atomic
def dsr_create(
    *,
    kind: str,
    channel: str,
    requester_name: str,
    requester_email: str,
    message: str = "",
    processing: str = "",
    user=None,
    identity_confirmed: bool,
    actor=None,
) -> DataSubjectRequest:
    """Open a request. Its month starts now if the requester is known (logged in, or checked by
    staff); otherwise it waits, clock stopped, until they prove who they are."""
    now = timezone.now()
    request = DataSubjectRequest(
        kind=kind,
        channel=channel,
        user=user,
        requester_name=requester_name,
        requester_email=requester_email,
        message=message,
        processing=processing,
        received_at=now,
    )
    if identity_confirmed:
        request.status = RequestStatus.RECEIVED
        request.identity_confirmed_at = now
        request.clock_started_on = timezone.localdate(now)
        _refresh_due(request)
    else:
        request.status = RequestStatus.IDENTITY_PENDING
    for _attempt in range(5):
        request.number = _next_number(now.year)
        request.full_clean()
        try:
            with transaction.atomic():
                request.save()
            break
        except IntegrityError:
            continue
    else:
        raise IntegrityError("Could not allocate a request number.")
    _event(request, RequestEventKind.CREATED, request.get_channel_display(), actor=actor)
    if identity_confirmed:
        _notify_dpo_new_request(request)
    return request


def _notify_dpo_new_request(request: DataSubjectRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        emails.send(
            to=emails.dpo_recipients(),
            subject=_("Nouvelle demande RGPD %(number)s") % {"number": request.number},
            template="dpo_new_request",
            context={"request": request},
        )


def _requester_language(request: DataSubjectRequest) -> str:
    """A requester with an account reads their language; others, the site's first one."""
    return request.user.email_language if request.user_id else settings.LANGUAGE_CODE


@transaction.atomic
def dsr_confirm_identity(
    *, request: DataSubjectRequest, actor=None, how: str = ""
) -> DataSubjectRequest:
    """Identity established: the clock starts, or resumes where it stopped."""
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.IDENTITY_PENDING:
        return request
    today = timezone.localdate()
    first_time = request.clock_started_on is None
    if first_time:
        request.clock_started_on = today
    elif request.paused_since:
        request.paused_days += (today - request.paused_since).days
    request.paused_since = None
    request.identity_confirmed_at = timezone.now()
    request.status = RequestStatus.EXTENDED if request.extension_months else RequestStatus.RECEIVED
    _refresh_due(request)
    request.full_clean()
    request.save()
    _event(request, RequestEventKind.IDENTITY_CONFIRMED, how, actor=actor)
    if first_time:
        _notify_dpo_new_request(request)
    return request


@transaction.atomic
def dsr_request_identity_proof(
    *, request: DataSubjectRequest, actor, message: str
) -> DataSubjectRequest:
    """Staff doubt who is asking (policy §7): ask for proof; the clock stops meanwhile."""
    if not message.strip():
        raise ValidationError(
            {"identity_message": _("Expliquez au demandeur quel justificatif envoyer.")}
        )
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(_("Cette demande est clôturée."))
    if request.status != RequestStatus.IDENTITY_PENDING:
        request.status = RequestStatus.IDENTITY_PENDING
        request.paused_since = timezone.localdate() if request.clock_started_on else None
        request.save()
    _event(request, RequestEventKind.IDENTITY_REQUESTED, message, actor=actor)
    with translation.override(_requester_language(request)):
        emails.send(
            to=[request.requester_email],
            subject=_("Votre demande %(number)s : justificatif d’identité")
            % {"number": request.number},
            template="requester_identity",
            context={"request": request, "message": message},
        )
    return request


@transaction.atomic
def dsr_extend(
    *, request: DataSubjectRequest, actor, months: int, reason: str, message: str
) -> DataSubjectRequest:
    """Push the deadline back (two months in all at most), with a reason and a message that
    tells the requester why (GDPR art. 12(3))."""
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    errors = {}
    if months < 1:
        errors["extension_months_add"] = _("Indiquez une prolongation d’au moins un mois.")
    elif request.extension_months + months > MAX_EXTENSION_MONTHS:
        errors["extension_months_add"] = _(
            "Le délai ne peut être prolongé que de deux mois au total ; "
            "%(used)d mois déjà accordé(s)."
        ) % {"used": request.extension_months}
    if not reason.strip():
        errors["extension_reason_add"] = _(
            "Indiquez le motif de la prolongation (complexité, nombre de demandes)."
        )
    if not message.strip():
        errors["extension_message"] = _("Écrivez le message envoyé au demandeur pour l’informer.")
    if not request.clock_started_on or not request.is_open:
        errors["extension_months_add"] = _(
            "Seule une demande en cours, identité confirmée, peut être prolongée."
        )
    if errors:
        raise ValidationError(errors)
    request.extension_months += months
    request.extension_reason = "\n".join(filter(None, [request.extension_reason, reason.strip()]))
    request.status = RequestStatus.EXTENDED
    _refresh_due(request)
    request.full_clean()
    request.save()
    _event(
        request,
        RequestEventKind.EXTENDED,
        _("+%(months)d mois, nouvelle échéance le %(due)s. Motif : %(reason)s")
        % {"months": months, "due": request.due_on.isoformat(), "reason": reason.strip()},
        actor=actor,
    )
    with translation.override(_requester_language(request)):
        emails.send(
            to=[request.requester_email],
            subject=_("Votre demande %(number)s : délai de réponse prolongé")
            % {"number": request.number},
            template="requester_extension",
            context={"request": request, "message": message},
        )
    return request


@transaction.atomic
def dsr_update(
    *, request: DataSubjectRequest, actor, status: str, assignee, notes: str
) -> DataSubjectRequest:
    """Staff changes from the tracker: status, who handles it, internal notes — each an event."""
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    allowed = {
        RequestStatus.IN_PROGRESS,
        RequestStatus.COMPLETED,
        RequestStatus.REFUSED,
        request.status,
    }
    if status not in allowed:
        raise ValidationError(
            {"status": _("Ce statut se règle par son action dédiée (identité, prolongation).")}
        )
    if status != request.status:
        if request.status == RequestStatus.IDENTITY_PENDING and status == RequestStatus.IN_PROGRESS:
            raise ValidationError({"status": _("Confirmez d’abord l’identité du demandeur.")})
        _event(
            request,
            RequestEventKind.STATUS_CHANGED,
            f"{request.get_status_display()} → {RequestStatus(status).label}",
            actor=actor,
        )
        request.status = status
        if status in (RequestStatus.COMPLETED, RequestStatus.REFUSED):
            request.closed_at = timezone.now()
    if assignee != request.assignee:
        request.assignee = assignee
        _event(request, RequestEventKind.ASSIGNED, str(assignee or "—"), actor=actor)
    if notes != request.notes:
        _event(request, RequestEventKind.NOTE, notes, actor=actor)
        request.notes = notes
    request.full_clean()
    request.save()
    return request


def dsr_send_due_reminders(*, today: datetime.date | None = None) -> list[DataSubjectRequest]:
    """Daily: one e-mail to the DPO listing requests due within 7 days or overdue. A request
    reminded today is not listed twice (the task may be retried)."""
    today = today or timezone.localdate()
    due = [
        r
        for r in selectors.requests_due_soon(today=today)
        if not r.events.filter(kind=RequestEventKind.REMINDER, at__date=today).exists()
    ]
    if not due:
        return []
    with transaction.atomic():
        for request in due:
            _event(request, RequestEventKind.REMINDER, _("Rappel d’échéance envoyé au DPO."))
        with translation.override(settings.LANGUAGE_CODE):
            emails.send(
                to=emails.dpo_recipients(),
                subject=_("%(count)d demande(s) RGPD à traiter sous 7 jours") % {"count": len(due)},
                template="dpo_reminder",
                context={"requests": due, "today": today},
            )
    return due


# Rights exercised from the privacy centre or the public form ---------------------------------


def _requester_name(user) -> str:
    return user.get_full_name() or user.email


@transaction.atomic
def processing_restrict(*, user, reason: str):
    """Restriction of processing (policy §7): no marketing, no statistics, the showcase is
    unpublished (ON_RESTRICT hooks); the DPO is notified through a request."""
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez pourquoi vous demandez la limitation.")})
    row = selectors.privacy_settings_for(user)
    if row.is_restricted:
        return row
    row.restricted_at = timezone.now()
    row.restriction_reason = reason.strip()
    row.full_clean()
    row.save()
    dsr_create(
        kind=RequestKind.RESTRICTION,
        channel=RequestChannel.PRIVACY_CENTRE,
        requester_name=_requester_name(user),
        requester_email=user.email,
        message=reason.strip(),
        user=user,
        identity_confirmed=True,
    )
    for hook in get_hooks(ON_RESTRICT):
        hook(user)
    return row


@transaction.atomic
def processing_restriction_lift(*, user):
    row = selectors.privacy_settings_for(user)
    if not row.is_restricted:
        return row
    row.restricted_at = None
    row.restriction_reason = ""
    row.save()
    for request in DataSubjectRequest.objects.filter(
        user=user, kind=RequestKind.RESTRICTION, status__in=OPEN_STATUSES
    ):
        _event(request, RequestEventKind.NOTE, _("La personne a levé la limitation."))
    for hook in get_hooks(ON_LIFT_RESTRICTION):
        hook(user)
    return row


def objection_submit(*, user, processing: str, reason: str) -> DataSubjectRequest:
    if not reason.strip():
        raise ValidationError({"reason": _("Expliquez le motif de votre opposition.")})
    return dsr_create(
        kind=RequestKind.OBJECTION,
        channel=RequestChannel.PRIVACY_CENTRE,
        requester_name=_requester_name(user),
        requester_email=user.email,
        processing=processing,
        message=reason.strip(),
        user=user,
        identity_confirmed=True,
    )


@transaction.atomic
def post_mortem_directive_save(
    *, user, instructions: str, trusted_contact_name: str = "", trusted_contact_email: str = ""
) -> PostMortemDirective:
    directive, _created = PostMortemDirective.objects.get_or_create(
        user=user, defaults={"instructions": instructions}
    )
    directive.instructions = instructions
    directive.trusted_contact_name = trusted_contact_name
    directive.trusted_contact_email = trusted_contact_email
    directive.full_clean()
    directive.save()
    return directive


def rights_request_submit(*, name: str, email: str, kind: str, message: str) -> DataSubjectRequest:
    """A request from someone not logged in: it counts once they confirm their address."""
    request = dsr_create(
        kind=kind,
        channel=RequestChannel.PUBLIC_FORM,
        requester_name=name,
        requester_email=email,
        message=message,
        user=get_user_model().objects.filter(email__iexact=email).first(),
        identity_confirmed=False,
    )
    token = signing.dumps(str(request.pk), salt=REQUEST_CONFIRM_SALT)
    emails.send(
        to=[email],
        subject=_("Confirmez votre demande %(number)s") % {"number": request.number},
        template="requester_confirm",
        context={
            "request": request,
            "confirm_url": emails.absolute_url(reverse("rights_request_confirm", args=[token])),
        },
    )
    return request


def rights_request_confirm(*, token: str) -> DataSubjectRequest:
    try:
        pk = signing.loads(token, salt=REQUEST_CONFIRM_SALT, max_age=REQUEST_CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkRefused("expired") from error
    except signing.BadSignature as error:
        raise LinkRefused("invalid") from error
    request = DataSubjectRequest.objects.filter(pk=pk).first()
    if request is None:
        raise LinkRefused("invalid")
    if request.identity_confirmed_at is not None:
        raise LinkRefused("used")
    return dsr_confirm_identity(request=request, how=_("Adresse e-mail confirmée par le lien."))


# Exports ------------------------------------------------------------------------------------


@transaction.atomic
def data_export_request(
    *, user, requested_by=None, purpose: str = ExportPurpose.PORTABILITY
) -> DataExport:
    """Start building a ZIP of the user's data (one at a time per user for themselves)."""
    from profiles.privacy.tasks import build_data_export

    if purpose == ExportPurpose.PORTABILITY:
        running = DataExport.objects.filter(
            user=user,
            purpose=purpose,
            status__in=[ExportStatus.PENDING, ExportStatus.RUNNING],
        ).first()
        if running:
            return running
    export = DataExport.objects.create(user=user, requested_by=requested_by, purpose=purpose)
    build_data_export.delay_on_commit(str(export.pk))
    return export


def data_export_build(*, export_id) -> DataExport | None:
    """Build the ZIP (idempotent: a ready export is left alone). Progress is saved as it goes."""
    from profiles.privacy.exports import export_build

    export = DataExport.objects.filter(pk=export_id).select_related("user").first()
    if export is None or export.status == ExportStatus.READY:
        return export
    try:
        export_build(export)
    except Exception:
        logger.exception("data export %s failed", export_id)
        DataExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
        raise
    export.refresh_from_db()
    if export.purpose == ExportPurpose.PORTABILITY:
        with translation.override(export.user.email_language):
            emails.send(
                to=[export.user.email],
                subject=_("Vos données sont prêtes à être téléchargées"),
                template="export_ready",
                context={
                    "export": export,
                    "download_url": emails.absolute_url(data_export_link_issue(export)),
                    "centre_url": emails.absolute_url(reverse("privacy_centre")),
                },
            )
    return export


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def data_export_link_issue(export: DataExport) -> str:
    """A new single-use download link (path) for the e-mail: an opaque random token of which
    only the SHA-256 is kept, so a database leak gives no working link. Replaces the last one."""
    token = secrets.token_urlsafe(32)
    DataExport.objects.filter(pk=export.pk).update(
        download_token_hash=_token_hash(token), download_token_used_at=None
    )
    return reverse("privacy_export_download", args=[token])


def data_export_owner_path(export: DataExport) -> str:
    """The privacy centre's download address: for the logged-in owner only (no token)."""
    return reverse("privacy_export_file", args=[export.pk])


@transaction.atomic
def data_export_claim(*, user, token: str) -> DataExport:
    """Check an e-mailed download link and use it up. Raises DataExport.DoesNotExist for a
    token that is unknown or someone else's (the caller answers 404), LinkRefused for one
    already used or expired (nothing changes)."""
    export = (
        DataExport.objects.select_for_update()
        .filter(user=user, purpose=ExportPurpose.PORTABILITY)
        .exclude(download_token_hash="")
        .get(download_token_hash=_token_hash(token))
    )
    if export.download_token_used_at is not None:
        raise LinkRefused("used")
    if not export.is_available:
        raise LinkRefused("expired")
    now = timezone.now()
    export.download_token_used_at = now
    export.downloaded_at = now
    export.save(update_fields=["download_token_used_at", "downloaded_at"])
    return export


def data_export_downloaded(export: DataExport) -> None:
    DataExport.objects.filter(pk=export.pk).update(downloaded_at=timezone.now())


# Account deletion ---------------------------------------------------------------------------


def _user_files(user) -> list[tuple[object, str]]:
    """Files of the user's declared FileFields and exports (Wagtail images go with their rows)."""
    files = []
    for record in registry.collect(user):
        files.extend(record.files)
    for export in DataExport.objects.filter(user=user).exclude(file=""):
        files.append((export.file.storage, export.file.name))
    return files


def sessions_end(user) -> int:
    """Log the user out everywhere (database sessions)."""
    from importlib import import_module

    if not settings.SESSION_ENGINE.endswith(".db"):
        # Other engines: the deleted user can no longer be loaded, which logs the session out.
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class()
    ended = 0
    key = str(user.pk)
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == key:
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def account_erase(*, user, send_confirmation: bool = True) -> RetentionRecord | None:
    """Delete an account (policy §7, §5).

    Refused while orders or payments are open (DELETION_BLOCKERS hooks). Otherwise: every
    declared value goes with the user row (CASCADE) or loses its link (SET_NULL, reviews show a
    deleted user); files are deleted from storage; sessions end; allauth e-mail and MFA rows
    go; rights requests stay as proof they were handled, without the person. Retouchers and
    clients who bought leave a RetentionRecord (names, terms acceptance date) and their terms
    acceptances, purged ten years later; nobody else leaves anything.

    This is the only deletion path, and the only place that decides what is kept: the privacy
    centre, the Wagtail admin's user delete (single and bulk, profiles.wagtail_hooks) and staff
    tools call it. A plain `User.delete()` elsewhere keeps nothing: the terms acceptances
    go with the user row (CASCADE) unless this service has detached them first.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.images import get_image_model

    from profiles.models import PortfolioImage

    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    reasons = selectors.deletion_blockers(user)
    if reasons:
        raise AccountDeletionRefused(reasons)
    now = timezone.now()
    address, first_name = user.email, user.first_name
    language = user.email_language  # whoever deletes the account, its owner reads the e-mail

    record = None
    acceptances = PolicyAcceptance.objects.filter(user=user)
    if selectors.keeps_retention_record(user):
        purge_after = add_months(timezone.localdate(now), 12 * settings.PRIVACY_RETENTION_YEARS)
        terms = selectors.latest_terms_acceptance(user)
        record = RetentionRecord(
            role=RetentionRole.RETOUCHER if selectors.is_retoucher(user) else RetentionRole.BUYER,
            first_name=user.first_name,
            last_name=user.last_name,
            terms_accepted_at=terms.accepted_at if terms else None,
            closed_at=now,
            purge_after=purge_after,
        )
        record.full_clean()
        record.save()
        # Detached, so that they outlive the user row (the foreign key cascades).
        acceptances.update(purge_after=purge_after, user=None)
    else:
        acceptances.delete()

    files = _user_files(user)
    image_ids = list(
        PortfolioImage.objects.filter(provider__user=user).values_list("image_id", flat=True)
    )

    for hook in get_hooks(ON_ERASE):
        hook(user)

    # Proof that requests were handled, without the person (GDPR art. 5(2)).
    requests = DataSubjectRequest.objects.filter(user=user)
    DataSubjectRequestEvent.objects.filter(request__in=requests).update(message="")
    requests.update(
        requester_name=_("Compte supprimé"),
        requester_email="",
        message="",
        processing="",
        notes="",
    )

    sessions_end(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.delete()
    # Wagtail deletes an image's file and renditions when the image row goes.
    for image in get_image_model().objects.filter(pk__in=image_ids):
        image.delete()

    def delete_files():
        for storage, name in files:
            try:
                storage.delete(name)
            except Exception:
                logger.exception("could not delete %s after account deletion", name)

    transaction.on_commit(delete_files)
    if send_confirmation:
        with translation.override(language):
            emails.send(
                to=[address],
                subject=_("Votre compte Retoucherie a été supprimé"),
                template="account_deleted",
                context={"first_name": first_name, "record": record},
            )
    return record


# Staff tools --------------------------------------------------------------------------------


def staff_access_log(
    *,
    staff,
    subject,
    what: str,
    action: str = StaffAccessAction.VIEW,
    reason: str = "",
    reference: str = "",
) -> StaffAccessLog:
    """Write who on the staff saw whose data, what and when (policy §4)."""
    if not reference:
        reference = _("utilisateur n° %(pk)s") % {"pk": subject.pk} if subject else "—"
    return StaffAccessLog.objects.create(
        staff=staff,
        staff_email=staff.email,
        subject=subject,
        subject_reference=reference[:40],
        action=action,
        what=what,
        reason=reason,
    )


@transaction.atomic
def authority_export(*, staff, subject, reason: str) -> DataExport:
    """A lawful request from an authority (policy §4): the user's whole package, logged."""
    if not staff.has_perm("profiles.export_for_authority"):
        raise ValidationError(
            _("Vous n’avez pas le droit d’extraire des données pour une autorité.")
        )
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Indiquez l’autorité requérante et la référence de sa réquisition.")}
        )
    staff_access_log(
        staff=staff,
        subject=subject,
        what=_("Paquet complet des données (export)"),
        action=StaffAccessAction.AUTHORITY_EXPORT,
        reason=reason.strip(),
    )
    return data_export_request(user=subject, requested_by=staff, purpose=ExportPurpose.AUTHORITY)


# Support ------------------------------------------------------------------------------------


def support_request_submit(*, user, subject: str, message: str) -> SupportRequest:
    request = SupportRequest(user=user, subject=subject, message=message)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def support_request_answer(*, request: SupportRequest, staff, answer: str) -> SupportRequest:
    if not answer.strip():
        raise ValidationError({"answer": _("Écrivez une réponse avant d’envoyer.")})
    request.answer = answer.strip()
    request.answered_at = timezone.now()
    request.answered_by = staff
    request.status = SupportStatus.ANSWERED
    request.full_clean()
    request.save()
    # In the user's language, whatever language the staff member who answers reads.
    with translation.override(request.user.email_language):
        emails.send(
            to=[request.user.email],
            subject=_("Réponse à votre demande : %(subject)s") % {"subject": request.subject},
            template="support_answer",
            context={"support_request": request},
        )
    return request


# Marketing sending --------------------------------------------------------------------------


@transaction.atomic
def newsletter_send(*, newsletter: Newsletter, sent_by) -> Newsletter:
    """Queue a newsletter for sending (once)."""
    from profiles.privacy.tasks import send_newsletter_batch

    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if newsletter.status != NewsletterStatus.DRAFT:
        raise ValidationError(_("Cette newsletter a déjà été envoyée."))
    newsletter.status = NewsletterStatus.SENDING
    newsletter.sent_by = sent_by
    newsletter.save()
    send_newsletter_batch.delay_on_commit(newsletter.pk)
    return newsletter


def newsletter_send_batch(*, newsletter_id: int) -> bool:
    """Send the next batch; returns True when more recipients remain.

    Only users who opted in and are not restricted (policy §4, §7). The cursor is saved after
    each message, so a retried batch resends nothing already sent."""
    from django.core.mail import get_connection

    newsletter = Newsletter.objects.get(pk=newsletter_id)
    if newsletter.status != NewsletterStatus.SENDING:
        return False
    batch = list(
        selectors.newsletter_recipients(ConsentPurpose.NEWSLETTER).filter(
            pk__gt=newsletter.last_recipient_id
        )[: settings.NEWSLETTER_BATCH_SIZE]
    )
    connection = get_connection()
    for user in batch:
        message = emails.marketing_message(
            user=user,
            purpose=ConsentPurpose.NEWSLETTER,
            subject=newsletter.subject,
            text=_html_to_text(newsletter.body),
            html=newsletter.body,
        )
        message.connection = connection
        message.send()
        Newsletter.objects.filter(pk=newsletter.pk).update(last_recipient_id=user.pk)
        newsletter.recipients_count += 1
        Newsletter.objects.filter(pk=newsletter.pk).update(
            recipients_count=newsletter.recipients_count
        )
    if len(batch) < settings.NEWSLETTER_BATCH_SIZE:
        Newsletter.objects.filter(pk=newsletter.pk).update(
            status=NewsletterStatus.SENT, sent_at=timezone.now()
        )
        return False
    return True


def _html_to_text(html: str) -> str:
    from django.utils.html import strip_tags
    from wagtail.rich_text import expand_db_html

    return strip_tags(expand_db_html(html).replace("</p>", "</p>\n\n")).strip()


def commercial_sms_send(*, text: str) -> int:
    """Send a commercial SMS to opted-in, unrestricted numbers only (policy §4)."""
    from profiles.privacy.sms import get_sms_backend

    backend = get_sms_backend()
    sent = 0
    for profile in selectors.sms_recipients():
        stop = _("STOP : répondez STOP ou gérez vos préférences sur le site.")
        backend.send(to=profile.phone, text=f"{text}\n{stop}")
        sent += 1
    return sent
