"""State changes of orders' models. Reviews for now; quotes, orders and payments follow."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone

from orders.reviews.models import Review
from profiles.models import ProviderProfile, User
from profiles.showcase.cache import showcase_cache_invalidate


@transaction.atomic
def review_create(
    *,
    author: User | None,
    subject: User,
    kind: str,
    rating: int | None = None,
    comment: str = "",
    event: str = "",
) -> Review:
    """Record a review, waiting for the moderation check (not shown until published)."""
    review = Review(
        author=author,
        subject=subject,
        kind=kind,
        rating=rating,
        comment=comment.strip(),
        event=event,
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def review_publish(*, review: Review, published_at=None) -> Review:
    """Show a checked review on its subject's page and refresh the subject's rating."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    review.status = Review.Status.PUBLISHED
    review.published_at = review.published_at or published_at or timezone.now()
    review.full_clean()
    review.save(update_fields=["status", "published_at"])
    provider_rating_refresh(user=review.subject)
    return review


@transaction.atomic
def review_remove(*, review: Review) -> Review:
    """Take a review down (kept, never shown) and refresh the subject's rating."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    review.status = Review.Status.REMOVED
    review.save(update_fields=["status"])
    provider_rating_refresh(user=review.subject)
    return review


@transaction.atomic
def provider_rating_refresh(*, user: User) -> ProviderProfile | None:
    """Recompute a retoucher's average and review count from published personalised reviews.

    It lives here rather than in profiles because profiles may not import orders (see
    ARCHITECTURE.md); automatic reviews never count.
    """
    profile = ProviderProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        return None
    totals = Review.objects.filter(
        subject=user, kind=Review.Kind.PERSONALISED, status=Review.Status.PUBLISHED
    ).aggregate(average=Avg("rating"), count=Count("pk"))
    average = totals["average"]
    profile.rating_average = (
        Decimal(str(average)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if average is not None
        else None
    )
    profile.review_count = totals["count"]
    profile.save(update_fields=["rating_average", "review_count", "updated_at"])
    showcase_cache_invalidate()
    return profile
