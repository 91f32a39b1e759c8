"""Django settings, all from the environment (see kenes/env.py and docs/operations.md).

A bad value stops the program with one clear line (kenes.env.ConfigError).
"""

from __future__ import annotations

import os
import zoneinfo
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF

from kenes import env
from kenes.operations.logs import configuration as logging_configuration

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env.data_dir()

SECRET_KEY = env.secret_key(DATA_DIR)
DEBUG = env.envbool("KENES_DEBUG", "off")
ALLOWED_HOSTS = env.envlist("KENES_ALLOWED_HOSTS", "127.0.0.1,localhost", required=True)
CSRF_TRUSTED_ORIGINS = env.envlist("KENES_CSRF_TRUSTED_ORIGINS")
# Behind a reverse proxy that terminates TLS (docs/operations.md, "Behind a reverse proxy").
SECURE_PROXY = env.envbool("KENES_SECURE_PROXY", "off")
# Cookies travel over HTTPS only, unless debugging or serving the local demo over plain HTTP;
# always behind an HTTPS proxy, whatever KENES_SECURE_COOKIES says.
SECURE_COOKIES = env.envbool("KENES_SECURE_COOKIES", "off" if DEBUG else "on") or SECURE_PROXY

DATABASES = {"default": env.database(os.environ.get("KENES_DATABASE_URL"), DATA_DIR)}

INSTALLED_APPS = [
    "kenes.web.admin_site.KenesAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The public sitemap (/sitemap.xml) of the portal's pages and every public record.
    "django.contrib.sitemaps",
    "django_htmx",
    "simple_history",
    "axes",
    # Two-factor sign-in (kenes.accounts.two_factor): authenticator apps and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    # Ninja's own static files serve the API docs page offline (no CDN).
    "ninja",
    # Background work through Django's own task API; its database queue needs no broker.
    "django_tasks",
    "django_tasks_db",
    "kenes.core",
    "kenes.accounts",
    "kenes.directory",
    "kenes.inventory",
    "kenes.workplan",
    "kenes.indicators",
    "kenes.projects",
    "kenes.fund",
    "kenes.council",
    "kenes.documents",
    "kenes.search",
    "kenes.portal",
    "kenes.web",
]

