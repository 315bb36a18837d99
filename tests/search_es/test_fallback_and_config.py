"""Public search falls back to the database engine when the cluster does not answer; configuration."""

import socket
import time

import pytest

from search import es, outbox, service
from search.engines import get_public_engine
from search.engines.elasticsearch import ElasticsearchEngine
from tests.search.builders import corpus
from tests.search.test_views import API_KEYS

from .server import free_port

NOTICE = "检索服务暂时繁忙，以下为基础检索结果。"


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers (a hung cluster)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def test_api_and_page_on_elasticsearch_have_no_notice(es_engine, client):
    corpus()
    outbox.drain(es_engine, refresh=True)
    data = client.get("/api/search/", {"q": "心理", "type": "case"}).json()
    assert set(data) == API_KEYS
    assert [r["title"] for r in data["results"]][0] == "学生心理健康教育案例"
    assert data["results"][0]["snippet"].count("<mark>心理</mark>") >= 1
    assert {f["value"]: f["count"] for f in data["facets"]["type"]}["studio"] == 1
    assert "检索服务暂时繁忙" not in client.get("/search/", {"q": "心理"}).content.decode()


def test_unreachable_cluster_falls_back_with_notice(es_engine, settings, client):
    corpus()
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "ELASTICSEARCH_URL": f"http://127.0.0.1:{free_port()}"}
    data = client.get("/api/search/", {"q": "心理", "type": "case"}).json()
    assert set(data) == API_KEYS | {"notice"} and data["notice"] == NOTICE
    assert [r["title"] for r in data["results"]][0] == "学生心理健康教育案例"  # the database engine's answer
    html = client.get("/search/", {"q": "ICU 家访"}).content.decode()
    assert NOTICE in html and "未找到包含“icu”的内容" in html


def test_a_hung_cluster_is_abandoned_after_the_timeout(es_engine, settings, silent_server):
    corpus()
    settings.ELASTICSEARCH = {
        **settings.ELASTICSEARCH,
        "ELASTICSEARCH_URL": silent_server,
        "ELASTICSEARCH_TIMEOUT": "0.5",
        "ELASTICSEARCH_FALLBACK_SECONDS": "30",
    }
    engine = get_public_engine()
    start = time.monotonic()
    response = service.search("家访", {}, 1, 10)
    first = time.monotonic() - start
    assert response.notice == NOTICE and response.total == 1
    assert 0.4 <= first < 2.0
    # within ELASTICSEARCH_FALLBACK_SECONDS the hung cluster is not asked again
    start = time.monotonic()
    assert service.search("心理", {}, 1, 10).notice == NOTICE
    assert time.monotonic() - start < 0.4
    engine.reset()


def test_publishing_does_not_wait_for_a_hung_cluster(es_engine, settings, silent_server):
    from tests.search.builders import make_case

    pages = corpus()
    settings.ELASTICSEARCH = {
        **settings.ELASTICSEARCH,
        "ELASTICSEARCH_URL": silent_server,
        "ELASTICSEARCH_TIMEOUT": "5",
    }
    start = time.monotonic()
    make_case(pages["gz"], "集群挂起时发布的案例", summary="发布不等待检索集群。")
    assert time.monotonic() - start < 3


def test_configuration_from_the_environment():
    config = es.Config.from_mapping(
        {
            "ELASTICSEARCH_URL": " https://es1:9200/, https://es2:9200 ",
            "ELASTICSEARCH_INDEX_PREFIX": "BZR-Prod",
            "ELASTICSEARCH_TIMEOUT": "1.5",
            "ELASTICSEARCH_API_KEY": "abc",
            "ELASTICSEARCH_CA_CERTS": "/etc/ssl/es-ca.pem",
            "ELASTICSEARCH_VERIFY_CERTS": "false",
        }
    )
    assert config.enabled and config.urls == ("https://es1:9200", "https://es2:9200")
    assert config.alias == "bzr-prod-documents" and config.timeout == 1.5
    assert config.api_key == "abc" and config.ca_certs == "/etc/ssl/es-ca.pem" and config.verify_certs is False
    assert config.new_index_name().startswith("bzr-prod-documents-2")
    defaults = es.Config.from_mapping({})
    assert not defaults.enabled and defaults.alias == "bzr-documents" and defaults.timeout == 2
    assert defaults.verify_certs is True


def test_without_elasticsearch_url_the_database_engine_answers(db, settings):
    settings.ELASTICSEARCH = {}
    assert get_public_engine().name in ("sqlite-fts5", "postgresql-fts")
    settings.ELASTICSEARCH = {"ELASTICSEARCH_URL": "http://127.0.0.1:9"}
    assert isinstance(get_public_engine(), ElasticsearchEngine)
