"""The studio directory ``/studios/``: cards, filters with counts, pagination, query count."""

import copy
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.choices import Direction, Province, SchoolType, StudioLevel
from studios.models import StudioIndexPage, StudioPage
from tests.factories import make_studio, render_afresh, site_tree
from tests.fixtures.shared import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker):
    """The home page and the section pages, built once for the module (tests/fixtures/shared.py)."""
    with built_once(django_db_blocker):
        yield site_tree()


@pytest.fixture
def site(db, shared_site):
    return copy.deepcopy(shared_site)


@pytest.fixture(scope="class")
def shared_studios(shared_site, django_db_blocker):
    """Four studios built once for ``TestFourStudios``, inside the module's site; class-scoped, so
    they are gone again for the tests after it, which count every studio of the database."""
    with built_once(django_db_blocker):
        yield build_studios()


@pytest.fixture
def studios(db, shared_studios):
    return copy.deepcopy(shared_studios)


def build_studios():
    return [
        make_studio(
            "黔灵班主任工作室",
            province=Province.GUIZHOU,
            school_type=SchoolType.VOCATIONAL,
            level=StudioLevel.PROVINCE,
            direction_codes=(Direction.CLASS_MANAGEMENT, Direction.CULTURE),
            member_count=7,
            host_name="罗晓梅",
        ),
        make_studio(
            "筑梦班主任工作室",
            province=Province.GUIZHOU,
            school_type=SchoolType.UNIVERSITY,
            level=StudioLevel.SCHOOL,
            direction_codes=(Direction.CAREER,),
        ),
        make_studio(
            "江南班主任工作室",
            province=Province.JIANGSU,
            school_type=SchoolType.VOCATIONAL,
            level=StudioLevel.PROVINCE,
            direction_codes=(Direction.MENTAL_HEALTH, Direction.CLASS_MANAGEMENT),
        ),
        make_studio(
            "燕园班主任工作室",
            province=Province.BEIJING,
            school_type=SchoolType.UNIVERSITY,
            level=StudioLevel.NATIONAL,
            direction_codes=(Direction.ONLINE_IDEOLOGY,),
        ),
    ]


def titles(response):
    return [studio.title for studio in response.context["page_obj"].object_list]


def facet(response, name):
    group = next(group for group in response.context["facets"] if group.name == name)
    return {option.value: option for option in group.options}


