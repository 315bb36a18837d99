"""The public side: the hub, the RSS feed, badges, the home page and the statistics."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from cases.models import CasePage
from core.choices import CaseCategory
from promotions.models import Promotion
from studios.models import StudioPage

from .helpers import make_case


@pytest.fixture
def promoted(world):
    case_a = make_case(world.studio_a, "班级公约三步法", year=2024, category=CaseCategory.CLASS_CULTURE)
    case_c = make_case(world.studio_c, "突发事件中的班会课", year=2025, category=CaseCategory.EMERGENCY)
    Promotion.objects.create(page=case_a, level="school", year=2024, created_by=world.school_a)
    Promotion.objects.create(page=case_a, level="ministry", year=2025, note="全国推广", created_by=world.ministry)
    Promotion.objects.create(page=case_c, level="province", year=2025, created_by=world.province_sc)
    Promotion.objects.create(page=world.studio_b, level="province", year=2026, created_by=world.province_gz)
    return case_a, case_c


def titles(response):
    return [p.page.title for p in response.context["page_obj"]]


def test_hub_filters_by_level_year_type_and_province(client, promoted):
    assert len(titles(client.get("/promoted/"))) == 4
    assert titles(client.get("/promoted/?level=ministry")) == ["班级公约三步法"]
    assert sorted(titles(client.get("/promoted/?year=2025"))) == ["班级公约三步法", "突发事件中的班会课"]
    assert titles(client.get("/promoted/?type=studio")) == ["明德班主任工作室"]
    assert titles(client.get("/promoted/?province=sichuan")) == ["突发事件中的班会课"]
    assert titles(client.get("/promoted/?province=guizhou&level=province")) == ["明德班主任工作室"]
    bad = client.get("/promoted/?level=nonsense&year=abc&page=99")
    assert bad.status_code == 200
    assert len(titles(bad)) == 4
    html = client.get("/promoted/?level=ministry").content.decode()
    assert "badge--ministry" in html


def test_hub_hides_unpublished_pages(client, world, promoted):
    case_a, _case_c = promoted
    case_a.unpublish()
    assert "班级公约三步法" not in titles(client.get("/promoted/"))


def test_feed_is_valid_rss_with_newest_first(client, promoted):
    response = client.get("/promoted/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    items = root.findall("./channel/item")
    assert len(items) == 4
    assert items[0].findtext("title") == "【省级推介】明德班主任工作室"
    assert all(item.findtext("link").startswith("http://") for item in items)
    assert any("全国推广" in (item.findtext("description") or "") for item in items)


def test_home_page_features_ministry_promotions(client, promoted):
    html = client.get("/").content.decode()
    assert "推介成果" in html
    assert "班级公约三步法" in html
    assert "突发事件中的班会课" not in html.split("推介成果", 1)[1].split("</section>", 1)[0]


def test_badges_on_a_page(promoted):
    from django.template import Context, Template

    case_a, case_c = promoted
    template = Template("{% load promotion_tags %}{% promotion_badges page %}")
    html = template.render(Context({"page": case_a}))
    assert html.index("badge--ministry") < html.index("badge--school")
    assert "部级推介" in html
    assert "badge--ministry" not in template.render(Context({"page": case_c}))


def test_statistics_equal_database_counts(client, promoted):
    with CaptureQueriesContext(connection) as few:
        response = client.get("/stats/")
    assert response.status_code == 200
    charts = {chart.slug: dict(chart.rows) for chart in response.context["charts"]}

    studios = StudioPage.objects.live()
    assert sum(charts["studios-province"].values()) == studios.count() == 3
    assert charts["studios-province"]["贵州省"] == studios.filter(province="guizhou").count()
    by_category = dict(CasePage.objects.live().values_list("category").annotate(n=Count("pk")))
    assert charts["cases-category"]["班级文化建设"] == by_category[CaseCategory.CLASS_CULTURE] == 1
    assert charts["cases-year"] == {"2024年": 1, "2025年": 1}
    assert charts["promotions-level"] == {"校级": 1, "省级": 2, "部级": 1}
    assert charts["studios-direction"]["班级管理"] == 3

    html = response.content.decode()
    assert html.count('<svg class="bar-chart"') == len(charts)
    # Each table row carries its bar for phones, the longest full width.
    assert html.count('<svg class="mini-bar"') == sum(len(rows) for rows in charts.values())
    assert '<rect width="100.0"' in html
    assert "<title" in html and "<desc" in html and "viewBox" in html
    assert "<table" in html

    make_case(promoted[0].get_parent().specific, "又一个案例", year=2026)
    with CaptureQueriesContext(connection) as more:
        client.get("/stats/")
    assert len(more) == len(few)
