"""Health check and the bench-only minimal view."""

import logging
import sqlite3
import time
import uuid

from django.conf import settings
from django.db import connections
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from . import pagecache

logger = logging.getLogger(__name__)

HEALTH_PROBE_KEY = "ops:healthz:probe"


def _ms(started):
    return round((time.perf_counter() - started) * 1000, 1)


def database_status(connection=None):
    """Read a real table (a locked or unmigrated database fails here, SELECT 1 would not).

    On the embedded SQLite database, also whether a writer could get in now: with
    write-ahead logging, pages keep being served while an import holds the write lock,
    but every change waits (``"writable": false``).
    """
    connection = connection or connections["default"]
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM wagtailcore_site")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database is not usable
        logger.error("健康检查：数据库不可用：%s", exc)
        return {"ok": False, "vendor": connection.vendor, "error": str(exc)[:200]}
    status = {"ok": True, "vendor": connection.vendor, "ms": _ms(started)}
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        status["writable"] = not sqlite_write_locked(connection.settings_dict["NAME"])
        if not status["writable"]:
            logger.warning("健康检查：SQLite 数据库的写锁被占用")
            status["error"] = "数据库正被占用：页面照常，写入须等待（例如有导入正在进行）"
    return status


def sqlite_write_locked(path, wait=0.5):
    """Whether another connection holds the SQLite write lock (tried for ``wait`` seconds, then let go)."""
    probe = sqlite3.connect(path, timeout=wait, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc)
    finally:
        probe.close()
    return False


def cache_status():
    """Write and read back a probe: a cache that answers every call with a miss is down."""
    cache = pagecache.get_cache()
    backend = type(cache).__name__
    started = time.perf_counter()
    probe = uuid.uuid4().hex
    try:
        cache.set(HEALTH_PROBE_KEY, probe, 30)
        ok = cache.get(HEALTH_PROBE_KEY) == probe
    except Exception as exc:  # a backend without ops.cache's tolerance may raise
        return {"ok": False, "backend": backend, "error": str(exc)[:200]}
    if not ok:
        return {"ok": False, "backend": backend, "error": "缓存不可用：写入后读不回（页面照常生成，只是不缓存）"}
    return {"ok": True, "backend": backend, "ms": _ms(started)}


# Components whose health another app reports (name → function returning ``{"ok": …}``):
# ``search`` registers its engine's (search.apps), since this app sits below the ones it watches.
STATUS_REPORTS = {}


def reports_status(name, function):
    """Register ``function`` as the health report of ``name`` in ``/healthz``."""
    STATUS_REPORTS[name] = function


@never_cache
def healthz(request):
    """JSON status of the database, the cache and the search engine: 200 when the database is up, else 503.

    A cache or search engine that is down is reported (``"status": "degraded"``) but does not
    make the site unhealthy: pages still render (uncached), only search is affected.
    """
    database = database_status()
    cache = cache_status()
    reports = {name: report() for name, report in STATUS_REPORTS.items()}
    if not database["ok"]:
        status = "error"
    elif not (cache["ok"] and all(report["ok"] for report in reports.values()) and database.get("writable", True)):
        status = "degraded"
    else:
        status = "ok"
    body = {"status": status, "database": database, "cache": cache, **reports}
    return JsonResponse(body, status=200 if database["ok"] else 503, json_dumps_params={"ensure_ascii": False})


def minimal(request):
    """A tiny Django view for benchmarks: the full middleware stack, no database, no template.

    Only routed when ``OPS_BENCH_VIEWS`` is true (the benchmark's own settings).
    """
    if not getattr(settings, "OPS_BENCH_VIEWS", False):
        raise Http404
    return HttpResponse("ok", content_type="text/plain")
