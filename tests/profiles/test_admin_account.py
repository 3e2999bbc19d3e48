"""Staff accounts are changed through allauth only; the admin refuses non-staff plainly."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories.mfa import totp_activate
from tests.factories.profiles import client_create, provider_create, user_create


@pytest.fixture
def staff(locales):
    return totp_activate(user_create("staff-compte@example.test", is_staff=True, is_superuser=True))


@pytest.mark.policy("P6.5")
def test_wagtail_password_reset_is_gone(client, staff):
    response = client.post("/admin/password_reset/", {"email": staff.email}, follow=True)
    assert response.status_code == 404
    assert mail.outbox == []


def test_the_admin_account_page_offers_no_email_or_password_form(client, staff):
    client.force_login(staff)
    page = client.get("/admin/account/").content.decode()
    assert 'name="name_email-email"' not in page
    assert 'name="password-new_password1"' not in page
    assert 'name="password-old_password"' not in page


def test_the_admin_account_page_links_to_the_allauth_pages(client, staff):
    client.force_login(staff)
    page = client.get("/admin/account/").content.decode()
    with translation.override("fr"):
        for name in ("account_email", "account_change_password", "mfa_index"):
            assert f'href="{reverse(name)}"' in page


@pytest.mark.parametrize("make_user", [client_create, provider_create])
def test_a_client_or_retoucher_opening_the_admin_gets_a_refusal_page(client, locales, make_user):
    client.force_login(make_user().user)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain == []
    page = response.content.decode()
    assert "Cet espace est réservé à l’équipe Retoucherie" in page
    assert f'href="{reverse("account_overview")}"' in page


def test_the_refusal_page_speaks_english_to_an_english_visitor(client, locales):
    client.force_login(client_create().user)
    response = client.get("/admin/pages/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    page = response.content.decode()
    assert "This area is reserved for the Retoucherie team" in page
    assert 'href="/en/account/"' in page
