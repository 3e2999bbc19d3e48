from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from legal import selectors
from legal.models import PolicyAcceptance


class AcceptanceReportView(ReportView):
    """How many users accepted each version of the terms, with a CSV download."""

    page_title = _("Acceptations des conditions générales")
    header_icon = "doc-full"
    index_url_name = "legal_acceptance_report"
    index_results_url_name = "legal_acceptance_report_results"
    permission_required = "view"
    export_filename = "acceptations-cgu"
    list_export = ["title", "version", "locale.language_code", "effective_date", "acceptance_count"]
    export_headings = {
        "title": _("document"),
        "version": _("version"),
        "locale.language_code": _("langue"),
        "effective_date": _("date d’entrée en vigueur"),
        "acceptance_count": _("acceptations"),
    }
    columns = [
        Column("title", label=_("document")),
        Column("version", label=_("version")),
        Column("locale", label=_("langue"), accessor="locale.get_display_name"),
        Column("effective_date", label=_("date d’entrée en vigueur")),
        Column("is_material_change", label=_("changement important")),
        Column("acceptance_count", label=_("acceptations")),
    ]

    @cached_property
    def permission_policy(self):
        # Juristes and superusers hold legal.view_policyacceptance.
        return ModelPermissionPolicy(PolicyAcceptance)

    def get_queryset(self):
        return selectors.acceptance_counts()
