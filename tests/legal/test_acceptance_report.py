"""The acceptance report: per terms version, how many users accepted it, with a CSV."""

import pytest
from django.contrib.auth import get_user_model

from legal.demo import LEGAL_EDITOR_EMAIL

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/acceptations/"


def test_the_legal_editor_sees_acceptances_per_version_and_downloads_them(
    client, demo_site, make_user
):
    make_user("a@example.test")
    make_user("b@example.test")
    client.force_login(get_user_model().objects.get(email=LEGAL_EDITOR_EMAIL))

    page = client.get(REPORT)
    assert page.status_code == 200
    assert "Conditions générales d’utilisation" in page.text

    csv = client.get(REPORT + "?export=csv")
    assert csv.status_code == 200
    rows = b"".join(csv.streaming_content).decode().splitlines()
    assert rows[0].startswith("Document,version,langue")
    # the demo user and the two above accepted the French 1.0
    assert "Conditions générales d’utilisation,1.0,fr,2026-01-15,3" in rows


def test_other_staff_cannot_see_the_report(client, demo_site):
    client.force_login(get_user_model().objects.get(email="editeur@retoucherie.test"))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
