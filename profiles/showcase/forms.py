from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from profiles.models import Clientele

QUERY_MAX_LENGTH = 100
CITY_MAX_LENGTH = 120


class Sort:
    RATING = "rating"
    REVIEWS = "reviews"
    NEWEST = "newest"
    CHOICES = [
        (RATING, _("Les mieux notés")),
        (REVIEWS, _("Les plus d’avis")),
        (NEWEST, _("Les plus récents")),
    ]


def _clean_text(value: str, max_length: int) -> str:
    """Keep printable characters, collapse spaces, cut over-long input instead of refusing it."""
    printable = "".join(ch if ch.isprintable() else " " for ch in value or "")
    return " ".join(printable.split())[:max_length]


class DirectoryFilterForm(forms.Form):
    """The directory's GET form. A bad value is ignored, never an error page (see the issue)."""

    q = forms.CharField(label=_("Rechercher"), required=False)
    skill = forms.ChoiceField(label=_("Compétence"), required=False)
    clientele = forms.ChoiceField(
        label=_("Vous êtes"),
        required=False,
        choices=[
            ("", _("Particulier ou professionnel")),
            (Clientele.INDIVIDUALS, _("Un particulier")),
            (Clientele.PROFESSIONALS, _("Un professionnel")),
        ],
    )
    min_rating = forms.TypedChoiceField(
        label=_("Note minimale"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    city = forms.CharField(label=_("Ville"), required=False)
    sort = forms.ChoiceField(label=_("Trier par"), required=False, choices=Sort.CHOICES)

    def __init__(self, *args, skills=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Built here, in the visitor's language ("1 étoile", "2 étoiles").
        self.fields["min_rating"].choices = [("", _("Toutes les notes"))] + [
            (str(n), ngettext("%(n)s étoile et plus", "%(n)s étoiles et plus", n) % {"n": n})
            for n in (4, 3, 2, 1)
        ]
        self.fields["skill"].choices = [("", _("Toutes les compétences"))] + [
            (skill.slug, skill.name) for skill in skills
        ]

    def clean_q(self):
        return _clean_text(self.cleaned_data.get("q", ""), QUERY_MAX_LENGTH)

    def clean_city(self):
        return _clean_text(self.cleaned_data.get("city", ""), CITY_MAX_LENGTH)

    def filters(self) -> dict:
        """The valid filters only: an invalid field is dropped, the others still apply."""
        self.is_valid()
        cleaned = {name: self.cleaned_data.get(name) for name in self.fields}
        cleaned["sort"] = cleaned.get("sort") or ""
        return cleaned
