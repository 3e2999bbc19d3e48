"""`make bench`: production-like (DEBUG off, gunicorn, whitenoise) on loopback, with a
10 KB constant view as the baseline (config/bench_urls.py). Not for serving real users."""

from .base import *  # noqa: F403
from .base import DATABASES, FIELD_ENCRYPTION_KEYS, FRAGMENT_CACHE, PRIVATE_STORAGE, REDIS_URL
from .env import derive_fernet_key, env

SECRET_KEY = "bench-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "config.bench_urls"
SEED_DEMO_ALLOWED = True
SERVE_MEDIA = True
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
# Redis when REDIS_URL is set (shared by both workers, as in production), else local memory.
if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "template_fragments": FRAGMENT_CACHE,
    }
# Persistent connections, as in production (base.py turns them off for SQLite only because
# the threaded dev server would leave one open per thread; gunicorn's sync workers have one).
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "60"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # seeding speed only
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # served from the apps' folders: nothing is collected for a bench run
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "ERROR")},
}
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [derive_fernet_key(SECRET_KEY)]
