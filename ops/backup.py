"""Backup and restore of the embedded default: the SQLite database and the media folder.

One ``.tar.gz`` holds ``manifest.json``, ``database.sqlite3`` (a consistent copy made with
SQLite's online backup API, so the site may keep running) and ``media/``. The manifest
records the format, the time, the versions, the database checksum and the media files, and
``restore`` checks all of it before touching anything.

PostgreSQL deployments use ``pg_dump`` / ``pg_restore`` instead (docs/deployment.md).
"""

import datetime
import hashlib
import io
import json
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "bzr-backup"
VERSION = 1
DATABASE_NAME = "database.sqlite3"
MEDIA_DIR = "media"


class BackupError(Exception):
    """Something the operator must fix; the message is in Chinese."""


def _connection():
    connection = connections["default"]
    if connection.vendor != "sqlite":
        raise BackupError(
            f"backup/restore 只用于内置的 SQLite 数据库，当前数据库是 {connection.vendor}。"
            "PostgreSQL 请使用 pg_dump / pg_restore（见 docs/deployment.md）。"
        )
    connection.ensure_connection()
    return connection


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(root):
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _latest_migrations(connection):
    latest = {}
    for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name"):
        latest[app] = max(latest.get(app, ""), name)
    return latest


def default_output_path():
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"bzr-backup-{stamp}.tar.gz"


def create_backup(output):
    """Write the backup archive to ``output``; returns the manifest."""
    connection = _connection()
    if connection.in_atomic_block:
        # SQLite's backup waits for the open write transaction to end: it would never finish.
        raise BackupError("不能在未提交的数据库事务中备份，请单独运行 backup 命令。")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="bzr-backup-") as tmp:
        db_copy = Path(tmp) / DATABASE_NAME
        target = sqlite3.connect(db_copy)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        media = _media_files(media_root)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database": {"file": DATABASE_NAME, "sha256": _sha256(db_copy), "bytes": db_copy.stat().st_size},
            "migrations": _latest_migrations(connection),
            "media": {
                "files": len(media),
                "bytes": sum(p.stat().st_size for p in media),
                "sha256": {p.relative_to(media_root).as_posix(): _sha256(p) for p in media},
            },
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(datetime.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(db_copy, arcname=DATABASE_NAME)
            for path in media:
                archive.add(path, arcname=f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}")
        partial.replace(output)
    return manifest


def read_manifest(archive_path):
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"找不到备份文件：{archive_path}")
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            manifest = json.loads(member.read().decode())
    except (tarfile.TarError, KeyError, AttributeError, ValueError, OSError) as exc:
        raise BackupError(f"备份文件已损坏或不是本平台的备份（缺少可读的 manifest.json）：{exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("这不是本平台的备份文件（manifest 格式不符）。")
    if manifest.get("version") != VERSION:
        raise BackupError(f"不支持的备份版本：{manifest.get('version')}（本程序支持版本 {VERSION}）。")
    return manifest


def site_has_content():
    """Whether restoring would overwrite something: a migrated database or media files."""
    connection = _connection()
    has_tables = "django_migrations" in connection.introspection.table_names()
    return has_tables or bool(_media_files(settings.MEDIA_ROOT))


def restore_backup(archive_path):
    """Replace the database and the media folder with the archive's; returns the manifest.

    The previous media folder is kept beside the new one (``<media>.before-restore-<time>``).
    """
    manifest = read_manifest(archive_path)
    connection = _connection()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="bzr-restore-") as tmp:
        tmp = Path(tmp)
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive.getmembers():
                if member.name != "manifest.json" and not (
                    member.name == DATABASE_NAME or member.name.startswith(MEDIA_DIR + "/")
                ):
                    raise BackupError(f"备份文件中有不应出现的内容：{member.name}")
            archive.extractall(tmp, filter="data")
        db_copy = tmp / DATABASE_NAME
        if not db_copy.is_file():
            raise BackupError("备份文件中缺少数据库。")
        if _sha256(db_copy) != manifest["database"]["sha256"]:
            raise BackupError("数据库校验值与 manifest 不符，备份文件可能已损坏，已停止恢复。")
        extracted_media = tmp / MEDIA_DIR
        files = {p.relative_to(extracted_media).as_posix(): p for p in _media_files(extracted_media)}
        expected = manifest["media"]["sha256"]
        if set(files) != set(expected) or any(_sha256(files[name]) != digest for name, digest in expected.items()):
            raise BackupError("媒体文件与 manifest 不符，备份文件可能已损坏，已停止恢复。")
        source = sqlite3.connect(db_copy)
        try:
            source.execute("PRAGMA integrity_check").fetchone()
            source.backup(connection.connection)
        finally:
            source.close()
        # Media: swap the folder in one rename, keeping the old one.
        media_root.parent.mkdir(parents=True, exist_ok=True)
        staged = media_root.with_name(media_root.name + ".restoring")
        if staged.exists():
            shutil.rmtree(staged)
        if extracted_media.is_dir():
            shutil.move(str(extracted_media), staged)
        else:
            staged.mkdir()
        kept = None
        if media_root.exists():
            kept = media_root.with_name(
                media_root.name + ".before-restore-" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            )
            media_root.rename(kept)
        staged.rename(media_root)
    manifest["kept_media"] = str(kept) if kept else None
    return manifest
