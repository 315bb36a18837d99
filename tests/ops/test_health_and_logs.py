"""/healthz and the structured (JSON) log lines."""

import json
import logging

import pytest
from django.db import connections
from django.db.utils import OperationalError

from ops.logging import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_search(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["vendor"] == connections["default"].vendor
    assert body["search"]["ok"] is True
    assert body["search"]["engine"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"]["ok"] is False
    assert "Connection refused" in body["database"]["error"]


def test_healthz_reports_a_broken_search_engine_as_degraded(client, monkeypatch):
    from search import es

    class Unreachable:
        def options(self, **kwargs):
            return self

        def ping(self):
            raise ConnectionError("elasticsearch unreachable")

    monkeypatch.setattr(es, "enabled", lambda: True)
    monkeypatch.setattr(es, "get_client", lambda: Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["search"]["ok"] is False
    assert "unreachable" in body["search"]["error"]


def test_minimal_view_exists_only_for_benchmarks(client, settings):
    settings.OPS_BENCH_VIEWS = False
    assert client.get("/healthz/min").status_code == 404
    settings.OPS_BENCH_VIEWS = True
    assert client.get("/healthz/min").content == b"ok"


def _record(message, *args, **extra):
    record = logging.getLogger("bzr.test").makeRecord("bzr.test", logging.WARNING, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_json_formatter_writes_one_parsable_line_with_the_fields():
    line = JsonFormatter().format(_record("导入了 %s 个工作室", 12, studio_count=12))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "导入了 12 个工作室"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "bzr.test"
    assert entry["studio_count"] == 12
    assert entry["time"].endswith("+00:00")


def test_json_formatter_keeps_exceptions():
    try:
        raise ValueError("坏数据")
    except ValueError:
        import sys

        record = _record("失败")
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: 坏数据" in entry["exception"]


def test_log_lines_carry_the_request_id(client, caplog):
    """A log line written while a request is handled has that request's id."""
    from ops import views

    handler_lines = []

    class Capture(logging.Handler):
        def emit(self, record):
            handler_lines.append(self.format(record))

    handler = Capture()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger(views.__name__)
    logger.addHandler(handler)
    original = views.database_status

    def logging_status():
        views.logger.warning("健康检查被调用")
        return original()

    try:
        views.database_status = logging_status
        response = client.get("/healthz", HTTP_X_REQUEST_ID="abcdef123456")
    finally:
        views.database_status = original
        logger.removeHandler(handler)
    assert response["X-Request-ID"] == "abcdef123456"
    entry = json.loads(handler_lines[-1])
    assert entry["request_id"] == "abcdef123456"
    assert entry["message"] == "健康检查被调用"


def test_production_settings_use_the_json_formatter(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "only-for-this-import")
    production = importlib.import_module("config.settings.production")
    assert production.LOGGING["formatters"]["json"]["()"] == "ops.logging.JsonFormatter"
    assert production.LOGGING["handlers"]["console"]["formatter"] == "json"


def test_healthz_reports_an_unreachable_elasticsearch(client, settings):
    """With ELASTICSEARCH_URL pointing at a closed port, search is reported down, the site stays up."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.ELASTICSEARCH = {"ELASTICSEARCH_URL": f"http://127.0.0.1:{port}"}
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["search"]["engine"] == "elasticsearch"
    assert body["search"]["ok"] is False
    assert body["status"] == "degraded"


# --- the embedded SQLite database under a long write ------------------------------------------


def sqlite_connection(path):
    """A Django connection to the SQLite file ``path`` with the settings the site uses for SQLite."""
    from django.db.utils import ConnectionHandler

    from config.settings.base import SQLITE_OPTIONS

    handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}})
    handler.settings["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
    return handler["default"]


def test_pages_read_the_embedded_database_while_an_import_writes_and_healthz_notices(client, tmp_path, monkeypatch):
    import sqlite3

    from ops import views

    path = tmp_path / "db.sqlite3"
    setup = sqlite_connection(path)
    with setup.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        cursor.execute("CREATE TABLE wagtailcore_site (id INTEGER PRIMARY KEY)")
        cursor.execute("INSERT INTO wagtailcore_site (id) VALUES (1)")
    setup.close()

    # An import holds the write lock, half-way through its transaction.
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("INSERT INTO wagtailcore_site (id) VALUES (2)")
    reader = sqlite_connection(path)
    try:
        with reader.cursor() as cursor:  # a page: it reads at once, the last committed state
            assert cursor.execute("SELECT COUNT(*) FROM wagtailcore_site").fetchone()[0] == 1
        monkeypatch.setattr(views, "connections", {"default": reader})
        body = client.get("/healthz").json()
        assert body["status"] == "degraded"
        assert body["database"]["ok"] is True and body["database"]["writable"] is False
        assert "写入须等待" in body["database"]["error"]

        writer.execute("ROLLBACK")
        body = client.get("/healthz").json()
        assert body["database"]["writable"] is True and body["status"] == "ok"
    finally:
        writer.close()
        reader.close()
