"""SMS sending behind a pluggable backend (setting SMS_BACKEND), like Django's e-mail backends.

The console backend (default) prints; the locmem backend keeps messages in `outbox` for
tests. A provider's backend only needs a `send(to, text)` method.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class ConsoleSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        # The number is masked in logs: logs are not a place for personal data.
        logger.info("SMS to %s…%s: %s", to[:4], to[-2:], text)


class LocmemSmsBackend:
    outbox: list[dict] = []

    def send(self, *, to: str, text: str) -> None:
        LocmemSmsBackend.outbox.append({"to": to, "text": text})


def get_sms_backend():
    return import_string(settings.SMS_BACKEND)()
