"""PostgreSQL postings bitmaps (``search/engines/pgpostings.py``): the same matches as the GIN
index alone, through edits (pending documents), merges and rebuilds."""

import contextlib
import re

import numpy as np
import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from search.engines import engine_for_vendor, pgpostings
from search.engines.pgpostings import PENDING, POSTINGS, Builder, chunk_postings
from search.engines.postgres import alternative_literal
from search.facetindex import parse_ids
from search.models import SearchDocument

from .builders import body, corpus, make_case

#: Alternatives as queries ask for them: tokens, and phrases of adjacent tokens.
QUERIES = [
    "心理",
    "家校",
    "协同",
    "班主任",
    "家长",
    "父母",
    "家校协同育人",
    "协同 育人",  # a phrase: GIN whatever the bitmaps
    "网瘾",
    "ppt",
    "主题班会",
    "心理健康",
    "班导",  # in no document
    "没有",
    "晚自习",
]


@pytest.fixture
def engine(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL engine only")
    engine = engine_for_vendor("postgresql")
    engine.postings_min_docs, engine.postings_share = 1, 0.0  # every word gets a bitmap
    engine._without_postings = {}  # not what another test's process state says
    return engine


def rebuild(engine):
    with transaction.atomic():
        engine.rebuild(SearchDocument.objects.order_by("pk").iterator(), workers=1)


def gin_ids(q):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sitesearch_match_ids(%s::tsquery)", [alternative_literal(q)])
        return parse_ids(cursor.fetchone()[0]).tolist()


def matched(engine, *alternatives):
    found = engine.fetch_ids(alternatives)[1]
    return found[alternatives[0]].tolist() if len(alternatives) == 1 else {a: v.tolist() for a, v in found.items()}


def gin_arguments(engine, *alternatives):
    """The tsquery arguments of the GIN match function in the statements of a match."""
    with CaptureQueriesContext(connection) as queries:
        matched(engine, *alternatives)
    return [
        re.sub(r"[()']", "", argument)
        for statement in queries.captured_queries
        for argument in re.findall(r"sitesearch_match_ids\((.*?)::tsquery\)", statement["sql"])
    ]


def assert_same_as_gin(engine):
    found = matched(engine, *QUERIES)
    assert found == {q: gin_ids(q) for q in QUERIES}
    assert sum(bool(ids) for ids in found.values()) >= 5  # the comparison is not between empty sets
    return found


def count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - constant names
        return cursor.fetchone()[0]


def test_postings_match_the_gin_index_through_edits_merges_and_rebuilds(engine):
    pages = corpus()
    rebuild(engine)
    assert count(POSTINGS) > 50
    assert count(PENDING) == 0
    before = assert_same_as_gin(engine)
    # A word with a bitmap is never matched by the GIN index; a word absent from every
    # document (班导) or a phrase is.
    assert gin_arguments(engine, "心理") == []
    assert gin_arguments(engine, "班主任", "班导") == ["班导"]
    assert gin_arguments(engine, "心理", "协同 育人") == ["协同 <-> 育人"]

    # Edits through the site (the site's engine, with its own merge threshold): pending.
    mental = pages["mental"]
    mental.body = body("这名学生已经毕业，案例只保留家访记录。")
    mental.summary = "家访记录"
    mental.title = "毕业生家访记录"
    mental.save_revision().publish()
    pages["family"].unpublish()
    Page.objects.get(pk=pages["ppt"].pk).delete()
    added = make_case(pages["bj"], "新生心理适应的家校沟通", summary="开学一个月，家长和班主任每周沟通一次。")
    assert count(PENDING) > 0
    after = assert_same_as_gin(engine)
    assert mental.pk not in [SearchDocument.objects.get(pk=i).page_id for i in after["晚自习"]]
    assert mental.pk in [SearchDocument.objects.get(pk=i).page_id for i in before["晚自习"]]
    assert SearchDocument.objects.get(page=added).pk in after["心理"]
    assert after != before

    # Folding the pending documents into the bitmaps changes nothing visible.
    assert engine.merge_pending(at=1)
    assert count(PENDING) == 0
    assert assert_same_as_gin(engine) == after
    assert not engine.merge_pending(at=1)  # nothing left to fold

    # A write after the merge is pending again; a rebuild starts over.
    make_case(pages["gz"], "心理委员的一周", summary="心理委员记录同学的情绪变化。")
    assert count(PENDING) > 0
    assert_same_as_gin(engine)
    rebuild(engine)
    assert count(PENDING) == 0
    assert_same_as_gin(engine)


def test_a_merge_or_rebuild_between_the_two_reads_is_detected(engine, monkeypatch):
    corpus()
    rebuild(engine)
    real_read = pgpostings.read
    calls = []

    def read_then_merge(cursor, words):
        result = real_read(cursor, words)
        calls.append(1)
        if len(calls) == 1:  # someone else's merge lands between the two statements
            cursor.execute("UPDATE sitesearch_indexstate SET postings = postings + 1 WHERE id = 1")
        return result

    monkeypatch.setattr(pgpostings, "read", read_then_merge)
    assert matched(engine, "心理") == gin_ids("心理")
    assert len(calls) == 2  # read again after the version changed


def test_without_bitmaps_one_statement_until_a_rebuild_makes_some(engine):
    corpus()
    small_site = engine_for_vendor("postgresql")  # default thresholds: no word in 1,000 documents
    small_site._without_postings = engine._without_postings  # one process
    rebuild(small_site)
    assert count(POSTINGS) == 0
    assert matched(engine, "心理") == gin_ids("心理")  # reads the bitmaps: there are none
    with CaptureQueriesContext(connection) as queries:
        assert matched(engine, "心理") == gin_ids("心理")
    assert len(queries) == 2  # the match (one statement) and gin_ids
    rebuild(engine)
    assert matched(engine, "心理") == gin_ids("心理")  # by the GIN index, which reports the new version
    assert gin_arguments(engine, "心理") == []  # then from the bitmaps


def test_merge_without_bitmaps_only_empties_the_log(engine):
    pages = corpus()
    rebuild(engine_for_vendor("postgresql"))  # default thresholds: no bitmaps
    make_case(pages["gz"], "心理委员的一周", summary="心理委员记录同学的情绪变化。")
    assert count(PENDING) > 0
    assert engine.merge_pending(at=1)
    assert count(PENDING) == count(POSTINGS) == 0
    assert matched(engine, "心理") == gin_ids("心理") != []


def test_clear_empties_bitmaps_and_log(engine):
    corpus()
    rebuild(engine)
    engine.clear()
    assert count(POSTINGS) == count(PENDING) == 0
    assert matched(engine, "心理") == gin_ids("心理") == []


def test_builder_keeps_words_in_enough_documents():
    builder = Builder(min_docs=2, share=0.5)
    builder.add([5, 6, 9], chunk_postings([{"班主任", "心理"}, {"班主任"}, {"班主任", "家校"}]))
    builder.add([12], chunk_postings([{"心理", "家校"}]))
    base, bitmaps = builder.bitmaps(block=1)
    assert base == 5
    found = {
        lexeme: (np.flatnonzero(np.unpackbits(np.frombuffer(bits, np.uint8), bitorder="little")) + base).tolist()
        for lexeme, bits in bitmaps
    }
    # 4 documents: at least max(2, 0.5 × 4) = 2 each.
    assert found == {"班主任": [5, 6, 9], "心理": [5, 12], "家校": [9, 12]}
    builder = Builder(min_docs=3, share=0.0)
    builder.add([1, 2], chunk_postings([{"a"}, {"a", "b"}]))
    assert builder.bitmaps() == (0, [])


def test_a_log_row_committed_during_a_merge_is_kept(engine, monkeypatch):
    """The merge deletes exactly the log rows it read: a write another connection commits
    while the merge folds keeps its row, so that document is still checked on its vector."""
    pages = corpus()
    rebuild(engine)
    earlier = SearchDocument.objects.get(page=pages["family"])
    earlier.body += "第四次家访安排在寒假。"
    engine.index([earlier])  # the merge has something to fold
    edited = SearchDocument.objects.get(page=pages["mental"])
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"] or None,
        autocommit=True,
    )
    other.execute("SET lock_timeout = '5s'")  # the clean-up below must not wait on a failed test
    fold = pgpostings._fold

    def fold_while_another_write_commits(cursor, documents):
        other.execute(f"INSERT INTO {PENDING} (document_id) VALUES (%s)", [edited.pk])  # noqa: S608 - constant names
        fold(cursor, documents)

    monkeypatch.setattr(pgpostings, "_fold", fold_while_another_write_commits)
    try:
        assert engine.merge_pending(at=1)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT document_id FROM {PENDING}")  # noqa: S608 - constant names
            assert [row[0] for row in cursor.fetchall()] == [edited.pk]
    finally:
        with contextlib.suppress(psycopg.errors.LockNotAvailable):
            other.execute(f"DELETE FROM {PENDING} WHERE document_id = %s", [edited.pk])  # noqa: S608 - constant names
        other.close()


def test_flush_empties_the_derived_tables(engine):
    """``manage.py flush`` (and every transactional test case) truncates the documents:
    PostgreSQL refused while the full-text tables had foreign keys to them."""
    corpus()
    rebuild(engine)
    with connection.cursor() as cursor:  # as outside the test's transaction: no deferred checks pending
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert SearchDocument.objects.count() == 0
    assert count("sitesearch_pgindex") == count("sitesearch_features") == count(POSTINGS) == count(PENDING) == 0


def test_deleting_documents_deletes_their_vectors(engine):
    corpus()
    gone = list(SearchDocument.objects.filter(type="case").values_list("pk", flat=True))
    SearchDocument.objects.filter(pk__in=gone).delete()
    with connection.cursor() as cursor:
        for table in ("sitesearch_pgindex", "sitesearch_features"):
            cursor.execute(f"SELECT count(*) FROM {table} WHERE document_id = ANY(%s)", [gone])  # noqa: S608 - constant names
            assert cursor.fetchone()[0] == 0
    assert count("sitesearch_pgindex") == SearchDocument.objects.count() > 0
