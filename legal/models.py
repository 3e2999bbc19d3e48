import fnmatch
import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from legal.blocks import LegalBodyBlock
from legal.text_diff import text_diff

version_label_validator = RegexValidator(
    r"^\d{1,3}\.\d{1,3}$",
    _("Indiquez la version sous la forme majeure.mineure, par exemple 1.0 ou 2.3."),
)


class DocumentKind(models.TextChoices):
    PRIVACY_POLICY = "privacy_policy", _("Politique de confidentialité")
    COOKIE_POLICY = "cookie_policy", _("Politique de cookies")
    TERMS = "terms", _("Conditions générales d’utilisation")
    LEGAL_NOTICE = "legal_notice", _("Mentions légales")


def parse_version(label: str) -> tuple[int, int]:
    major, minor = label.split(".")
    return int(major), int(minor)


class LegalPageForm(WagtailAdminPageForm):
    """Refuses, where the editor sees it, a version that would not follow the published ones."""

    def clean(self):
        cleaned = super().clean()
        label = cleaned.get("version")
        effective_date = cleaned.get("effective_date")
        if not label or self.instance.pk is None:
            return cleaned
        try:
            version_label_validator(label)
        except ValidationError:
            return cleaned  # the field's own validation explains the expected format
        last = PolicyVersion.objects.filter(page_id=self.instance.pk).first()
        if last is None:
            return cleaned
        if "version" not in self.errors and parse_version(label) <= parse_version(last.version):
            self.add_error(
                "version",
                _(
                    "La version %(last)s est déjà publiée : indiquez une version supérieure, "
                    "par exemple %(next)s."
                )
                % {"last": last.version, "next": next_minor_version(last.version)},
            )
        if effective_date and effective_date < last.effective_date:
            self.add_error(
                "effective_date",
                _(
                    "La version précédente est entrée en vigueur le %(date)s : la nouvelle "
                    "ne peut pas entrer en vigueur avant cette date."
                )
                % {"date": last.effective_date.strftime("%d/%m/%Y")},
            )
        return cleaned


def next_minor_version(label: str) -> str:
    major, minor = parse_version(label)
    return f"{major}.{minor + 1}"


