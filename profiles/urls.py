"""The account area, mounted under /fr/compte/ (/en/account/) before allauth's own URLs."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from profiles import views

urlpatterns = [
    path("", views.account_overview, name="account_overview"),
    # Same address as allauth's sign-up, matched first: the choice between the two journeys.
    path("signup/", views.SignupChoiceView.as_view(), name="account_signup"),
    path(_("inscription/client/"), views.ClientSignupView.as_view(), name="signup_client"),
    path(_("inscription/retoucheur/"), views.ProviderSignupView.as_view(), name="signup_provider"),
    path(_("langue/"), views.email_language_edit, name="account_language"),
    path(_("informations/"), views.personal_details_edit, name="account_personal"),
    path(_("informations/photo/"), views.client_photo, name="account_client_photo"),
    path(_("entreprise/"), views.company_details_edit, name="account_company"),
    path(_("activite/"), views.provider_activity_edit, name="account_activity"),
    path(_("coordonnees-bancaires/"), views.bank_details_edit, name="account_bank"),
    path(_("vitrine/"), views.showcase_edit, name="account_showcase"),
    path(_("portfolio/"), views.portfolio, name="account_portfolio"),
    path(_("portfolio/<uuid:item_id>/"), views.portfolio_item_edit, name="account_portfolio_item"),
    path(
        _("portfolio/<uuid:item_id>/deplacer/"),
        views.portfolio_item_move,
        name="account_portfolio_move",
    ),
    path(
        _("portfolio/<uuid:item_id>/supprimer/"),
        views.portfolio_item_delete,
        name="account_portfolio_delete",
    ),
]
