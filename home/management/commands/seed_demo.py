from importlib import import_module, util

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app that has demo content provides `<app>.demo.seed(stdout)`; they run in this order,
# which follows the import arrows (home first: it creates the locales and the home page).
APPS_IN_ORDER = ["home", "legal", "profiles", "orders"]


class Command(BaseCommand):
    help = "Create the demo content and accounts (idempotent: safe to run on every start)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not getattr(settings, "SEED_DEMO_ALLOWED", False):
            raise CommandError("seed_demo creates accounts with public passwords: dev only.")
        for app in APPS_IN_ORDER:
            if util.find_spec(f"{app}.demo") is None:
                continue
            with transaction.atomic():
                import_module(f"{app}.demo").seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
