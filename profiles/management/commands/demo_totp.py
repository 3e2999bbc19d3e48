import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from profiles.demo import DEMO_TOTP_SECRET

TOTP_PERIOD = 30  # seconds, allauth's default (MFA_TOTP_PERIOD)


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo staff accounts (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp is for the demo accounts of a development site only.")
        period = getattr(settings, "MFA_TOTP_PERIOD", TOTP_PERIOD)
        counter = int(time.time()) // period
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
