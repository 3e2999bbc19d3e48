import pytest
from django.conf import settings
from django.core import signing
from wagtail.models import Locale

from legal.consent_services import cookie_registry_revise
from legal.models import CookieCategory, CookieDefinition, CookieService


@pytest.fixture
def sign_consent():
    """A consent cookie value signed like the site does, for forging tests."""

    def sign(value: str) -> str:
        return signing.get_cookie_signer(
            salt=signing._cookie_signer_salt(settings.CONSENT_COOKIE_NAME, "legal.consent")
        ).sign(value)

    return sign


@pytest.fixture
def advertising_service(demo_site):
    """A personalised-advertising service, which the demo registry does not have."""
    service = CookieService(
        key="ad_network",
        name="Régie publicitaire",
        provider="Exemple Pub SA",
        category=CookieCategory.ADVERTISING,
        purpose="Afficher des publicités selon votre navigation.",
        locale=Locale.objects.get(language_code="fr"),
        sort_order=10,
    )
    service.save()
    CookieDefinition.objects.create(
        service=service,
        name="ad_id",
        lifetime_days=390,
        description="Identifiant publicitaire.",
        locale=service.locale,
    )
    cookie_registry_revise()
    return service
