"""The search page and ``GET /api/search/``: parameters, shape, errors, hostile input."""

import copy
import re

import pytest

from tests.fixtures.shared import built_once

from .builders import corpus

RESULT_KEYS = {
    "title",
    "url",
    "type",
    "snippet",
    "studio",
    "province",
    "category",
    "directions",
    "year",
    "promotion",
    "matched_all",
    "missing",
    "chapters",
}
API_KEYS = {
    "query",
    "total",
    "page",
    "page_size",
    "sort",
    "results",
    "facets",
    "searched",
    "corrections",
    "suggestion",
    "absent",
    "without_absent",
}
FACET_KEYS = {"type", "category", "direction", "province", "school_type", "year", "promotion"}


@pytest.fixture(scope="module")
def shared_pages(django_db_setup, django_db_blocker):
    """The search corpus, built once for the module (tests/fixtures/shared.py): every test here
    only reads it through GET requests, and the full-page cache is off in the test settings."""
    with built_once(django_db_blocker):
        yield corpus()


@pytest.fixture
def pages(db, shared_pages):
    return copy.deepcopy(shared_pages)


def test_api_shape(client, pages):
    response = client.get("/api/search/", {"q": "心理", "page_size": 2})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == API_KEYS
    assert data["query"] == "心理" and data["page"] == 1 and data["page_size"] == 2
    assert data["total"] >= 3 and len(data["results"]) == 2
    assert all(set(r) == RESULT_KEYS for r in data["results"])
    assert set(data["facets"]) == FACET_KEYS
    assert all(set(item) == {"value", "count"} for values in data["facets"].values() for item in values)
    case = next(r for r in client.get("/api/search/", {"q": "心理", "type": "case"}).json()["results"])
    assert case["type"] == "case" and case["studio"] == "阳光心理班主任工作室" and case["province"] == "guizhou"
    assert case["category"] == "key-student-support" and case["directions"] == ["mental-health"]
    assert case["year"] == 2024 and case["promotion"] == "province" and case["url"].startswith("/studios/")
    assert "<mark>" in case["snippet"]


def test_api_filters(client, pages):
    data = client.get("/api/search/", {"q": "班主任", "province": "beijing", "school_type": "university"}).json()
    assert data["total"] >= 1
    assert {r["province"] for r in data["results"]} == {"beijing"}
    data = client.get("/api/search/", {"type": "case", "year": "2025", "promotion": "ministry"}).json()
    assert [r["title"] for r in data["results"]] == ["家校协同育人的三次家访"]


@pytest.mark.parametrize(
    "params, word",
    [
        ({"q": "心" * 101}, "100"),
        ({"type": "blog"}, "type"),
        ({"category": "x"}, "category"),
        ({"direction": "nope"}, "direction"),
        ({"province": "mars"}, "province"),
        ({"school_type": "primary"}, "school_type"),
        ({"promotion": "national"}, "promotion"),
        ({"year": "二〇二五"}, "year"),
        ({"year": "99999"}, "year"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page_size": "51"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
    ],
)
def test_api_rejects_bad_parameters_in_chinese(client, db, params, word):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    message = response.json()["error"]
    assert word in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)


