"""Test settings: SQLite in memory unless DATABASE_URL names another database."""

from .base import *  # noqa: F403
from .base import BASE_DIR, os

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": os.environ.get("LOG_LEVEL", "WARNING")}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# django-axes needs the request in authenticate(); the test client's login() does not pass it.
# tests/ops/test_security.py turns throttling on where it is tested.
AXES_ENABLED = False
# The full-page cache outlives each test's database rollback: off unless a test turns it on
# (tests/ops/test_pagecache.py).
OPS_PAGE_CACHE_ENABLED = False
# Elasticsearch (search/es.py) stays off whatever the environment says; tests/search_es
# turns it on against its own server (or ELASTICSEARCH_URL with a per-run index prefix).
ELASTICSEARCH = {}
# Wagtail's admin search index (modelsearch: admin page search, choosers) is updated on every
# save, about a third of the time of building a test page tree. Off unless a test searches
# the admin: those take the ``admin_search_index`` fixture (conftest.py), which turns it on.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend", "AUTO_UPDATE": False}}
