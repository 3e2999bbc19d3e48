"""The demo retouchers' reviews are seeded by orders, after profiles made the retouchers."""

import io

from django.core.management import call_command

from orders.reviews.models import Review
from profiles.models import ProviderProfile
from profiles.showcase_demo import PROVIDER_EMAIL


def test_the_demo_retouchers_have_published_reviews_and_a_rating(
    demo_site, django_capture_on_commit_callbacks
):
    # Given the seeded demo site, retoucher number 3 (3 reviews by clients, 1 automatic)
    provider = ProviderProfile.objects.get(user__email=PROVIDER_EMAIL.format(n=3))
    reviews = Review.objects.filter(subject=provider.user, status=Review.Status.PUBLISHED)
    assert reviews.filter(kind=Review.Kind.PERSONALISED).count() == 3
    assert reviews.filter(kind=Review.Kind.AUTOMATIC).count() == 1
    # Then the showcase shows a rating and the number of reviews
    assert provider.review_count == 3
    assert provider.rating_average
    # And seeding again adds none
    before = Review.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert Review.objects.count() == before
