"""WSGI entry point: ``gunicorn --pythonpath site config.wsgi``."""

import os
import sys
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent.parent
if str(SITE_DIR) not in sys.path:
    sys.path.insert(0, str(SITE_DIR))
BASE_DIR = SITE_DIR.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

from config.settings.base import MissingEnvironmentVariable  # noqa: E402

try:
    application = get_wsgi_application()
except MissingEnvironmentVariable as error:
    raise SystemExit(str(error)) from None  # the one line says what to set
