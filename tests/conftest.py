import io
import os
from importlib import import_module

import pytest
from django.core.cache import cache

from home.management.commands.seed_demo import SEEDERS


def pytest_report_header(config):
    database = os.environ.get("DATABASE_URL", "sqlite (in memory)")
    return [
        f"database: {database.split('@')[-1]}",
        f"redis: {'yes' if os.environ.get('REDIS_URL') else 'no (tests that need it skip)'}",
    ]


@pytest.fixture
def demo_site(db, django_capture_on_commit_callbacks):
    """The demo content of `make run`: home pages in French and English, settings, accounts."""
    # wagtail-localize publishes translations on commit, which a test transaction never
    # reaches. `seed_demo` commits after each seeder, and a seeder may build on what the
    # previous one published (the legal pages sit under the English home page), so each
    # seeder's callbacks run before the next seeder starts, as they would in `seed_demo`.
    for module in SEEDERS:
        with django_capture_on_commit_callbacks(execute=True):
            import_module(module).seed(io.StringIO())
    cache.clear()  # nothing cached half-way through seeding survives
