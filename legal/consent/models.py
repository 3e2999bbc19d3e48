"""The cookie registry and the proof of each visitor's choice."""

import fnmatch
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

# Every cookie and tracker the site sets is declared once here. The consent banner, the script
# gating and the cookie-policy table are all built from this registry (see legal/consent/).

# The CNIL's cap for a cookie and for a consent choice: 13 months.
MAX_COOKIE_LIFETIME_DAYS = 395

service_key_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{1,39}$",
    _(
        "Utilisez de 2 à 40 lettres minuscules, chiffres ou tirets bas, en commençant par une "
        "lettre, par exemple google_analytics."
    ),
)
cookie_name_validator = RegexValidator(
    r"^[A-Za-z0-9_\-.*]{1,100}$",
    _(
        "Indiquez le nom exact du cookie ; l’astérisque remplace une partie variable, "
        "par exemple _ga_*."
    ),
)


class CookieCategory(models.TextChoices):
    # Needed for the site to work: never asked, always on (session, CSRF, consent, language).
    NECESSARY = "necessary", _("Strictement nécessaires")
    # Audience measurement (Google Analytics): only after consent.
    ANALYTICS = "analytics", _("Mesure d’audience")
    # Advertising personalised from browsing history: only after consent, refused under GPC.
    ADVERTISING = "advertising", _("Publicité personnalisée")


class CookieService(TranslatableMixin, ClusterableModel):
    """A service that sets cookies or loads a tracker, with the cookies it sets."""

    key = models.CharField(
        _("identifiant technique"),
        max_length=40,
        validators=[service_key_validator],
        help_text=_(
            "Utilisé par les gabarits et le script de consentement "
            "(data-consent-service). Ne le changez pas une fois publié."
        ),
    )
    name = models.CharField(_("nom du service"), max_length=100)
    provider = models.CharField(_("fournisseur"), max_length=150)
    category = models.CharField(_("catégorie"), max_length=20, choices=CookieCategory.choices)
    purpose = models.TextField(_("finalité"), max_length=600)
    policy_url = models.URLField(
        _("politique de confidentialité du fournisseur"),
        blank=True,
        help_text=_("Laissez vide pour un cookie déposé par la Société elle-même."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre d’affichage"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("provider"),
        FieldPanel("category"),
        FieldPanel("purpose"),
        FieldPanel("policy_url"),
        FieldPanel("sort_order"),
        InlinePanel("cookies", label=_("cookies déposés"), min_num=1),
    ]

    override_translatable_fields = [
        SynchronizedField("key"),
        SynchronizedField("category"),
        SynchronizedField("policy_url"),
        SynchronizedField("sort_order"),
        TranslatableField("name"),
        TranslatableField("provider"),
        TranslatableField("purpose"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("service déposant des cookies")
        verbose_name_plural = _("services déposant des cookies")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_cookie_service_key"),
        ]

    def __str__(self):
        return self.name


class CookieDefinition(TranslatableMixin, Orderable):
    """One cookie (or family of cookies) a service sets, with how long it lives."""

    service = ParentalKey(CookieService, on_delete=models.CASCADE, related_name="cookies")
    name = models.CharField(_("nom du cookie"), max_length=100, validators=[cookie_name_validator])
    lifetime_days = models.PositiveSmallIntegerField(
        _("durée de vie en jours"),
        validators=[
            MaxValueValidator(
                MAX_COOKIE_LIFETIME_DAYS,
                _(
                    "Un cookie ne peut pas vivre plus de 13 mois (395 jours). "
                    "Réduisez sa durée de vie chez le fournisseur, puis ici."
                ),
            )
        ],
        help_text=_("0 pour un cookie de session, supprimé à la fermeture du navigateur."),
    )
    description = models.CharField(_("description"), max_length=300)

    panels = [FieldPanel("name"), FieldPanel("lifetime_days"), FieldPanel("description")]

    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("lifetime_days"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("cookie")
        verbose_name_plural = _("cookies")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name

    def matches(self, cookie_name: str) -> bool:
        return fnmatch.fnmatchcase(cookie_name, self.name)

    @property
    def lifetime_label(self) -> str:
        if self.lifetime_days == 0:
            return gettext("durée de la session")
        if self.lifetime_days >= 30:
            months = round(self.lifetime_days / 30.4)
            return ngettext("%(count)d mois", "%(count)d mois", months) % {"count": months}
        return ngettext("%(count)d jour", "%(count)d jours", self.lifetime_days) % {
            "count": self.lifetime_days
        }


class CookieRegistryVersion(models.Model):
    """A version of the registry: a new one when a service or a category or a purpose changes."""

    number = models.PositiveIntegerField(_("numéro"), unique=True)
    fingerprint = models.CharField(_("empreinte"), max_length=64)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("version du registre des cookies")
        verbose_name_plural = _("versions du registre des cookies")
        ordering = ["-number"]

    def __str__(self):
        return str(self.number)


class ConsentAction(models.TextChoices):
    ACCEPT_ALL = "accept_all", _("tout accepté")
    REJECT_ALL = "reject_all", _("tout refusé")
    CUSTOM = "custom", _("choix personnalisé")
    WITHDRAW = "withdraw", _("choix réinitialisé")


class ConsentRecord(models.Model):
    """Proof of one cookie choice. No IP address; only the browser's family. Purged after
    CONSENT_RECORD_RETENTION_DAYS (legal.services.consent_records_purge)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consent_id = models.UUIDField(_("identifiant de consentement"), db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=ConsentAction.choices)
    choices = models.JSONField(
        _("choix"), help_text=_("Pour chaque service : accepté (true) ou refusé (false).")
    )
    registry_version = models.PositiveIntegerField(_("version du registre"))
    cookie_policy_version = models.CharField(
        _("version de la politique de cookies"), max_length=7, blank=True
    )
    language_code = models.CharField(_("langue"), max_length=7)
    gpc = models.BooleanField(_("signal Global Privacy Control"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consent_records",
        verbose_name=_("utilisateur"),
    )
    user_agent_family = models.CharField(_("famille de navigateur"), max_length=40)
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("preuve de consentement")
        verbose_name_plural = _("preuves de consentement")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="consent_user_latest")]

    def __str__(self):
        return f"{self.consent_id} · {self.get_action_display()} · {self.created_at:%Y-%m-%d}"
