from wagtail import hooks

from orders import privacy
from orders.reviews.admin_views import ReviewViewSet
from orders.reviews.selectors import PublishedReviews
from profiles.extension_points import (
    DELETION_BLOCKERS,
    HAS_PURCHASED,
    PERSONAL_DATA_DECLARATIONS,
    SHOWCASE_REVIEWS,
)


@hooks.register("register_admin_viewset")
def register_review_viewset():
    return ReviewViewSet("reviews")


# What profiles asks of orders without importing it (profiles/extension_points.py).
hooks.register(PERSONAL_DATA_DECLARATIONS, privacy.declare)
hooks.register(DELETION_BLOCKERS, privacy.deletion_blockers)
hooks.register(HAS_PURCHASED, privacy.has_purchased)
hooks.register(SHOWCASE_REVIEWS, PublishedReviews().reviews_for)
