"""The server that browser tests drive: production-like (DEBUG off), seeded, on loopback.

tests/e2e/conftest.py starts it in its own process with a throw-away database and
mailbox folder, given by DATABASE_URL, VAR_DIR and E2E_MAIL_DIR.
"""

from .base import *  # noqa: F403
from .base import FIELD_ENCRYPTION_KEYS, FRAGMENT_CACHE, PRIVATE_STORAGE, VAR_DIR
from .env import derive_fernet_key, env

SECRET_KEY = "e2e-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SEED_DEMO_ALLOWED = True
SERVE_MEDIA = True
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
# Shared by the server's worker processes, as Redis is in production: a change one worker
# makes (a published version clearing the cached legal state) is seen by the others.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    },
    "template_fragments": FRAGMENT_CACHE,
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env("E2E_MAIL_DIR", "/tmp/retoucherie-e2e-mail")  # noqa: S108
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# No key configured: derive one from SECRET_KEY (not for production, which requires its own).
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [derive_fernet_key(SECRET_KEY)]
