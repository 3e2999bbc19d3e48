from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from profiles.extension_points import (
    ON_ERASE,
    ON_LIFT_RESTRICTION,
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
    menu_label = gettext_lazy("Compétences")
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
    menu_label = gettext_lazy("Images des portfolios")
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


@hooks.register("after_create_page")
def let_reviewers_publish_in_a_new_directory(request, page):
    """A directory created in the admin gets the rights its moderation needs, as the demo's
    and migration 0007 give existing ones: reviewers of showcases may publish below it."""
    from profiles.models import ProviderIndexPage
    from profiles.showcase.services import showcase_reviewers_may_publish

    if isinstance(page.specific_deferred, ProviderIndexPage):
        showcase_reviewers_may_publish(directory=page)


# profiles fills its own extension points too (profiles/extension_points.py) -----------------

hooks.register(PERSONAL_DATA_DECLARATIONS, declarations.declare_all)
hooks.register(RETENTION_PURGE, consent_records_purge_hook)


@hooks.register(ON_RESTRICT)
def take_showcase_offline(user):
    """Restricting processing takes the showcase off line at once (and remembers what was live)."""
    from profiles.showcase.services import showcase_unpublish

    showcase_unpublish(user=user, for_restriction=True)


@hooks.register(ON_LIFT_RESTRICTION)
def put_showcase_back_online(user):
    """Lifting the restriction republishes exactly what the restriction took off line."""
    from profiles.showcase.services import showcase_restriction_lift

    showcase_restriction_lift(user=user)


@hooks.register(ON_ERASE)
def delete_showcase(user):
    """Deleting the account deletes the showcase in every language."""
    from profiles.showcase.services import showcase_delete

    showcase_delete(user=user)


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


# Deleting a user from Wagtail's user screens goes through the one erasure service, which
# decides what policy §5 keeps; Wagtail's own delete would keep or drop data without it.


def _erase_from_admin(request, user) -> bool:
    from profiles.privacy.services import AccountDeletionRefused, account_erase

    try:
        account_erase(user=user)
    except AccountDeletionRefused as refused:
        messages.error(
            request,
            _("Le compte %(user)s n’a pas été supprimé : %(reasons)s")
            % {"user": user.email, "reasons": " ".join(refused.reasons)},
        )
        return False
    return True


@hooks.register("before_delete_user")
def erase_user_deleted_in_admin(request, user):
    if request.method != "POST":
        return None  # the confirmation page
    if _erase_from_admin(request, user):
        messages.success(request, _("Le compte %(user)s a été supprimé.") % {"user": user.email})
    return redirect("wagtailusers_users:index")


@hooks.register("before_bulk_action")
def erase_users_bulk_deleted_in_admin(request, action_type, objects, action_class_instance):
    if action_type != "delete" or action_class_instance.model is not get_user_model():
        return None
    erased = sum(_erase_from_admin(request, user) for user in objects)
    if erased:
        messages.success(
            request,
            ngettext(
                "%(count)d compte a été supprimé.", "%(count)d comptes ont été supprimés.", erased
            )
            % {"count": erased},
        )
    return redirect(action_class_instance.next_url)
