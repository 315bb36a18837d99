"""Imports run one at a time.

Two runs of ``import_studios`` (or ``import_cases``) at once would both find a studio
missing and both create it. Each import therefore writes in one transaction that first
takes the import lock, and decides what exists only once it holds it. On PostgreSQL the
lock is a transaction-level advisory lock; on SQLite it is the database's own write lock,
which the write transaction takes when it begins (``transaction_mode`` IMMEDIATE in the
settings). A run that cannot get the lock within ``IMPORT_LOCK_WAIT`` seconds stops with a
Chinese message and writes nothing.
"""

import zlib
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

IMPORT_LOCK_KEY = zlib.crc32(b"bzr:import")


class ImportBusy(Exception):
    """Another import holds the lock."""

    def __init__(self):
        super().__init__(_("另一个导入正在进行，请等它完成后再试。本次没有写入任何数据。"))


def lock_wait_seconds():
    return float(getattr(settings, "IMPORT_LOCK_WAIT", 30))


def _take_lock(connection):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(lock_wait_seconds() * 1000)}ms"])
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def _is_lock_timeout(error):
    text = str(error).lower()
    return "database is locked" in text or "lock timeout" in text or "could not obtain lock" in text


@contextmanager
def import_transaction():
    """One transaction holding the import lock; :class:`ImportBusy` when another import keeps it."""
    try:
        with transaction.atomic():
            _take_lock(transaction.get_connection())
            yield
    except OperationalError as exc:
        if _is_lock_timeout(exc):
            raise ImportBusy() from exc
        raise
