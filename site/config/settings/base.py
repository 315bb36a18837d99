"""Settings shared by every environment.

The configuration lives in ``site/config``. Python already owns the module name
``site``, so every entry point puts the ``site/`` folder on ``sys.path`` and
imports the configuration as the package ``config`` (see ``manage.py``,
``config/wsgi.py`` and ``pytest.ini``).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

CONFIG_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = CONFIG_DIR.parent
BASE_DIR = SITE_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


class MissingEnvironmentVariable(ImproperlyConfigured):
    """A required environment variable is not set; the message is one line (Chinese / English)."""


def env_required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise MissingEnvironmentVariable(
            f"缺少环境变量 {name}：生产环境必须设置它（见 docs/deployment.md）。"
            f" / The environment variable {name} is not set; production settings require it."
        )
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "promotions",
    "privacy",
    "home",
    "core",
    "studios",
    "cases",
    "resources",
    "search",
    "ops",
    "outreach",
    "notices",
    "selection",
    "assessment",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
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
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ops.middleware.RequestIdMiddleware",
    "ops.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ops.middleware.PageCacheMiddleware",
    "ops.sitecontext.SiteContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): 5 failures from one address for one user name lock that
# pair out for 15 minutes, with a Chinese message (ops.security.lockout_response).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours (15 minutes)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ops.security.lockout_response"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.navigation.navigation",
                "core.context_processors.site_context",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:5432/name) or the embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# The embedded SQLite database: write-ahead logging, so that readers (every page) never wait
# for a writer (an import, a publication); a write transaction takes the write lock when it
# begins, so two writers queue for it (up to ``timeout`` seconds) instead of one failing
# half-way with "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
# Imports (core.imports): seconds one waits for another to finish on PostgreSQL; the most an
# .xlsx/.docx may unpack to, and its largest compression ratio. Pictures inside Word files
# meet the WAGTAILIMAGES_* limits below, as uploads do.
IMPORT_LOCK_WAIT = 20
IMPORT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
IMPORT_MAX_COMPRESSION_RATIO = 100
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
# The project's own translations come first: they fill in and correct Wagtail's and Django's
# Chinese (locale/zh_Hans/LC_MESSAGES; compiled by compilemessages, see scripts/compile_messages.sh).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "bzr-default",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        # Django's Redis backend, one client per connection pool, errors as misses (ops/cache.py).
        "BACKEND": "ops.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "bzr"),
        # The cache is an optimisation: an unreachable Redis is a quick miss, not a hung page.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }

# Full-page cache for anonymous visitors (ops.middleware.PageCacheMiddleware); the bench-only
# minimal view /healthz/min (benchmarks/site_bench.py).
OPS_PAGE_CACHE_ENABLED = env_bool("OPS_PAGE_CACHE_ENABLED", True)
OPS_PAGE_CACHE_GENERATION_TTL = float(os.environ.get("OPS_PAGE_CACHE_GENERATION_TTL", "0"))
OPS_BENCH_VIEWS = env_bool("OPS_BENCH_VIEWS", False)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@bzr.example.cn")

# Wagtail
WAGTAIL_SITE_NAME = "班主任工作室成果平台"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No gravatar: an outside request per avatar (blocked by the admin CSP and unreachable for many users in China).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Reviewers approve per school/province (promotions.ScopedGroupApprovalTask) and hold no publish permission.
WAGTAIL_FINISH_WORKFLOW_ACTION = "promotions.workflow.publish_approved"
# Wagtail's own search (admin, choosers): the database backend with Chinese segmentation.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.admin_backend"},
}
# Public search (search/): the engine follows the database (SQLite FTS5 / PostgreSQL);
# SEARCH_ENGINE (a dotted class path) overrides it, SEARCH_SEGMENTER picks rjieba or jieba.
SEARCH_SEGMENTER = os.environ.get("SEARCH_SEGMENTER", "rjieba")
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# API v2 (/api/v2/, outreach.api): rich text as display HTML, not the database format
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
