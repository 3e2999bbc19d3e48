from django.urls import path
from django.utils.translation import gettext_lazy as _

from legal.consent import views as consent_views

urlpatterns = [
    path(_("choix/"), consent_views.consent_save, name="consent_save"),
    path(_("gerer/"), consent_views.consent_manage, name="consent_manage"),
    path(_("reinitialiser/"), consent_views.consent_reset, name="consent_reset"),
]
