import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from orders.reviews.models import Review
from orders.reviews.services import review_create, review_publish, review_remove
from tests.factories.showcase import showcase_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def retoucher(demo_site):
    return showcase_create(images=1).provider


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(
        email="auteur@example.test", first_name="Lucie", last_name="Garnier"
    )


@pytest.mark.policy("P2.6", "P2.15")
def test_publishing_and_removing_reviews_keeps_the_rating_true(retoucher, author):
    ratings = [5, 4, 4]
    reviews = [
        review_create(
            author=author, subject=retoucher.user, kind=Review.Kind.PERSONALISED, rating=r
        )
        for r in ratings
    ]
    retoucher.refresh_from_db()
    assert retoucher.review_count == 0  # pending reviews count for nothing
    for review in reviews:
        review_publish(review=review)
    retoucher.refresh_from_db()
    assert retoucher.review_count == 3 and str(retoucher.rating_average) == "4.33"
    review_remove(review=reviews[0])
    retoucher.refresh_from_db()
    assert retoucher.review_count == 2 and str(retoucher.rating_average) == "4.00"
    assert Review.objects.filter(pk=reviews[0].pk, status=Review.Status.REMOVED).exists()


@pytest.mark.policy("P2.6")
def test_an_automatic_review_has_no_rating_and_does_not_count(retoucher):
    review = review_create(
        author=None,
        subject=retoucher.user,
        kind=Review.Kind.AUTOMATIC,
        event=Review.Event.DELIVERED_ON_TIME,
    )
    review_publish(review=review)
    retoucher.refresh_from_db()
    assert retoucher.review_count == 0 and retoucher.rating_average is None
    with pytest.raises(ValidationError):
        review_create(author=None, subject=retoucher.user, kind=Review.Kind.AUTOMATIC, rating=5)


@pytest.mark.parametrize("rating", [None, 0, 6])
def test_a_personalised_review_needs_a_rating_from_1_to_5(retoucher, author, rating):
    with pytest.raises(ValidationError):
        review_create(
            author=author, subject=retoucher.user, kind=Review.Kind.PERSONALISED, rating=rating
        )


@pytest.mark.policy("P7.9")
def test_a_review_stays_when_its_author_deletes_the_account(retoucher, author):
    review = review_create(
        author=author, subject=retoucher.user, kind=Review.Kind.PERSONALISED, rating=5
    )
    review_publish(review=review)
    author.delete()
    review.refresh_from_db()
    with translation.override("fr"):
        assert review.author is None and review.author_public_name == "Client vérifié"
