from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app's demo module provides `seed(stdout)`, idempotent, and seeds only its own data
# with its own and lower apps' code (the layers of README.md). home runs them, from the top
# of the page tree down: home first (the locales and the home page every page hangs under),
# then each app from the bottom layer up, as each one's data needs the layer below.
SEEDERS = [
    "home.demo",
    "legal.demo",
    "legal.consent.demo",
    "profiles.privacy.demo",
    "profiles.showcase_demo",
    # The header menu links to the directory, once it exists.
    "home.navigation_demo",
    # The demo retouchers' reviews, once the retouchers exist.
    "orders.demo",
    # Keep last: it gives every staff demo account created before it the demo TOTP secret.
    "profiles.demo",
]


class Command(BaseCommand):
    help = "Create the demo content and accounts (idempotent: safe to run on every start)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not getattr(settings, "SEED_DEMO_ALLOWED", False):
            raise CommandError("seed_demo creates accounts with public passwords: dev only.")
        for module in SEEDERS:
            with transaction.atomic():
                import_module(module).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
