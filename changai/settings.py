"""Settings of 产改通. Everything that differs between machines comes from the environment.

Variables (README.md, "Configuration", explains each):
CHANGAI_DEBUG, CHANGAI_SECRET_KEY, CHANGAI_ALLOWED_HOSTS, CHANGAI_CSRF_TRUSTED_ORIGINS,
DATABASE_URL, REDIS_URL, CHANGAI_HUEY_IMMEDIATE, CHANGAI_DATA_DIR, CHANGAI_PII_KEYS,
CHANGAI_PII_KEY_ID, CHANGAI_BIDX_KEY, CHANGAI_TRUSTED_PROXIES, CHANGAI_LOG_LEVEL,
CHANGAI_SECURE_SSL_REDIRECT.
"""

from __future__ import annotations

from pathlib import Path

import environ

from changai.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# A development checkout has a git-ignored `.env` (written by `make install`: CHANGAI_DEBUG=1), so
# `manage.py` works there without exporting anything. Real environment variables always win, and a
# deployment has no `.env`: production mode stays the default.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(str(BASE_DIR / ".env"))
DATA_DIR = Path(env_str("CHANGAI_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("CHANGAI_DEBUG", False)
TESTING = env_bool("CHANGAI_TESTING", False)

_DEV_SECRET = "dev-only-insecure-secret-key-change-me-for-any-real-deployment-0123456789"
SECRET_KEY = env_str("CHANGAI_SECRET_KEY") or (_DEV_SECRET if (DEBUG or TESTING) else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("CHANGAI_SECRET_KEY must be set when CHANGAI_DEBUG is off.")

ALLOWED_HOSTS = env_list("CHANGAI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env_list("CHANGAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "treebeard",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "huey.contrib.djhuey",
    # the kit: generic machinery, knows nothing of unions
    "kit",
    # the domain
    "core",
    "reform",
    "guidance",
    "skills",
    "merit",
    "rights",
    "legal",
    "indicators",
    "bulletins",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kit.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "kit.middleware.NoStoreMiddleware",
    "core.middleware.SessionTimeoutMiddleware",
    "core.middleware.PasswordPolicyMiddleware",
    "core.middleware.SecondFactorMiddleware",
]

ROOT_URLCONF = "changai.urls"
WSGI_APPLICATION = "changai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kit.context_processors.shell",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
# SQLite (WAL, busy timeout) by default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATA_DIR.mkdir(parents=True, exist_ok=True)
_env = environ.Env()
if env_str("DATABASE_URL"):
    DATABASES = {"default": _env.db_url("DATABASE_URL")}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("CHANGAI_CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"].setdefault("OPTIONS", {})
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "changai.sqlite3",
            "OPTIONS": {},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- task queue -----------------------------------------------------------------------------
# Huey on SQLite by default, on Redis when REDIS_URL is set. `immediate` is always explicit:
# djhuey would otherwise run tasks inline whenever DEBUG is on.
REDIS_URL = env_str("REDIS_URL")
# --- 职工服务 (portal) ---------------------------------------------------------------------------
# text messages: a dotted path to a backend class (portal.sms); the local default writes to the log
# and the outbox page instead of sending
CHANGAI_SMS_BACKEND = env_str("CHANGAI_SMS_BACKEND", "portal.sms.OutboxBackend")
PORTAL_OTP_TTL_SECONDS = env_int("CHANGAI_OTP_TTL_SECONDS", 300)
PORTAL_OTP_RESEND_SECONDS = env_int("CHANGAI_OTP_RESEND_SECONDS", 60)
PORTAL_OTP_MAX_FAILURES = env_int("CHANGAI_OTP_MAX_FAILURES", 5)
PORTAL_OTP_LOCK_MINUTES = env_int("CHANGAI_OTP_LOCK_MINUTES", 30)
PORTAL_OTP_PER_DAY = env_int("CHANGAI_OTP_PER_DAY", 10)
PORTAL_OTP_PER_ADDRESS_HOUR = env_int("CHANGAI_OTP_PER_ADDRESS_HOUR", 30)
PORTAL_BIND_MAX_TRIES = env_int("CHANGAI_BIND_MAX_TRIES", 5)
# working days a union has to answer an online membership application (a local rule, not a statute)
PORTAL_MEMBERSHIP_REPLY_DAYS = env_int("CHANGAI_MEMBERSHIP_REPLY_DAYS", 5)

HUEY_IMMEDIATE = env_bool("CHANGAI_HUEY_IMMEDIATE", False)
# poll at most every second when idle, so /healthz's round trip stays well under its timeout
_HUEY_CONSUMER = {"workers": env_int("CHANGAI_HUEY_WORKERS", 2), "worker_type": "thread", "max_delay": 1.0}
HEALTH_QUEUE_TIMEOUT = float(env_int("CHANGAI_HEALTH_QUEUE_TIMEOUT", 5))
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": env_str("CHANGAI_HUEY_NAME", "changai"),
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
        "consumer": _HUEY_CONSUMER,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "changai",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
        "consumer": _HUEY_CONSUMER,
    }
if HUEY_IMMEDIATE:
    # in-memory storage for tests and one-off scripts: tasks run inline
    HUEY = {"huey_class": "huey.MemoryHuey", "name": "changai", "immediate": True}

# --- auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "core.auth.RoleBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.passwords.ComplexityValidator"},
    {"NAME": "core.passwords.HistoryValidator", "OPTIONS": {"keep": 5}},
]
# a password older than this must be changed at the next log-in (0: never expires)
PASSWORD_MAX_DAYS = env_int("CHANGAI_PASSWORD_MAX_DAYS", 90)
# sessions end after this long without a request (idle) and this long after the log-in (absolute)
SESSION_IDLE_SECONDS = env_int("CHANGAI_SESSION_IDLE_SECONDS", 30 * 60)
# a second factor (TOTP, django-otp) for superusers and the roles that require it (Role.require_otp:
# the 三员, the legal-aid centre); the test suite switches it off except where a test turns it on
OTP_REQUIRED = env_bool("CHANGAI_OTP_REQUIRED", True)
OTP_TOTP_ISSUER = "产改通"
# the demo accounts must change their password at first log-in (the test suite switches it off)
DEMO_FORCE_PASSWORD_CHANGE = env_bool("CHANGAI_DEMO_FORCE_PASSWORD_CHANGE", True)
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_AGE = env_int("CHANGAI_SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
AXES_FAILURE_LIMIT = env_int("CHANGAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
# an account locks only at the address the wrong passwords came from: someone elsewhere cannot lock
# a user (the administrator included) out of his own desk; one address trying many accounts is
# throttled apart (core.views.LoginView, CHANGAI_LOGIN_ADDRESS_LIMIT). The 安全管理员 unlocks early on
# 系统管理 → 安全管理 (core.views.SecurityView), or with `manage.py axes_reset_username <name>`.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_ADDRESS_LIMIT = env_int("CHANGAI_LOGIN_ADDRESS_LIMIT", 30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = not TESTING or env_bool("CHANGAI_AXES_IN_TESTS", False)
AXES_IPWARE_PROXY_COUNT = env_int("CHANGAI_PROXY_COUNT", 0)

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
FORMAT_MODULE_PATH = ["changai.formats"]  # zh-hans figures grouped by thousands (24,862)
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- security (production mode is DEBUG off; `manage.py check --deploy` is clean there) -----
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# scripts send the CSRF token from the page (hx-headers), never from the cookie: scripts cannot read it
CSRF_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): scripts only from our own static files — no inline script,
# no eval; inline style attributes stay allowed (Leaflet and ECharts position their elements with
# them); images also from the configured map tiles' hosts
_TILE_HOSTS = {"tianditu": ["https://*.tianditu.gov.cn"], "amap": ["https://*.is.autonavi.com"]}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_TILE_HOSTS.get(env_str("CHANGAI_MAP_TILES", ""), [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("CHANGAI_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("CHANGAI_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Lock-out is by account *at an address* (AXES_LOCKOUT_PARAMETERS), never by address alone:
# government offices sit behind one NAT address, and locking it would lock a whole building out —
# the per-address limit above is a throttle set well above what one office mistypes.
SILENCED_SYSTEM_CHECKS: list[str] = ["axes.W006"]

# --- personal data --------------------------------------------------------------------------
# Keys for ID numbers and phones (see docs/operations.md, "Keys and rotation"). In DEBUG and
# tests a fixed development key is used; production refuses to start without real keys.
_DEV_PII_KEYS = "1:ZGV2LW9ubHkta2V5LWZvci1jaGFuZ2FpLXBpaS0wMDE="  # 32 bytes, development only
_DEV_BIDX_KEY = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LWNoYW5nYWk="
PII_KEYS = env_str("CHANGAI_PII_KEYS") or (_DEV_PII_KEYS if (DEBUG or TESTING) else "")
PII_KEY_ID = env_int("CHANGAI_PII_KEY_ID", 0)
BIDX_KEY = env_str("CHANGAI_BIDX_KEY") or (_DEV_BIDX_KEY if (DEBUG or TESTING) else "")
# the audit chain's HMAC key (kit.audit.keys); unset: derived from BIDX_KEY. Held outside the database.
AUDIT_KEY = env_str("CHANGAI_AUDIT_KEY", "")
# where the signed audit anchors are appended (also sent to the "changai.audit.anchor" logger, which
# a deployment may route to a remote syslog); one at most every AUDIT_ANCHOR_MINUTES
AUDIT_ANCHOR_FILE: Path | None = Path(env_str("CHANGAI_AUDIT_ANCHOR_FILE", str(DATA_DIR / "audit" / "anchors.jsonl")))
AUDIT_ANCHOR_MINUTES = env_int("CHANGAI_AUDIT_ANCHOR_MINUTES", 10)
if not PII_KEYS or not BIDX_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("CHANGAI_PII_KEYS and CHANGAI_BIDX_KEY must be set when CHANGAI_DEBUG is off.")

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "kit.api.drf.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "kit.api.drf.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "产改通 API",
    "DESCRIPTION": "产业工人队伍建设改革工作平台的 REST API。权限与数据范围与页面一致。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from the installed package, never from a CDN
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # choice sets that share a field name across apps get their own schema names
    "ENUM_NAME_OVERRIDES": {
        "HonourLevelEnum": "core.models.PersonHonour.Level",
        "RegionLevelEnum": "core.models.Region.Level",
        "PositionLevelEnum": "reform.models.ServicePosition.Level",
        "MediaLevelEnum": "guidance.models.MediaReport.Level",
        "MeritLevelEnum": "merit.models.Level",
        "MentorshipResultEnum": "skills.models.Mentorship.Result",
        "CentreResultEnum": "legal.models.CentreCriterion.Result",
        "PortalStatusEnum": "portal.models.Status",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# attachments (kit.uploads.ATTACHMENTS): the largest file accepted, in MB
UPLOAD_MAX_MB = env_int("CHANGAI_UPLOAD_MAX_MB", 20)
# days the files of a finished job (uploaded workbooks, error reports: full ID numbers and phones,
# encrypted at rest, kit.files.storage) are kept before the nightly sweep deletes them
FILE_RETENTION_DAYS = env_int("CHANGAI_FILE_RETENTION_DAYS", 7)

# maps (kit.maps): no tiles by default — the station map draws on a plain background, offline
MAP_TILES = env_str("CHANGAI_MAP_TILES", "")  # "" | "tianditu" | "amap"
MAP_KEY = env_str("CHANGAI_MAP_KEY", "")  # 天地图 key
MAP_NAVIGATE = env_str("CHANGAI_MAP_NAVIGATE", "amap")  # "amap" | "baidu"
MAP_CENTER = (118.91, 32.12)  # WGS-84 point a map starts at (栖霞区) before fitting its points
MAP_ZOOM = 12

# the org tree and users that kit.testing.ModelTestCase runs its permission matrix with
KIT_TEST_FIXTURE = "core.testing.build_fixture"
# …and the actors the service-gate tests (kit.testing.gate) run every service with
KIT_GATE_FIXTURE = "core.testing.build_gate_fixture"
# the apps whose models hold the platform's data: their permissions are offered in the role editor,
# their models in the audit log's type filter, their rows counted by the gate tests
KIT_DOMAIN_APPS = (
    "kit",
    "core",
    "reform",
    "guidance",
    "skills",
    "merit",
    "rights",
    "legal",
    "indicators",
    "bulletins",
    "portal",
)
# the org model kit models point at (scoring rounds, attachments …), like AUTH_USER_MODEL
KIT_ORG_MODEL = "core.Org"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- logging: every line carries the request id ----------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kit.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("CHANGAI_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# who may search accounts to name scorers, experts and judges (kit.views.pick.AccountPickView)
KIT_ACCOUNT_PICKER_PERMS = [
    "kit.change_scoringround",
    "merit.change_event",
    "skills.change_selectionround",
    "rights.change_starrating",
    "rights.change_stationreview",
]

# rows an export writes while the user waits; more are written by a background job (kit.views.excel)
EXPORT_SYNC_LIMIT = env_int("CHANGAI_EXPORT_SYNC_LIMIT", 5000)
