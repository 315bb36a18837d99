"""The home page, the error pages and the shared layout."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from core.choices import Province
from home.models import HomePage
from studios.models import StudioPage, StudioUpdatePage
from tests.factories import make_image, make_studio, make_update, render_afresh

pytestmark = pytest.mark.django_db


def figures(response):
    return {str(label): value for label, value in response.context["site_figures"]}


def test_home_page_says_what_the_site_is(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "班主任工作室成果平台" in html
    assert "关于平台" in html
    assert site_tree.intro in html
    # Landmarks and the skip link for keyboard users.
    for landmark in ['<header class="site-header"', '<main id="main"', '<footer class="site-footer"', 'href="#main"']:
        assert landmark in html
    assert 'action="/search/"' in html
    assert 'name="q"' in html


def test_home_page_figures_equal_the_live_content(client, site_tree):
    guizhou = make_studio(province=Province.GUIZHOU)
    make_studio(province=Province.GUIZHOU)
    beijing = make_studio(province=Province.BEIJING)
    make_studio(province=Province.HUNAN, publish=False)
    make_update(guizhou)
    make_update(beijing)
    make_update(beijing, publish=False)

    response = client.get("/")
    shown = figures(response)
    live = StudioPage.objects.live()
    assert shown["工作室"] == live.count() == 3
    assert shown["覆盖省份"] == live.values("province").distinct().count() == 2
    assert shown["工作动态"] == StudioUpdatePage.objects.live().count() == 2
    # Sections with no live pages yet are not shown as zero.
    assert "典型案例" not in shown
    html = response.content.decode()
    assert re.search(r'<span class="stat__label">覆盖省份</span><span class="stat__value">2</span>', html)


def test_home_page_shows_the_newest_studios_when_none_are_featured(client, site_tree):
    make_studio("老牌班主任工作室", cycle_start_year=2019)
    make_studio("新立项班主任工作室", cycle_start_year=2026)
    response = client.get("/")
    featured = [studio.title for studio in response.context["featured_studios"]]
    assert featured == ["新立项班主任工作室", "老牌班主任工作室"]
    assert "最新立项工作室" in response.content.decode()


def test_home_page_shows_the_featured_studios_chosen_by_editors(client, site_tree):
    chosen = make_studio("精选班主任工作室")
    make_studio("普通班主任工作室")
    draft = make_studio("草稿班主任工作室", publish=False)
    home = HomePage.objects.get()
    home.featured_studios = [chosen, draft]
    home.save_revision().publish()

    response = client.get("/")
    assert [studio.title for studio in response.context["featured_studios"]] == ["精选班主任工作室"]
    html = response.content.decode()
    assert "推荐工作室" in html
    assert "普通班主任工作室" not in html
    assert "草稿班主任工作室" not in html


def test_home_page_lists_the_latest_updates_site_wide_with_their_studio(client, site_tree):
    first = make_studio("黔南班主任工作室")
    second = make_studio("苏州班主任工作室")
    make_update(first, "早春读书会", date=datetime.date(2025, 3, 1))
    make_update(second, "秋季主题班会", date=datetime.date(2025, 10, 8))
    make_update(first, "冬日家访", date=datetime.date(2025, 12, 20))
    make_update(second, "未发布动态", date=datetime.date(2026, 1, 1), publish=False)

    response = client.get("/")
    updates = response.context["latest_updates"]
    assert [u.title for u in updates] == ["冬日家访", "秋季主题班会", "早春读书会"]
    assert [u.studio.title for u in updates] == ["黔南班主任工作室", "苏州班主任工作室", "黔南班主任工作室"]
    html = response.content.decode()
    assert "未发布动态" not in html
    assert "2025年12月20日" in html
    section = html[html.index("最新工作动态") :]
    assert section.index("冬日家访") < section.index("黔南班主任工作室") < section.index("秋季主题班会")


def test_promoted_results_section_appears_only_with_items(client, site_tree):
    assert 'id="promoted-title"' not in client.get("/").content.decode()
    html = render_to_string(
        "home/includes/promoted.html",
        {
            "promoted_items": [
                {"title": "班级公约共建案例", "url": "/cases/x/", "level": "ministry", "level_label": "部级"}
            ]
        },
    )
    assert 'id="promoted-title"' in html
    assert '<a href="/cases/x/">班级公约共建案例</a>' in html
    assert "部级推介" in html


def count_queries(client, expected_updates):
    render_afresh()  # the sections are rendered, not served from their fragment
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["latest_updates"]) == expected_updates
    return len(queries)


def test_home_page_query_count_does_not_grow_with_content(client, site_tree):
    def add_studios(n):
        for _ in range(n):
            studio = make_studio()
            make_update(studio, cover=make_image())

    add_studios(3)
    client.get("/")
    with_three = count_queries(client, expected_updates=3)
    add_studios(9)
    assert count_queries(client, expected_updates=HomePage.LATEST_UPDATE_COUNT) == with_three


def test_missing_page_gets_the_chinese_404(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面未找到" in html
    assert 'href="/"' in html
    assert '<main id="main"' in html


def test_server_error_page_needs_no_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务器出错了" in html
    assert 'lang="zh-CN"' in html
