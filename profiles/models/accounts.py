import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.models import TranslatableMixin

from profiles.encryption import EncryptedTextField
from profiles.private_files import private_storage, random_name
from profiles.validators import (
    company_details_errors,
    validate_adult_birth_date,
    validate_bic,
    validate_e164_phone,
    validate_http_url,
    validate_iban,
    validate_siret,
    validate_vat_number,
)


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account on Retoucherie: a client, a retoucher or a member of staff.

    First and last name live here for everyone (for a legal-person retoucher: those of the
    legal representative); `last_login` is the last-login date the policy promises (§2).
    """

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    language = models.CharField(
        _("langue"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("La langue des e-mails que nous vous envoyons."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def public_name(self) -> str:
        return public_name_of(self.first_name, self.last_name)

    @property
    def email_language(self) -> str:
        """The language every e-mail to this user is written in, whoever triggers it."""
        return self.language or settings.LANGUAGE_CODE


def public_name_of(first_name: str, last_name: str | None) -> str:
    """The pseudonym shown in public (policy §4), "Prénom N.": the first name and the initial
    of the surname. The one place this rule is written; reads that fetch the two names as
    plain values (the showcase's reviews) call it too."""
    initial = f" {last_name[:1].upper()}." if last_name else ""
    return f"{first_name}{initial}".strip()


class LegalStructure(models.TextChoices):
    MICRO = "micro", _("Micro-entreprise")
    EI = "ei", _("Entreprise individuelle (EI)")
    EURL = "eurl", _("EURL")
    SARL = "sarl", _("SARL")
    SASU = "sasu", _("SASU")
    SAS = "sas", _("SAS")
    SA = "sa", _("SA")
    ASSOCIATION = "association", _("Association")
    FOREIGN = "foreign", _("Société de droit étranger")
    OTHER = "other", _("Autre")


class Clientele(models.TextChoices):
    PROFESSIONALS = "professionals", _("Professionnels")
    INDIVIDUALS = "individuals", _("Particuliers")
    BOTH = "both", _("Les deux")


class PersonalDetails(models.Model):
    """What the policy (§2) asks of every client and retoucher besides the names."""

    birth_date = models.DateField(_("date de naissance"), validators=[validate_adult_birth_date])
    country_of_residence = CountryField(_("pays de résidence"))
    nationality = CountryField(_("nationalité"))
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=16, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    photo = models.ImageField(_("photo de profil"), upload_to="profiles/photos/", blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class CompanyDetails(models.Model):
    """Company information: mandatory for company clients and for every retoucher (§2)."""

    legal_structure = models.CharField(
        _("structure juridique"), max_length=20, choices=LegalStructure.choices, blank=True
    )
    company_name = models.CharField(_("nom de l’entreprise"), max_length=200, blank=True)
    company_country = CountryField(_("pays d’immatriculation"), default="FR")
    siret = models.CharField(
        _("numéro SIRET"), max_length=14, blank=True, validators=[validate_siret]
    )
    registration_number = models.CharField(
        _("numéro d’immatriculation"),
        max_length=40,
        blank=True,
        help_text=_("Pour une entreprise établie hors de France, à la place du SIRET."),
    )
    vat_number = models.CharField(
        _("numéro de TVA intracommunautaire"),
        max_length=20,
        blank=True,
        validators=[validate_vat_number],
    )

    class Meta:
        abstract = True

    def company_errors(self) -> dict:
        return company_details_errors(
            legal_structure=self.legal_structure,
            company_name=self.company_name,
            company_country=str(self.company_country or ""),
            siret=self.siret,
            registration_number=self.registration_number,
            vat_number=self.vat_number,
        )


def client_photo_upload_to(instance, filename):
    return random_name("clients/photos", filename)


class ClientProfile(PersonalDetails, CompanyDetails):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Particulier")
        COMPANY = "company", _("Entreprise")

    # Clients have no public page: their photo is private, shown to them through
    # profiles.views.client_photo (a retoucher's photo stays public, it illustrates the showcase).
    photo = models.ImageField(
        _("photo de profil"), upload_to=client_photo_upload_to, storage=private_storage, blank=True
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_profile"
    )
    kind = models.CharField(_("type de client"), max_length=20, choices=Kind.choices)
    comment = models.TextField(
        _("commentaire"),
        max_length=2000,
        blank=True,
        help_text=_("Facultatif. N’y indiquez aucune donnée sensible (santé, religion, origine…)."),
    )

    class Meta:
        verbose_name = _("profil client")
        verbose_name_plural = _("profils clients")

    def __str__(self):
        return str(self.user)

    def clean(self):
        if self.kind == self.Kind.COMPANY and (errors := self.company_errors()):
            raise ValidationError(errors)


class Skill(TranslatableMixin, models.Model):
    """A professional skill from the list editors maintain (no free-form skills)."""

    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant"), max_length=80)

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_skill_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class ProviderProfile(PersonalDetails, CompanyDetails):
    class Kind(models.TextChoices):
        NATURAL_PERSON = "natural", _("Personne physique (par exemple micro-entrepreneur)")
        LEGAL_PERSON = "legal", _("Personne morale (société)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_profile"
    )
    kind = models.CharField(_("type de retoucheur"), max_length=20, choices=Kind.choices)
    phone = models.CharField(
        _("numéro de téléphone"),
        max_length=20,
        blank=True,
        validators=[validate_e164_phone],
        help_text=_("Au format international."),
    )
    website = models.URLField(_("site internet"), blank=True, validators=[validate_http_url])
    skills = models.ManyToManyField(
        Skill, verbose_name=_("compétences professionnelles"), blank=True, related_name="+"
    )
    preferred_clientele = models.CharField(
        _("clientèle souhaitée"), max_length=20, choices=Clientele.choices, default=Clientele.BOTH
    )
    # Bank details (RIB): encrypted at rest, shown masked.
    iban = EncryptedTextField(_("IBAN"), blank=True, validators=[validate_iban])
    bic = EncryptedTextField(_("BIC"), blank=True, validators=[validate_bic])
    bank_account_holder = models.CharField(_("titulaire du compte"), max_length=140, blank=True)
    # Kept up to date by the review services; automatic reviews never count.
    rating_average = models.DecimalField(
        _("note moyenne"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    review_count = models.PositiveIntegerField(_("nombre d’avis"), default=0)
    allow_search_indexing = models.BooleanField(
        _("vitrine visible des moteurs de recherche"), default=True
    )
    # The Wagtail collection holding this retoucher's portfolio images (created with the first).
    portfolio_collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("profil retoucheur")
        verbose_name_plural = _("profils retoucheurs")

    def __str__(self):
        return str(self.user)

    def clean(self):
        if errors := self.company_errors():
            raise ValidationError(errors)

    @property
    def masked_iban(self) -> str:
        """FR76 •••• •••• 1234: enough to recognise one's account, useless to anyone else."""
        if not self.iban:
            return ""
        return f"{self.iban[:4]} •••• •••• {self.iban[-4:]}"


class PortfolioImage(models.Model):
    """One image of a retoucher's portfolio (a Wagtail image in the retoucher's collection)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    provider = models.ForeignKey(
        ProviderProfile, on_delete=models.CASCADE, related_name="portfolio_images"
    )
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    # Optional: the same photo before retouching, shown beside the result on the showcase.
    before_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image avant retouche"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    hidden_by_editor = models.BooleanField(_("masquée par la modération"), default=False)
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("image du portfolio")
        verbose_name_plural = _("images du portfolio")
        ordering = ["sort_order", "created_at"]

    def __str__(self):
        return self.image.title
