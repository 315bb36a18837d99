"""The case library /cases/ and the case page."""

import copy
import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CasePage
from core.choices import CaseCategory, Direction, PromotionLevel, Province, SchoolType
from tests.cases.helpers import make_case
from tests.factories import make_promotion, make_studio, render_afresh, site_tree
from tests.fixtures.shared import built_once


def related_titles(html):
    """Titles of the case cards in the 相关案例 section of a case page."""
    if 'id="case-related-title"' not in html:
        return set()
    section = html[html.index('id="case-related-title"') :]
    return set(re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', section))


def when(day):
    return timezone.make_aware(datetime.datetime(2025, 1, 1)) + datetime.timedelta(days=day)


@pytest.fixture(scope="module")
def shared_library(django_db_setup, django_db_blocker):
    """Two studios and their cases, built once for the module (tests/fixtures/shared.py)."""
    with built_once(django_db_blocker):
        yield build_library()


@pytest.fixture
def library(db, shared_library):
    return copy.deepcopy(shared_library)


def build_library():
    site_tree()
    guizhou = make_studio("黔灵班主任工作室", province=Province.GUIZHOU, school_type=SchoolType.VOCATIONAL)
    jiangsu = make_studio(
        "润心班主任工作室",
        province=Province.JIANGSU,
        school_type=SchoolType.UNIVERSITY,
        direction_codes=(Direction.MENTAL_HEALTH,),
    )
    cases = [
        make_case(guizhou, "班级公约诞生记", category=CaseCategory.CLASS_CULTURE, year=2024, published_at=when(1)),
        make_case(
            guizhou,
            "一次深夜的宿舍冲突",
            category=CaseCategory.EMERGENCY,
            direction_codes=(Direction.CLASS_MANAGEMENT, Direction.MENTAL_HEALTH),
            year=2025,
            published_at=when(2),
        ),
        make_case(
            jiangsu,
            "走进沉默的少年",
            category=CaseCategory.KEY_STUDENT_SUPPORT,
            direction_codes=(Direction.MENTAL_HEALTH,),
            year=2025,
            published_at=when(3),
        ),
        make_case(
            jiangsu,
            "家长群里的风波",
            category=CaseCategory.FAMILY_COMMUNICATION,
            direction_codes=(Direction.FAMILY_SCHOOL,),
            year=2026,
            published_at=when(4),
        ),
    ]
    make_case(jiangsu, "尚未发布的草稿", publish=False)
    make_promotion(cases[1], PromotionLevel.PROVINCE)
    return {"guizhou": guizhou, "jiangsu": jiangsu, "cases": cases}


def facet(response, name):
    group = next(group for group in response.context["facets"] if group.name == name)
    return {option.value: option.count for option in group.options}


def titles(response):
    return [case.title for case in response.context["page_obj"].object_list]


def test_library_lists_published_cases_newest_first(client, library):
    response = client.get("/cases/")
    assert response.status_code == 200
    assert titles(response) == ["家长群里的风波", "走进沉默的少年", "一次深夜的宿舍冲突", "班级公约诞生记"]
    assert "尚未发布的草稿" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "lookup"),
    [
        ({"category": CaseCategory.EMERGENCY}, {"category": CaseCategory.EMERGENCY}),
        ({"direction": Direction.MENTAL_HEALTH}, {"directions__code": Direction.MENTAL_HEALTH}),
        ({"province": Province.JIANGSU}, {"studio__province": Province.JIANGSU}),
        ({"school_type": SchoolType.VOCATIONAL}, {"studio__school_type": SchoolType.VOCATIONAL}),
        ({"year": "2025"}, {"year": 2025}),
        (
            {"year": "2025", "direction": Direction.MENTAL_HEALTH},
            {"year": 2025, "directions__code": Direction.MENTAL_HEALTH},
        ),
    ],
)
def test_filters_and_facet_counts_equal_database_counts(client, library, params, lookup):
    response = client.get("/cases/", params)
    assert response.status_code == 200
    expected = CasePage.objects.live().filter(**lookup).distinct()
    assert sorted(titles(response)) == sorted(case.title for case in expected)
    assert response.context["result_count"] == expected.count()
    # Each facet's counts honour the other selected filters.
    others = {k: v for k, v in lookup.items() if k != "year"}
    years = facet(response, "year")
    for year, count in years.items():
        assert count == CasePage.objects.live().filter(year=int(year), **others).distinct().count()
    base = CasePage.objects.live().filter(**lookup)
    categories = facet(response, "category")
    if "category" not in params:
        for value, count in categories.items():
            assert count == base.filter(category=value).distinct().count()
    directions = facet(response, "direction")
    if "direction" not in params:
        for value, count in directions.items():
            assert count == base.filter(directions__code=value).distinct().count()
    provinces = facet(response, "province")
    if "province" not in params:
        assert provinces[Province.GUIZHOU] == base.filter(studio__province=Province.GUIZHOU).distinct().count()


@pytest.mark.parametrize(
    "query",
    [
        "category=nonsense",
        "direction=%27%3B--",
        "province=atlantis",
        "school_type=1",
        "year=abcd",
        "year=99999999999999999999",
        "page=-1",
        "page=zzz",
        "year=2025&page=99",
    ],
)
def test_bad_filter_values_are_ignored(client, library, query):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert response.context["result_count"] >= 1


def test_filter_state_is_in_the_links(client, library):
    response = client.get("/cases/", {"category": CaseCategory.EMERGENCY})
    html = response.content.decode()
    assert f"?category={CaseCategory.EMERGENCY}" in html or f"category={CaseCategory.EMERGENCY}&amp;" in html
    assert "一次深夜的宿舍冲突" in html
    assert "班级公约诞生记" not in html


