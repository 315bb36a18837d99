"""Local development on the embedded defaults (SQLite, local media, database search)."""

from .base import *  # noqa: F403
from .base import os

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-bzr")
ALLOWED_HOSTS = ["*"]

# Serve static files straight from the finders while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
