"""System checks of the profiles app: run by `manage.py check` (CI's `check --deploy`),
`migrate` at each release and the development server, before any request."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, register

NEW_KEY_HINT = (
    "Generate one with: python -c "
    '"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


@register(Tags.security)
def field_encryption_keys_check(app_configs, **kwargs) -> list[Error]:
    """A malformed FIELD_ENCRYPTION_KEYS would otherwise pass every check and fail only at the
    first IBAN or MFA secret saved (profiles.encryption). The keys are never echoed."""
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", None) or []
    if not keys:
        return [
            Error(
                "FIELD_ENCRYPTION_KEYS is empty: bank details and MFA secrets cannot be stored.",
                hint=NEW_KEY_HINT,
                id="profiles.E001",
            )
        ]
    errors = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (TypeError, ValueError):
            errors.append(
                Error(
                    f"Key {position} of {len(keys)} in FIELD_ENCRYPTION_KEYS is not a Fernet key "
                    "(32 bytes in URL-safe base64, 44 characters).",
                    hint=NEW_KEY_HINT,
                    id="profiles.E002",
                )
            )
    return errors
