from django import forms
from django.utils.translation import gettext_lazy as _

from legal.models import ConsentAction

# "Personnaliser" without JavaScript: the server answers with the full choices page.
CUSTOMIZE = "customize"


class ConsentChoiceForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (ConsentAction.ACCEPT_ALL, _("Tout accepter")),
            (ConsentAction.REJECT_ALL, _("Tout refuser")),
            (ConsentAction.CUSTOM, _("Enregistrer mes choix")),
            (CUSTOMIZE, _("Personnaliser")),
        ]
    )
    services = forms.MultipleChoiceField(required=False)
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, registry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = [(key, key) for key in sorted(registry.optional_keys)]
