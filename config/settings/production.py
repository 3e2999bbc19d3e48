"""Production: every secret from the environment, HTTPS everywhere, data in the EU."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, FRAGMENT_CACHE
from .env import env, env_bool, env_list, env_required

SECRET_KEY = env_required("SECRET_KEY")
env_required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
env_required("DATABASE_URL")
REDIS_URL = env_required("REDIS_URL")
env_required("FIELD_ENCRYPTION_KEYS")
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "retoucherie",
    },
    "template_fragments": FRAGMENT_CACHE,
}

# Directory search: PostgreSQL full-text search (the database backend in dev and tests).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "french"}
}

# HTTPS only (policy §6): redirect, HSTS for a year with subdomains, secure cookies.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
CONSENT_COOKIE_NAME = env("CONSENT_COOKIE_NAME", "__Host-retoucherie_consent")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [f"https://{h}" for h in ALLOWED_HOSTS]
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}

# Region names of EU locations at AWS, OVHcloud, Scaleway and Clever Cloud.
EU_REGION_PREFIXES = ("eu-", "gra", "sbg", "rbx", "de", "waw", "fr-par", "nl-ams", "pl-waw")

# Media in S3-compatible object storage located in the EU (policy §6: data stays in the Union).
AWS_STORAGE_BUCKET_NAME = env("S3_BUCKET")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_REGION_NAME = env("S3_REGION", "eu-west-3")
    if not AWS_S3_REGION_NAME.startswith(EU_REGION_PREFIXES):
        raise ImproperlyConfigured(
            f"S3_REGION={AWS_S3_REGION_NAME} is outside the European Union; "
            "the privacy policy (section 6) keeps personal data in the EU."
        )
    AWS_S3_ENDPOINT_URL = env("S3_ENDPOINT_URL")
    AWS_ACCESS_KEY_ID = env("S3_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env("S3_SECRET_ACCESS_KEY")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
    # Everything that is not public (exports, clients' photos, documents) goes to a bucket of
    # its own, with no public access: private objects, URLs presigned for a minute by a view
    # that checked the owner (profiles/private_files.py).
    S3_PRIVATE_BUCKET = env_required("S3_PRIVATE_BUCKET")
    if S3_PRIVATE_BUCKET == AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured(
            "S3_PRIVATE_BUCKET must differ from S3_BUCKET: the public media bucket is readable "
            "by anyone, the private one by nobody but the site."
        )
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": S3_PRIVATE_BUCKET,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": int(env("S3_PRIVATE_URL_SECONDS", "60")),
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
