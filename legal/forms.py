from django import forms
from django.utils.translation import gettext_lazy as _


class TermsAcceptanceForm(forms.Form):
    accept = forms.BooleanField(
        label=_("J’ai lu les nouvelles conditions générales d’utilisation et je les accepte."),
        error_messages={
            "required": _("Cochez la case pour accepter les nouvelles conditions et continuer.")
        },
    )
