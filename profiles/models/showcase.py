"""The public side of retouchers: the directory and one showcase page per retoucher.

A showcase page holds only what editors write (service title, introduction, SEO fields,
"featured"); everything about the retoucher (pseudonym, photo, city, portfolio, skills,
clientele, rating) is read live from the profile at each render and never copied in, so a
change or an erasure of the profile shows at once. Policy §4: the public sees the first
name and the initial of the surname, the photo, the city, the portfolio, the service title,
the rating, the number of reviews and the reviews — nothing else.
"""

import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from profiles.showcase.cache import mark_cacheable, view_restrictions_exist

# What public pages read of the retoucher (policy §4) and what decides whether to show it.
# Every other column (contact, identity, company and bank details) is left out of their
# queries: never loaded, never decrypted, and a template that tried to show one would cost
# a query that the query-count tests catch.
PUBLIC_PROVIDER_FIELDS = frozenset(
    {"id", "user", "city", "photo", "preferred_clientele", "rating_average", "review_count",
     "allow_search_indexing"}
)  # fmt: skip
PUBLIC_USER_FIELDS = frozenset({"id", "first_name", "last_name", "is_active"})


# What serving a showcase to a visitor reads: Wagtail's routing (path, depth, live, locale,
# content type), the template and its SEO head, and the retoucher's public fields. A column
# left out would cost one query more, which the query-count tests would catch.
SERVED_COLUMNS = (
    "path", "depth", "url_path", "slug", "title", "seo_title", "search_description", "live",
    "locale", "translation_key", "content_type", "service_title", "intro", "provider",
    *(f"provider__{name}" for name in PUBLIC_PROVIDER_FIELDS),
    *(f"provider__user__{name}" for name in PUBLIC_USER_FIELDS),
)  # fmt: skip


@functools.cache
def public_deferred(prefix: str = "provider__") -> tuple[str, ...]:
    """The retoucher's columns public pages leave out, as `defer()` arguments from `prefix`."""
    from django.contrib.auth import get_user_model

    from profiles.models.accounts import ProviderProfile

    return (
        *(
            f"{prefix}{field.name}"
            for field in ProviderProfile._meta.concrete_fields
            if field.name not in PUBLIC_PROVIDER_FIELDS
        ),
        *(
            f"{prefix}user__{field.name}"
            for field in get_user_model()._meta.concrete_fields
            if field.name not in PUBLIC_USER_FIELDS
        ),
    )


class ViewRestrictionShortcut:
    """For pages served to every visitor: skip Wagtail's search for view restrictions in the
    page's ancestry when the site has none at all (two queries a page)."""

    def get_view_restrictions(self):
        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class ProviderIndexPage(ViewRestrictionShortcut, Page):
    """ "Nos retoucheurs": the directory of published showcases, with search and filters."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    empty_text = models.TextField(
        _("texte quand aucun retoucheur ne correspond"),
        max_length=400,
        blank=True,
        help_text=_("Affiché quand la recherche ou les filtres ne donnent aucun résultat."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("empty_text")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["profiles.ProviderShowcasePage"]
    max_count_per_parent = 1
    template = "profiles/provider_index_page.html"

    class Meta:
        verbose_name = _("annuaire des retoucheurs")

    def get_context(self, request, *args, **kwargs):
        from profiles.showcase.selectors import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(index_page=self, request=request))
        return context

    def serve(self, request, *args, **kwargs):
        from profiles.showcase.forms import DirectoryFilterForm

        response = super().serve(request, *args, **kwargs)
        return mark_cacheable(response, parameters=DirectoryFilterForm.CACHE_PARAMETERS)

    def route(self, request, path_components):
        """Find a showcase with its retoucher in one query instead of Wagtail's three."""
        if len(path_components) == 1:
            showcase = ProviderShowcasePage.find_below(self, slug=path_components[0], depth=1)
            if showcase is None:
                raise Http404
            return showcase.route(request, [])
        return super().route(request, path_components)