class TestFourStudios:
    """The tests that only read the four studios of ``studios`` (and add a draft at most), which
    are built once for the class. The tests after it count every studio and build their own."""

    def test_directory_lists_every_live_studio_as_a_card(self, client, studios):
        make_studio("草稿班主任工作室", publish=False)
        response = client.get("/studios/")
        assert response.status_code == 200
        assert sorted(titles(response)) == sorted(s.title for s in studios)
        html = response.content.decode()
        assert "草稿班主任工作室" not in html
        card = html[html.index("黔灵班主任工作室") :]
        card = card[: card.index("</article>")]
        for text in ["贵州省", "班级管理", "文化建设", "罗晓梅", "成员 7 人", "省级"]:
            assert text in card
        assert studios[0].school in card

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"province": Province.GUIZHOU}, {"黔灵班主任工作室", "筑梦班主任工作室"}),
            ({"school_type": SchoolType.UNIVERSITY}, {"筑梦班主任工作室", "燕园班主任工作室"}),
            ({"direction": Direction.CLASS_MANAGEMENT}, {"黔灵班主任工作室", "江南班主任工作室"}),
            ({"level": StudioLevel.PROVINCE}, {"黔灵班主任工作室", "江南班主任工作室"}),
            ({"province": Province.GUIZHOU, "direction": Direction.CLASS_MANAGEMENT}, {"黔灵班主任工作室"}),
            ({"province": Province.BEIJING, "school_type": SchoolType.VOCATIONAL}, set()),
        ],
    )
    def test_filters_narrow_the_list(self, client, studios, query, expected):
        response = client.get("/studios/", query)
        assert response.status_code == 200
        assert set(titles(response)) == expected
        assert response.context["result_count"] == len(expected)
        if not expected:
            assert "没有符合条件的工作室" in response.content.decode()

    def test_facet_counts_equal_database_counts(self, client, studios):
        response = client.get("/studios/")
        live = StudioPage.objects.live()
        for value, option in facet(response, "province").items():
            assert option.count == live.filter(province=value).count()
        for value, option in facet(response, "school_type").items():
            assert option.count == live.filter(school_type=value).count()
        for value, option in facet(response, "level").items():
            assert option.count == live.filter(level=value).count()
        for value, option in facet(response, "direction").items():
            assert option.count == live.filter(directions__code=value).count()
        # Shown to the visitor next to the value.
        html = response.content.decode()
        assert re.search(r"贵州省\s*<span class=\"facet-count\">2</span>", html)

    def test_facet_counts_honour_the_other_filters(self, client, studios):
        response = client.get("/studios/", {"school_type": SchoolType.VOCATIONAL})
        provinces = facet(response, "province")
        vocational = StudioPage.objects.live().filter(school_type=SchoolType.VOCATIONAL)
        assert provinces[Province.GUIZHOU].count == vocational.filter(province=Province.GUIZHOU).count() == 1
        assert provinces[Province.JIANGSU].count == 1
        assert provinces[Province.BEIJING].count == 0
        # The selected value is marked and its link removes it again.
        school_types = facet(response, "school_type")
        assert school_types[SchoolType.VOCATIONAL].selected
        assert "school_type" not in school_types[SchoolType.VOCATIONAL].url

    def test_filter_state_is_kept_in_the_links(self, client, studios):
        response = client.get("/studios/", {"province": Province.GUIZHOU})
        html = response.content.decode()
        assert 'href="?province=guizhou&amp;direction=career#results"' in html
        assert 'aria-current="true"' in html

    @pytest.mark.parametrize(
        "query",
        [
            {"province": "atlantis"},
            {"school_type": "<script>"},
            {"direction": "9999"},
            {"level": ""},
            {"page": "abc"},
            {"page": "999"},
            {"province": Province.GUIZHOU * 20},
        ],
    )
    def test_bad_filter_values_are_ignored(self, client, studios, query):
        response = client.get("/studios/", query)
        assert response.status_code == 200
        if "page" not in query:
            assert response.context["result_count"] == len(studios)
        assert "<script>" not in response.content.decode()


def test_directory_paginates_and_keeps_filters(client, site):
    for n in range(StudioIndexPage.PER_PAGE + 2):
        make_studio(f"分页测试工作室{n:02d}", province=Province.HUNAN)
    make_studio("外省工作室", province=Province.HENAN)
    first = client.get("/studios/", {"province": Province.HUNAN})
    assert len(titles(first)) == StudioIndexPage.PER_PAGE
    assert 'href="?province=hunan&amp;page=2#results"' in first.content.decode()
    second = client.get("/studios/", {"province": Province.HUNAN, "page": 2})
    assert len(titles(second)) == 2
    assert not set(titles(first)) & set(titles(second))
    assert "外省工作室" not in titles(first) + titles(second)


def count_queries(client, url, expected_cards):
    render_afresh()  # the listing is rendered, not served from its kept fragment
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('<article class="card card--studio">') == expected_cards
    return len(queries)


@pytest.mark.parametrize("url", ["/studios/", "/studios/?direction=class-management&school_type=vocational"])
def test_query_count_does_not_grow_with_the_number_of_studios(client, site, url):
    codes = list(Direction)
    for n in range(3):
        make_studio(direction_codes=(Direction.CLASS_MANAGEMENT, codes[n]), member_count=5 + n)
    client.get(url)  # warm per-process caches (site root paths, content types)
    with_three = count_queries(client, url, expected_cards=3)
    for n in range(9):
        make_studio(direction_codes=(Direction.CLASS_MANAGEMENT, codes[n]), member_count=5 + n % 5)
    assert StudioPage.objects.live().count() == 12
    assert count_queries(client, url, expected_cards=12) == with_three
