"""Public pages of the privacy centre: no account needed."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from profiles.privacy import views

urlpatterns = [
    path(_("exercer-mes-droits/"), views.rights_request, name="rights_request"),
    path(
        _("exercer-mes-droits/confirmer/<str:token>/"),
        views.rights_request_confirm,
        name="rights_request_confirm",
    ),
    path(
        _("desinscription/<str:token>/"), views.marketing_unsubscribe, name="marketing_unsubscribe"
    ),
    path(_("compte-supprime/"), views.account_deleted, name="account_deleted"),
]
