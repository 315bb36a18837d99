"""Test databases migrated once, then copied: one ``migrate`` per code version, not per process.

Migrating an empty database runs about 220 migrations (Wagtail's and ours) and takes 25-45 s
on a 2-core machine, most of it Django rendering model states. pytest-xdist gives every
worker its own database and ``scripts/test.sh`` runs several pytest processes (the workers,
the serial backup tests, then the same on PostgreSQL), so the suite used to migrate six
times. Here the first process to need a database migrates a *template* under a file lock;
every process copies it:

- SQLite: the first process migrates its in-memory test database as Django does and saves
  it as ``var/test-db/<key>.sqlite3``; the others copy that file into their in-memory
  database with SQLite's backup API (what Django's own parallel test runner does for
  ``spawn``).
- PostgreSQL: the template is the database ``<test name>_tpl_<key>``; each process gets
  ``CREATE DATABASE … TEMPLATE …`` (what Django's parallel runner does to clone).

``<key>`` is a fingerprint of everything a migration can run: the project's source files
(apps, settings, search data), ``requirements.txt`` and the database settings. Any change
makes a new template (older ones are deleted when it is made), so a stale template cannot
be used; ``--create-db`` re-copies the process databases from the template and
``--reuse-db`` keeps them between runs, as pytest-django documents.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = ROOT / "var" / "test-db"
# The template this process copied its database from (set by setup_databases): the SQLite
# file, or the PostgreSQL database's name and the lock that guards copying it.
_in_use: dict = {}
# What a migration can import or read: every app of the project, the settings and the pinned
# requirements.
FINGERPRINTED_FILES = ["requirements.txt"]
SKIPPED_PARTS = {"__pycache__", "static", "templates", "locale"}


def fingerprinted_folders():
    """The settings package and the folder of every installed app that lives in this checkout."""
    from django.apps import apps

    folders = {"site/config"}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(ROOT) and ".venv" not in path.relative_to(ROOT).parts:
            folders.add(str(path.relative_to(ROOT)))
    return sorted(folders)


def fingerprint(settings_dict) -> str:
    digest = hashlib.sha256()
    for folder in fingerprinted_folders():
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and not SKIPPED_PARTS.intersection(path.relative_to(ROOT).parts):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    for name in FINGERPRINTED_FILES:
        digest.update((ROOT / name).read_bytes())
    for key in ("ENGINE", "HOST", "PORT", "USER"):
        digest.update(f"{key}={settings_dict.get(key)}".encode())
    digest.update(os.environ.get("DJANGO_SETTINGS_MODULE", "").encode())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def locked(name):
    """An exclusive lock shared by every pytest process of this checkout."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(CACHE_DIR / f".{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate_into(connection, test_name, verbosity):
    """Run Django's own test-database creation (migrations included) into ``test_name``."""
    original = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"] = {**connection.settings_dict.get("TEST", {}), "NAME": test_name}
    try:
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def setup_sqlite(connection, verbosity, keepdb):
    """The in-memory test database: migrated and saved as the template, or copied from it."""
    from django.conf import settings

    old_name = connection.settings_dict["NAME"]
    if not connection.creation.is_in_memory_db(connection.creation._get_test_db_name()):
        return [(connection, old_name, True)], None  # a file (TEST NAME set): Django's own creation
    key = fingerprint(connection.settings_dict)
    template = CACHE_DIR / f"{key}.sqlite3"
    with locked("sqlite"):
        if not template.exists():
            test_name = connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
            building = CACHE_DIR / f"{key}.{os.getpid()}.building"
            target = sqlite3.connect(building)
            try:
                connection.connection.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                target.close()
            building.rename(template)
            for old in CACHE_DIR.iterdir():
                if old.name.endswith((".sqlite3", ".building")) and old != template:
                    old.unlink(missing_ok=True)
            _in_use.update(vendor="sqlite", path=template)
            return [(connection, old_name, True)], test_name
    test_name = connection.creation._get_test_db_name()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.close()
    connection.ensure_connection()
    _copy_sqlite(template, connection.connection)
    _in_use.update(vendor="sqlite", path=template)
    return [(connection, old_name, True)], test_name


def _copy_sqlite(template, target):
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()


def setup_postgresql(connection, verbosity, keepdb):
    """The process's test database, created from the migrated template database."""
    from django.conf import settings

    key = fingerprint(connection.settings_dict)
    creation = connection.creation
    worker_name = creation._get_test_db_name()
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = worker_name.removesuffix(f"_{worker}") if worker else worker_name
    template = f"{base}_tpl_{key}"
    quote = connection.ops.quote_name
    with locked(f"pg-{base}"):
        with creation._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{base}\\_tpl\\_%"])
            templates = {row[0] for row in cursor.fetchall()}
        if template not in templates:
            test_settings = dict(connection.settings_dict.get("TEST", {}))
            try:
                _migrate_into(connection, template, verbosity)
            finally:
                connection.settings_dict["TEST"] = test_settings
        with creation._nodb_cursor() as cursor:
            for old in templates - {template}:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [worker_name])
            exists = cursor.fetchone() is not None
            if exists and not keepdb:
                cursor.execute(f"DROP DATABASE {quote(worker_name)}")
            if not exists or not keepdb:
                cursor.execute(f"CREATE DATABASE {quote(worker_name)} WITH TEMPLATE {quote(template)}")
    _in_use.update(vendor="postgresql", name=template, lock=f"pg-{base}")
    old_name = connection.settings_dict["NAME"]
    settings.DATABASES[connection.alias]["NAME"] = worker_name
    connection.settings_dict["NAME"] = worker_name
    connection.close()
    connection.ensure_connection()
    return [(connection, old_name, not keepdb)], worker_name


def setup_databases(verbosity, keepdb, serialize=False):
    """Like ``django.test.utils.setup_databases`` for this project's one database.

    ``serialize``: keep the copied contents for ``serialized_rollback`` tests, as Django does.
    Returns the ``old_config`` that ``django.test.utils.teardown_databases`` takes, or None
    when the database is neither SQLite in memory nor PostgreSQL (then Django's own creation
    is used).
    """
    from django.db import connections

    connection = connections["default"]
    if connection.vendor == "sqlite":
        old_config, test_name = setup_sqlite(connection, verbosity, keepdb)
    elif connection.vendor == "postgresql":
        old_config, test_name = setup_postgresql(connection, verbosity, keepdb)
    else:
        return None
    if test_name is None:
        return None
    if serialize:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    return old_config


def copy_template(target, execute=None) -> bool:
    """Another database made from this process's migrated template, for a server the tests start.

    ``target``: the path of a SQLite file, or the name of a PostgreSQL database on the test
    database's server (dropped first if it exists), made with ``execute(sql)`` on a connection
    of the caller's (Django's own may not be used once Playwright runs an event loop).
    False when this process's database was not copied from a template (then the caller
    migrates its own).
    """
    if _in_use.get("vendor") == "sqlite":
        Path(target).unlink(missing_ok=True)
        copy = sqlite3.connect(target)
        try:
            _copy_sqlite(_in_use["path"], copy)
        finally:
            copy.close()
        return True
    if _in_use.get("vendor") == "postgresql" and execute is not None:
        with locked(_in_use["lock"]):
            execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            execute(f'CREATE DATABASE "{target}" WITH TEMPLATE "{_in_use["name"]}"')
        return True
    return False
