from django.db.models import Count, F, Max, Window
from django.db.models.functions import RowNumber

from orders.models import Review
from profiles.showcase.reviews import PublicEvent, PublicReview


class PublishedReviews:
    """The review source of the public showcase (registered in profiles.showcase.reviews)."""

    def reviews_for(self, *, user_id: int, limit: int):
        """The latest personalised reviews and the tally of automatic ones, in one query.

        Rows are numbered within each (kind, event) group, newest first: the first `limit`
        personalised rows are shown, and one row per automatic event carries its count.
        """
        group = [F("kind"), F("event")]
        rows = (
            Review.objects.filter(subject_id=user_id, status=Review.Status.PUBLISHED)
            .annotate(
                position=Window(RowNumber(), partition_by=group, order_by=F("published_at").desc()),
                group_size=Window(Count("pk"), partition_by=group),
                group_last=Window(Max("published_at"), partition_by=group),
            )
            .filter(position__lte=limit)
            .select_related("author")
            .order_by("kind", "event", "position")
        )
        labels = dict(Review.Event.choices)
        reviews, events = [], []
        for row in rows:
            if row.kind == Review.Kind.PERSONALISED:
                reviews.append(
                    PublicReview(
                        author_name=row.author_public_name,
                        rating=row.rating,
                        comment=row.comment,
                        published_at=row.published_at,
                    )
                )
            elif row.position == 1 and row.event:
                events.append(
                    PublicEvent(
                        label=str(labels.get(row.event, row.event)),
                        count=row.group_size,
                        last_at=row.group_last,
                    )
                )
        return reviews, events
