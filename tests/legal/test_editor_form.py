"""Editors publishing through the Wagtail admin: bad version labels and dates are refused."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from legal.demo import LEGAL_EDITOR_EMAIL
from legal.models import PolicyVersion

pytestmark = pytest.mark.django_db


def _edit_data(page, **overrides):
    fields = {
        "title": page.title,
        "slug": page.slug,
        "kind": page.kind,
        "version": "1.1",
        "effective_date": "2026-04-01",
        "change_summary": "Une phrase ajoutée.",
        "body": streamfield([("paragraph", rich_text("<p>Premier texte, complété.</p>"))]),
        "comments": inline_formset([]),
        **overrides,
    }
    return {**nested_form_data(fields), "action-publish": "action-publish"}


@pytest.fixture
def legal_editor_client(client, demo_site):
    client.force_login(get_user_model().objects.get(email=LEGAL_EDITOR_EMAIL))
    return client


@pytest.fixture
def published_page(new_legal_page, publish):
    return publish(new_legal_page)


def test_the_legal_editor_publishes_a_new_version_from_the_admin(
    legal_editor_client, published_page
):
    response = legal_editor_client.post(
        f"/admin/pages/{published_page.pk}/edit/", _edit_data(published_page)
    )
    assert response.status_code == 302
    row = PolicyVersion.objects.filter(page=published_page).first()
    assert row.version == "1.1"
    assert row.published_by.email == LEGAL_EDITOR_EMAIL
    assert "Premier texte, complété." in row.text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"version": "1.0"}, "version", "La version 1.0 est déjà publiée"),
        ({"version": "0.9"}, "version", "indiquez une version supérieure, par exemple 1.1"),
        ({"version": ""}, "version", "Champ requis"),
        ({"version": "deux"}, "version", "majeure.mineure"),
        (
            {"effective_date": "2026-02-01"},
            "effective_date",
            "ne peut pas entrer en vigueur avant cette date",
        ),
    ],
)
def test_a_refused_version_leaves_the_page_as_it_was_and_keeps_the_editors_text(
    legal_editor_client, published_page, overrides, field, message
):
    live_before = published_page.live_revision_id
    response = legal_editor_client.post(
        f"/admin/pages/{published_page.pk}/edit/", _edit_data(published_page, **overrides)
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "Une phrase ajoutée." in response.text  # nothing the editor typed is lost
    published_page.refresh_from_db()
    assert published_page.live_revision_id == live_before
    assert published_page.version == "1.0"
    assert list(PolicyVersion.objects.filter(page=published_page).values_list("version")) == [
        ("1.0",)
    ]


def test_the_legal_editor_cannot_edit_other_pages(legal_editor_client, demo_site):
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="fr")
    response = legal_editor_client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code in (302, 403)
    assert legal_editor_client.get("/admin/").status_code == 200


def test_the_legal_editor_can_edit_legal_pages_and_compare_revisions(
    legal_editor_client, privacy_fr
):
    assert legal_editor_client.get(f"/admin/pages/{privacy_fr.pk}/edit/").status_code == 200
    revisions = list(privacy_fr.revisions.order_by("created_at").values_list("pk", flat=True))
    compare = f"/admin/pages/{privacy_fr.pk}/revisions/compare/{revisions[0]}...{revisions[-1]}/"
    assert legal_editor_client.get(compare).status_code == 200
