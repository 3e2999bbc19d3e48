"""The company's identity and DPO contact, named by the legal notice and the policy."""

import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from legal.site_cache import site_cache_forget, site_cached

# Site settings -------------------------------------------------------------------------------


class CachedSiteSetting(BaseSiteSetting):
    """A site setting every page reads (header, footer, analytics id): kept in the cache, by
    site, until it is saved again, instead of one query per setting and page."""

    class Meta:
        abstract = True

    @classmethod
    def for_site(cls, site):
        find = super().for_site
        kept = site_cached(f"setting:{cls._meta.label_lower}:{site.pk}", lambda: find(site))
        # A copy per request: Wagtail's for_request() hangs the request on the instance.
        return copy.copy(kept)

    def save(self, *args, **kwargs):
        # A row made by for_site() on first use holds the defaults: nothing cached changes.
        changed = not self._state.adding
        super().save(*args, **kwargs)
        if changed:
            site_cache_forget()

    def delete(self, *args, **kwargs):
        site_cache_forget()
        return super().delete(*args, **kwargs)


@register_setting(icon="site")
class CompanySettings(CachedSiteSetting):
    """Who runs the site: shown in the legal notice, the footer and the privacy pages."""

    name = models.CharField(_("raison sociale"), max_length=120, default="Retoucherie SAS")
    address = models.TextField(_("adresse du siège"), max_length=300, blank=True)
    siret = models.CharField(_("numéro SIRET"), max_length=14, blank=True)
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    dpo_email = models.EmailField(_("e-mail du délégué à la protection des données"), blank=True)
    analytics_measurement_id = models.CharField(
        _("identifiant de mesure Google Analytics"),
        max_length=32,
        blank=True,
        help_text=_("Par exemple G-XXXXXXX. Chargé uniquement après consentement."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("address"), FieldPanel("siret")], _("Identité")
        ),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("dpo_email")], _("Contacts")),
        FieldPanel("analytics_measurement_id"),
    ]

    class Meta:
        verbose_name = _("identité de la société")
