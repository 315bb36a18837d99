"""Engine selection: ``settings.SEARCH_ENGINE`` (a dotted class path) or the database vendor."""

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from .base import EngineResult, SearchEngine, SearchRequest

__all__ = ["EngineResult", "SearchEngine", "SearchRequest", "get_engine", "get_public_engine", "engine_for_vendor"]

_engines = {}


def engine_for_vendor(vendor):
    if vendor == "postgresql":
        from .postgres import PostgresEngine

        return PostgresEngine()
    if vendor == "sqlite":
        from .sqlite import SQLiteEngine

        return SQLiteEngine()
    raise RuntimeError(f"No embedded search engine for database vendor {vendor!r}")


def get_engine() -> SearchEngine:
    path = getattr(settings, "SEARCH_ENGINE", None)
    key = path or connection.vendor
    engine = _engines.get(key)
    if engine is None:
        engine = _engines[key] = import_string(path)() if path else engine_for_vendor(connection.vendor)
    return engine


def get_public_engine() -> SearchEngine:
    """The engine public search asks: Elasticsearch when ``ELASTICSEARCH_URL`` is set (it
    falls back to ``get_engine()`` when the cluster does not answer), else ``get_engine()``.
    Indexing in the database (``sync.apply``) always uses ``get_engine()``."""
    from ..es import get_config

    config = get_config()
    if not config.enabled:
        return get_engine()
    engine = _engines.get(config)
    if engine is None:
        from .elasticsearch import ElasticsearchEngine

        engine = _engines[config] = ElasticsearchEngine(config)
    return engine
