"""What ``make run`` serves: the development settings with DEBUG off.

Visitors of the demo then see the site's own Chinese 404 and 500 pages, not Django's debug
pages (which list every URL pattern in English). WhiteNoise serves the static files from the
finders as in development, and Django serves /media/ (a reverse proxy does in production).
``DEBUG=1`` turns the debug pages back on while developing.
"""

from .dev import *  # noqa: F403
from .dev import os

DEBUG = os.environ.get("DEBUG", "").strip().lower() in ("1", "true", "yes")
SERVE_MEDIA = True
