"""Imports run one at a time, and never unpack more than they can hold.

Two runs of ``import_studios`` (or ``import_cases``) at once would both find a studio
missing and both create it. Each import therefore writes in one transaction that first
takes the import lock, and decides what exists only once it holds it. On PostgreSQL the
lock is a transaction-level advisory lock; on SQLite it is the database's own write lock,
which the write transaction takes when it begins (``transaction_mode`` IMMEDIATE in the
settings). A run that cannot get the lock within ``IMPORT_LOCK_WAIT`` seconds stops with a
Chinese message and writes nothing.

An .xlsx or .docx file is a zip archive: a file of one megabyte can unpack to a gigabyte.
:func:`check_archive` reads the archive's directory (which bounds what Python's zip reader
will ever produce: it stops at the declared size and checks the CRC) and refuses a file whose
total unpacked size (``IMPORT_MAX_UNPACKED_BYTES``) or compression ratio
(``IMPORT_MAX_COMPRESSION_RATIO``) is out of proportion, before any parser opens it.
"""

import zipfile
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
    return float(settings.IMPORT_LOCK_WAIT)


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


# Below this, any ratio is harmless (a near-empty document compresses very well).
RATIO_FLOOR_BYTES = 10 * 1024 * 1024
MAX_MEMBERS = 10_000


class ArchiveRefused(Exception):
    """The file would unpack to far more than it looks; the message says why, in Chinese."""


def _megabytes(size):
    return f"{size / 1024 / 1024:.0f} MB"


def check_archive(source, name):
    """Refuse an .xlsx/.docx (path or file object) whose contents would unpack out of proportion.

    A file that is not a zip archive at all is left to its parser, which reports it.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    max_ratio = settings.IMPORT_MAX_COMPRESSION_RATIO
    if len(members) > MAX_MEMBERS:
        raise ArchiveRefused(
            _("“%(name)s”包含 %(count)d 个内部文件，超过上限 %(max)d 个，可能是恶意构造的文件")
            % {"name": name, "count": len(members), "max": MAX_MEMBERS}
        )
    if unpacked > limit:
        raise ArchiveRefused(
            _("“%(name)s”解压后有 %(size)s，超过上限 %(max)s，可能是恶意构造的文件")
            % {"name": name, "size": _megabytes(unpacked), "max": _megabytes(limit)}
        )
    ratio = unpacked / max(packed, 1)
    if unpacked > RATIO_FLOOR_BYTES and ratio > max_ratio:
        raise ArchiveRefused(
            _("“%(name)s”的压缩比异常（%(ratio)d 倍，上限 %(max)d 倍），可能是恶意构造的文件")
            % {"name": name, "ratio": ratio, "max": max_ratio}
        )
