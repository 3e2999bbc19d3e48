"""Settings shared by every environment. No secret and no insecure default lives here."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

from .env import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "legal",
    "profiles",
    "orders",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_countries",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "config.middleware.PrivateResponsesMiddleware",
    "config.middleware.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves cached directory and showcase pages to anonymous visitors before any query.
    "profiles.showcase.cache.AnonymousPageCacheMiddleware",
    # Wagtail's site lookup for the request, from the cache instead of a query.
    "home.middleware.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "legal.middleware.TermsAcceptanceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "legal.middleware.ConsentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "profiles.middleware.AdminAccessRefusalMiddleware",
    "profiles.middleware.StaffMFARequiredMiddleware",
    "profiles.middleware.AdminLanguageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite on the local disk unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a task writes; IMMEDIATE avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every web process), local memory otherwise.
# Template fragments ({% cache %}) stay in each process's memory: their keys carry stamps read
# from the shared cache (profiles.showcase.cache), so a copy is never stale and a read costs
# no round trip. Every CACHES of the other settings modules keeps this entry.
FRAGMENT_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "retoucherie",
        },
        "template_fragments": FRAGMENT_CACHE,
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "template_fragments": FRAGMENT_CACHE,
    }

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Fernet keys for bank details and identity documents (profiles.encryption): the first
# encrypts, all decrypt. Development and tests derive one; production requires them.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")

AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# allauth: e-mail is the login, verified before the account can act.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "profiles.adapters.AccountAdapter"
# E-mail, password, MFA and bank-detail changes need a log-in less than 5 minutes old.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Counted in the shared cache (Redis in production), so every web process sees them.
# "login_failed": the sixth wrong password for an address within 5 minutes is refused.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# The real client behind our proxies, for allauth's rate limits and ours (legal.client_ip):
# TRUSTED_PROXY_COUNT proxies of ours append to X-Forwarded-For (1 behind the load balancer),
# or TRUSTED_CLIENT_IP_HEADER names the one header a trusted proxy sets (X-Real-IP,
# CF-Connecting-IP). Neither set: those headers are ignored, REMOTE_ADDR counts.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER") or None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Retoucherie] "
# Two-factor authentication: TOTP with recovery codes; required for staff and editors
# (profiles.middleware). Secrets are encrypted with FIELD_ENCRYPTION_KEYS (profiles.adapters).
MFA_ADAPTER = "profiles.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Retoucherie"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
WAGTAILADMIN_LOGIN_URL = "account_login"
# Account changes go through allauth only, which re-authenticates, verifies a new address and
# notifies the old one: Wagtail's own e-mail, password and reset forms do none of that, and its
# reset form is not rate-limited. The admin's account page links to allauth's pages instead
# (profiles.wagtail_hooks).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 395  # 13 months, the CNIL's cap for cookies

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_JOBS = {"BACKEND": "config.task_backends.CeleryJobBackend"}
WAGTAIL_SITE_NAME = "Retoucherie"
# The public address: every absolute link (e-mails, canonical, hreflang, JSON-LD, sitemap).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# The admin speaks French or English, as each staff member chose, never the browser's pick.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Wagtail's own background jobs (reference index, file deletion, renditions) go to Celery too.
TASKS = {"default": {"BACKEND": "config.task_backends.CeleryTaskBackend"}}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Files that are not public (exports, clients' photos, documents) live outside MEDIA_ROOT, so
# that SERVE_MEDIA never reaches them; views that check the owner stream them
# (profiles/private_files.py).
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
PRIVATE_STORAGE = {
    "BACKEND": "profiles.private_files.PrivateFileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "directory_permissions_mode": 0o700},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Retoucherie <bonjour@retoucherie.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: JSON only, a task is acknowledged after it ran, so a lost worker means a retry.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TIMEZONE = TIME_ZONE
# Periodic work; each app adds its entries here as it grows.
CELERY_BEAT_SCHEDULE: dict = {
    "legal-purge-consent-records": {
        "task": "legal.tasks.purge_consent_records",
        "schedule": crontab(hour=3, minute=20),
    },
}

# Content Security Policy with per-request nonces; /admin/ has its own in config.middleware.
# Google Analytics 4 is the only third party, and it runs only after the visitor consented to
# audience measurement (legal consent gating: nothing is requested before). Its hosts are
# therefore not in the site's policy: config.middleware.SiteCSPMiddleware adds exactly what
# gtag.js needs, per Google's CSP guide, to responses for a visitor who consented: the script
# from www.googletagmanager.com (script-src, a known CSP bypass host otherwise open to every
# injected script), its hits sent by fetch/sendBeacon to the regional *.google-analytics.com /
# *.analytics.google.com collectors (connect-src), and its fallback image pixel (img-src).
# No 'unsafe-inline': our own GA bootstrap is static/js/analytics.js.
GOOGLE_ANALYTICS_CSP = {
    "script-src": ["https://www.googletagmanager.com"],
    "connect-src": [
        "https://*.google-analytics.com",
        "https://*.analytics.google.com",
        "https://*.googletagmanager.com",
    ],
    "img-src": ["https://*.google-analytics.com", "https://*.googletagmanager.com"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

# Cookies (policy: "13 mois" at most, the CNIL's cap). Every cookie the site sets is declared in
# the cookie registry (legal.CookieService); none lives longer than 13 months.
COOKIE_MAX_AGE = 60 * 60 * 24 * 395
CSRF_COOKIE_AGE = COOKIE_MAX_AGE
# Flash messages ride in the session: no separate "messages" cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# A POST without the CSRF cookie usually means cookies are blocked: say so (policy P8.5).
CSRF_FAILURE_VIEW = "legal.consent.views.csrf_failure"
CONSENT_COOKIE_NAME = env("CONSENT_COOKIE_NAME", "retoucherie_consent")
# How long a cookie choice lasts; capped at 13 months in legal.consent.cookie whatever is set.
CONSENT_COOKIE_AGE = min(int(env("CONSENT_COOKIE_AGE_DAYS", "395")), 395) * 24 * 3600
# Proofs of consent (legal.ConsentRecord) are purged after this many days (25 months).
CONSENT_RECORD_RETENTION_DAYS = int(env("CONSENT_RECORD_RETENTION_DAYS", "761"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Privacy centre (profiles.privacy): retention periods and marketing sending.
PRIVACY_EXPORT_DAYS = 7  # a data export can be downloaded for 7 days, then it is deleted
PRIVACY_RETENTION_YEARS = 10  # policy §5: retouchers' and buyers' legal records
PRIVACY_UNVERIFIED_ACCOUNT_DAYS = 30  # accounts never verified are deleted after this
PRIVACY_REQUEST_CLOSED_YEARS = 5  # closed rights requests kept as proof, then purged
PRIVACY_PUBLIC_FORM_RATE = (5, 3600)  # public rights-request form: 5 per hour per address
NEWSLETTER_BATCH_SIZE = int(env("NEWSLETTER_BATCH_SIZE", "200"))
SMS_BACKEND = env("SMS_BACKEND", "profiles.privacy.sms.ConsoleSmsBackend")
CELERY_BEAT_SCHEDULE["privacy-request-reminders"] = {
    "task": "profiles.privacy.tasks.remind_due_requests",
    "schedule": crontab(hour=7, minute=0),
}
CELERY_BEAT_SCHEDULE["privacy-retention-purge"] = {
    "task": "profiles.privacy.tasks.purge_expired_data",
    "schedule": crontab(hour=3, minute=30),
}
