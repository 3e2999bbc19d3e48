"""Local development: the embedded defaults that let `make run` work on a bare machine."""

import hashlib

from .base import *  # noqa: F403
from .base import BASE_DIR, FIELD_ENCRYPTION_KEYS, VAR_DIR, env, env_list
from .env import derive_fernet_key

DEBUG = True
SERVE_MEDIA = True
# Dev only: a fixed key so that sessions survive restarts. Production refuses to start without its own.
SECRET_KEY = env(
    "SECRET_KEY", "dev-only-insecure-key-" + hashlib.sha256(str(BASE_DIR).encode()).hexdigest()
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# The embedded SQLite database and the media live under var/ (git-ignored).
VAR_DIR.mkdir(parents=True, exist_ok=True)

# No key configured: derive one from SECRET_KEY (not for production, which requires its own).
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [derive_fernet_key(SECRET_KEY)]
