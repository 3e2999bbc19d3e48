from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from orders.models import Review
from profiles.showcase.reviews import PublicEvent, PublicReview


class PublishedReviews:
    """The review source of the public showcase (registered in profiles.showcase.reviews)."""

    def reviews_for(self, *, user_id: int, limit: int):
        """The latest personalised reviews and the tally of automatic ones, in one query.

        Rows are numbered within each (kind, event) group, newest first: the first `limit`
        personalised rows are shown, and the first row of each automatic event carries the
        event's count. Written in SQL (window functions: SQLite ≥ 3.25 and PostgreSQL) because
        the ORM spent longer compiling the equivalent query than the database running it.
        """
        user_table = get_user_model()._meta.db_table
        sql = f"""
            SELECT r.id, r.kind, r.event, r.rating, r.comment, r.published_at,
                   r.position, r.group_size, u.first_name AS author_first_name,
                   u.last_name AS author_last_name
            FROM (
                SELECT id, kind, event, rating, comment, published_at, author_id,
                       ROW_NUMBER() OVER (
                           PARTITION BY kind, event ORDER BY published_at DESC, id
                       ) AS position,
                       COUNT(*) OVER (PARTITION BY kind, event) AS group_size
                FROM {Review._meta.db_table}
                WHERE subject_id = %s AND status = %s
            ) r
            LEFT JOIN {user_table} u ON u.id = r.author_id
            WHERE r.position <= %s
            ORDER BY r.kind, r.event, r.position
        """  # noqa: S608 - table names come from model metadata, values are parameters
        rows = Review.objects.raw(sql, [user_id, Review.Status.PUBLISHED, limit])
        labels = dict(Review.Event.choices)
        reviews, events = [], []
        for row in rows:
            if row.kind == Review.Kind.PERSONALISED:
                reviews.append(
                    PublicReview(
                        author_name=_public_name(row.author_first_name, row.author_last_name),
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
                        last_at=row.published_at,
                    )
                )
        return reviews, events


def _public_name(first_name: str | None, last_name: str | None) -> str:
    """Same rule as User.public_name; "Client vérifié" once the author's account is gone."""
    if not first_name:
        return gettext("Client vérifié")
    initial = f" {last_name[:1].upper()}." if last_name else ""
    return f"{first_name}{initial}"
