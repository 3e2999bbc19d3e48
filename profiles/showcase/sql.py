"""The few public-page reads written in SQL, where the ORM took longer to compile a query
than the database took to run it, on every uncached visit (measured: ten times longer for
the portfolio, five for the skills and the page translations). Table and column names come
from the models; values are always parameters. The reviews (orders.selectors) are read the
same way.
"""

from django.db import connection


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def table(model) -> str:
    return quote(model._meta.db_table)


def rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
