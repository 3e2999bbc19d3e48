"""Privacy centre: preferences and consent history, restriction, post-mortem directives,
data-subject requests and their deadlines, exports, retention records, staff access log,
support requests and newsletters (policy §3, §4, §5 and §7).

State changes go through profiles.privacy.services; these models hold no business rule
beyond refusing to rewrite history (append-only rows).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from profiles.private_files import private_storage, random_name

MAX_EXTENSION_MONTHS = 2


class AppendOnlyModel(models.Model):
    """A history row: written once, never changed nor deleted one by one."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Une entrée d’historique ne peut pas être modifiée."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Une entrée d’historique ne peut pas être supprimée."))


class ConsentPurpose(models.TextChoices):
    NEWSLETTER = "newsletter", _("Newsletter (actualités et événements)")
    COMMERCIAL_EMAIL = "commercial_email", _("Offres commerciales par e-mail")
    COMMERCIAL_SMS = "commercial_sms", _("Offres commerciales par SMS")
    PERSONALISED_ADS = "personalised_ads", _("Publicité personnalisée")
    AUDIENCE_STATISTICS = "audience_statistics", _("Statistiques d’audience")


class ConsentSource(models.TextChoices):
    SIGNUP = "signup", _("inscription")
    SETTINGS = "settings", _("centre de confidentialité")
    BANNER = "banner", _("bandeau cookies")
    UNSUBSCRIBE_LINK = "unsubscribe_link", _("lien de désinscription")


class PrivacySettings(models.Model):
    """A user's marketing choices (all off until they opt in) and restriction of processing."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_settings"
    )
    newsletter = models.BooleanField(ConsentPurpose.NEWSLETTER.label, default=False)
    commercial_email = models.BooleanField(ConsentPurpose.COMMERCIAL_EMAIL.label, default=False)
    commercial_sms = models.BooleanField(ConsentPurpose.COMMERCIAL_SMS.label, default=False)
    personalised_ads = models.BooleanField(ConsentPurpose.PERSONALISED_ADS.label, default=False)
    audience_statistics = models.BooleanField(
        ConsentPurpose.AUDIENCE_STATISTICS.label, default=False
    )
    # Restriction of processing (policy §7): while set, no marketing and no statistics.
    restricted_at = models.DateTimeField(_("traitement limité depuis"), null=True, blank=True)
    restriction_reason = models.TextField(_("motif de la limitation"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("préférences de confidentialité")
        verbose_name_plural = _("préférences de confidentialité")

    def __str__(self):
        return str(self.user)

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None

    def allows(self, purpose: str) -> bool:
        """Whether marketing or statistics for `purpose` may reach this user now."""
        return not self.is_restricted and bool(getattr(self, purpose))


class ConsentEvent(AppendOnlyModel):
    """One change of one marketing choice: what, on or off, when, where from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_events"
    )
    purpose = models.CharField(_("finalité"), max_length=30, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("accordé"))
    source = models.CharField(_("origine"), max_length=20, choices=ConsentSource.choices)
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("historique de consentement")
        verbose_name_plural = _("historique des consentements")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.granted} · {self.created_at:%Y-%m-%d}"


