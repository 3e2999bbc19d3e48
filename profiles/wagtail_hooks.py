from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from profiles.extension_points import (
    ON_ERASE,
    ON_RESTRICT,
    PERSONAL_DATA_DECLARATIONS,
    RETENTION_PURGE,
)
from profiles.models import PortfolioImage, Skill
from profiles.privacy import declarations
from profiles.privacy.retention import consent_records_purge_hook


class SkillViewSet(SnippetViewSet):
    """The controlled list of professional skills retouchers choose from (no free-form)."""

    model = Skill
    icon = "tag"
    menu_label = _("Compétences")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(SkillViewSet)


class PortfolioImageViewSet(ModelViewSet):
    """Editors curate showcases: they can hide one portfolio image without touching the rest."""

    model = PortfolioImage
    icon = "image"
    menu_label = _("Images des portfolios")
    add_to_admin_menu = True
    add_view_enabled = False
    form_fields = ["hidden_by_editor"]
    list_display = ["__str__", "provider", "hidden_by_editor", "created_at"]
    list_filter = ["hidden_by_editor"]


@hooks.register("register_admin_viewset")
def register_portfolio_image_viewset():
    return PortfolioImageViewSet("portfolio_images")


@hooks.register("after_publish_page")
def make_showcase_renditions_on_publish(request, page):
    """A showcase about to be visited has its image sizes made now, in the background."""
    from profiles.models import ProviderShowcasePage
    from profiles.showcase.services import showcase_renditions_request

    specific = page.specific_deferred
    if isinstance(specific, ProviderShowcasePage) and specific.provider_id:
        showcase_renditions_request(provider=specific.provider)


# profiles fills its own extension points too (profiles/extension_points.py) -----------------

hooks.register(PERSONAL_DATA_DECLARATIONS, declarations.declare_all)
hooks.register(RETENTION_PURGE, consent_records_purge_hook)


@hooks.register(ON_RESTRICT)
@hooks.register(ON_ERASE)
def take_showcase_offline(user):
    """Restricting processing or deleting the account takes the showcase off line at once."""
    from profiles.showcase.services import showcase_unpublish

    showcase_unpublish(user=user)


# Wagtail's own e-mail, password and reset forms are off (WAGTAIL_*_MANAGEMENT_ENABLED): the
# admin's account page sends staff to allauth's pages, which re-authenticate, verify a new
# address and notify the old one.
@hooks.register("register_account_menu_item")
def account_email_menu_item(request):
    return {
        "url": reverse("account_email"),
        "label": _("Changer d’adresse e-mail"),
        "help_text": _(
            "La nouvelle adresse est vérifiée et l’ancienne est prévenue du changement."
        ),
    }


@hooks.register("register_account_menu_item")
def account_password_menu_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Changer de mot de passe"),
        "help_text": _("Votre mot de passe actuel vous est demandé."),
    }


@hooks.register("register_account_menu_item")
def account_mfa_menu_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Double authentification"),
        "help_text": _("Application d’authentification et codes de récupération."),
    }
