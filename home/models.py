from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from home.blocks import NavigationLinkBlock
from legal.models import CachedSiteSetting
from profiles.models.showcase import ProviderShowcasePage, ViewRestrictionShortcut


class HomePage(ViewRestrictionShortcut, Page):
    """The site's root page in each language."""

    hero_title = models.CharField(_("titre d'accroche"), max_length=120)
    hero_text = models.TextField(_("texte d'accroche"), max_length=400, blank=True)
    clients_title = models.CharField(_("titre pour les clients"), max_length=120)
    clients_text = models.TextField(_("texte pour les clients"), max_length=600)
    clients_cta_label = models.CharField(_("bouton pour les clients"), max_length=60)
    clients_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page du bouton pour les clients"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retouchers_title = models.CharField(_("titre pour les retoucheurs"), max_length=120)
    retouchers_text = models.TextField(_("texte pour les retoucheurs"), max_length=600)
    retouchers_cta_label = models.CharField(_("bouton pour les retoucheurs"), max_length=60)
    retouchers_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page du bouton pour les retoucheurs"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], _("Accroche")),
        MultiFieldPanel(
            [
                FieldPanel("clients_title"),
                FieldPanel("clients_text"),
                FieldPanel("clients_cta_label"),
                FieldPanel("clients_cta_page"),
            ],
            _("Clients"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("retouchers_title"),
                FieldPanel("retouchers_text"),
                FieldPanel("retouchers_cta_label"),
                FieldPanel("retouchers_cta_page"),
            ],
            _("Retoucheurs"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page d'accueil")

    @property
    def localized(self):
        """The live home page in the visitor's language: Wagtail asks for it (two queries)
        before routing every request, so it comes from the cache (home.routing)."""
        from home.routing import localized_home

        return localized_home(self, lambda: super(HomePage, self).localized)

    def route(self, request, path_components):
        """A retoucher's showcase (directory/showcase/), the most visited deep page, in one
        query instead of Wagtail's four; any other address is routed as usual."""
        if len(path_components) == 2:
            showcase = ProviderShowcasePage.find_below(
                self,
                slug=path_components[1],
                depth=2,
                url_path=f"{self.url_path}{path_components[0]}/{path_components[1]}/",
            )
            if showcase is not None:
                return showcase.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from profiles.showcase.selectors import directory_for_locale, featured_showcases

        context["featured_providers"] = featured_showcases(locale=self.locale_id)
        directory = directory_for_locale(self.locale_id)
        context["directory_url"] = directory.get_url(request) if directory else None
        return context


@register_setting(icon="list-ul")
class NavigationSettings(CachedSiteSetting):
    """Header and footer links; each shows the linked page's title in the visitor's language."""

    header_links = StreamField(
        [("link", NavigationLinkBlock())], blank=True, verbose_name=_("liens de l'en-tête")
    )
    footer_links = StreamField(
        [("link", NavigationLinkBlock())], blank=True, verbose_name=_("liens du pied de page")
    )

    panels = [FieldPanel("header_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("navigation")
