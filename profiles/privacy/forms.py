from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from profiles.forms import SENSITIVE_DATA_HINT
from profiles.models.privacy import (
    ConsentPurpose,
    PostMortemDirective,
    RequestKind,
    SupportRequest,
)
from profiles.privacy.registry import registry

PREFERENCE_HELP = {
    ConsentPurpose.NEWSLETTER: _(
        "Les actualités et événements de Retoucherie, environ une fois par mois."
    ),
    ConsentPurpose.COMMERCIAL_EMAIL: _("Nos offres et celles de nos services, par e-mail."),
    ConsentPurpose.COMMERCIAL_SMS: _("Nos offres par SMS, au numéro de votre profil."),
    ConsentPurpose.PERSONALISED_ADS: _(
        "Des publicités choisies d’après votre navigation sur le site."
    ),
    ConsentPurpose.AUDIENCE_STATISTICS: _(
        "La mesure anonyme de votre fréquentation du site (Google Analytics)."
    ),
}


class MarketingPreferencesForm(forms.Form):
    """One opt-in checkbox per purpose; all unchecked until the user checks them."""

    def __init__(self, *args, settings_row=None, **kwargs):
        super().__init__(*args, **kwargs)
        for purpose in ConsentPurpose:
            self.fields[purpose.value] = forms.BooleanField(
                label=purpose.label,
                required=False,
                help_text=PREFERENCE_HELP[purpose],
                initial=getattr(settings_row, purpose.value, False),
            )


class RestrictionForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi demandez-vous la limitation ?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=format_lazy(
            "{} {}",
            _(
                "Par exemple : vous contestez l’exactitude de vos données, ou vous vous êtes "
                "opposé à un traitement et attendez notre réponse."
            ),
            SENSITIVE_DATA_HINT,
        ),
    )


def processing_choices():
    purposes = sorted({str(spec.purpose) for _d, _n, spec in registry.all_fields()})
    return [("", _("Choisissez un traitement")), *[(p, p) for p in purposes]]


class ObjectionForm(forms.Form):
    processing = forms.ChoiceField(label=_("Traitement auquel vous vous opposez"), choices=())
    reason = forms.CharField(
        label=_("Vos raisons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=format_lazy(
            "{} {}",
            _("Expliquez les raisons tenant à votre situation particulière."),
            SENSITIVE_DATA_HINT,
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["processing"].choices = processing_choices()


class PostMortemDirectiveForm(forms.ModelForm):
    class Meta:
        model = PostMortemDirective
        fields = ["instructions", "trusted_contact_name", "trusted_contact_email"]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "instructions": format_lazy(
                "{} {}",
                PostMortemDirective._meta.get_field("instructions").help_text,
                SENSITIVE_DATA_HINT,
            )
        }


class AccountDeletionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Je comprends que la suppression est définitive et je veux supprimer mon compte."),
        required=True,
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )


class SupportRequestForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["subject", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "message": _("N’indiquez aucune donnée sensible (santé, religion, origine…)."),
        }


PUBLIC_KINDS = [(k.value, k.label) for k in RequestKind if k not in (RequestKind.OTHER,)] + [
    (RequestKind.OTHER.value, RequestKind.OTHER.label)
]


class RightsRequestForm(forms.Form):
    """For people without an account, or who cannot log in (policy §7: by e-mail too)."""

    name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_(
            "Celle de votre compte, si vous en avez un. Nous vous enverrons un lien de confirmation."
        ),
    )
    kind = forms.ChoiceField(label=_("Droit que vous souhaitez exercer"), choices=PUBLIC_KINDS)
    message = forms.CharField(
        label=_("Votre demande"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=SENSITIVE_DATA_HINT,
    )
    # Left empty by people; bots fill it in. Hidden from people and from screen readers
    # (templates/profiles/privacy/includes/form.html: aria-hidden, off screen; out of the tab
    # order, no autofill), but still in the page for bots.
    honeypot_field = "website"
    website = forms.CharField(
        required=False,
        label=_("Ne remplissez pas ce champ"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Ce champ doit rester vide."))
        return ""
