from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from orders.reviews.models import Review, review_author_name
from profiles.showcase.reviews import PublicEvent, PublicReview


class PublishedReviews:
    """The review source of the public showcase (registered in profiles.showcase.reviews)."""

    def reviews_for(self, *, user_id: int, limit: int):
        """The latest personalised reviews and the tally of automatic ones, in one query.

        Rows are numbered within each (kind, event) group, newest first: the first `limit`
        personalised rows are shown, and the first row of each automatic event carries the
        event's count. Read as plain values: the showcase keeps what it renders of them as a
        fragment, so this runs once per change to a retoucher's public data, not per visit.
        """
        group = [F("kind"), F("event")]
        rows = (
            Review.objects.filter(subject_id=user_id, status=Review.Status.PUBLISHED)
            .annotate(
                position=Window(
                    RowNumber(), partition_by=group, order_by=[F("published_at").desc(), F("id")]
                ),
                group_size=Window(Count("id"), partition_by=group),
            )
            .filter(position__lte=limit)
            .order_by("kind", "event", "position")
            .values_list(
                "kind",
                "event",
                "rating",
                "comment",
                "published_at",
                "position",
                "group_size",
                "author__first_name",
                "author__last_name",
            )
        )
        labels = dict(Review.Event.choices)
        reviews, events = [], []
        for kind, event, rating, comment, published_at, position, size, first, last in rows:
            if kind == Review.Kind.PERSONALISED:
                reviews.append(
                    PublicReview(
                        author_name=review_author_name(first, last),
                        rating=rating,
                        comment=comment,
                        published_at=published_at,
                    )
                )
            elif position == 1 and event:
                events.append(
                    PublicEvent(
                        label=str(labels.get(event, event)), count=size, last_at=published_at
                    )
                )
        return reviews, events
