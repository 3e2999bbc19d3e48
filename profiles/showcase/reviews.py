"""Where the showcase gets its reviews from, without importing orders (ARCHITECTURE.md).

Reviews live in `orders`, which may import `profiles` but not the reverse: `orders` fills
the hook SHOWCASE_REVIEWS (profiles/extension_points.py), and the showcase asks it for the
reviews to show. Only the public fields of a review cross this line.
"""

import datetime
from dataclasses import dataclass

from wagtail import hooks

from profiles.extension_points import SHOWCASE_REVIEWS


@dataclass(frozen=True)
class PublicReview:
    author_name: str  # "Prénom N." or "Client vérifié"
    rating: int
    comment: str
    published_at: datetime.datetime


@dataclass(frozen=True)
class PublicEvent:
    label: str  # e.g. "Projet validé dans les délais"
    count: int
    last_at: datetime.datetime


def reviews_for(*, user_id: int, limit: int) -> tuple[list[PublicReview], list[PublicEvent]]:
    """Latest personalised reviews (newest first) and the automatic events' tally."""
    reviews: list[PublicReview] = []
    events: list[PublicEvent] = []
    for source in hooks.get_hooks(SHOWCASE_REVIEWS):
        more_reviews, more_events = source(user_id=user_id, limit=limit)
        reviews += more_reviews
        events += more_events
    reviews.sort(key=lambda review: review.published_at, reverse=True)
    return reviews[:limit], events
