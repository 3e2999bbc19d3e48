"""pytest: SQLite in memory unless DATABASE_URL is set, eager Celery, local-memory e-mail."""

from .base import *  # noqa: F403
from .base import CACHES, FIELD_ENCRYPTION_KEYS, REDIS_URL, TEMPLATES
from .env import derive_fernet_key

SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
# Tasks run in the test process; the real-worker test in tests/test_celery_worker.py
# talks to Redis on its own.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Each test starts with an empty cache even when Redis is configured.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TEMPLATES[0]["OPTIONS"]["debug"] = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "profiles.private_files.PrivateInMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SEED_DEMO_ALLOWED = True
# `seed_demo` in tests makes 3 demo retouchers, not 24 (each costs images and renditions);
# the showcase leak test seeds all of them.
SHOWCASE_DEMO_COUNT = 3

# No key configured: derive one from SECRET_KEY (not for production, which requires its own).
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [derive_fernet_key(SECRET_KEY)]
