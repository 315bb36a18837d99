"""The site-wide 工作动态 listing at /updates/: every studio's updates, with filters and orders."""

import copy
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.choices import PromotionLevel, Province, WorkCarrier
from tests.factories import make_promotion, make_studio, make_update, render_afresh, site_tree
from tests.fixtures.shared import built_once


def titles(response):
    return [update.title for update in response.context["page_obj"].object_list]


@pytest.fixture(scope="module")
def shared_updates(django_db_setup, django_db_blocker):
    """Every test here reads the same two studios and their updates: built once for the module
    (tests/fixtures/shared.py); what a test adds is undone by its own savepoint."""
    with built_once(django_db_blocker):
        yield build_updates()


@pytest.fixture
def updates(db, shared_updates):
    return copy.deepcopy(shared_updates)


def build_updates():
    site_tree()
    guizhou = make_studio("黔灵班主任工作室", province=Province.GUIZHOU)
    jiangsu = make_studio("润心班主任工作室", province=Province.JIANGSU)
    made = {
        "seminar": make_update(
            guizhou, "黔灵工作室开展新学期教研会", date=datetime.date(2025, 9, 3), activity_kind=WorkCarrier.SEMINAR
        ),
        "class_meeting": make_update(
            jiangsu, "润心工作室示范主题班会", date=datetime.date(2025, 10, 8), activity_kind=WorkCarrier.CLASS_MEETING
        ),
        "older": make_update(
            jiangsu, "润心工作室读书交流会", date=datetime.date(2024, 12, 1), activity_kind=WorkCarrier.SEMINAR
        ),
    }
    make_update(guizhou, "尚未发布的动态", publish=False)
    return made


def test_every_studios_published_updates_newest_first(client, updates):
    response = client.get("/updates/")
    assert response.status_code == 200
    assert titles(response) == ["润心工作室示范主题班会", "黔灵工作室开展新学期教研会", "润心工作室读书交流会"]
    html = response.content.decode()
    assert "尚未发布的动态" not in html
    assert "黔灵班主任工作室" in html and "润心班主任工作室" in html  # each update names its studio


def test_filters_by_the_studios_province_activity_kind_and_year(client, updates):
    by_province = client.get("/updates/", {"province": Province.JIANGSU})
    assert titles(by_province) == ["润心工作室示范主题班会", "润心工作室读书交流会"]
    provinces = next(group for group in by_province.context["facets"] if group.name == "province")
    counts = {option.value: option.count for option in provinces.options if option.count}
    assert counts == {Province.GUIZHOU: 1, Province.JIANGSU: 2}
    both = client.get("/updates/", {"province": Province.JIANGSU, "kind": WorkCarrier.SEMINAR, "year": "2024"})
    assert titles(both) == ["润心工作室读书交流会"]
    # Values the listing does not know are ignored, never an error.
    assert len(titles(client.get("/updates/", {"province": "atlantis", "year": "x"}))) == 3


def test_sorted_by_promotion_the_promoted_studios_updates_come_first(client, updates):
    make_promotion(updates["older"], PromotionLevel.SCHOOL)
    response = client.get("/updates/", {"sort": "promotion"})
    assert titles(response)[0] == "润心工作室读书交流会"


def test_the_query_count_does_not_grow_with_the_updates(client, updates):
    client.get("/updates/")  # fills Wagtail's site-root cache
    render_afresh()  # each count renders the listing, not its kept fragment
    with CaptureQueriesContext(connection) as few:
        client.get("/updates/")
    studio = make_studio("新增班主任工作室", province=Province.YUNNAN)
    for day in range(1, 6):
        make_update(studio, f"新增动态{day}", date=datetime.date(2025, 11, day))
    render_afresh()
    with CaptureQueriesContext(connection) as more:
        response = client.get("/updates/")
    assert len(titles(response)) == 8
    assert len(more) == len(few)


def test_the_menu_and_the_footer_lead_to_every_section(client, updates):
    html = client.get("/updates/").content.decode()
    for href in ("/studios/", "/cases/", "/promoted/", "/handbooks/", "/resources/", "/updates/", "/stats/"):
        assert f'href="{href}"' in html, href
    assert '<a href="/promoted/">推介成果</a>' in html
    assert '<a href="/stats/">数据统计</a>' in html
