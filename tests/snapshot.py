"""Copy the whole test database (and the in-memory media) aside, and put it back in a test.

Seeding the demo site takes seconds (pages, revisions, translations, images, renditions);
about half the suite needs it. Each pytest worker seeds it once, keeps a copy of every
table, and puts the copy back inside the transaction of each test that asks for the demo
site: the test's rollback then returns the database to its migrated state for the next one.
A copy is rows, not a recipe, so a test sees exactly what `manage.py seed_demo` leaves.

Foreign keys are deferred while the tables are emptied and refilled (Django declares them
DEFERRABLE on PostgreSQL and SQLite alike); PostgreSQL tables are copied with COPY, so every
column type comes back byte for byte. Table and column names come from the database's own
catalogue (quoted), never from input: hence the S608 exemptions.
"""

import copy
import io
from dataclasses import dataclass

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection

# Django's own bookkeeping of applied migrations is not content.
SKIPPED_TABLES = {"django_migrations"}


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    tables = [name for name in names if name not in SKIPPED_TABLES]
    if connection.vendor == "sqlite":
        tables.append("sqlite_sequence")  # AUTOINCREMENT counters, transactional in SQLite
    return tables


@dataclass
class DatabaseSnapshot:
    vendor: str
    tables: dict[str, object]
    media: object | None

    @classmethod
    def take(cls) -> "DatabaseSnapshot":
        tables = {}
        with connection.cursor() as cursor:
            for table in _tables():
                if connection.vendor == "postgresql":
                    buffer = io.BytesIO()
                    with cursor.cursor.copy(
                        f"COPY {connection.ops.quote_name(table)} TO STDOUT"
                    ) as out:
                        for chunk in out:
                            buffer.write(chunk)
                    tables[table] = buffer.getvalue()
                else:
                    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                    columns = [column[0] for column in cursor.description]
                    tables[table] = (columns, cursor.fetchall())
        root = getattr(default_storage, "_root", None)  # InMemoryStorage (test settings)
        return cls(vendor=connection.vendor, tables=tables, media=copy.deepcopy(root))

    def restore(self) -> None:
        """Make the database hold exactly the copy (inside the caller's transaction)."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in self.tables)}")
                for table, data in self.tables.items():
                    if data:
                        with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as into:
                            into.write(data)
                models = apps.get_models(include_auto_created=True)
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
            else:
                cursor.execute("PRAGMA defer_foreign_keys = ON")
                for table, (columns, rows) in self.tables.items():
                    cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
                    if rows:
                        names = ", ".join(quote(c) for c in columns)
                        marks = ", ".join(["%s"] * len(columns))
                        cursor.executemany(
                            f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                            rows,
                        )
        if self.media is not None:
            default_storage._root = copy.deepcopy(self.media)
