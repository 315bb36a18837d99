"""Settings of the site that the browser tests start: the test settings on a throwaway
database (DATABASE_URL) and media folder (MEDIA_ROOT), with /media/ served by Django."""

import os
from pathlib import Path

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES, MEDIA_ROOT

ROOT_URLCONF = "tests.browser.server_urls"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", MEDIA_ROOT))

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A throwaway file: no fsync per commit (the demo load commits thousands of times), and
    # WAL so the server's threads read while the editor's journey writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"

# A real site: Wagtail's admin search index follows every save (the test settings switch it off).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
