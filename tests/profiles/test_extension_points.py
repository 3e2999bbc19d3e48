"""The hooks of profiles/extension_points.py are filled wherever the code runs, and the
apps' own fills do what the privacy centre promises."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from profiles.privacy import services
from tests.factories.showcase import showcase_create

ROOT = Path(__file__).resolve().parents[2]

# What a Celery worker or a management command has: django.setup(), no URL or admin loaded.
FRESH_PROCESS = """
import json, django
django.setup()
from wagtail.hooks import get_hooks
from profiles import extension_points as points
from profiles.privacy.registry import registry
print(json.dumps({
    "declared": sorted(registry.declarations),
    "filled": {
        name: len(get_hooks(getattr(points, name)))
        for name in ("SHOWCASE_REVIEWS", "DELETION_BLOCKERS", "HAS_PURCHASED", "ON_ERASE")
    },
}))
"""


def test_a_process_that_only_set_django_up_sees_every_app_fill_the_hooks():
    # Given a new Python process that only runs django.setup(), as a Celery worker does
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", FRESH_PROCESS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    # Then the registry holds orders' declarations next to profiles' own
    assert {"orders.Review", "profiles.User"} <= set(seen["declared"])
    # And orders and profiles have filled their hooks
    assert seen["filled"] == {
        "SHOWCASE_REVIEWS": 1,
        "DELETION_BLOCKERS": 1,
        "HAS_PURCHASED": 1,
        "ON_ERASE": 1,
    }


@pytest.mark.policy("P7.4")
def test_restricting_processing_takes_the_showcase_off_line(
    client, demo_site, django_capture_on_commit_callbacks
):
    # Given a retoucher whose showcase anyone can see
    page = showcase_create()
    assert client.get(page.url).status_code == 200
    # When they restrict the processing of their data
    with django_capture_on_commit_callbacks(execute=True):
        services.processing_restrict(
            user=page.provider.user, reason="Je conteste l’exactitude de mes données."
        )
    # Then the showcase is gone for visitors
    assert client.get(page.url).status_code == 404
