"""Log-in security: rate limits, MFA for staff and editors, the admin behind allauth."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories.profiles import PASSWORD, client_create, user_create

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.mark.policy("P6.5")
def test_six_wrong_passwords_get_a_rate_limit_answer(client, locales):
    user = client_create().user
    url = reverse("account_login")
    answers = [client.post(url, {"login": user.email, "password": f"faux-{n}"}) for n in range(6)]
    assert all(a.status_code == 200 for a in answers[:5])
    assert "Trop de tentatives" not in answers[4].content.decode()
    assert "Trop de tentatives de connexion échouées" in answers[5].content.decode()
    # Even the right password is refused while the limit holds.
    right = client.post(url, {"login": user.email, "password": PASSWORD})
    assert right.status_code != 302


@pytest.mark.policy("P6.1", "P6.5")
def test_a_staff_member_without_mfa_cannot_reach_the_admin(client, locales):
    staff = user_create("nouveau-staff@example.test", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/admin/pages/").status_code == 302


@pytest.mark.policy("P6.1", "P6.5")
def test_an_editor_without_mfa_is_sent_to_set_it_up(client, home_pages):
    editor = user_create("editrice@example.test")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


@pytest.mark.policy("P6.1", "P6.5")
def test_with_totp_the_staff_member_reaches_the_admin(client, locales):
    staff = user_create("staff-mfa@example.test", is_staff=True, is_superuser=True)
    TOTP.activate(staff, SECRET)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_a_client_is_not_asked_for_mfa_and_not_let_into_the_admin(client, locales):
    user = client_create().user
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert reverse("mfa_activate_totp") not in response.get("Location", "")


@pytest.mark.policy("P6.5")
def test_the_admin_login_goes_through_allauth_and_its_second_factor(client, locales):
    assert client.get("/admin/login/?next=/admin/pages/")["Location"] == (
        reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"
    )
    assert client.get("/admin/login/?next=https://evil.example/")["Location"].endswith(
        "next=%2Fadmin%2F"
    )
    assert "/compte/login/" in client.get("/admin/")["Location"]
    staff = user_create("admin-mfa@example.test", is_staff=True, is_superuser=True)
    TOTP.activate(staff, SECRET)
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": staff.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # not logged in before the code
    import time

    from allauth.mfa import app_settings

    code = format_hotp_value(hotp_value(SECRET, int(time.time()) // app_settings.TOTP_PERIOD))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert Authenticator.objects.filter(user=staff).exists()
