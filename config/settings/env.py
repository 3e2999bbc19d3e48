"""Reading settings from the environment, the only place they come from."""

import base64
import hashlib
import os

from django.core.exceptions import ImproperlyConfigured


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required by the production settings."
        )
    return value


def derive_fernet_key(secret: str) -> str:
    """A Fernet key derived from another secret: for development and tests only."""
    digest = hashlib.sha256(f"field-encryption:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")
