"""Cache invalidation only: a review shown on a showcase changed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from orders.reviews.models import Review
from profiles.showcase.cache import showcase_cache_invalidate


@receiver(post_save, sender=Review, dispatch_uid="review_saved")
@receiver(post_delete, sender=Review, dispatch_uid="review_deleted")
def forget_showcase_pages(sender, instance, **kwargs):
    showcase_cache_invalidate()
