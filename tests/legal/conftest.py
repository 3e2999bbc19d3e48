import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from wagtail.models import Locale

from home.models import HomePage
from legal import services
from legal.consent.services import cookie_registry_revise
from legal.models import (
    AcceptanceMethod,
    CookieCategory,
    CookieDefinition,
    CookieService,
    DocumentKind,
    LegalPage,
    PolicyVersion,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a new version of a legal page the way the admin does (a revision, published)."""

    def _publish(page, *, user=None, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision(user=user).publish(user=user)
        page.refresh_from_db()
        return page

    return _publish


@pytest.fixture
def terms_fr(demo_site):
    return LegalPage.objects.get(kind=DocumentKind.TERMS, locale__language_code="fr")


@pytest.fixture
def privacy_fr(demo_site):
    return LegalPage.objects.get(kind=DocumentKind.PRIVACY_POLICY, locale__language_code="fr")


@pytest.fixture
def make_user(db):
    def _make(email, first_name="Camille", last_name="Roux", accepted_terms="1.0", **extra):
        user = get_user_model().objects.create_user(
            email=email,
            password="Un-mot-de-passe-solide-2026",
            first_name=first_name,
            last_name=last_name,
            date_joined=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC),
            **extra,
        )
        if accepted_terms:
            version = PolicyVersion.objects.get(
                kind=DocumentKind.TERMS, version=accepted_terms, locale__language_code="fr"
            )
            services.terms_accept(user=user, version=version, method=AcceptanceMethod.SIGNUP)
        return user

    return _make


@pytest.fixture
def new_legal_page(db, demo_site):
    """A fresh, never published legal page under the French home page."""
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="fr"))
    page = LegalPage(
        title="Charte de test",
        slug="charte-de-test",
        kind=DocumentKind.LEGAL_NOTICE,
        version="1.0",
        effective_date=datetime.date(2026, 3, 1),
        change_summary="Première version.",
        body=[{"type": "paragraph", "value": "<p>Premier texte.</p>"}],
        live=False,
    )
    home.add_child(instance=page)
    services.legal_editors_grant(page=page)
    return page


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
