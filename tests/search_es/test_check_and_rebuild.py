"""``check_search_index`` finds and repairs drift; ``rebuild_search_index`` swaps the alias with no downtime."""

import io

import pytest
from django.core.management import CommandError, call_command

from search import outbox, service
from search.engines.elasticsearch import index_body
from search.models import IndexOperation, SearchDocument
from tests.search.builders import corpus

from .helpers import database_page_ids, indexed_page_ids


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_check_reports_then_repairs_injected_drift(es_engine):
    pages = corpus()
    outbox.drain(es_engine, refresh=True)
    assert "索引与数据库一致" in run("check_search_index")

    # missing: a document vanished from the index
    es_engine.client.delete(index=es_engine.alias, id=str(pages["family"].pk), refresh=True)
    # extra: a document whose page has no row
    ghost = SearchDocument.objects.get(page_id=pages["games"].pk)
    ghost.page_id = 987654
    es_engine.write([ghost], refresh=True)
    # stale: the row changed behind the index's back
    SearchDocument.objects.filter(page_id=pages["mental"].pk).update(title="数据库里改过的标题")

    with pytest.raises(CommandError, match="发现 3 处偏差") as error:
        call_command("check_search_index", stdout=(out := io.StringIO()))
    assert error.value.returncode == 1
    report = out.getvalue()
    assert f"索引中缺失：1 篇（页面 ID：{pages['family'].pk}）" in report
    assert "索引中多余：1 篇（页面 ID：987654）" in report
    assert f"内容过期：1 篇（页面 ID：{pages['mental'].pk}）" in report

    assert "已修复 3 处偏差" in run("check_search_index", "--fix")
    assert indexed_page_ids(es_engine) == database_page_ids()
    assert "索引与数据库一致" in run("check_search_index")
    # The cluster holds the row as the database has it now (the database engine's own index
    # was bypassed by the update above, so the query is checked on the cluster's document).
    source = es_engine.client.get(index=es_engine.alias, id=str(pages["mental"].pk))["_source"]
    assert source["text"].startswith("数据库 里 改过 的 标题") or "改过" in source["text"].split()


def test_check_mentions_pending_outbox_rows(es_engine):
    pages = corpus()
    with pytest.raises(CommandError):
        call_command("check_search_index", stdout=(out := io.StringIO()))
    assert f"待同步操作 {IndexOperation.objects.count()} 条" in out.getvalue()
    assert f"索引中缺失：{len(database_page_ids())} 篇" in out.getvalue()
    assert pages  # the corpus is in the database, not yet in the index


def test_rebuild_swaps_the_alias_to_a_new_index_and_reports_progress(es_engine):
    corpus()
    old = es_engine.alias_indices()
    text = run("rebuild_search_index", "--workers", "1")
    n = SearchDocument.objects.count()
    assert f"Elasticsearch：已索引 {n}/{n}" in text
    new = es_engine.alias_indices()
    assert len(new) == 1 and new != old
    assert es_engine.all_indices() == new  # the old versioned index is gone
    assert new[0].startswith(es_engine.alias + "-")
    assert indexed_page_ids(es_engine) == database_page_ids()
    assert not IndexOperation.objects.exists()  # the rebuild covered the outbox
    assert "索引与数据库一致" in run("check_search_index")


def test_the_alias_answers_throughout_a_rebuild(es_engine):
    """Zero downtime: while the new index fills, searches still hit the complete old one."""
    corpus()
    outbox.drain(es_engine, refresh=True)
    expected = service.search("班主任", {}, 1, 50, engine=es_engine).total
    assert expected > 0
    seen = []

    def documents():
        for doc in SearchDocument.objects.order_by("page_id"):
            es_engine.reset()
            during = service.search("班主任", {}, 1, 50, engine=es_engine)
            seen.append((during.total, during.notice))
            yield doc

    es_engine.rebuild(documents(), batch=2)
    assert seen and all(item == (expected, "") for item in seen)
    assert service.search("班主任", {}, 1, 50, engine=es_engine).total == expected


def test_mapping_change_goes_live_through_a_new_index(es_engine, monkeypatch):
    from search.engines import elasticsearch

    corpus()
    outbox.drain(es_engine, refresh=True)
    old = es_engine.alias_indices()
    monkeypatch.setattr(elasticsearch, "MAPPING_VERSION", elasticsearch.MAPPING_VERSION + 1)
    text = run("rebuild_search_index", "--elasticsearch-only")
    assert "别名" in text
    new = es_engine.alias_indices()
    assert new != old
    mapping = es_engine.client.indices.get_mapping(index=new[0])[new[0]]["mappings"]
    assert mapping["properties"]["text"]["analyzer"] == "bzr_segmented"
    assert index_body()["mappings"]["_meta"]["mapping_version"] == elasticsearch.MAPPING_VERSION
    assert indexed_page_ids(es_engine) == database_page_ids()
