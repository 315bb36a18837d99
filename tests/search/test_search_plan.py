"""The embedded engines' search plan: facet index coherence, bounded ranked tiers, pagination.

``SqlEngine.search`` counts facets in an in-memory index (``search/facetindex.py``) and
scores at most ``POOL`` documents per tier; these tests shrink ``POOL`` so that the
tiers and the newest-first remainder are all exercised on a handful of pages.
"""

import copy

import pytest
from django.db import connection, transaction

from core.choices import Province
from search import relevance, service
from search.engines import engine_for_vendor
from search.facetindex import FacetIndex, read_generation
from search.models import SearchDocument
from tests.factories import make_studio
from tests.fixtures.shared import built_once

from .builders import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine():
    return engine_for_vendor(connection.vendor)


def search(engine, q, page=1, page_size=50, **filters):
    return service.search(q, filters, page=page, page_size=page_size, engine=engine)


def test_generation_changes_with_every_document_write():
    before = read_generation()
    studio = make_studio("心理健康班主任工作室")
    after_create = read_generation()
    assert after_create != before
    SearchDocument.objects.filter(page=studio).update(province=Province.BEIJING)
    assert read_generation() != after_create


def test_facet_counts_follow_writes_and_rollbacks(engine):
    studio = make_studio("家校协同班主任工作室", province=Province.GUIZHOU)
    make_case(studio, "家校协同的三次家访")
    counts = dict(search(engine, "家校").facets["province"])
    assert counts == {"guizhou": 2}
    # A write this connection rolls back: the index built inside must not survive it.
    with pytest.raises(RuntimeError), transaction.atomic():
        SearchDocument.objects.update(province=Province.SHANGHAI)
        assert dict(search(engine, "家校").facets["province"]) == {"shanghai": 2}
        raise RuntimeError
    # The next write right after the rollback: a counter would repeat the rolled-back
    # generation here, and the index built inside the transaction would be served.
    SearchDocument.objects.filter(page__title="家校协同的三次家访").update(province=Province.BEIJING)
    assert dict(search(engine, "家校").facets["province"]) == {"beijing": 1, "guizhou": 1}


def test_stale_process_index_is_rebuilt(engine):
    studio = make_studio("心理健康班主任工作室")
    search(engine, "心理")
    stale = FacetIndex._current
    make_case(studio, "心理辅导个案")
    assert search(engine, "心理").total == 2
    assert FacetIndex._current is not stale


@pytest.fixture(scope="module")
def shared_many(django_db_setup, django_db_blocker):
    """Nine cases with 班主任 in the body only, three with it in the title: built once for the
    module (tests/fixtures/shared.py)."""
    with built_once(django_db_blocker):
        yield build_many()


@pytest.fixture
def many(db, shared_many):
    return copy.deepcopy(shared_many)


def build_many():
    studio = make_studio("启航工作室", province=Province.BEIJING)
    body_only = [
        make_case(studio, f"家访记录第{n}篇", paragraphs=[f"第{n}次家访，班主任与家长交流孩子的学习。"])
        for n in range(9)
    ]
    titled = [make_case(studio, f"班主任手记第{n}篇", paragraphs=["记录一学期的班级工作。"]) for n in range(3)]
    return {"body_only": body_only, "titled": titled}


@pytest.mark.parametrize("pool", [2, 4, 500])
def test_tiers_and_remainder_page_through_every_match_once(engine, many, monkeypatch, pool):
    monkeypatch.setattr(relevance, "POOL", pool)
    everything = search(engine, "班主任")
    assert everything.total == 12
    ids = [r.document.page_id for r in everything.results]
    assert len(ids) == len(set(ids)) == 12
    titled = {p.pk for p in many["titled"]}
    if pool >= 3:  # the whole title tier is scored: it comes first
        assert set(ids[:3]) == titled
    else:  # only the newest titled pages are scored; the rest follow newest first
        assert set(ids[:pool]) <= titled
    paged = []
    for page in range(1, 6):
        paged += [r.document.page_id for r in search(engine, "班主任", page=page, page_size=3).results]
    assert paged == ids


def test_filters_reach_the_ranked_tiers(engine, many, monkeypatch):
    monkeypatch.setattr(relevance, "POOL", 2)
    other = make_studio("远方班主任工作室", province=Province.GUIZHOU)
    make_case(other, "班主任在贵州", paragraphs=["山区学校的班主任工作。"])
    found = search(engine, "班主任", province="guizhou")
    assert {r.title for r in found.results} == {"班主任在贵州", "远方班主任工作室"}
    assert found.total == 2


def test_match_ids_are_sorted_whatever_order_the_database_returns():
    from search.facetindex import parse_ids

    assert parse_ids("9,3,12,5").tolist() == [3, 5, 9, 12]
    assert parse_ids(None).tolist() == parse_ids("").tolist() == parse_ids(b"").tolist() == []
    # PostgreSQL: 8-byte big-endian integers (string_agg of int8send)
    packed = b"".join(n.to_bytes(8, "big") for n in (9, 3, 2**40, 5))
    assert parse_ids(packed).tolist() == [3, 5, 9, 2**40]
    assert parse_ids(memoryview(packed)).tolist() == [3, 5, 9, 2**40]
