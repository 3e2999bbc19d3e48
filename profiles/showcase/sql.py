"""The few public-page reads written in SQL, where the ORM took longer to compile a query
than the database took to run it, on every uncached visit (measured: ten times longer for
the portfolio, five for the skills and the page translations; the reviews, in
orders.reviews.selectors, are read the same way). Table and column names come from the models;
values are always parameters.
"""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def table(model) -> str:
    return quote(model._meta.db_table)


def rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def moment(value) -> datetime.datetime:
    """A timestamp column as `rows` read it: PostgreSQL hands over an aware datetime, SQLite
    the text Django stored it as, in UTC."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)