@pytest.mark.parametrize(
    "q",
    ['"*', "NEAR(心理", "心理 OR", "((家校", "'; DROP TABLE x; --", "\x00\x07心理", "心理" * 50, "%_\\", "<script>"],
)
def test_api_hostile_queries_never_fail(client, pages, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["query"] == q


def text_of(response):
    return re.sub(r"</?(mark|s)>", "", response.content.decode())


def test_search_page(client, pages):
    response = client.get("/search/", {"q": "家校 家访"})
    html = text_of(response)
    assert response.status_code == 200
    assert 'value="家校 家访"' in html  # query kept in the box
    assert "家校协同育人的三次家访" in html
    assert "<mark>家访</mark>" in response.content.decode()
    assert "建设方向" in html and "推介级别" in html  # facet groups with counts


def test_search_page_filters_and_pagination(client, pages):
    html = client.get("/search/", {"q": "班主任", "page_size": 1}).content.decode()
    assert "下一页" in html and "page=2" in html
    html = text_of(client.get("/search/", {"q": "班主任", "province": "beijing"}))
    assert "启航生涯班主任工作室" in html and "阳光心理班主任工作室" not in html


def test_search_page_says_what_was_searched(client, pages):
    html = text_of(client.get("/search/", {"q": "ICU 家访"}))
    assert "未找到包含“icu”的内容" in html
    assert "家校协同育人的三次家访" in html and "缺少：icu" in html
    html = text_of(client.get("/search/", {"q": "家访 潜水艇"}))
    assert "试试只搜索：" in html and "q=%E5%AE%B6%E8%AE%BF" in html
    html = text_of(client.get("/search/", {"q": "心里健康"}))
    assert "以下是“<strong>心理健康</strong>”的搜索结果" in html and "exact=1" in html
    assert "学生心理健康教育案例" in html


def test_search_page_no_results_offers_a_way_on(client, pages):
    html = client.get("/search/", {"q": "量子力学 股票"}).content.decode()
    assert "没有找到与“量子力学 股票”相关的内容" in html
    assert 'href="/cases/"' in html


def test_search_page_bad_input(client, pages):
    assert client.get("/search/", {"q": "心" * 101}).status_code == 400
    response = client.get("/search/", {"q": "心理", "province": "mars", "page": "x"})
    assert response.status_code == 200  # stale links are forgiven on the HTML page
    assert "学生心理健康教育案例" in text_of(response)
    assert client.get("/search/", {"q": 'NEAR(" *'}).status_code == 200


def test_every_page_has_a_search_box(client, pages):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html


# Orders -----------------------------------------------------------------------------
def sort_links(html):
    nav = re.search(r'<nav class="sort-links".*?</nav>', html, re.S).group(0)
    current = re.search(r'<span aria-current="true">(.*?)</span>', nav).group(1)
    links = {label: href for href, label in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', nav)}
    return current, links


def test_search_page_offers_relevance_newest_and_promotion_keeping_words_and_filters(client, pages):
    html = client.get("/search/", {"q": "班主任", "type": "case"}).content.decode()
    current, links = sort_links(html)
    assert current == "相关度"
    assert links == {
        "最新": "?q=%E7%8F%AD%E4%B8%BB%E4%BB%BB&amp;type=case&amp;sort=new#results",
        "推介级别": "?q=%E7%8F%AD%E4%B8%BB%E4%BB%BB&amp;type=case&amp;sort=promotion#results",
    }
    html = client.get("/search/", {"q": "班主任", "type": "case", "sort": "promotion"}).content.decode()
    current, links = sort_links(html)
    assert current == "推介级别" and set(links) == {"相关度", "最新"}
    assert links["相关度"] == "?q=%E7%8F%AD%E4%B8%BB%E4%BB%BB&amp;type=case#results"  # the default is not written
    # the filters, the chips, the pages and the search box keep the order
    facet_links = re.findall(r'<aside class="filters.*?</aside>', html, re.S)[0]
    hrefs = re.findall(r'href="(\?[^"]*)"', facet_links)
    assert len(hrefs) > 3 and all(h.endswith("&amp;sort=promotion#results") for h in hrefs)
    assert 'href="?q=%E7%8F%AD%E4%B8%BB%E4%BB%BB&amp;sort=promotion#results"' in html  # 不限类型 keeps it
    assert '<input type="hidden" name="sort" value="promotion">' in html


def test_promotion_order_on_the_page_puts_the_ministry_case_first(client, pages):
    html = client.get("/search/", {"type": "case", "sort": "promotion"}).content.decode()
    titles = re.findall(r'<h2 class="card__title"><a href="[^"]*">(.*?)</a>', html)
    assert titles[0] == "家校协同育人的三次家访"
    current, links = sort_links(html)
    assert current == "推介级别" and set(links) == {"最新"}  # no 相关度 without words


def test_an_unknown_order_is_ignored_on_the_page_and_refused_by_the_api(client, pages):
    page = client.get("/search/", {"q": "班主任", "sort": "hot"})
    assert page.status_code == 200 and sort_links(page.content.decode())[0] == "相关度"
    api = client.get("/api/search/", {"q": "班主任", "sort": "hot"})
    assert api.status_code == 400 and "sort" in api.json()["error"]
    data = client.get("/api/search/", {"q": "班主任", "sort": "new"}).json()
    assert data["sort"] == "new"
    assert client.get("/api/search/", {"q": "班主任"}).json()["sort"] == "relevance"


def test_a_results_meta_line_separates_its_items_not_the_type_badge(client, pages):
    """On a phone the type badge wraps onto its own line: the next line must not start with “·”."""
    html = client.get("/search/", {"q": "心理"}).content.decode()
    lines = re.findall(r'<p class="card__meta"><span class="badge">[^<]*</span>(.*?)</p>', html)
    assert lines
    assert not [line for line in lines if line.lstrip().startswith("·")]
    assert any(" · " in line for line in lines)  # studio · province · … still separated