MIDDLEWARE = [
    # First: a request id for every line logged while answering, even from the other middleware.
    "kenes.operations.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the rest, so the ETag is of the body as sent: 304 for an unchanged API answer or data file.
    "kenes.core.api_http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # Until it has, an account that needs it reaches only the two-factor pages and sign-out.
    "kenes.accounts.middleware.TwoFactorMiddleware",
    # Times on every page in the signed-in user's zone (anonymous visitors: TIME_ZONE).
    "kenes.accounts.middleware.UserTimeZoneMiddleware",
    # Before any view: NUL, broken UTF-8 and overlong filters get a translated 400 (the error page knows the user).
    "kenes.core.middleware.HostileInputMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns lockouts into responses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kenes.urls"
WSGI_APPLICATION = "kenes.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out users before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, the user's party read with the user (kenes.accounts.backends). Sessions made
    # before it (December 2026) named Django's own backend: those users sign in once more. Listing both
    # would keep them, at the price of every failed sign-in hashing the password twice.
    "kenes.accounts.backends.PartyModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:dashboard"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Searched before the apps, so our sign-in pages win over the admin's.
        "DIRS": [BASE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kenes.web.context_processors.navigation",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Interface languages: en and ru complete, kk and uz catalogues present.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("uz", "Oʻzbekcha"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True
# Zone rules from the pinned tzdata package, never the machine's: an older system database still
# puts Astana at UTC+6 (Kazakhstan moved to UTC+5 on 1 March 2024) and every meeting an hour off.
# Set here, before any zone is read, so the whole process agrees with what CI tested.
zoneinfo.reset_tzpath(to=[])

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# WhiteNoise serves straight from the apps' static folders: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every form in every app renders one way: labels above fields, errors under them, empty choices in words.
FORM_RENDERER = "kenes.web.forms.KenesFormRenderer"
# A failed CSRF check gets a page that says the form expired, in the reader's language.
CSRF_FAILURE_VIEW = "kenes.web.views.csrf_failure"

# Security headers; HSTS and the HTTPS redirect once KENES_SECURE_PROXY says the site is behind HTTPS.
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if SECURE_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Browsers are told to come back over HTTPS only, and a plain-HTTP request is sent there; the probes
    # stay reachable over plain HTTP, as load balancers call them on the private side.
    SECURE_HSTS_SECONDS = env.envint("KENES_HSTS_SECONDS", "31536000")
    # Off unless asked: it binds every subdomain of the site's, which the council may not all control.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.envbool("KENES_HSTS_INCLUDE_SUBDOMAINS", "off")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Failed-login throttling: lock the username from that address after N failures.
AXES_FAILURE_LIMIT = env.envint("KENES_LOGIN_ATTEMPTS", "5", minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.envint("KENES_LOGIN_COOLOFF_MINUTES", "15", minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Security events (kenes.accounts.audit) older than this are purged.
KENES_AUDIT_RETENTION_DAYS = env.envint("KENES_AUDIT_RETENTION_DAYS", "365", minimum=1)
# Two-factor sign-in is required of secretariat accounts (others may choose it); `kenes demo` turns it off.
KENES_REQUIRE_2FA = env.envbool("KENES_REQUIRE_2FA", "on")
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = "Kenes"
# API tokens last at most this many days (90 by default when that is allowed).
KENES_TOKEN_MAX_DAYS = env.envint("KENES_TOKEN_MAX_DAYS", "365", minimum=1)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
if SECURE_PROXY:
    # Behind one reverse proxy every request comes from it: count failures per real client.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Prometheus metrics at /metrics (kenes.operations.metrics): off unless asked for; loopback only, or with the token.
KENES_METRICS = env.envbool("KENES_METRICS", "off")
KENES_METRICS_TOKEN = os.environ.get("KENES_METRICS_TOKEN", "").strip()
if KENES_METRICS:
    # Right after the request id: it times everything the other middleware does too.
    MIDDLEWARE.insert(1, "kenes.operations.metrics.MetricsMiddleware")

# Text for a person at a console, JSON (one object per line) for a log collector; both carry the request id.
LOG_FORMAT = env.envchoice("KENES_LOG_FORMAT", "text", ("text", "json"))
LOGGING = logging_configuration(LOG_FORMAT)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Background work: the database queue by default (one machine needs nothing more); RQ on Redis
# when KENES_REDIS_URL is set, so workers on many machines share the document flow.
REDIS_URL = os.environ.get("KENES_REDIS_URL", "").strip()
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Anonymous API callers' budget per address (kenes.core.api_http). Its counts are shared by every
# process only in Redis; in memory each gunicorn worker counts apart (docs/operations.md).
KENES_API_ANON_RATE = env.envrate("KENES_API_ANON_RATE", "60/minute")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "rate_limit": ({"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                    "KEY_PREFIX": "kenes"} if REDIS_URL
                   else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-limit"}),
    # Signed-in readers' pages kept until the data changes (kenes.core.pagecache), in each process's memory:
    # at most 300 answers of at most 256 KB (pagecache.LARGEST_KEPT), so 75 MB per worker at the very most;
    # pages are 10–100 KB, API pages 30–120 KB.
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
              "OPTIONS": {"MAX_ENTRIES": 300}},
}
# How long a kept page may be answered at most (0: never kept); a change to the data ends it at once.
KENES_PAGE_CACHE_SECONDS = env.envint("KENES_PAGE_CACHE_SECONDS", "60", minimum=0)
# Whether a kept answer says so (X-Kenes-Kept): off, since it tells a reader that nothing was written anywhere.
KENES_PAGE_CACHE_HEADER = env.envbool("KENES_PAGE_CACHE_HEADER", "off")
# Uploads larger than this are refused before anything is stored.
KENES_MAX_UPLOAD_MB = env.envint("KENES_MAX_UPLOAD_MB", "50", minimum=1)

# Email (the weekly work-plan digest): through Django's SMTP backend when a server is named; otherwise
# nothing leaves the machine and the digest is read as a page (/workplan/digest/).
EMAIL_HOST = os.environ.get("KENES_SMTP_HOST", "").strip()
EMAIL_PORT = env.envint("KENES_SMTP_PORT", "25", minimum=1)
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.dummy.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("KENES_FROM_EMAIL", "kenes@localhost").strip()
KENES_BASE_URL = os.environ.get("KENES_BASE_URL", "").strip()
DATA_UPLOAD_MAX_MEMORY_SIZE = (KENES_MAX_UPLOAD_MB + 1) * 1024 * 1024

NINJA_PAGINATION_PER_PAGE = 50
# One request may not ask for the whole database.
NINJA_PAGINATION_MAX_LIMIT = 200

# The start of every project's iati-identifier in the IATI-style export (kenes.projects.iati): the
# secretariat's registered IATI organisation identifier once it has one; "XX-" says it is not registered.
KENES_IATI_PREFIX = "XX-KENES"
