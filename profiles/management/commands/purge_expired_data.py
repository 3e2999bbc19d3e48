from django.core.management.base import BaseCommand

from profiles.privacy.retention import purge_expired_data


class Command(BaseCommand):
    help = "Delete personal data past its retention period (policy §5) and print what went."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only print what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        lines = purge_expired_data(dry_run=dry_run)
        for line in lines:
            self.stdout.write(line)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(self.style.SUCCESS(f"{len(lines)} item(s) {verb}."))