def test_pagination(client, library):
    studio = library["guizhou"]
    for n in range(13):
        make_case(studio, f"分页案例{n}", published_at=when(10 + n))
    first = client.get("/cases/")
    second = client.get("/cases/", {"page": 2})
    assert len(first.context["page_obj"].object_list) == 12
    assert first.context["result_count"] == 17
    assert set(titles(first)).isdisjoint(titles(second))
    assert len(titles(second)) == 5


def count_queries(client, url):
    render_afresh()  # the listing is rendered, not served from its kept fragment
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/cases/", f"/cases/?direction={Direction.MENTAL_HEALTH}&year=2025"])
def test_query_count_is_constant_as_cases_are_added(client, library, url):
    client.get(url)  # warm caches (site root paths)
    before = count_queries(client, url)
    for n in range(8):
        make_case(
            library["jiangsu"],
            f"新增案例{n}",
            direction_codes=(Direction.MENTAL_HEALTH, Direction.CAREER),
            year=2025,
            published_at=when(30 + n),
        )
    client.get(url)
    after = count_queries(client, url)
    assert after == before


def test_case_page_shows_metadata_related_and_neighbours(client, library):
    emergency = library["cases"][1]  # 一次深夜的宿舍冲突 (guizhou, mental health + class management)
    response = client.get(emergency.url)
    assert response.status_code == 200
    html = response.content.decode()
    studio = library["guizhou"]
    assert studio.title in html and studio.url in html
    assert studio.school in html
    assert "贵州省" in html
    assert "突发事件处置" in html
    assert "心理健康教育" in html and "班级管理" in html
    assert "王芳、李明" in html
    assert "省级推介" in html
    assert "阅读约需 1 分钟" in html
    assert "case-print.css" in html
    # Related: same category or a shared direction, never itself.
    assert related_titles(html) == {"班级公约诞生记", "走进沉默的少年"}
    # Neighbours follow the library order (newest first).
    assert re.search(r'上一篇：<a href="[^"]+" rel="prev">走进沉默的少年</a>', html)
    assert re.search(r'下一篇：<a href="[^"]+" rel="next">班级公约诞生记</a>', html)


def test_neighbours_of_cases_published_at_the_same_moment_follow_the_library_order(library):
    studio = library["guizhou"]
    same_moment = [make_case(studio, f"同一时刻发布{n}", published_at=when(30)) for n in range(3)]
    middle = CasePage.objects.get(pk=same_moment[1].pk)
    listed = list(CasePage.objects.live().public().order_by(*CasePage.LIBRARY_ORDER))
    at = listed.index(middle)
    assert middle.neighbours() == (listed[at - 1], listed[at + 1])
    newest = listed[0]
    assert newest.neighbours() == (None, listed[1])


def test_related_cases_are_at_most_four(client, library):
    studio = library["guizhou"]
    for n in range(6):
        make_case(studio, f"同类案例{n}", category=CaseCategory.CLASS_CULTURE, published_at=when(40 + n))
    response = client.get(library["cases"][0].url)
    assert len(related_titles(response.content.decode())) == 4


def test_studio_include_lists_its_cases(library):
    from django.template.loader import render_to_string

    html = render_to_string("cases/includes/studio_cases.html", {"studio": library["jiangsu"]})
    assert "走进沉默的少年" in html and "家长群里的风波" in html
    assert "班级公约诞生记" not in html
    assert "尚未发布的草稿" not in html


def test_moving_a_case_updates_its_studio(client, library):
    case = library["cases"][0]
    case.move(library["jiangsu"], pos="last-child")
    case = CasePage.objects.get(pk=case.pk)
    assert case.studio_id == library["jiangsu"].pk
    response = client.get("/cases/", {"province": Province.JIANGSU})
    assert case.title in titles(response)


def test_the_library_sorts_by_promotion_level_and_keeps_the_filters(client, library):
    newest = client.get("/cases/")
    assert [option["label"] for option in newest.context["sort_options"]] == ["最新", "推介级别"]
    response = client.get("/cases/", {"sort": "promotion"})
    # The province-promoted case first, then the others newest first.
    assert titles(response) == ["一次深夜的宿舍冲突", "家长群里的风波", "走进沉默的少年", "班级公约诞生记"]
    html = response.content.decode()
    assert '<span aria-current="true">推介级别</span>' in html
    # A filter link keeps the chosen order and lands at the results.
    assert re.search(r'href="\?category=emergency&amp;sort=promotion#results"', html)
    # An order the listing does not know is the default one.
    assert titles(client.get("/cases/", {"sort": "nonsense"})) == titles(newest)


def test_chosen_filters_are_chips_that_remove_themselves(client, library):
    response = client.get("/cases/", {"category": CaseCategory.EMERGENCY, "year": "2025"})
    html = response.content.decode()
    assert ">筛选 (2)</a>" in html
    chips = dict(re.findall(r'<a class="chip" href="([^"]+)"[^>]*>.*?</span>([^<]+)<span class="chip__x"', html))
    assert chips == {"?year=2025#results": "突发事件处置", "?category=emergency#results": "2025"}
    assert 'class="chip chip--clear" href="?#results"' in html
    # Every facet link lands at the results, which the phone's sheet closes onto.
    facet_links = re.findall(r'<li><a href="(\?[^"]*)"', html)
    assert facet_links and all(link.endswith("#results") for link in facet_links)
    assert 'id="results"' in html and 'id="filters"' in html
