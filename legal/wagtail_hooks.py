from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from legal import services
from legal.admin_views import AcceptanceReportView
from legal.models import LegalPage, PolicyAcceptance


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
