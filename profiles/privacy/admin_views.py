"""Staff tools of the privacy centre in the Wagtail admin.

Role-limited (policy §4): each view checks a permission the "DPO" group has and "Support"
has not; each look at a person's data is written to the access log (who, whose, what, when).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.viewsets.base import ViewSet

from profiles.models.privacy import (
    MAX_EXTENSION_MONTHS,
    DataExport,
    DataSubjectRequest,
    ExportPurpose,
    Newsletter,
    NewsletterStatus,
    RequestChannel,
    RequestStatus,
    StaffAccessAction,
    StaffAccessLog,
    SupportRequest,
)
from profiles.privacy import selectors, services
from profiles.privacy.exports import export_filename
from profiles.privacy.registry import registry
from profiles.privacy.roles import is_dpo
from profiles.private_files import private_file_response


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class DpoMenuItem(MenuItem):
    def is_shown(self, request):
        return is_dpo(request.user)


def _require_dpo(request):
    if not is_dpo(request.user):
        raise PermissionDenied


class _PermissionViewSet(ViewSet):
    permission = "wagtailadmin.access_admin"

    @property
    def menu_item_class(self):
        permission = self.permission

        def factory(*args, **kwargs):
            return PermissionMenuItem(*args, permission=permission, **kwargs)

        return factory


# Data-subject requests ------------------------------------------------------------------------


class DataSubjectRequestCreateForm(forms.ModelForm):
    """A request received by e-mail or post, entered by staff (policy §7)."""

    identity_confirmed = forms.BooleanField(
        label=gettext_lazy("Identité du demandeur vérifiée"),
        required=False,
        help_text=gettext_lazy(
            "Cochez si l’adresse est celle du compte ou si un justificatif a été reçu ; sinon le "
            "délai ne court qu’à partir de la vérification."
        ),
    )

    class Meta:
        model = DataSubjectRequest
        fields = ["kind", "requester_name", "requester_email", "processing", "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester_email"].required = True


class DataSubjectRequestEditForm(forms.ModelForm):
    identity_action = forms.ChoiceField(
        label=gettext_lazy("Vérification d’identité"),
        required=False,
        choices=[
            ("", gettext_lazy("Rien à faire")),
            ("request_proof", gettext_lazy("Demander un justificatif (suspend le délai)")),
            ("confirm", gettext_lazy("Identité confirmée (le délai court ou reprend)")),
        ],
    )
    identity_message = forms.CharField(
        label=gettext_lazy("Message au demandeur : justificatif demandé"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    extension_months_add = forms.IntegerField(
        label=gettext_lazy("Prolonger le délai de (mois)"),
        required=False,
        min_value=0,
        max_value=MAX_EXTENSION_MONTHS,
        help_text=gettext_lazy(
            "Deux mois au plus au total, compte tenu de la complexité et du nombre de demandes."
        ),
    )
    extension_reason_add = forms.CharField(
        label=gettext_lazy("Motif de la prolongation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    extension_message = forms.CharField(
        label=gettext_lazy("Message au demandeur : prolongation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = DataSubjectRequest
        fields = ["status", "assignee", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status
        allowed = [
            current,
            RequestStatus.IN_PROGRESS,
            RequestStatus.COMPLETED,
            RequestStatus.REFUSED,
        ]
        self.fields["status"].choices = [(s.value, s.label) for s in RequestStatus if s in allowed]
        self.fields["assignee"].queryset = get_user_model().objects.filter(
            is_staff=True, is_active=True
        )


class DataSubjectRequestCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        email = data["requester_email"]
        return services.dsr_create(
            kind=data["kind"],
            channel=RequestChannel.EMAIL,
            requester_name=data["requester_name"],
            requester_email=email,
            processing=data["processing"],
            message=data["message"],
            user=get_user_model().objects.filter(email__iexact=email).first(),
            identity_confirmed=data["identity_confirmed"],
            actor=self.request.user,
        )


class DataSubjectRequestEditView(EditView):
    template_name = "profiles/privacy/admin/dsr_edit.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        dsr = self.object
        services.staff_access_log(
            staff=request.user,
            subject=dsr.user,
            reference=dsr.number,
            what=_("Demande RGPD %(number)s") % {"number": dsr.number},
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dsr"] = self.object
        context["events"] = self.object.events.select_related("actor")
        if self.object.user_id and self.request.user.has_perm("profiles.view_personal_data"):
            context["user_data_url"] = reverse(
                "privacy_user_data:detail", args=[self.object.user_id]
            )
        return context

    def form_valid(self, form):
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_instance()
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()

    def save_instance(self):
        dsr, actor, data = self.object, self.request.user, self.form.cleaned_data
        if data["identity_action"] == "request_proof":
            dsr = services.dsr_request_identity_proof(
                request=dsr, actor=actor, message=data["identity_message"]
            )
        elif data["identity_action"] == "confirm":
            dsr = services.dsr_confirm_identity(
                request=dsr, actor=actor, how=_("Vérifiée par l’équipe.")
            )
        if data.get("extension_months_add"):
            dsr = services.dsr_extend(
                request=dsr,
                actor=actor,
                months=data["extension_months_add"],
                reason=data["extension_reason_add"],
                message=data["extension_message"],
            )
        status = data["status"]
        if status == self.form.initial.get("status"):
            # Unchanged in the form: keep what the actions above set (extended, pending…).
            status = dsr.status
        return services.dsr_update(
            request=dsr, actor=actor, status=status, assignee=data["assignee"], notes=data["notes"]
        )


# Support requests ----------------------------------------------------------------------------


class SupportAnswerForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 8})}


class SupportRequestEditView(EditView):
    template_name = "profiles/privacy/admin/support_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["support_request"] = self.object
        return context

    def save_instance(self):
        return services.support_request_answer(
            request=self.object, staff=self.request.user, answer=self.form.cleaned_data["answer"]
        )


# Newsletters -----------------------------------------------------------------------------------


class NewsletterForm(forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = ["subject", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.admin.rich_text import get_rich_text_editor_widget

        self.fields["body"].widget = get_rich_text_editor_widget(
            features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
        )

    def clean(self):
        if self.instance.pk and self.instance.status != NewsletterStatus.DRAFT:
            raise ValidationError(_("Une newsletter envoyée ne peut plus être modifiée."))
        return super().clean()


class NewsletterSendView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "profiles/privacy/admin/newsletter_send.html"
    page_title = gettext_lazy("Envoyer la newsletter")
    header_icon = "mail"

    def dispatch(self, request, pk):
        _require(request, "profiles.change_newsletter")
        self.newsletter = get_object_or_404(Newsletter, pk=pk)
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["newsletter"] = self.newsletter
        context["recipients"] = selectors.newsletter_recipients().count()
        return context

    def post(self, request):
        try:
            services.newsletter_send(newsletter=self.newsletter, sent_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("L’envoi de la newsletter a commencé."))
        return redirect("newsletters:index")


# A user's personal data, the lawful-authority export, the access log, the record -------------


class UserDataSearchView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "profiles/privacy/admin/user_search.html"
    page_title = gettext_lazy("Données d’un utilisateur")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        _require(request, "profiles.view_personal_data")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        email = self.request.GET.get("email", "").strip()
        context["email"] = email
        context["results"] = (
            get_user_model().objects.filter(email__iexact=email)[:1] if email else []
        )
        return context


class UserDataDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "profiles/privacy/admin/user_data.html"
    page_title = gettext_lazy("Données d’un utilisateur")
    header_icon = "user"

    def dispatch(self, request, user_id):
        _require(request, "profiles.view_personal_data")
        self.subject = get_object_or_404(get_user_model(), pk=user_id)
        return super().dispatch(request)

    def get(self, request):
        services.staff_access_log(
            staff=request.user,
            subject=self.subject,
            what=_("Fiche complète des données personnelles"),
        )
        return super().get(request)

    def post(self, request):
        _require(request, "profiles.export_for_authority")
        try:
            services.authority_export(
                staff=request.user, subject=self.subject, reason=request.POST.get("reason", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "L’extraction est en préparation ; elle apparaît ci-dessous quand elle est prête."
                ),
            )
        return redirect("privacy_user_data:detail", self.subject.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subject"] = self.subject
        context["sections"] = selectors.personal_data_by_category(self.subject)
        context["directive"] = getattr(self.subject, "post_mortem_directive", None)
        context["can_export"] = self.request.user.has_perm("profiles.export_for_authority")
        context["authority_exports"] = DataExport.objects.filter(
            user=self.subject, purpose=ExportPurpose.AUTHORITY
        ).select_related("requested_by")
        return context


def authority_export_download(request, export_id):
    _require(request, "profiles.export_for_authority")
    export = get_object_or_404(DataExport, pk=export_id, purpose=ExportPurpose.AUTHORITY)
    if not export.file:
        raise Http404
    services.staff_access_log(
        staff=request.user,
        subject=export.user,
        what=_("Téléchargement de l’extraction pour une autorité"),
        action=StaffAccessAction.AUTHORITY_EXPORT,
    )
    return private_file_response(
        export.file.name,
        filename=export_filename(export),
        content_type="application/zip",
        encrypted=True,
    )


class UserDataViewSet(_PermissionViewSet):
    name = "privacy_user_data"
    url_prefix = "confidentialite/utilisateurs"
    menu_label = gettext_lazy("Données d’un utilisateur")
    icon = "user"
    permission = "profiles.view_personal_data"

    def get_urlpatterns(self):
        return [
            path("", UserDataSearchView.as_view(), name="search"),
            path("<int:user_id>/", UserDataDetailView.as_view(), name="detail"),
            path(
                "extractions/<uuid:export_id>/",
                authority_export_download,
                name="authority_download",
            ),
        ]


class AccessLogView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "profiles/privacy/admin/access_log.html"
    page_title = gettext_lazy("Journal des accès aux données personnelles")
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        _require(request, "profiles.view_staffaccesslog")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context_data(**kwargs)
        paginator = Paginator(StaffAccessLog.objects.all(), 50)
        context["page_obj"] = paginator.get_page(self.request.GET.get("p"))
        return context


class AccessLogViewSet(_PermissionViewSet):
    name = "privacy_access_log"
    url_prefix = "confidentialite/journal-des-acces"
    menu_label = gettext_lazy("Journal des accès")
    icon = "history"
    permission = "profiles.view_staffaccesslog"

    def get_urlpatterns(self):
        return [path("", AccessLogView.as_view(), name="index")]


class ProcessingRecordView(WagtailAdminTemplateMixin, TemplateView):
    """The record of processing (GDPR art. 30), generated from the registry."""

    template_name = "profiles/privacy/admin/processing_record.html"
    page_title = gettext_lazy("Registre des traitements")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        _require_dpo(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = registry.processing_record()
        context["exempt"] = sorted(registry.exempt.items())
        return context


class ProcessingRecordViewSet(ViewSet):
    name = "privacy_processing_record"
    url_prefix = "confidentialite/registre-des-traitements"
    menu_label = gettext_lazy("Registre des traitements")
    icon = "list-ul"
    menu_item_class = DpoMenuItem

    def get_urlpatterns(self):
        return [path("", ProcessingRecordView.as_view(), name="index")]


# Wagtail's "site history" report ------------------------------------------------------------
# It lists what every editor and staff member did, and to whom: the DPO's, not every staff
# role's. config/urls.py routes its two URLs here, before Wagtail's admin.


def _dpo_only(view):
    def checked(request, *args, **kwargs):
        _require_dpo(request)
        return view(request, *args, **kwargs)

    return require_admin_access(checked)


site_history = _dpo_only(LogEntriesView.as_view())
site_history_results = _dpo_only(LogEntriesView.as_view(results_only=True))
