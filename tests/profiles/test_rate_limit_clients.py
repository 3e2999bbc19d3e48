"""Rate limits key on the real client (issue 14 §3): behind our load balancer every request
comes from its address, so the client is read from X-Forwarded-For, and only when a trusted
proxy is configured."""

import pytest
from django.urls import reverse

from profiles.models import DataSubjectRequest

BALANCER = "10.0.0.2"
RIGHTS_FORM = {"name": "Léa", "email": "lea@example.test", "kind": "access", "message": "x"}


def failed_login(client, n, **headers):
    return client.post(
        reverse("account_login"),
        {"login": f"inconnu{n}@example.test", "password": "faux-mot-de-passe"},
        REMOTE_ADDR=BALANCER,
        **headers,
    )


def is_login_limited(response) -> bool:
    return "Trop de tentatives de connexion échouées" in response.content.decode()


@pytest.mark.policy("P6.5")
def test_behind_one_proxy_two_clients_have_separate_login_budgets(client, locales, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(10):
        assert not is_login_limited(failed_login(client, n, HTTP_X_FORWARDED_FOR="203.0.113.7"))
    assert is_login_limited(failed_login(client, 10, HTTP_X_FORWARDED_FOR="203.0.113.7"))
    # Another visitor behind the same balancer is not locked out by the first one.
    assert not is_login_limited(failed_login(client, 11, HTTP_X_FORWARDED_FOR="198.51.100.4"))


@pytest.mark.policy("P6.5")
def test_with_no_proxy_configured_a_forged_forwarded_for_changes_nothing(client, locales, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for n in range(10):
        failed_login(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert is_login_limited(failed_login(client, 10, HTTP_X_FORWARDED_FOR="198.51.100.4"))


@pytest.mark.django_db
@pytest.mark.policy("P7.10")
def test_behind_one_proxy_two_clients_have_separate_rights_form_budgets(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def post(forwarded_for):
        return client.post(
            reverse("rights_request"),
            RIGHTS_FORM,
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        ).status_code

    assert [post("203.0.113.7") for _ in range(6)] == [200] * 5 + [429]
    assert post("198.51.100.4") == 200
    assert DataSubjectRequest.objects.count() == 6


@pytest.mark.django_db
@pytest.mark.policy("P7.10")
def test_a_forged_forwarded_for_does_not_reopen_the_rights_form(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    statuses = [
        client.post(
            reverse("rights_request"), RIGHTS_FORM, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(6)
    ]
    assert statuses == [200] * 5 + [429]


@pytest.mark.django_db
def test_a_trusted_client_ip_header_names_the_client(client, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"

    def post(real_ip):
        return client.post(
            reverse("rights_request"), RIGHTS_FORM, REMOTE_ADDR=BALANCER, HTTP_X_REAL_IP=real_ip
        ).status_code

    assert [post("203.0.113.7") for _ in range(6)] == [200] * 5 + [429]
    assert post("198.51.100.4") == 200
