"""The account-deletion page says in a few plain lines what goes and what stays for this
user's role (policy §5, §7): not the registry's list of field names."""

import re

import pytest
from django.urls import reverse
from wagtail import hooks

from profiles.extension_points import HAS_PURCHASED
from tests.factories.privacy import make_client, make_retoucher

pytestmark = pytest.mark.django_db


def _deletion_page(client, reauthenticate, user) -> str:
    reauthenticate(client, user)
    html = client.get(reverse("privacy_delete")).content.decode()
    return " ".join(html.split())


def _lines(html: str) -> list[str]:
    sections = re.findall(r'<section class="privacy-card".*?</section>', html)
    return [item for section in sections for item in re.findall(r"<li>(.*?)</li>", section)]


def test_a_client_who_never_bought_reads_that_nothing_else_stays(client, reauthenticate):
    html = _deletion_page(client, reauthenticate, make_client())
    assert "Rien d’autre : vous n’avez ni vendu ni acheté de prestation." in html
    assert "10 ans" not in html
    assert len(_lines(html)) <= 5
    assert "Numéro SIRET" not in html and "Date de naissance" not in html


def test_a_client_who_bought_reads_that_invoices_and_names_stay_ten_years(client, reauthenticate):
    with hooks.register_temporarily(HAS_PURCHASED, lambda user: True):
        html = _deletion_page(client, reauthenticate, make_client())
    assert "les factures de vos achats, vos nom et prénom" in html
    assert "Rien d’autre" not in html
    assert len(_lines(html)) <= 5


def test_a_retoucher_reads_that_the_showcase_goes_and_invoices_stay(client, reauthenticate):
    html = _deletion_page(client, reauthenticate, make_retoucher())
    assert "Votre vitrine est retirée du site tout de suite" in html
    assert "les factures de vos prestations, vos nom et prénom" in html
    assert len(_lines(html)) <= 6
