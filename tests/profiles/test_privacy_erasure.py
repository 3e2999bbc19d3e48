"""Account deletion (policy §7 right to be forgotten, §5 retention after closure)."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from wagtail import hooks
from wagtail.images import get_image_model

from legal.models import PolicyAcceptance
from profiles.extension_points import DELETION_BLOCKERS, HAS_PURCHASED
from profiles.models import DataSubjectRequest, RetentionRecord
from profiles.privacy import services
from profiles.privacy.registry import Erasure, registry
from tests.factories.mfa import totp_activate
from tests.factories.privacy import make_client, make_retoucher

pytestmark = pytest.mark.django_db


def _snapshot(user):
    """Every declared value of the user, with where it lives and what erasure promises."""
    rows = []
    for record in registry.collect(user):
        declaration = registry.declarations[record.model_label]
        for value in record.values:
            rows.append(
                (declaration, record.pk, value.name, value.value, declaration.fields[value.name])
            )
    return rows


def _distinctive(value, shared) -> bool:
    """Values only this user has (e-mail, names, address, files…), not ones others share."""
    return isinstance(value, str) and len(value) >= 3 and value not in shared


def _assert_nothing_of(user_rows, *, retained_ok: bool, others=()):
    shared = {row[3] for other in others for row in _snapshot(other) if isinstance(row[3], str)}
    for declaration, pk, name, value, spec in user_rows:
        model = declaration.model
        row = model._default_manager.filter(pk=pk).first()
        if spec.erasure == Erasure.DELETE:
            assert row is None, f"{declaration.model_label} {pk} still exists"
        elif spec.erasure == Erasure.RETAIN:
            assert (row is not None) == retained_ok, f"{declaration.model_label}.{name}"
        if row is not None and declaration.owner:
            # kept rows no longer point at the person
            owner_field = declaration.owner.split("__")[0]
            assert getattr(row, f"{owner_field}_id") is None
        if (
            spec.erasure == Erasure.DELETE
            and _distinctive(value, shared)
            and not model._meta.get_field(name).is_relation
        ):
            assert not model._default_manager.filter(**{name: value}).exists(), (
                f"{declaration.model_label}.{name}={value!r}"
            )


def _add_session_and_mfa(client, user):
    client.force_login(user)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})


@pytest.mark.policy("P7.8", "P5.2")
def test_after_deletion_no_declared_value_of_a_client_remains_and_nothing_is_kept(
    client, django_capture_on_commit_callbacks
):
    # Given a client who never bought, with a photo, a session, an MFA device and a request
    user = make_client()
    other = make_client()
    _add_session_and_mfa(client, user)
    services.objection_submit(user=user, processing="Statistiques", reason="Je refuse.")
    rows = _snapshot(user)
    photo = user.client_profile.photo.name
    storage = user.client_profile.photo.storage  # the private storage
    assert storage.exists(photo)
    address = user.email
    # When they delete their account
    with django_capture_on_commit_callbacks(execute=True):
        record = services.account_erase(user=user)
    # Then no declared personal value remains anywhere
    assert record is None
    _assert_nothing_of(rows, retained_ok=False, others=[other])
    assert not RetentionRecord.objects.exists()
    assert not PolicyAcceptance.objects.filter(last_name=user.last_name).exists()
    # files are gone, sessions ended, allauth e-mail and MFA rows removed
    assert not storage.exists(photo)
    assert not Session.objects.exists()
    assert not EmailAddress.objects.filter(email=address).exists()
    assert not Authenticator.objects.exists()
    # the rights request stays as proof, without the person
    request = DataSubjectRequest.objects.get()
    assert (
        request.user is None
        and request.requester_email == ""
        and user.last_name not in request.requester_name
    )
    # the other user is untouched, and the confirmation went to the old address
    assert EmailAddress.objects.filter(email=other.email).exists()
    assert mail.outbox[-1].to == [address]
    assert "supprimé" in mail.outbox[-1].subject


# Ten years from the closing day in France: 23:30 UTC is already the next day in Paris, and
# a 29 February closes on 28 February ten years on.
@pytest.mark.parametrize(
    ("closed_at", "purged_after"),
    [
        (datetime.datetime(2027, 11, 29, 23, 30, tzinfo=datetime.UTC), datetime.date(2037, 11, 30)),
        (datetime.datetime(2028, 2, 29, 12, 0, tzinfo=datetime.UTC), datetime.date(2038, 2, 28)),
    ],
)
@pytest.mark.policy("P7.8", "P5.2")
def test_a_retoucher_leaves_a_retention_record_for_ten_years_and_nothing_else(
    django_capture_on_commit_callbacks, time_machine, closed_at, purged_after
):
    time_machine.move_to(closed_at)
    user = make_retoucher()
    rows = _snapshot(user)
    files = [(storage, f) for record in registry.collect(user) for storage, f in record.files]
    acceptance = PolicyAcceptance.objects.get(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        record = services.account_erase(user=user)
    _assert_nothing_of(rows, retained_ok=True)
    assert (record.first_name, record.last_name) == (user.first_name, user.last_name)
    assert record.terms_accepted_at == acceptance.accepted_at
    assert record.purge_after == purged_after
    acceptance.refresh_from_db()
    assert acceptance.user_id is None and acceptance.purge_after == record.purge_after
    # photo and portfolio files are deleted from storage, the Wagtail image too
    assert files and not any(storage.exists(f) for storage, f in files)
    assert not get_image_model().objects.exists()


@pytest.mark.policy("P5.2")
def test_a_client_who_bought_keeps_a_retention_record(django_capture_on_commit_callbacks):
    buyer = make_client()
    bought = lambda user: user.pk == buyer.pk  # noqa: E731 - what orders will answer
    with (
        hooks.register_temporarily(HAS_PURCHASED, bought),
        django_capture_on_commit_callbacks(execute=True),
    ):
        record = services.account_erase(user=buyer)
    assert record.role == "buyer"
    assert RetentionRecord.objects.count() == 1


@pytest.mark.policy("P7.8")
def test_deletion_is_refused_with_reasons_while_an_order_is_open(client, reauthenticate):
    user = make_client()
    blocker = lambda u: ["Une commande est en cours."]  # noqa: E731 - what orders will answer
    with hooks.register_temporarily(DELETION_BLOCKERS, blocker):
        reauthenticate(client, user)
        page = client.get(reverse("privacy_delete"))
        response = client.post(reverse("privacy_delete"), {"confirm": "on"})
    assert "Une commande est en cours." in page.content.decode()
    assert response.status_code == 409
    assert user.__class__.objects.filter(pk=user.pk).exists()


@pytest.mark.policy("P7.8")
def test_deletion_without_reauthentication_changes_nothing(client):
    user = make_client()
    client.force_login(user)
    response = client.post(reverse("privacy_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert user.__class__.objects.filter(pk=user.pk).exists()


@pytest.mark.policy("P7.8")
def test_deletion_from_the_privacy_centre_logs_out_and_confirms(
    client, reauthenticate, django_capture_on_commit_callbacks
):
    user = make_client()
    reauthenticate(client, user)
    page = client.get(reverse("privacy_delete"))
    assert "Ce qui sera supprimé" in page.content.decode()
    assert "Rien d’autre" in page.content.decode()
    unconfirmed = client.post(reverse("privacy_delete"), {})
    assert "Cochez la case" in unconfirmed.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy_delete"), {"confirm": "on"})
    assert response["Location"] == reverse("account_deleted")
    assert not user.__class__.objects.filter(pk=user.pk).exists()
    assert client.get(reverse("privacy_centre")).status_code == 302  # logged out


@pytest.mark.policy("P7.9")
def test_reviews_stay_visible_as_written_by_a_deleted_user(django_capture_on_commit_callbacks):
    # Given a client's published review of a retoucher
    from orders.reviews.models import Review
    from orders.reviews.selectors import PublishedReviews
    from orders.reviews.services import review_create, review_publish

    author = make_client()
    retoucher = make_retoucher()
    review = review_create(
        author=author,
        subject=retoucher,
        kind=Review.Kind.PERSONALISED,
        rating=5,
        comment="Travail soigné, livré en avance.",
    )
    review_publish(review=review)
    # When the author deletes the account
    with django_capture_on_commit_callbacks(execute=True):
        services.account_erase(user=author)
    # Then the review is still shown, with its rating, as written by a deleted user
    review.refresh_from_db()
    assert review.author is None and review.status == Review.Status.PUBLISHED
    shown, _events = PublishedReviews().reviews_for(user_id=retoucher.pk, limit=10)
    assert [(r.author_name, r.rating, r.comment) for r in shown] == [
        ("Client vérifié", 5, "Travail soigné, livré en avance.")
    ]
    retoucher.provider_profile.refresh_from_db()
    assert retoucher.provider_profile.review_count == 1


@pytest.fixture
def admin_client(client, django_user_model):
    """A superuser with a second factor, logged in to the Wagtail admin."""
    admin = django_user_model.objects.create_superuser(
        email="admin@example.test", password="x-Secret-123"
    )
    totp_activate(admin)
    client.force_login(admin)
    return client


@pytest.mark.policy("P5.2", "P7.8")
def test_the_admin_user_delete_goes_through_the_erasure_service(
    admin_client, django_capture_on_commit_callbacks
):
    # Given a client who never bought and a retoucher, both with accepted terms
    client_user, retoucher = make_client(), make_retoucher()
    retoucher_names = (retoucher.first_name, retoucher.last_name)
    # When an administrator deletes both from Wagtail's user screens
    for user in (client_user, retoucher):
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(reverse("wagtailusers_users:delete", args=[user.pk]))
        assert response.status_code == 302
        assert not user.__class__.objects.filter(pk=user.pk).exists()
    # Then nothing of the client is kept: no record, no terms acceptance with their name
    assert not PolicyAcceptance.objects.filter(last_name=client_user.last_name).exists()
    # and the retoucher leaves the ten-year record the policy allows, and nothing else
    record = RetentionRecord.objects.get()
    assert (record.first_name, record.last_name) == retoucher_names
    acceptance = PolicyAcceptance.objects.get(last_name=retoucher.last_name)
    assert acceptance.user_id is None and acceptance.purge_after == record.purge_after
    # both were told, as when they delete the account themselves
    assert {tuple(m.to) for m in mail.outbox if "supprimé" in m.subject} == {
        (client_user.email,),
        (retoucher.email,),
    }


@pytest.mark.policy("P5.2", "P7.8")
def test_the_admin_bulk_user_delete_goes_through_the_erasure_service(
    admin_client, django_capture_on_commit_callbacks
):
    users = [make_client(), make_client()]
    url = reverse(
        "wagtail_bulk_action",
        args=(users[0]._meta.app_label, users[0]._meta.model_name, "delete"),
    )
    query = "&".join(f"id={user.pk}" for user in users)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"{url}?{query}")
    assert response.status_code == 302
    assert not users[0].__class__.objects.filter(pk__in=[u.pk for u in users]).exists()
    for user in users:
        assert not PolicyAcceptance.objects.filter(last_name=user.last_name).exists()
    assert len([m for m in mail.outbox if "supprimé" in m.subject]) == 2


@pytest.mark.policy("P7.8")
def test_the_admin_user_delete_is_refused_with_the_reason_while_an_order_is_open(
    admin_client,
):
    user = make_client()
    blocker = lambda u: ["Une commande est en cours."]  # noqa: E731 - what orders will answer
    with hooks.register_temporarily(DELETION_BLOCKERS, blocker):
        response = admin_client.post(
            reverse("wagtailusers_users:delete", args=[user.pk]), follow=True
        )
    assert user.__class__.objects.filter(pk=user.pk).exists()
    assert "Une commande est en cours." in response.content.decode()
