"""Sign-up and account forms: exactly the fields the privacy policy lists (§2), no more.

Every mandatory field says so where it is typed, with the reason it is needed (policy §1,
§2); free-text fields warn against entering sensitive data (§2). A form declares its own
fields only, so whatever else a request posts is ignored.
"""

from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from legal.models import DocumentKind
from legal.selectors import current_version
from profiles import services
from profiles.image_privacy import image_clean
from profiles.models import Clientele, ClientProfile, LegalStructure, ProviderProfile, User
from profiles.selectors import skill_choices
from profiles.showcase import services as showcase_services
from profiles.validators import (
    compact_bic,
    compact_iban,
    compact_siret,
    compact_vat,
    company_details_errors,
    normalize_phone,
    validate_adult_birth_date,
    validate_bic,
    validate_http_url,
    validate_iban,
    validate_registration_number,
    validate_siret,
    validate_vat_number,
)

SENSITIVE_DATA_HINT = _(
    "N’y indiquez aucune donnée sensible : origine, opinions politiques, religion, "
    "appartenance syndicale, santé, vie ou orientation sexuelle."
)
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"
IMAGE_HELP = _("JPEG, PNG ou WebP, 10 Mo au plus.")

# Why each mandatory field is needed, shown under its label (policy §1: "mentionnées comme
# ayant un caractère obligatoire").
REASONS = {
    "email": _("Obligatoire : pour vous connecter et recevoir les messages liés à votre compte."),
    "password1": _("Obligatoire : il protège l’accès à votre compte."),
    "password2": _("Obligatoire : pour éviter une faute de frappe."),
    "client_kind": _("Obligatoire : une entreprise donne en plus ses informations de facturation."),
    "provider_kind": _("Obligatoire : pour une société, nous demandons le représentant légal."),
    "last_name": _("Obligatoire : il figure sur les devis et les factures."),
    "first_name": _("Obligatoire : il figure sur les devis et les factures."),
    "birth_date": _("Obligatoire : le service est réservé aux personnes majeures."),
    "country_of_residence": _(
        "Obligatoire : les règles de paiement et de facturation en dépendent."
    ),
    "nationality": _(
        "Obligatoire : notre prestataire de paiement (Mangopay) la demande pour vérifier "
        "votre identité."
    ),
    "photo": _("Obligatoire : elle illustre votre vitrine publique."),
    "legal_structure": _("Obligatoire : elle figure sur les devis et les factures."),
    "company_name": _("Obligatoire : il figure sur les devis et les factures."),
    "company_country": _("Obligatoire : il détermine le numéro d’immatriculation demandé."),
    "siret": _("Obligatoire pour une entreprise établie en France : il figure sur les factures."),
    "registration_number": _(
        "Obligatoire pour une entreprise établie hors de France, à la place du SIRET."
    ),
    "vat_number": _("Obligatoire : il figure sur les factures entre professionnels."),
    "preferred_clientele": _("Obligatoire : pour vous présenter aux clients que vous souhaitez."),
    "accept_terms": _("Obligatoire : l’inscription vaut acceptation des conditions générales."),
    "iban": _("Obligatoire pour être payé : les paiements sont versés sur ce compte."),
    "bic": _("Obligatoire pour être payé : il identifie votre banque."),
    "bank_account_holder": _("Obligatoire pour être payé : le nom exact du titulaire du compte."),
    "title": _("Obligatoire : il présente l’image dans votre portfolio."),
    "alt_text": _(
        "Obligatoire : il décrit l’image aux personnes qui ne la voient pas (lecteurs d’écran)."
    ),
    "image": _("Obligatoire : l’image à ajouter."),
}
# Company fields of a client are mandatory only for a company: marked, but not `required`.
COMPANY_FIELDS = [
    "legal_structure",
    "company_name",
    "company_country",
    "siret",
    "registration_number",
    "vat_number",
]


class AccessibleFormMixin:
    """Marks mandatory fields (visually, `required`, `aria-required`) and links each input to
    its reason, help text and errors through `aria-describedby`."""

    # Fields mandatory under a condition the form checks itself (no `required` attribute).
    conditionally_mandatory: tuple[str, ...] = ()
    reason_overrides: dict = {}

    def setup_accessibility(self):
        for name, field in self.fields.items():
            if name not in REASONS and name not in self.reason_overrides:
                field.reason = ""
            else:
                field.reason = self.reason_overrides.get(name, REASONS.get(name))
            field.mandatory = field.required or name in self.conditionally_mandatory
            if field.required:
                field.widget.attrs["aria-required"] = "true"
            elif not field.mandatory:
                field.reason = ""
            if isinstance(field.widget, forms.Textarea):
                field.help_text = SENSITIVE_DATA_HINT
            auto_id = self[name].auto_id
            described = []
            if field.reason:
                described.append(f"{auto_id}_reason")
            if field.help_text:
                described.append(f"{auto_id}_helptext")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