class ProviderShowcasePage(ViewRestrictionShortcut, Page):
    """One retoucher's public page, in each language, linked to the retoucher's profile."""

    @classmethod
    def find_below(cls, ancestor: Page, *, slug: str, depth: int, url_path: str | None = None):
        """The showcase `depth` levels below `ancestor`, with its retoucher's public fields, in
        one query; None when there is none."""
        showcases = cls.objects.filter(
            path__startswith=ancestor.path, depth=ancestor.depth + depth, slug=slug
        )
        if url_path is not None:
            showcases = showcases.filter(url_path=url_path)
        # At most one matches: unordered, which spares compiling an ORDER BY across the join.
        found = showcases.select_related("provider__user").only(*SERVED_COLUMNS).order_by()
        return next(iter(found[:1]), None)

    # Synchronised across translations (a foreign key to a non-translatable model). Set to
    # NULL rather than cascading: deleting a page row outside Wagtail would break the tree,
    # and a page without a provider is simply a 404 until an editor deletes it.
    provider = models.ForeignKey(
        "profiles.ProviderProfile",
        verbose_name=_("retoucheur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="showcase_pages",
    )
    service_title = models.CharField(
        _("titre de la prestation"),
        max_length=120,
        help_text=_("Par exemple « Retouche beauté et mode »."),
    )
    intro = models.TextField(_("présentation"), max_length=1500, blank=True)
    featured = models.BooleanField(
        _("à la une"), default=False, help_text=_("Montré sur la page d’accueil.")
    )
    # The revision that was live when a restriction of processing took the page off line:
    # lifting the restriction publishes it again, and only pages it took off line
    # (profiles.showcase.services). Not edited, copied or translated.
    restriction_revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    exclude_fields_in_copy = ["restriction_revision"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("provider", read_only=True),
        FieldPanel("service_title"),
        FieldPanel("intro"),
        FieldPanel("featured"),
    ]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            _("Référencement"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("service_title"),
        index.SearchField("intro"),
        index.FilterField("provider_id"),
        index.FilterField("locale_id"),
        # Only public data is searchable: never the surname (a match would reveal it).
        index.RelatedFields(
            "provider",
            [
                index.SearchField("city"),
                index.RelatedFields("user", [index.SearchField("first_name")]),
                index.RelatedFields("skills", [index.SearchField("name")]),
            ],
        ),
    ]
    parent_page_types = ["profiles.ProviderIndexPage"]
    subpage_types: list[str] = []
    template = "profiles/provider_showcase_page.html"

    class Meta:
        verbose_name = _("vitrine de retoucheur")
        verbose_name_plural = _("vitrines de retoucheurs")

    def clean(self):
        super().clean()
        # One showcase per retoucher and language (locale lives on Page, so no DB constraint).
        if self.provider_id and (
            ProviderShowcasePage.objects.filter(
                provider_id=self.provider_id, locale_id=self.locale_id
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"provider": _("Ce retoucheur a déjà une vitrine dans cette langue.")}
            )

    def get_admin_display_title(self):
        if self.provider_id and self.provider:
            return f"{self.provider.user.public_name} — {self.draft_title or self.title}"
        return super().get_admin_display_title()

    @property
    def is_visible(self) -> bool:
        """Public only while the retoucher's account is active (restriction and erasure unpublish it)."""
        from profiles.showcase.selectors import showcase_provider

        provider = showcase_provider(self)
        return bool(provider and provider.user.is_active)

    def get_context(self, request, *args, **kwargs):
        from profiles.showcase.selectors import showcase_context

        context = super().get_context(request, *args, **kwargs)
        context.update(showcase_context(page=self, request=request))
        return context

    def serve(self, request, *args, **kwargs):
        from profiles.showcase.selectors import showcase_provider

        previewing = getattr(request, "is_preview", False)
        if showcase_provider(self) is None or not (previewing or self.is_visible):
            raise Http404
        response = super().serve(request, *args, **kwargs)
        if not self.provider.allow_search_indexing:
            response["X-Robots-Tag"] = "noindex"
        return mark_cacheable(response)
