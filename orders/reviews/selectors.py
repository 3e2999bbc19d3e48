from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from orders.reviews.models import Review
from profiles.showcase import sql
from profiles.showcase.reviews import PublicEvent, PublicReview


class PublishedReviews:
    """The review source of the public showcase (registered in profiles.showcase.reviews)."""

    def reviews_for(self, *, user_id: int, limit: int):
        """The latest personalised reviews and the tally of automatic ones, in one query.

        Rows are numbered within each (kind, event) group, newest first: the first `limit`
        personalised rows are shown, and the first row of each automatic event carries the
        event's count. Written in SQL (window functions: SQLite ≥ 3.25 and PostgreSQL) because
        the ORM spent longer compiling the equivalent query than the database running it, and
        read as plain rows (profiles.showcase.sql): building model instances cost as much again.
        """
        query = f"""
            SELECT r.id, r.kind, r.event, r.rating, r.comment, r.published_at,
                   r.position, r.group_size, u.first_name AS author_first_name,
                   u.last_name AS author_last_name
            FROM (
                SELECT id, kind, event, rating, comment, published_at, author_id,
                       ROW_NUMBER() OVER (
                           PARTITION BY kind, event ORDER BY published_at DESC, id
                       ) AS position,
                       COUNT(*) OVER (PARTITION BY kind, event) AS group_size
                FROM {sql.table(Review)}
                WHERE subject_id = %s AND status = %s
            ) r
            LEFT JOIN {sql.table(get_user_model())} u ON u.id = r.author_id
            WHERE r.position <= %s
            ORDER BY r.kind, r.event, r.position
        """  # noqa: S608 - table names come from model metadata, values are parameters
        rows = sql.rows(query, [user_id, Review.Status.PUBLISHED, limit])
        labels = dict(Review.Event.choices)
        reviews, events = [], []
        for _id, kind, event, rating, comment, published_at, position, size, first, last in rows:
            if kind == Review.Kind.PERSONALISED:
                reviews.append(
                    PublicReview(
                        author_name=_public_name(first, last),
                        rating=rating,
                        comment=comment,
                        published_at=sql.moment(published_at),
                    )
                )
            elif position == 1 and event:
                events.append(
                    PublicEvent(
                        label=str(labels.get(event, event)),
                        count=size,
                        last_at=sql.moment(published_at),
                    )
                )
        return reviews, events


def _public_name(first_name: str | None, last_name: str | None) -> str:
    """Same rule as User.public_name; "Client vérifié" once the author's account is gone."""
    if not first_name:
        return gettext("Client vérifié")
    initial = f" {last_name[:1].upper()}." if last_name else ""
    return f"{first_name}{initial}"
