import io
import os

import pytest
from django.core.management import call_command


def pytest_report_header(config):
    database = os.environ.get("DATABASE_URL", "sqlite (in memory)")
    return [
        f"database: {database.split('@')[-1]}",
        f"redis: {'yes' if os.environ.get('REDIS_URL') else 'no (tests that need it skip)'}",
    ]


@pytest.fixture
def demo_site(db, django_capture_on_commit_callbacks):
    """The demo content of `make run`: home pages in French and English, settings, accounts."""
    # wagtail-localize publishes translations on commit, which a test transaction never reaches.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
