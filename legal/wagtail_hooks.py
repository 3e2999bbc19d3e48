from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from legal import services
from legal.admin_views import AcceptanceReportView
from legal.consent.services import cookie_registry_revise
from legal.models import ConsentRecord, CookieService, LegalPage, PolicyAcceptance


@hooks.register("register_admin_urls")
def register_acceptance_report_urls():
    return [
        path(
            "reports/acceptations/",
            AcceptanceReportView.as_view(),
            name="legal_acceptance_report",
        ),
        path(
            "reports/acceptations/results/",
            AcceptanceReportView.as_view(results_only=True),
            name="legal_acceptance_report_results",
        ),
    ]


class AcceptanceReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(
            f"{PolicyAcceptance._meta.app_label}.view_{PolicyAcceptance._meta.model_name}"
        )


@hooks.register("register_reports_menu_item")
def register_acceptance_report_menu_item():
    return AcceptanceReportMenuItem(
        _("Acceptations des CGU"),
        reverse("legal_acceptance_report"),
        name="legal-acceptances",
        icon_name="doc-full",
        order=1000,
    )


@hooks.register("after_create_page")
def let_legal_editors_edit_new_legal_pages(request, page):
    if isinstance(page.specific, LegalPage):
        services.legal_editors_grant(page=page)


# Cookie registry and consent -------------------------------------------------------------


class ProofPermissionPolicy(ModelPermissionPolicy):
    """Proofs of consent can be read by those allowed to, never written, edited or deleted
    by hand: only the consent services write them and only the retention purge deletes them."""

    read_only_actions = frozenset({"view"})

    def user_has_permission(self, user, action):
        return action in self.read_only_actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [action for action in actions if action in self.read_only_actions]
        )


register_permission_policy(ConsentRecord, ProofPermissionPolicy(ConsentRecord))


class CookieServiceViewSet(SnippetViewSet):
    model = CookieService
    icon = "table"
    menu_label = _("Registre des cookies")
    list_display = ["name", "category", "provider", "key"]
    list_filter = ["category", "locale"]
    search_fields = ["name", "provider", "key"]


class ConsentRecordViewSet(SnippetViewSet):
    model = ConsentRecord
    icon = "doc-full"
    menu_label = _("Preuves de consentement")
    list_display = ["created_at", "consent_id", "action", "registry_version", "user_agent_family"]
    list_filter = ["action", "registry_version"]
    inspect_view_enabled = True


class CookieConsentViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Cookies et consentement")
    menu_icon = "lock"
    items = (CookieServiceViewSet, ConsentRecordViewSet)


register_snippet(CookieConsentViewSetGroup)


def _revise_registry(request, instance):
    # A new service, category or purpose makes a new registry version: visitors choose again.
    if isinstance(instance, CookieService) or (
        isinstance(instance, list | tuple) and any(isinstance(i, CookieService) for i in instance)
    ):
        cookie_registry_revise()


@hooks.register("after_create_snippet")
def revise_registry_after_create(request, instance):
    _revise_registry(request, instance)


@hooks.register("after_edit_snippet")
def revise_registry_after_edit(request, instance):
    _revise_registry(request, instance)


@hooks.register("after_delete_snippet")
def revise_registry_after_delete(request, instances):
    _revise_registry(request, instances)