def country_field(label):
    return CountryField(blank=False).formfield(label=label, required=True)


def date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        validators=[validate_adult_birth_date],
        **kwargs,
    )


class ImageUploadField(forms.FileField):
    """A photo checked by its content (not its name), then re-encoded without metadata."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", IMAGE_HELP)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and hasattr(value, "size"):
            image_clean(value)  # raises a ValidationError saying what is wrong
            value.seek(0)
        return value


# --- Field groups --------------------------------------------------------------------------


class IdentityFields(forms.Form):
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    birth_date = date_field(_("Date de naissance"))
    country_of_residence = country_field(_("Pays de résidence"))
    nationality = country_field(_("Nationalité"))
    address = forms.CharField(
        label=_("Adresse"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Code postal"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("Ville"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )

    def personal_data(self) -> services.PersonalData:
        data = self.cleaned_data
        return services.PersonalData(
            birth_date=data["birth_date"],
            country_of_residence=data["country_of_residence"],
            nationality=data["nationality"],
            address=data["address"].strip(),
            postcode=data["postcode"].strip(),
            city=data["city"].strip(),
        )


class CompanyFields(forms.Form):
    legal_structure = forms.ChoiceField(
        label=_("Structure juridique"),
        choices=[("", "—"), *LegalStructure.choices],
    )
    company_name = forms.CharField(
        label=_("Nom de l’entreprise"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    company_country = country_field(_("Pays d’immatriculation"))
    siret = forms.CharField(
        label=_("Numéro SIRET"),
        max_length=20,
        required=False,
        help_text=_("14 chiffres, par exemple 732 829 320 00074."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    registration_number = forms.CharField(
        label=_("Numéro d’immatriculation (hors de France)"),
        max_length=40,
        required=False,
        help_text=_("Par exemple HRB 12345 pour une société allemande."),
    )
    vat_number = forms.CharField(
        label=_("Numéro de TVA intracommunautaire"),
        max_length=20,
        help_text=_("Par exemple FR40303265045."),
    )

    def clean_siret(self):
        value = compact_siret(self.cleaned_data.get("siret", ""))
        if value:
            validate_siret(value)
        return value

    def clean_vat_number(self):
        value = compact_vat(self.cleaned_data.get("vat_number", ""))
        if value:
            validate_vat_number(value)
        return value

    def clean_registration_number(self):
        value = self.cleaned_data.get("registration_number", "").strip()
        if value:
            validate_registration_number(value)
        return value

    def company_required(self) -> bool:
        return True

    def clean_company(self):
        """Cross-field rules (SIRET in France, VAT of the same SIREN), skipping fields that
        already carry their own error."""
        if not self.company_required():
            return
        data = self.cleaned_data
        errors = company_details_errors(
            legal_structure=data.get("legal_structure", ""),
            company_name=data.get("company_name", ""),
            company_country=data.get("company_country", ""),
            siret=data.get("siret", ""),
            registration_number=data.get("registration_number", ""),
            vat_number=data.get("vat_number", ""),
        )
        for name, error in errors.items():
            if name not in self.errors:
                self.add_error(name, error)

    def company_data(self) -> services.CompanyData:
        data = self.cleaned_data
        return services.CompanyData(
            legal_structure=data.get("legal_structure", ""),
            company_name=data.get("company_name", ""),
            company_country=data.get("company_country", "") or "FR",
            siret=data.get("siret", ""),
            registration_number=data.get("registration_number", ""),
            vat_number=data.get("vat_number", ""),
        )


class ActivityFields(forms.Form):
    phone = forms.CharField(
        label=_("Numéro de téléphone"),
        max_length=32,
        required=False,
        help_text=_("Facultatif. Avec l’indicatif du pays, par exemple +33 6 12 34 56 78."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    website = forms.URLField(
        label=_("Site internet"),
        required=False,
        assume_scheme="https",
        validators=[validate_http_url],
        help_text=_("Facultatif. Par exemple https://www.mon-studio.fr."),
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    skills = forms.MultipleChoiceField(
        label=_("Compétences professionnelles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Facultatif. Choisissez dans la liste."),
    )
    preferred_clientele = forms.ChoiceField(
        label=_("Clientèle souhaitée"),
        choices=Clientele.choices,
        initial=Clientele.BOTH,
        widget=forms.RadioSelect,
    )

    def setup_skills(self):
        self.fields["skills"].choices = skill_choices(get_language())

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if not value:
            return ""
        region = self.cleaned_data.get("country_of_residence") or "FR"
        return normalize_phone(value, region=str(region))


# --- Sign-up -------------------------------------------------------------------------------


def legal_page_url(kind: str) -> str | None:
    from legal.models import LegalPage

    page = LegalPage.objects.live().filter(kind=kind, locale__language_code=get_language()).first()
    return page.url if page else None


class JourneySignupForm(AccessibleFormMixin, SignupForm):
    """allauth's sign-up (e-mail, password, enumeration prevention) plus one journey's fields."""

    journey = ""
    accept_terms = forms.BooleanField(label=_("J’accepte les conditions générales d’utilisation"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Adresse e-mail")
        self.fields["password1"].label = _("Mot de passe")
        self.fields["password2"].label = _("Mot de passe (confirmation)")
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        self.terms_version = current_version(kind="terms", language_code=get_language())
        if self.terms_version is None:
            # Nothing published to accept yet: no checkbox rather than an empty promise.
            del self.fields["accept_terms"]
        self.terms_url = legal_page_url(DocumentKind.TERMS)
        self.privacy_url = legal_page_url(DocumentKind.PRIVACY_POLICY)
        self.order_fields(self.field_order)
        self.setup_accessibility()

    def bound_group(self, names):
        return [self[name] for name in names if name in self.fields]

    @property
    def kind_field(self):
        return self[f"{self.journey}_kind"]

    @property
    def identity_fields(self):
        return self.bound_group(self.identity_group)

    @property
    def account_fields(self):
        return self.bound_group(self.account_group)

    @property
    def company_fields(self):
        return self.bound_group(self.company_group)

    @property
    def optional_fields(self):
        return self.bound_group(self.optional_group)

    def clean(self):
        cleaned = super().clean()
        self.clean_company()
        return cleaned

    def account_data(self) -> dict:
        data = self.cleaned_data
        return {
            "email": data["email"],
            "password": data["password1"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
        }


class ClientSignupForm(IdentityFields, CompanyFields, JourneySignupForm):
    journey = "client"
    client_kind = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=ClientProfile.Kind.choices,
        initial=ClientProfile.Kind.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    photo = ImageUploadField(label=_("Photo de profil"), required=False)
    comment = forms.CharField(
        label=_("Commentaire"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    conditionally_mandatory = tuple(COMPANY_FIELDS)
    field_order = [
        "client_kind",
        "last_name",
        "first_name",
        "birth_date",
        "country_of_residence",
        "nationality",
        "email",
        "password1",
        "password2",
        "address",
        "postcode",
        "city",
        "photo",
        "comment",
        *COMPANY_FIELDS,
        "accept_terms",
    ]
    account_group = ["email", "password1", "password2"]
    identity_group = [
        "last_name",
        "first_name",
        "birth_date",
        "country_of_residence",
        "nationality",
    ]
    optional_group = ["address", "postcode", "city", "photo", "comment"]
    company_group = COMPANY_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in COMPANY_FIELDS:
            self.fields[name].required = False
            self.fields[name].widget.attrs.pop("aria-required", None)
            self.fields[name].widget.is_required = False
        self.fields["legal_structure"].reason = _(
            "Obligatoire pour une entreprise : elle figure sur les factures."
        )
        self.fields["company_name"].reason = _(
            "Obligatoire pour une entreprise : il figure sur les factures."
        )
        self.fields["company_country"].reason = _(
            "Obligatoire pour une entreprise : il détermine le numéro demandé."
        )
        self.fields["vat_number"].reason = _(
            "Obligatoire pour une entreprise : il figure sur les factures."
        )
        self.fields["company_country"].initial = "FR"
        self.fields["country_of_residence"].initial = "FR"
        self.fields["nationality"].initial = "FR"

    def company_required(self) -> bool:
        return self.cleaned_data.get("client_kind") == ClientProfile.Kind.COMPANY

    def signup_data(self) -> dict:
        data = self.cleaned_data
        is_company = data["client_kind"] == ClientProfile.Kind.COMPANY
        return {
            **self.account_data(),
            "kind": data["client_kind"],
            "personal": self.personal_data(),
            "company": self.company_data() if is_company else None,
            "comment": data.get("comment", ""),
            "photo": data.get("photo") or None,
        }


class ProviderSignupForm(IdentityFields, CompanyFields, ActivityFields, JourneySignupForm):
    journey = "provider"
    provider_kind = forms.ChoiceField(
        label=_("Vous êtes"),
        choices=ProviderProfile.Kind.choices,
        initial=ProviderProfile.Kind.NATURAL_PERSON,
        widget=forms.RadioSelect,
    )
    photo = ImageUploadField(label=_("Photo de profil"))
    conditionally_mandatory = ("siret", "registration_number")
    field_order = [
        "provider_kind",
        "last_name",
        "first_name",
        "birth_date",
        "country_of_residence",
        "nationality",
        "email",
        "password1",
        "password2",
        "photo",
        *COMPANY_FIELDS,
        "preferred_clientele",
        "address",
        "postcode",
        "city",
        "phone",
        "website",
        "skills",
        "accept_terms",
    ]
    account_group = ["email", "password1", "password2"]
    identity_group = [
        "last_name",
        "first_name",
        "birth_date",
        "country_of_residence",
        "nationality",
    ]
    company_group = COMPANY_FIELDS
    optional_group = ["address", "postcode", "city", "phone", "website", "skills"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_skills()
        self.fields["last_name"].help_text = _("Pour une société : celui du représentant légal.")
        self.fields["first_name"].help_text = _("Pour une société : celui du représentant légal.")
        self.fields["birth_date"].help_text = _("Pour une société : celle du représentant légal.")
        for name in ("company_country", "country_of_residence", "nationality"):
            self.fields[name].initial = "FR"
        self.setup_accessibility()

    def signup_data(self) -> dict:
        data = self.cleaned_data
        return {
            **self.account_data(),
            "kind": data["provider_kind"],
            "personal": self.personal_data(),
            "company": self.company_data(),
            "photo": data["photo"],
            "phone": data.get("phone", ""),
            "website": data.get("website", ""),
            "skill_keys": data.get("skills", []),
            "preferred_clientele": data["preferred_clientele"],
        }


# --- Account area: one form per subject, each saving only its own fields -----------------


class PersonalDetailsForm(AccessibleFormMixin, IdentityFields):
    photo = ImageUploadField(label=_("Nouvelle photo de profil"), required=False)

    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        user = profile.user
        initial = {
            "last_name": user.last_name,
            "first_name": user.first_name,
            "birth_date": profile.birth_date,
            "country_of_residence": profile.country_of_residence,
            "nationality": profile.nationality,
            "address": profile.address,
            "postcode": profile.postcode,
            "city": profile.city,
        }
        if isinstance(profile, ClientProfile):
            initial["comment"] = profile.comment
        super().__init__(*args, initial=initial, **kwargs)
        if isinstance(profile, ClientProfile):
            self.fields["comment"] = forms.CharField(
                label=_("Commentaire"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields["remove_photo"] = forms.BooleanField(
                label=_("Supprimer ma photo de profil"), required=False
            )
        self.setup_accessibility()

    def save(self):
        data = self.cleaned_data
        services.personal_details_update(
            user=self.profile.user,
            profile=self.profile,
            first_name=data["first_name"],
            last_name=data["last_name"],
            personal=self.personal_data(),
            comment=data.get("comment") if "comment" in self.fields else None,
            photo=data.get("photo") or None,
            remove_photo=data.get("remove_photo", False),
        )


class CompanyDetailsForm(AccessibleFormMixin, CompanyFields):
    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        initial = {name: getattr(profile, name) for name in COMPANY_FIELDS}
        initial["company_country"] = str(profile.company_country or "FR")
        is_client = isinstance(profile, ClientProfile)
        if is_client:
            initial["client_kind"] = profile.kind
        super().__init__(*args, initial=initial, **kwargs)
        if is_client:
            self.fields = {
                "client_kind": forms.ChoiceField(
                    label=_("Vous êtes"),
                    choices=ClientProfile.Kind.choices,
                    widget=forms.RadioSelect,
                ),
                **self.fields,
            }
            for name in COMPANY_FIELDS:
                self.fields[name].required = False
            self.conditionally_mandatory = tuple(COMPANY_FIELDS)
        else:
            self.conditionally_mandatory = ("siret", "registration_number")
        self.setup_accessibility()

    def company_required(self) -> bool:
        if isinstance(self.profile, ClientProfile):
            return self.cleaned_data.get("client_kind") == ClientProfile.Kind.COMPANY
        return True

    def clean(self):
        cleaned = super().clean()
        self.clean_company()
        return cleaned

    def save(self):
        services.company_details_update(
            profile=self.profile,
            company=self.company_data(),
            client_kind=self.cleaned_data.get("client_kind"),
        )


class ProviderActivityForm(AccessibleFormMixin, ActivityFields):
    def __init__(self, *args, provider, **kwargs):
        self.provider = provider
        initial = {
            "phone": provider.phone,
            "website": provider.website,
            "preferred_clientele": provider.preferred_clientele,
            "skills": [
                str(key) for key in provider.skills.values_list("translation_key", flat=True)
            ],
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.setup_skills()
        self.setup_accessibility()

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if not value:
            return ""
        return normalize_phone(value, region=str(self.provider.country_of_residence or "FR"))

    def save(self):
        data = self.cleaned_data
        services.provider_activity_update(
            provider=self.provider,
            phone=data["phone"],
            website=data["website"],
            skill_keys=data["skills"],
            preferred_clientele=data["preferred_clientele"],
        )


class BankDetailsForm(AccessibleFormMixin, forms.Form):
    bank_account_holder = forms.CharField(label=_("Titulaire du compte"), max_length=140)
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        help_text=_("Par exemple FR76 3000 6000 0112 3456 7890 189."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    bic = forms.CharField(
        label=_("BIC"),
        max_length=14,
        help_text=_("8 ou 11 caractères, par exemple AGRIFRPP."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, provider, **kwargs):
        self.provider = provider
        # The current IBAN is never sent back to the browser: only typed anew.
        super().__init__(
            *args, initial={"bank_account_holder": provider.bank_account_holder}, **kwargs
        )
        self.setup_accessibility()

    def clean_iban(self):
        value = compact_iban(self.cleaned_data["iban"])
        validate_iban(value)
        return value

    def clean_bic(self):
        value = compact_bic(self.cleaned_data["bic"])
        validate_bic(value)
        return value

    def save(self):
        data = self.cleaned_data
        services.bank_details_update(
            provider=self.provider,
            iban=data["iban"],
            bic=data["bic"],
            holder=data["bank_account_holder"],
        )


class PortfolioImageForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=255)
    alt_text = forms.CharField(
        label=_("Texte alternatif"),
        max_length=255,
        help_text=_("Décrivez ce que montre l’image, en une phrase."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_accessibility()
        for name in ("title", "alt_text"):
            field = self.fields[name]
            field.help_text = f"{field.help_text} {SENSITIVE_DATA_HINT}".strip()


class PortfolioImageAddForm(PortfolioImageForm):
    image = ImageUploadField(label=_("Image"))
    field_order = ["image", "title", "alt_text"]

    def __init__(self, *args, provider, **kwargs):
        self.provider = provider
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def save(self):
        data = self.cleaned_data
        return services.portfolio_image_add(
            provider=self.provider,
            file=data["image"],
            title=data["title"],
            alt_text=data["alt_text"],
        )


class ShowcaseTextForm(AccessibleFormMixin, forms.Form):
    """What a retoucher writes on their showcase; everything else is read from the profile."""

    service_title = forms.CharField(
        label=_("Titre de la prestation"),
        max_length=120,
        help_text=_("Par exemple « Retouche beauté et mode »."),
    )
    intro = forms.CharField(
        label=_("Présentation"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, provider, user, **kwargs):
        self.provider, self.user = provider, user
        super().__init__(*args, **kwargs)
        self.setup_accessibility()
        intro_hint = _(
            "Votre façon de travailler, vos spécialités, vos délais. Ce texte est public : "
            "n’y mettez pas vos coordonnées."
        )
        self.fields["intro"].help_text = f"{intro_hint} {SENSITIVE_DATA_HINT}"

    def save(self, *, submit: bool):
        if submit:
            action = showcase_services.showcase_submit
        else:
            action = showcase_services.showcase_draft_save
        return action(
            provider=self.provider,
            service_title=self.cleaned_data["service_title"],
            intro=self.cleaned_data["intro"],
            user=self.user,
        )


class EmailLanguageForm(forms.ModelForm):
    """The language of the e-mails the user receives, whoever on our side sends them."""

    class Meta:
        model = User
        fields = ["language"]
        labels = {"language": _("Langue de nos e-mails")}
