"""The privacy centre's admin: "Confidentialité" menu with the DPO's request tracker, support
requests, newsletters, a user's personal data (logged), the access log and the record of
processing. Loaded by ProfilesConfig.ready() (Wagtail only autoloads <app>/wagtail_hooks.py)."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from profiles.models.privacy import DataSubjectRequest, Newsletter, NewsletterStatus, SupportRequest
from profiles.privacy import admin_views
from profiles.privacy.roles import is_dpo


def _deadline_is_close(request: DataSubjectRequest) -> bool:
    left = request.days_left()
    return left is not None and left <= 7


class DataSubjectRequestViewSet(ModelViewSet):
    model = DataSubjectRequest
    name = "demandes_rgpd"
    url_prefix = "confidentialite/demandes-rgpd"
    menu_label = _("Demandes RGPD")
    icon = "tasks"
    add_view_class = admin_views.DataSubjectRequestCreateView
    edit_view_class = admin_views.DataSubjectRequestEditView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        "number",
        Column("kind", label=_("Type"), accessor="get_kind_display"),
        "requester_name",
        StatusTagColumn("status", label=_("Statut"), accessor="get_status_display"),
        "received_at",
        "due_on",
        StatusTagColumn(
            "deadline", label=_("Délai"), accessor="deadline_label", primary=_deadline_is_close
        ),
        "assignee",
    ]
    list_filter = ["status", "kind"]
    ordering = ["due_on", "received_at"]
    search_fields = ["number", "requester_name", "requester_email"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        if for_update:
            return admin_views.DataSubjectRequestEditForm
        return admin_views.DataSubjectRequestCreateForm


class SupportRequestViewSet(ModelViewSet):
    model = SupportRequest
    name = "assistance"
    url_prefix = "confidentialite/assistance"
    menu_label = _("Demandes d’assistance")
    icon = "help"
    edit_view_class = admin_views.SupportRequestEditView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = ["subject", "user", "created_at", "status"]
    list_filter = ["status"]

    def get_form_class(self, for_update=False):
        return admin_views.SupportAnswerForm


def _send_link(newsletter: Newsletter):
    from django.urls import reverse

    if newsletter.status != NewsletterStatus.DRAFT:
        return newsletter.get_status_display()
    return format_html(
        '<a class="button button-small" href="{}">{}</a>',
        reverse("newsletters:send", args=[newsletter.pk]),
        _("Envoyer"),
    )


class NewsletterViewSet(ModelViewSet):
    model = Newsletter
    name = "newsletters"
    url_prefix = "confidentialite/newsletters"
    menu_label = _("Newsletters")
    icon = "mail"
    inspect_view_enabled = False
    list_display = [
        "subject",
        "created_at",
        "sent_at",
        "recipients_count",
        Column("send", label=_("Envoi"), accessor=_send_link),
    ]

    def get_form_class(self, for_update=False):
        return admin_views.NewsletterForm

    def get_urlpatterns(self):
        from django.urls import path

        return [
            *super().get_urlpatterns(),
            path("<int:pk>/envoyer/", admin_views.NewsletterSendView.as_view(), name="send"),
        ]


class PrivacyGroup(ViewSetGroup):
    menu_label = _("Confidentialité")
    menu_icon = "lock"
    menu_order = 250
    items = (
        DataSubjectRequestViewSet,
        SupportRequestViewSet,
        NewsletterViewSet,
        admin_views.UserDataViewSet,
        admin_views.AccessLogViewSet,
        admin_views.ProcessingRecordViewSet,
    )


@hooks.register("register_admin_viewset")
def register_privacy_viewsets():
    return PrivacyGroup()


@hooks.register("construct_reports_menu")
def site_history_for_the_dpo_only(request, menu_items):
    """Wagtail shows its site history to anyone who can explore pages: here the DPO (who
    edits no page) and superusers see it, no one else (its URLs check the same, see
    admin_views.site_history)."""
    from wagtail.admin.wagtail_hooks import register_site_history_report_menu_item

    menu_items[:] = [item for item in menu_items if item.name != "site-history"]
    if is_dpo(request.user):
        menu_items.append(register_site_history_report_menu_item())
        menu_items.sort(key=lambda item: item.order)
