"""The legal pages (privacy policy, cookie policy, terms, legal notice) and their versions."""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if not self.is_bound and instance.pk and "is_material_change" in self.fields:
            last = PolicyVersion.objects.filter(page_id=instance.pk).first()
            if last is not None and last.version == instance.version:
                # A new version starts from the published one: whether it changes anything
                # important is a new decision, never carried over from the last one.
                self.initial["is_material_change"] = False

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
        """The version in force today. A version published ahead of its date (a scheduled
        go-live) is only announced until then; the one in force stays readable."""
        today = timezone.localdate()
        coming = None
        in_force = None
        if self.effective_date > today:
            coming = self.versions.filter(effective_date__gt=today).last()
            in_force = self.versions.filter(effective_date__lte=today).first()
        return self.render(
            request,
            context_overrides={
                "latest_version": self.versions.first(),
                "in_force_version": in_force,
                "coming_version": coming,
                "today": today,
            },
        )

    @path("versions/")
    def version_list(self, request):
        return self.render(
            request,
            template="legal/legal_page_versions.html",
            context_overrides={"versions": self.versions.all(), "today": timezone.localdate()},
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