class PostMortemDirective(models.Model):
    """What the user wants done with their data after their death (policy §7)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_mortem_directive"
    )
    instructions = models.TextField(
        _("vos directives"),
        max_length=4000,
        help_text=_(
            "Par exemple : supprimer mon compte, ou transmettre mes données à la personne de "
            "confiance ci-dessous."
        ),
    )
    trusted_contact_name = models.CharField(
        _("nom de la personne de confiance"), max_length=150, blank=True
    )
    trusted_contact_email = models.EmailField(_("e-mail de la personne de confiance"), blank=True)
    updated_at = models.DateTimeField(_("modifiées le"), auto_now=True)

    class Meta:
        verbose_name = _("directives post-mortem")
        verbose_name_plural = _("directives post-mortem")

    def __str__(self):
        return str(self.user)


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Accès")
    RECTIFICATION = "rectification", _("Rectification")
    ERASURE = "erasure", _("Effacement")
    RESTRICTION = "restriction", _("Limitation")
    OBJECTION = "objection", _("Opposition")
    PORTABILITY = "portability", _("Portabilité")
    MARKETING = "marketing", _("Retrait du consentement à la prospection")
    POST_MORTEM = "post_mortem", _("Décès et directives post-mortem")
    OTHER = "other", _("Autre")


class RequestStatus(models.TextChoices):
    # Counted, the clock runs.
    RECEIVED = "received", _("Reçue")
    # The requester must prove who they are: the clock is paused.
    IDENTITY_PENDING = "identity_pending", _("Vérification d’identité en attente")
    IN_PROGRESS = "in_progress", _("En cours")
    # Deadline pushed back (two months at most), the requester was told why.
    EXTENDED = "extended", _("Prolongée")
    COMPLETED = "completed", _("Traitée")
    REFUSED = "refused", _("Refusée")


OPEN_STATUSES = [
    RequestStatus.RECEIVED,
    RequestStatus.IDENTITY_PENDING,
    RequestStatus.IN_PROGRESS,
    RequestStatus.EXTENDED,
]


class RequestChannel(models.TextChoices):
    PRIVACY_CENTRE = "privacy_centre", _("centre de confidentialité")
    PUBLIC_FORM = "public_form", _("formulaire public")
    EMAIL = "email", _("e-mail ou courrier (saisie par l’équipe)")


class DataSubjectRequest(models.Model):
    """A request to exercise a right (policy §7), answered within one calendar month of its
    receipt, two more months at most (GDPR art. 12(3)); the clock stops while identity is
    being checked."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(_("numéro"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("type de demande"), max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    channel = models.CharField(_("canal"), max_length=20, choices=RequestChannel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="privacy_requests",
        verbose_name=_("compte concerné"),
    )
    requester_name = models.CharField(_("nom du demandeur"), max_length=200)
    requester_email = models.EmailField(_("e-mail du demandeur"), blank=True)
    processing = models.CharField(
        _("traitement visé"),
        max_length=200,
        blank=True,
        help_text=_("Pour une opposition : le traitement auquel la personne s’oppose."),
    )
    message = models.TextField(_("demande"), max_length=5000, blank=True)
    received_at = models.DateTimeField(_("reçue le"), default=timezone.now)
    identity_confirmed_at = models.DateTimeField(_("identité confirmée le"), null=True, blank=True)
    clock_started_on = models.DateField(_("délai compté depuis le"), null=True, blank=True)
    paused_since = models.DateField(_("délai suspendu depuis le"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("jours de suspension"), default=0)
    extension_months = models.PositiveSmallIntegerField(
        _("prolongation (mois)"),
        default=0,
        validators=[MaxValueValidator(MAX_EXTENSION_MONTHS)],
    )
    extension_reason = models.TextField(_("motif de la prolongation"), max_length=2000, blank=True)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_staff": True},
        verbose_name=_("responsable"),
    )
    notes = models.TextField(_("notes internes"), blank=True)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("demande RGPD")
        verbose_name_plural = _("demandes RGPD")
        ordering = ["due_on", "received_at"]
        permissions = [
            ("view_personal_data", _("Consulter les données personnelles d’un utilisateur")),
            ("export_for_authority", _("Extraire les données d’un utilisateur pour une autorité")),
        ]

    def __str__(self):
        return f"{self.number} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_left(self, today=None) -> int | None:
        if self.due_on is None or not self.is_open:
            return None
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def deadline_label(self) -> str:
        """ "En retard", "Échéance proche" or the date: what the DPO's list highlights."""
        left = self.days_left()
        if left is None:
            if self.status == RequestStatus.IDENTITY_PENDING:
                return str(_("Suspendu (identité)"))
            return ""
        if left < 0:
            return str(_("En retard de %(days)d j") % {"days": -left})
        if left <= 7:
            return str(_("Échéance proche : %(days)d j") % {"days": left})
        return str(_("%(days)d j restants") % {"days": left})


class RequestEventKind(models.TextChoices):
    CREATED = "created", _("créée")
    IDENTITY_REQUESTED = "identity_requested", _("justificatif demandé")
    IDENTITY_CONFIRMED = "identity_confirmed", _("identité confirmée")
    STATUS_CHANGED = "status_changed", _("statut modifié")
    EXTENDED = "extended", _("délai prolongé")
    ASSIGNED = "assigned", _("attribuée")
    NOTE = "note", _("note")
    REMINDER = "reminder", _("rappel envoyé")


