"""Mounted at compte/confidentialite/ (account/privacy/), before every other compte/ include."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from profiles.privacy import views

urlpatterns = [
    path("", views.privacy_centre, name="privacy_centre"),
    path(_("mes-donnees/"), views.privacy_data, name="privacy_data"),
    path(_("export/"), views.privacy_export_start, name="privacy_export_start"),
    path(
        _("export/<uuid:export_id>/statut/"),
        views.privacy_export_status,
        name="privacy_export_status",
    ),
    path(
        _("export/<uuid:export_id>/telecharger/"),
        views.privacy_export_file,
        name="privacy_export_file",
    ),
    path(
        _("export/telecharger/<str:token>/"),
        views.privacy_export_download,
        name="privacy_export_download",
    ),
    path(_("preferences/"), views.privacy_preferences, name="privacy_preferences"),
    path(_("limitation/"), views.privacy_restriction, name="privacy_restriction"),
    path(_("opposition/"), views.privacy_objection, name="privacy_objection"),
    path(_("directives/"), views.privacy_directives, name="privacy_directives"),
    path(_("suppression/"), views.privacy_delete, name="privacy_delete"),
    path(_("assistance/"), views.support_requests, name="support_requests"),
]