class LegalPage(RoutablePageMixin, Page):
    """A legal document; every publication becomes an immutable PolicyVersion.

    Its public archive lives under the page: versions/, versions/<version>/ and
    versions/<version>/diff/.
    """

    kind = models.CharField(_("type de document"), max_length=20, choices=DocumentKind.choices)
    body = StreamField(LegalBodyBlock(), verbose_name=_("contenu"))
    version = models.CharField(
        _("version"),
        max_length=7,
        validators=[version_label_validator],
        help_text=_("Majeure.mineure, supérieure à la dernière version publiée."),
    )
    effective_date = models.DateField(_("date d’entrée en vigueur"))
    change_summary = models.TextField(
        _("résumé des changements"),
        max_length=1000,
        help_text=_("En mots simples, pour le public : ce qui change pour l’utilisateur."),
    )
    is_material_change = models.BooleanField(
        _("changement important"),
        default=False,
        help_text=_(
            "Pour les conditions générales : les utilisateurs devront les accepter de nouveau. "
            "Pour la politique de confidentialité : un avis et un e-mail les informeront."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("version"),
                FieldPanel("effective_date"),
                FieldPanel("change_summary"),
                FieldPanel("is_material_change"),
            ],
            _("Version"),
        ),
        FieldPanel("body"),
    ]

    # A translation is the same version of the same document: only the words differ.
    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("version"),
        SynchronizedField("effective_date"),
        SynchronizedField("is_material_change"),
        TranslatableField("change_summary"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    base_form_class = LegalPageForm

    class Meta:
        verbose_name = _("document juridique")
        verbose_name_plural = _("documents juridiques")

    def published_versions(self):
        return self.versions.all()

    def _version_or_404(self, version: str) -> "PolicyVersion":
        return get_object_or_404(self.versions.select_related("locale"), version=version)

    @path("")
    def current(self, request):
        return self.render(request, context_overrides={"latest_version": self.versions.first()})

    @path("versions/")
    def version_list(self, request):
        return self.render(
            request,
            template="legal/legal_page_versions.html",
            context_overrides={"versions": self.versions.all()},
        )

    @re_path(r"^versions/(?P<version>\d{1,3}\.\d{1,3})/$")
    def version_detail(self, request, version):
        policy_version = self._version_or_404(version)
        return self.render(
            request,
            template="legal/legal_page_version.html",
            context_overrides={
                "policy_version": policy_version,
                "previous_version": policy_version.previous(),
            },
        )

    @re_path(r"^versions/(?P<version>\d{1,3}\.\d{1,3})/diff/$")
    def version_diff(self, request, version):
        policy_version = self._version_or_404(version)
        previous = policy_version.previous()
        if previous is None:
            raise Http404("The first version has nothing to compare with.")
        return self.render(
            request,
            template="legal/legal_page_diff.html",
            context_overrides={
                "policy_version": policy_version,
                "previous_version": previous,
                "diff": text_diff(previous.text, policy_version.text),
            },
        )


class PolicyVersion(models.Model):
    """One published version of a legal document in one language. Never changed once written."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    page = models.ForeignKey(LegalPage, on_delete=models.PROTECT, related_name="versions")
    kind = models.CharField(_("type de document"), max_length=20, choices=DocumentKind.choices)
    locale = models.ForeignKey(Locale, on_delete=models.PROTECT, related_name="+")
    version = models.CharField(_("version"), max_length=7, validators=[version_label_validator])
    version_major = models.PositiveSmallIntegerField(editable=False)
    version_minor = models.PositiveSmallIntegerField(editable=False)
    effective_date = models.DateField(_("date d’entrée en vigueur"))
    published_at = models.DateTimeField(_("publiée le"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publiée par"),
    )
    change_summary = models.TextField(_("résumé des changements"), max_length=1000)
    is_material_change = models.BooleanField(_("changement important"), default=False)
    title = models.CharField(_("titre"), max_length=255)
    text = models.TextField(_("texte publié"), help_text=_("Le HTML rendu du document."))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("version publiée")
        verbose_name_plural = _("versions publiées")
        ordering = ["-version_major", "-version_minor"]
        constraints = [
            models.UniqueConstraint(fields=["page", "version"], name="unique_version_per_page"),
        ]

    def __str__(self):
        return f"{self.title} {self.version} ({self.locale.language_code})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Une version publiée ne peut pas être modifiée."))
        self.version_major, self.version_minor = parse_version(self.version)
        self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Une version publiée ne peut pas être supprimée."))

    def previous(self) -> "PolicyVersion | None":
        """The version of the same page published just before this one."""
        return (
            PolicyVersion.objects.filter(page_id=self.page_id)
            .filter(
                models.Q(version_major__lt=self.version_major)
                | models.Q(version_major=self.version_major, version_minor__lt=self.version_minor)
            )
            .first()
        )

    def get_url(self) -> str:
        return f"{self.page.url}versions/{self.version}/"


class AcceptanceMethod(models.TextChoices):
    SIGNUP = "signup", _("à l’inscription")
    REACCEPTANCE = "reacceptance", _("nouvelle acceptation après un changement")


class PolicyAcceptance(models.Model):
    """Proof that a user accepted one exact version. Kept 10 years after the account closes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="policy_acceptances",
    )
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("acceptée le"))
    method = models.CharField(_("comment"), max_length=20, choices=AcceptanceMethod.choices)
    # Snapshot so that the proof outlives the account (policy §5).
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    purge_after = models.DateField(
        _("à supprimer après le"),
        null=True,
        blank=True,
        help_text=_("Fixée à la clôture du compte : dix ans plus tard."),
    )

    class Meta:
        verbose_name = _("acceptation")
        verbose_name_plural = _("acceptations")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_acceptance_per_version"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} — {self.version}"


class PolicyChangeNotice(models.Model):
    """A user told of a material change to the privacy policy: by e-mail, and on the site."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_change_notices"
    )
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="notices")
    emailed_at = models.DateTimeField(_("e-mail envoyé le"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("avis fermé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("information d’un changement")
        verbose_name_plural = _("informations des changements")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_notice_per_version"),
        ]

    def __str__(self):
        return f"{self.user_id} — {self.version}"


# Cookie registry and consent ---------------------------------------------------------------
# Every cookie and tracker the site sets is declared once here. The consent banner, the script
# gating and the cookie-policy table are all built from this registry (see legal/consent.py).

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
