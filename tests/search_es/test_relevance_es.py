"""The judged set on the Elasticsearch engine: the same floors as the database engines, and
the same first ten results (both rank with ``search.relevance``)."""

import pytest

from search.engines import get_engine
from search.engines.elasticsearch import ElasticsearchEngine
from tests.search.relevance import metrics
from tests.search.relevance.fixtures import ask, corpus_loaded  # noqa: F401 - a fixture
from tests.search.relevance.test_relevance import CLASS_FLOORS, MRR_FLOOR, NDCG_FLOOR, OFFTOPIC_FLOOR, RECALL_FLOOR

from .conftest import es_env

pytestmark = pytest.mark.django_db


class ClusterOnly(ElasticsearchEngine):
    """Asks the cluster, never the database engine: a timeout fails the test."""

    def search(self, request):
        return self.search_cluster(request)


def test_elasticsearch_relevance_and_agreement(corpus_loaded, es_engine, es_server, es_prefix, settings):  # noqa: F811
    # The test server is slow on a busy machine: a long timeout, and no fallback to hide it.
    settings.ELASTICSEARCH = es_env(es_server, es_prefix, ELASTICSEARCH_TIMEOUT="60")
    engine = ClusterOnly()
    engine.rebuild_from_database()
    ours = ask(engine=engine)
    table = metrics.score(ours)
    assert table["all"]["ndcg"] >= NDCG_FLOOR and table["all"]["recall"] >= RECALL_FLOOR, table["all"]
    assert table["all"]["mrr"] >= MRR_FLOOR, table["all"]
    for name, floor in CLASS_FLOORS.items():
        assert table[name]["ndcg"] >= floor, (name, table[name])
    assert table["offtopic"]["offtopic_empty"] >= OFFTOPIC_FLOOR
    assert metrics.overlap(ours, ask(engine=get_engine())) >= 0.9
