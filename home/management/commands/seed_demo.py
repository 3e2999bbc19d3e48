from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each module provides `seed(stdout)`, idempotent. They run in this order, which follows
# the import arrows (home first: it creates the locales and the home page).
SEEDERS = [
    "home.demo",
    "legal.demo",
    "legal.consent.demo",
    "profiles.privacy.demo",
    "profiles.showcase_demo",
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
