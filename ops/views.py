"""Health check and the bench-only minimal view."""

import importlib
import logging
import time

from django.conf import settings
from django.db import connections
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def database_status():
    started = time.perf_counter()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database is not usable
        logger.error("健康检查：数据库不可用：%s", exc)
        return {"ok": False, "vendor": connections["default"].vendor, "error": str(exc)[:200]}
    return {
        "ok": True,
        "vendor": connections["default"].vendor,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }


def _search_health_function():
    """The search app's health function, when it has one (``search.health.check`` or ``search.health``)."""
    for module_name, attr in (("search.health", "check"), ("search", "health")):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, attr, None)
        if callable(function):
            return function
    return None


def _elasticsearch_status():
    """Ping the cluster when the search app uses Elasticsearch (``ELASTICSEARCH_URL``)."""
    try:
        from search import es
    except ImportError:
        return None
    if not es.enabled():
        return None
    try:
        ok = bool(es.get_client().options(request_timeout=3).ping())
    except Exception as exc:  # unreachable cluster: report it
        return {"ok": False, "engine": "elasticsearch", "error": str(exc)[:200]}
    return {"ok": ok, "engine": "elasticsearch", **({} if ok else {"error": "集群没有响应"})}


def search_status():
    function = _search_health_function()
    if function is None:
        # Elasticsearch when configured, else the search index lives in the database itself.
        return _elasticsearch_status() or {"ok": True, "engine": "database"}
    try:
        result = function()
    except Exception as exc:  # the engine may be down: report it, never crash the health check
        logger.error("健康检查：搜索引擎不可用：%s", exc)
        return {"ok": False, "engine": "unknown", "error": str(exc)[:200]}
    if isinstance(result, dict):
        result = {"ok": bool(result.get("ok", result.get("status") == "ok")), **result}
        return result
    return {"ok": bool(result), "engine": "search"}


@never_cache
def healthz(request):
    """JSON status of the database and the search engine: 200 when the database is up, else 503.

    A search engine that is down is reported (``"status": "degraded"``) but does not make
    the site unhealthy: pages still render, only search is affected.
    """
    database = database_status()
    search = search_status()
    if not database["ok"]:
        status = "error"
    elif not search["ok"]:
        status = "degraded"
    else:
        status = "ok"
    body = {"status": status, "database": database, "search": search}
    return JsonResponse(body, status=200 if database["ok"] else 503, json_dumps_params={"ensure_ascii": False})


def minimal(request):
    """A tiny Django view for benchmarks: the full middleware stack, no database, no template.

    Only routed when ``OPS_BENCH_VIEWS`` is true (the benchmark's own settings).
    """
    if not getattr(settings, "OPS_BENCH_VIEWS", False):
        raise Http404
    return HttpResponse("ok", content_type="text/plain")
