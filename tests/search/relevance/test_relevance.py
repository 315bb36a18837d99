"""Search quality on the judged set, on the database's engine (SQLite or PostgreSQL: the
suite runs on both) and on the Elasticsearch engine. Floors a little under the measured figures
(``benchmarks/relevance_bench.py`` prints them, per class and engine): a change that makes
search worse fails here.

Both engines' tests are in this module so that they share one import of the corpus."""

import pytest

from search.engines.elasticsearch import ElasticsearchEngine
from tests.search_es.conftest import es_engine, es_env, es_prefix, es_server, es_settings  # noqa: F401 - fixtures

from . import metrics
from .fixtures import ask, corpus_loaded  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

#: class → minimum nDCG@10. Overall floors below.
CLASS_FLOORS = {
    "exact": 0.85,
    "multiword": 0.62,
    "compound": 0.72,
    "context": 0.90,
    "synonym": 0.70,
    "typo": 0.80,
    "pinyin": 0.85,
    "question": 0.70,
    "mixed": 0.80,
}
NDCG_FLOOR, RECALL_FLOOR, MRR_FLOOR = 0.82, 0.78, 0.92
#: Share of the off-topic queries that must find nothing (accidental co-occurrences of
#: ordinary words in a case still answer a few: see the closing figures in the README).
OFFTOPIC_FLOOR = 0.8


@pytest.fixture(scope="module")
def answers(corpus_loaded):  # noqa: F811 - the fixture imported above
    return ask()


def test_relevance_floors(answers):
    table = metrics.score(answers)
    overall = table["all"]
    assert overall["ndcg"] >= NDCG_FLOOR, overall
    assert overall["recall"] >= RECALL_FLOOR, overall
    assert overall["mrr"] >= MRR_FLOOR, overall
    for name, floor in CLASS_FLOORS.items():
        assert table[name]["ndcg"] >= floor, (name, table[name])
    assert table["offtopic"]["offtopic_empty"] >= OFFTOPIC_FLOOR, table["offtopic"]


def test_off_topic_queries_sharing_a_generic_word_find_nothing(answers):
    # Those whose words are found nowhere but for a generic one (学生, 校园): always empty.
    for query in metrics.queries():
        if query["query"] in ("学生 股票 投资", "宠物 猫 领养", "学生 出国 留学 申请", "芯片 设计 流片"):
            assert answers[query["id"]]["total"] == 0, query["query"]


class ClusterOnly(ElasticsearchEngine):
    """Asks the cluster, never the database engine: a timeout fails the test."""

    def search(self, request):
        return self.search_cluster(request)


@pytest.mark.elasticsearch
def test_elasticsearch_relevance_and_agreement(answers, es_engine, es_server, es_prefix, settings):  # noqa: F811
    """The same floors as the database engine's, and the same first ten results (both rank
    with ``search.relevance``)."""
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
    assert metrics.overlap(ours, answers) >= 0.9
