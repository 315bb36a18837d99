"""Durable sync: the outbox keeps every change while the cluster is down, the worker converges.

The server is really stopped in the middle of a run of publishes and restarted
on the same data folder; afterwards ``search_worker`` must bring the index to
exactly the database's documents.
"""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from search import outbox, service
from search.models import IndexOperation, SearchDocument
from tests.search.builders import corpus, make_case

from .helpers import database_page_ids, indexed_page_ids, outage


def titles(response):
    return [r.title for r in response.results]


def test_publishing_during_an_outage_is_kept_and_converges(es_engine, es_server, settings, client):
    pages = corpus()
    outbox.drain(es_engine, refresh=True)
    assert indexed_page_ids(es_engine) == database_page_ids()
    before = SearchDocument.objects.count()

    with outage(es_server, settings):
        # Editors keep working: new cases, an edit, an unpublish, a move and a delete.
        new = [
            make_case(pages["gz"], f"停机期间发布的班会案例{n}", summary=f"第{n}篇在检索服务停机时发布的案例。")
            for n in range(1, 6)
        ]
        mental = pages["mental"]
        mental.title = "学生心理健康教育案例（修订）"
        mental.save_revision().publish()
        pages["family"].unpublish()
        Page.objects.get(pk=pages["ppt"].pk).move(pages["gz"], pos="last-child")
        games_id = pages["games"].pk
        pages["games"].delete()

        # The database knows everything; the outbox holds every change.
        assert SearchDocument.objects.count() == before + 5 - 2
        pending = set(IndexOperation.objects.values_list("page_id", flat=True))
        assert {p.pk for p in new} | {mental.pk, pages["family"].pk, pages["ppt"].pk, games_id} <= pending

        # Visitors get the database engine's results, with the notice.
        data = client.get("/api/search/", {"q": "停机期间"}).json()
        assert data["notice"] == "检索服务暂时繁忙，以下为基础检索结果。"
        assert data["total"] == 5
        page = client.get("/search/", {"q": "心理"})
        assert page.status_code == 200 and "检索服务暂时繁忙" in page.content.decode()

        # The worker cannot reach the cluster: nothing is lost, retries are scheduled.
        rows = IndexOperation.objects.count()
        with pytest.raises(CommandError, match="Elasticsearch 不可用"):
            call_command("search_worker", "--once")
        assert IndexOperation.objects.count() == rows
        failed = IndexOperation.objects.first()
        assert failed.attempts == 1 and failed.last_error and failed.next_attempt_at > timezone.now()

    # Back up: not due yet (back-off), then drained on --retry-now; exact convergence.
    call_command("search_worker", "--once")
    assert IndexOperation.objects.count() == rows
    call_command("search_worker", "--once", "--retry-now")
    assert not IndexOperation.objects.exists()
    assert indexed_page_ids(es_engine) == database_page_ids()
    assert es_engine.client.count(index=es_engine.alias)["count"] == SearchDocument.objects.count() == before + 3
    call_command("check_search_index")  # no drift: exit status 0

    es_engine.reset()
    response = service.search("停机期间", {}, 1, 50)
    assert not response.notice and response.total == 5
    assert "学生心理健康教育案例（修订）" in titles(service.search("心理", {}, 1, 50))
    assert "家校协同育人的三次家访" not in titles(service.search("家访", {}, 1, 50))  # unpublished
    assert "帮助沉迷手机游戏的学生重建作息" not in titles(service.search("网瘾", {}, 1, 50))  # deleted
    moved = service.search("ppt", {}, 1, 50).results[0]
    assert moved.document.studio_name == "阳光心理班主任工作室"


def test_a_rolled_back_publish_leaves_no_outbox_row(es_engine):
    pages = corpus()
    outbox.drain(es_engine)
    with pytest.raises(RuntimeError), transaction.atomic():
        case = make_case(pages["gz"], "撤销的发布", summary="这次发布随事务回滚。")
        # inside the publishing transaction, the row is already there
        assert IndexOperation.objects.filter(page_id=case.pk, op="index").exists()
        raise RuntimeError("rollback")
    assert not IndexOperation.objects.exists()
    assert not SearchDocument.objects.filter(title="撤销的发布").exists()


def test_several_changes_of_a_page_coalesce_to_its_latest_state(es_engine):
    pages = corpus()
    outbox.drain(es_engine)
    case = pages["mental"]
    for n in range(3):
        case.title = f"第{n}次修改的心理案例"
        case.save_revision().publish()
    case.unpublish()
    case.save_revision().publish()
    assert IndexOperation.objects.filter(page_id=case.pk).count() >= 5
    result = outbox.drain(es_engine, refresh=True)
    assert result.applied == 1 and not IndexOperation.objects.exists()
    found = titles(service.search("心理案例", {}, 1, 50, engine=es_engine))
    assert found == ["第2次修改的心理案例"]


def test_a_refused_page_is_retried_with_back_off_while_others_proceed(es_engine, monkeypatch):
    pages = corpus()
    outbox.drain(es_engine)
    a = make_case(pages["gz"], "被拒绝的案例", summary="集群拒绝了这一篇。")
    b = make_case(pages["gz"], "正常同步的案例", summary="这一篇照常同步。")
    real_write = type(es_engine).write

    def refusing(self, documents=(), delete_page_ids=(), **kwargs):
        failed = real_write(self, [d for d in documents if d.page_id != a.pk], delete_page_ids, **kwargs)
        return failed | ({a.pk: "mapper_parsing_exception"} if any(d.page_id == a.pk for d in documents) else {})

    monkeypatch.setattr(type(es_engine), "write", refusing)
    now = timezone.now()
    result = outbox.drain(es_engine, now=now, refresh=True)
    assert result.failed == 1
    assert set(IndexOperation.objects.values_list("page_id", flat=True)) == {a.pk}
    row = IndexOperation.objects.get()
    assert row.attempts == 1 and row.last_error == "mapper_parsing_exception"
    assert row.next_attempt_at == now + datetime.timedelta(seconds=2)
    assert b.pk in indexed_page_ids(es_engine) and a.pk not in indexed_page_ids(es_engine)
    # not due yet; later still refused: the delay doubles
    assert not outbox.drain(es_engine, now=now + datetime.timedelta(seconds=1))
    outbox.drain(es_engine, now=now + datetime.timedelta(seconds=3))
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at == now + datetime.timedelta(seconds=3 + 4)
    monkeypatch.setattr(type(es_engine), "write", real_write)
    outbox.drain(es_engine, now=now + datetime.timedelta(seconds=8))
    assert not IndexOperation.objects.exists()
    assert indexed_page_ids(es_engine) == database_page_ids()


def test_backoff_doubles_up_to_a_ceiling():
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert outbox.backoff(30).total_seconds() == outbox.BACKOFF_MAX


def test_worker_builds_the_index_when_the_alias_is_missing(es_engine):
    corpus()
    for name in es_engine.all_indices():  # no wildcards: ES 8 refuses destructive wildcard requests
        es_engine.client.indices.delete(index=name)
    assert not es_engine.alias_indices()
    call_command("search_worker", "--once")
    assert es_engine.alias_indices()
    assert indexed_page_ids(es_engine) == database_page_ids()
    assert not IndexOperation.objects.exists()


def test_without_elasticsearch_nothing_is_recorded(db, settings):
    settings.ELASTICSEARCH = {}
    corpus()
    assert SearchDocument.objects.exists()
    assert not IndexOperation.objects.exists()
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        call_command("search_worker", "--once")
