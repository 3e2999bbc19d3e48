from django.urls import path
from django.utils.translation import gettext_lazy as _

from legal import views

app_name = "legal"

urlpatterns = [
    path(_("conditions/nouvelle-version/"), views.terms_accept, name="terms_accept"),
    path(_("avis/fermer/"), views.privacy_notice_dismiss, name="privacy_notice_dismiss"),
]
