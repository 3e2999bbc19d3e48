"""The consent cookie: a random consent id, the services accepted and the registry version.

It is signed (with a timestamp) so that a choice is only ever one the server recorded, and it
is re-validated against the registry on every read: anything odd counts as no choice at all.
"""

import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings

from legal.models import MAX_COOKIE_LIFETIME_DAYS

SALT = "legal.consent"
MAX_COOKIE_VALUE_LENGTH = 600
_VALUE = re.compile(r"^(?P<id>[0-9a-f]{32})~(?P<version>\d{1,9})~(?P<granted>[a-z0-9_.]{0,400})$")


@dataclass(frozen=True)
class Consent:
    consent_id: uuid.UUID
    registry_version: int
    granted: frozenset[str] = field(default_factory=frozenset)
    # True when no cookie was sent and the logged-in user's latest choice was applied.
    from_account: bool = False

    def allows(self, service_key: str) -> bool:
        return service_key in self.granted


def cookie_name() -> str:
    return settings.CONSENT_COOKIE_NAME


def cookie_age_seconds() -> int:
    """The consent cookie's lifetime: the setting, never more than 13 months."""
    return min(int(settings.CONSENT_COOKIE_AGE), MAX_COOKIE_LIFETIME_DAYS * 24 * 3600)


def encode(consent: Consent) -> str:
    granted = ".".join(sorted(consent.granted))
    return f"{consent.consent_id.hex}~{consent.registry_version}~{granted}"


def decode(
    value: str | None, *, registry_version: int, optional_keys: frozenset[str]
) -> Consent | None:
    """A valid consent, or None for a missing, malformed, outdated or forged value."""
    if not value:
        return None
    match = _VALUE.match(value)
    if not match:
        return None
    if int(match["version"]) != registry_version:
        # Older: the registry changed since, ask again. Newer: it cannot come from us.
        return None
    granted = frozenset(filter(None, match["granted"].split(".")))
    if not granted <= optional_keys:
        return None
    return Consent(
        consent_id=uuid.UUID(hex=match["id"]),
        registry_version=registry_version,
        granted=granted,
    )


def read(request, *, registry_version: int, optional_keys: frozenset[str]) -> Consent | None:
    raw = request.COOKIES.get(cookie_name())
    if raw is None or len(raw) > MAX_COOKIE_VALUE_LENGTH:
        return None
    # A bad or expired signature gives None, like no cookie.
    value = request.get_signed_cookie(
        cookie_name(), default=None, salt=SALT, max_age=cookie_age_seconds()
    )
    return decode(value, registry_version=registry_version, optional_keys=optional_keys)


def write(response, consent: Consent) -> None:
    response.set_signed_cookie(
        cookie_name(),
        encode(consent),
        salt=SALT,
        max_age=cookie_age_seconds(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def delete(response) -> None:
    response.delete_cookie(cookie_name(), samesite="Lax")