class DataSubjectRequestEvent(AppendOnlyModel):
    """What happened to a request, in order; never rewritten."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey(DataSubjectRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("date"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    kind = models.CharField(_("événement"), max_length=30, choices=RequestEventKind.choices)
    message = models.TextField(_("détail"), blank=True)

    class Meta:
        verbose_name = _("événement d’une demande RGPD")
        verbose_name_plural = _("événements des demandes RGPD")
        ordering = ["at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.get_kind_display()}"


def export_upload_to(instance, filename):
    # A random name, unrelated to the export's id or its owner (the id appears in URLs).
    return random_name("exports", filename)


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En préparation")
    READY = "ready", _("Prête")
    FAILED = "failed", _("Échec")


class ExportPurpose(models.TextChoices):
    PORTABILITY = "portability", _("demandée par l’utilisateur")
    AUTHORITY = "authority", _("réquisition d’une autorité")


class DataExport(models.Model):
    """A ZIP of everything held about a user: available 7 days, then deleted by the purge."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    purpose = models.CharField(
        _("motif"), max_length=20, choices=ExportPurpose.choices, default=ExportPurpose.PORTABILITY
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("demandée par"),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    # In the private storage, encrypted (profiles/private_files.py): it holds bank details.
    file = models.FileField(
        _("fichier"), upload_to=export_upload_to, storage=private_storage, blank=True
    )
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    expires_at = models.DateTimeField(_("disponible jusqu’au"), null=True, blank=True)
    # SHA-256 of the opaque token of the e-mailed download link (the token itself is never
    # stored); the link works once.
    download_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    download_token_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    downloaded_at = models.DateTimeField(_("téléchargée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("export de données")
        verbose_name_plural = _("exports de données")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @property
    def is_available(self) -> bool:
        return (
            self.status == ExportStatus.READY
            and bool(self.file)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


class RetentionRole(models.TextChoices):
    RETOUCHER = "retoucher", _("retoucheur")
    BUYER = "buyer", _("client ayant acheté")


class RetentionRecord(models.Model):
    """What the law makes us keep after a retoucher or a buying client closes their account
    (policy §5): names and the date the terms were accepted, for ten years."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.CharField(_("qualité"), max_length=20, choices=RetentionRole.choices)
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    terms_accepted_at = models.DateTimeField(
        _("conditions générales acceptées le"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("compte clôturé le"))
    purge_after = models.DateField(_("à supprimer après le"))

    class Meta:
        verbose_name = _("archive légale")
        verbose_name_plural = _("archives légales")
        ordering = ["purge_after"]

    def __str__(self):
        return f"{self.last_name} {self.first_name} ({self.closed_at:%Y-%m-%d})"


class StaffAccessAction(models.TextChoices):
    VIEW = "view", _("consultation")
    AUTHORITY_EXPORT = "authority_export", _("extraction pour une autorité")


class StaffAccessLog(AppendOnlyModel):
    """Who on the staff looked at whose personal data, what and when (policy §4)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(_("date"), default=timezone.now)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("membre de l’équipe"),
    )
    staff_email = models.EmailField(_("e-mail du membre de l’équipe"))
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personne concernée"),
    )
    subject_reference = models.CharField(_("référence de la personne"), max_length=40)
    action = models.CharField(_("action"), max_length=20, choices=StaffAccessAction.choices)
    what = models.CharField(_("données consultées"), max_length=300)
    reason = models.CharField(_("motif"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("accès aux données personnelles")
        verbose_name_plural = _("journal des accès aux données personnelles")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.staff_email} · {self.subject_reference}"


class SupportStatus(models.TextChoices):
    OPEN = "open", _("En attente de réponse")
    ANSWERED = "answered", _("Répondue")


class SupportRequest(models.Model):
    """A user asks for help (policy §3); staff answer in the admin and the answer is e-mailed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_requests"
    )
    subject = models.CharField(_("objet"), max_length=150)
    message = models.TextField(_("votre message"), max_length=4000)
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    status = models.CharField(
        _("statut"), max_length=20, choices=SupportStatus.choices, default=SupportStatus.OPEN
    )
    answer = models.TextField(_("réponse"), max_length=6000, blank=True)
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("répondue par"),
    )

    class Meta:
        verbose_name = _("demande d’assistance")
        verbose_name_plural = _("demandes d’assistance")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SENDING = "sending", _("Envoi en cours")
    SENT = "sent", _("Envoyée")


class Newsletter(models.Model):
    """A newsletter written in the admin and sent once, in batches, to opted-in users.

    Not a TranslatableMixin snippet: it is a one-off message, written in the language of its
    audience and sent once; users do not carry a language preference to route translations.
    """

    subject = models.CharField(_("objet"), max_length=150)
    body = RichTextField(_("contenu"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=NewsletterStatus.choices,
        default=NewsletterStatus.DRAFT,
        editable=False,
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("envoyée par"),
    )
    recipients_count = models.PositiveIntegerField(_("destinataires"), default=0, editable=False)
    # Cursor of the batch sending: the last user id handled, so a retried batch skips them.
    last_recipient_id = models.BigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
