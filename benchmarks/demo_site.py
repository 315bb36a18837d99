"""The demo site a benchmark measures: built in a temporary SQLite database and media folder
(``migrate`` + ``load_demo``), or, with ``reuse``, the database of ``DATABASE_URL`` as it is."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]


def setup_demo(prefix, reuse=False):
    """Configure Django (``config.settings.dev`` unless set) on a fresh demo site or the given one."""
    if not reuse:
        folder = tempfile.mkdtemp(prefix=prefix)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/demo.sqlite3"
        os.environ["MEDIA_ROOT"] = f"{folder}/media"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    if not reuse:
        from django.core.management import call_command

        print("建立演示数据（migrate + load_demo）…", flush=True)
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
