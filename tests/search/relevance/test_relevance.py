"""Search quality on the judged set, on the database's engine (SQLite or PostgreSQL: the
suite runs on both). Floors a little under the measured figures (``benchmarks/relevance_bench.py``
prints them, per class and engine): a change that makes search worse fails here."""

import pytest

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
OFFTOPIC_FLOOR = 0.6


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
