"""Fixtures of the Elasticsearch tests: one server per session, one fresh index per test.

The session starts noida-db (``server.NoidaServer``) on a free port with a
temporary data folder and stops it at the end; with ``ELASTICSEARCH_URL`` set it
uses that cluster instead, under a unique index prefix whose indices are deleted
at the end. If the server cannot start the tests FAIL with the reason, unless
``SKIP_ES_TESTS=1`` (then they are skipped, saying so).
"""

from __future__ import annotations

import os
import uuid

import pytest

from search import es

from .server import ExternalCluster, NoidaServer, ServerError


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/search_es/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.elasticsearch)


@pytest.fixture(scope="session")
def es_server(tmp_path_factory):
    if os.environ.get("SKIP_ES_TESTS") == "1":
        pytest.skip("SKIP_ES_TESTS=1: Elasticsearch tests skipped on request")
    url = os.environ.get("ELASTICSEARCH_URL", "").strip()
    if url:
        yield ExternalCluster(url)
        return
    server = NoidaServer(tmp_path_factory.mktemp("noida") / "data")
    try:
        server.start()
    except ServerError as error:
        pytest.fail(f"the noida-db Elasticsearch test server could not start: {error} (set SKIP_ES_TESTS=1 to skip)")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def es_prefix(es_server):
    """A unique index prefix per run; its indices are deleted afterwards."""
    prefix = f"bzrtest-{uuid.uuid4().hex[:10]}"
    yield prefix
    try:
        client = es.get_client(es.Config.from_mapping(es_env(es_server, prefix)))
        found = client.options(ignore_status=404).indices.get(index=f"{prefix}-documents-*")
        for name in found.body if found.meta.status == 200 else ():
            client.options(ignore_status=404).indices.delete(index=name)
    except Exception:  # noqa: BLE001 - the server may be stopped already
        pass


def es_env(server, prefix, **overrides):
    env = {key: os.environ[key] for key in es.KEYS if key in os.environ} if isinstance(server, ExternalCluster) else {}
    env.update(
        ELASTICSEARCH_URL=server.url,
        ELASTICSEARCH_INDEX_PREFIX=prefix,
        ELASTICSEARCH_TIMEOUT="2",
        ELASTICSEARCH_FALLBACK_SECONDS="0",
    )
    env.update(overrides)
    return env


@pytest.fixture
def es_settings(settings, es_server, es_prefix):
    """Elasticsearch on for this test (sync records outbox rows, public search asks the cluster)."""
    settings.ELASTICSEARCH = es_env(es_server, es_prefix)
    return settings.ELASTICSEARCH


@pytest.fixture
def es_engine(db, es_settings):
    """The engine with a fresh, empty index behind the alias."""
    from search.engines.elasticsearch import ElasticsearchEngine

    engine = ElasticsearchEngine()
    engine.clear()
    return engine
