import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from profiles.models import Clientele

QUERY_MAX_LENGTH = 100
CITY_MAX_LENGTH = 120
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")  # Skill.slug is a SlugField of 80
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,3}")


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

    # What the directory reads from its address: the filters below and the page of results.
    CACHE_PARAMETERS = frozenset({"q", "skill", "clientele", "min_rating", "city", "sort", "page"})

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

    @classmethod
    def cache_parameters(cls, query) -> tuple[tuple[str, str], ...] | None:
        """The directory's query string as the anonymous page cache keys it.

        Known parameters only, in a fixed order; an empty value or a choice the form would
        ignore is left out (the page shows the same thing without it); search text and city
        as the form cleans them. None when the query carries a parameter the directory does
        not read, a parameter twice or an impossible page number: such a request is served
        without the cache and never stored, so made-up parameters cannot fill it.
        """
        cleaned = []
        for name in sorted(query):
            if name not in cls.CACHE_PARAMETERS:
                return None
            values = query.getlist(name)
            if len(values) != 1:
                return None
            value = cls._cache_value(name, values[0])
            if value is None:
                return None
            if value:
                cleaned.append((name, value))
        return tuple(cleaned)

    @staticmethod
    def _cache_value(name: str, value: str) -> str | None:
        if name == "q":
            return _clean_text(value, QUERY_MAX_LENGTH)
        if name == "city":
            return _clean_text(value, CITY_MAX_LENGTH)
        if name == "page":
            return value if not value or PAGE_NUMBER.fullmatch(value) else None
        if name == "skill":
            # Which skills exist is for the page to say: a slug is kept as it is.
            return value if not value or SLUG.fullmatch(value) else None
        choices = {
            "clientele": (Clientele.INDIVIDUALS, Clientele.PROFESSIONALS),
            "min_rating": ("4", "3", "2", "1"),
            "sort": tuple(value for value, _label in Sort.CHOICES),
        }[name]
        return value if value in choices else ""
