from django.core.management.base import BaseCommand

from profiles.services import field_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt bank details and MFA secrets with the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then remove the old keys."
    )

    def handle(self, *args, **options):
        count = field_keys_rotate()
        self.stdout.write(self.style.SUCCESS(f"{count} row(s) re-encrypted with the first key."))
