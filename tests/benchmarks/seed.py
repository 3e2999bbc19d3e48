"""Seed the benchmark database: the demo site, then BENCH_RETOUCHERS published showcases;
then log a demo client in and write its session cookie and account page address to
BENCH_SESSION_FILE, for the logged-in scenarios."""

import io
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from orders.demo import demo_reviews_create  # noqa: E402
from profiles.showcase_demo import directory_ensure, showcase_demo_create  # noqa: E402

settings.SHOWCASE_DEMO_COUNT = 0  # the loop below makes them, lighter (2 images, no English)
call_command("seed_demo", stdout=io.StringIO())
directory = directory_ensure()
count = int(os.environ.get("BENCH_RETOUCHERS", "200"))
for n in range(1, count + 1):
    with transaction.atomic():
        showcase_demo_create(n, directory=directory, translate=False, images=2)
        demo_reviews_create(n)
    if n % 50 == 0:
        print(f"  {n} retouchers", flush=True)

if os.environ.get("BENCH_SESSION_FILE"):
    from django.contrib.auth import get_user_model  # noqa: E402
    from django.test import Client  # noqa: E402
    from django.urls import reverse  # noqa: E402
    from django.utils import translation  # noqa: E402

    client = Client()
    client.force_login(get_user_model().objects.get(email="client@retoucherie.test"))
    with translation.override("fr"):
        account_url = reverse("account_overview")
    session = {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
        "account_url": account_url,
    }
    Path(os.environ["BENCH_SESSION_FILE"]).write_text(json.dumps(session))
