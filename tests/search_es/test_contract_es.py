"""The engine contract (tests/search/contract.py) against the Elasticsearch engine.

Page changes go through the real path: signal → ``sync.enqueue`` → outbox row in
the same transaction; before each search the test engine drains the outbox (what
``search_worker`` does) and refreshes the index, then asks the cluster directly –
no silent fallback to the database engine here.
"""

import pytest

from search import outbox, service
from search.engines import engine_for_vendor, get_public_engine
from search.engines.elasticsearch import ElasticsearchEngine
from search.models import IndexOperation, SearchDocument
from tests.search.builders import corpus
from tests.search.contract import EngineContract


class WorkerDrainedEngine(ElasticsearchEngine):
    def drain(self):
        result = outbox.drain(self, retry_now=True, refresh=True)
        assert not result.error, result.error

    def doc_freqs(self, items):
        self.drain()
        return super().doc_freqs(items)

    def search(self, request):
        self.drain()
        if self.computed_order(request):  # by design the database engine orders these (no script sorts)
            return super().search(request)
        return self.search_cluster(request)


class TestElasticsearchEngine(EngineContract):
    @pytest.fixture
    def engine(self, es_engine):
        return WorkerDrainedEngine(es_engine.config)

    def test_public_search_uses_elasticsearch_when_configured(self, engine, pages):
        public = get_public_engine()
        assert public.name == "elasticsearch" and public.alias.endswith("-documents")
        assert IndexOperation.objects.exists()  # publishing recorded outbox rows
        self.search(engine, "心理")  # drains
        assert not IndexOperation.objects.exists()
        assert engine.client.count(index=engine.alias)["count"] == SearchDocument.objects.count()


QUERIES = [
    "心理",
    "家校",
    "协同",
    "协同育人",
    "健康教育",
    "班主任",
    "父母",
    "网瘾",
    "家访 父母",
    "心理 老师",
    "ppt",
    "",
    "家访 基站",
    "家访 潜水艇",
    "心里健康",
    "jiafang",
    "贵州 家访",
    "量子力学 学生",
    "我是一名班主任，怎么帮助沉迷手机游戏的学生",
]
FILTERS = [{}, {"type": "case"}, {"province": "guizhou"}, {"direction": "mental-health"}, {"year": 2025}]


@pytest.mark.parametrize("q", QUERIES)
def test_same_results_and_facets_as_the_database_engine(es_engine, q):
    corpus()
    outbox.drain(es_engine, refresh=True)
    database = engine_for_vendor(_vendor())
    for filters in FILTERS:
        ours = service.search(q, dict(filters), page=1, page_size=50, engine=es_engine)
        theirs = service.search(q, dict(filters), page=1, page_size=50, engine=database)
        assert not ours.notice
        assert ours.total == theirs.total, filters
        # The same order: both rank their pool with search.relevance.rank.
        assert [r.title for r in ours.results] == [r.title for r in theirs.results], filters
        assert [(r.matched_all, r.missing) for r in ours.results] == [
            (r.matched_all, r.missing) for r in theirs.results
        ], filters
        assert ours.facets == theirs.facets, filters
        assert (ours.corrections, ours.absent) == (theirs.corrections, theirs.absent)


def _vendor():
    from django.db import connection

    return connection.vendor
