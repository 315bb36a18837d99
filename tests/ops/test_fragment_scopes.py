"""The home page's sections, every listing's results and a case page are kept in fragments keyed by
what they show (ops.pagecache.fragment_version, ops.signals.page_scopes): a change they show
appears at once; a change they do not show keeps them, so a publication costs only the
renders it affects.

The full-page cache stays off (as in the test settings): these are the renders behind it.
"""

import pytest
from django.core.cache import cache
from django.test import override_settings

from home.models import HomePage
from ops.pagecache import bump_generation
from studios.models import StudioIndexPage
from tests.cases.helpers import make_case
from tests.factories import make_studio, make_update, render_afresh
from tests.notices.test_notices import make_notice
from tests.ops.test_fragments import clear_cache, render  # noqa: F401 (clear_cache: the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


def publish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_the_home_page_shows_a_new_update_and_its_own_edit_at_once(client, site_tree):
    studio = make_studio("明德班主任工作室")
    make_update(studio, "开学第一课教研活动")
    render(client, "/")
    html, kept = render(client, "/")
    assert "开学第一课教研活动" in html

    make_update(studio, "班级公约修订研讨")
    html, rendered = render(client, "/")
    assert "班级公约修订研讨" in html
    assert rendered > kept

    publish(HomePage.objects.get(), about="<p>平台的新介绍文字。</p>")
    assert "平台的新介绍文字。" in render(client, "/")[0]


def test_a_notice_edit_keeps_the_case_library_and_a_case_but_not_the_home_strip(client, site_tree):
    studio = make_studio("明德班主任工作室")
    case = make_case(studio, "一次班会的转变")
    notice = make_notice("关于开展班主任基本功展示的通知")
    for url in ("/cases/", case.url, "/"):
        render(client, url)
    bump_generation()  # what every page reads is read afresh, as after any change (SiteContextMiddleware)
    kept = {url: render(client, url)[1] for url in ("/cases/", case.url)}

    publish(notice, body="<p>补充说明：报名截止日期顺延一周。</p>")  # content only: title and address unchanged
    for url, queries in kept.items():
        assert render(client, url)[1] == queries, url  # still kept

    publish(notice, title="关于开展班主任基本功展示的补充通知")  # a title may show anywhere
    assert "关于开展班主任基本功展示的补充通知" in render(client, "/")[0]
    assert render(client, "/cases/")[1] > kept["/cases/"]


def test_a_new_case_and_a_renamed_studio_show_in_the_library_at_once(client, site_tree):
    studio = make_studio("明德班主任工作室")
    make_case(studio, "一次班会的转变")
    assert "一次班会的转变" in render(client, "/cases/")[0]
    make_case(make_studio("致远班主任工作室"), "走进沉默的少年")
    html = render(client, "/cases/")[0]
    assert "走进沉默的少年" in html and "共 <strong data-result-count>2</strong> 个案例" in html

    publish(studio, title="明德新时代班主任工作室")
    assert "明德新时代班主任工作室" in render(client, "/cases/")[0]


def test_a_studio_rename_shows_on_its_case_at_once(client, site_tree):
    studio = make_studio("明德班主任工作室")
    case = make_case(studio, "一次班会的转变")
    render(client, case.url)
    publish(studio, title="明德新时代班主任工作室")
    assert "明德新时代班主任工作室" in render(client, case.url)[0]


def test_a_renamed_studio_directory_shows_in_a_case_breadcrumb_at_once(client, site_tree):
    case = make_case(make_studio("明德班主任工作室"), "一次班会的转变")
    render(client, case.url)
    publish(StudioIndexPage.objects.get(), title="全国工作室名录")
    html = render(client, case.url)[0]
    crumbs = html[html.index('class="breadcrumbs') :]
    assert "全国工作室名录" in crumbs[: crumbs.index("</nav>")]


@override_settings(OPS_PAGE_CACHE_ENABLED=True)
def test_a_kept_listing_still_tells_the_page_cache_its_query_is_its_own(client, site_tree):
    make_case(make_studio("明德班主任工作室"), "一次班会的转变", year=2025)
    first = client.get("/cases/?year=2025")
    assert first["X-Cache"] == "MISS"
    from ops import pagecache

    pagecache.bump_generation()  # the page is rendered again, its listing fragment is kept
    again = client.get("/cases/?year=2025")
    assert again["X-Cache"] == "MISS"
    assert client.get("/cases/?year=2025")["X-Cache"] == "HIT"  # kept by the page cache: vouched for


@override_settings(OPS_PAGE_CACHE_ENABLED=True)
def test_a_query_the_listing_does_not_recognise_is_neither_kept_nor_cached(client, site_tree):
    make_case(make_studio("明德班主任工作室"), "一次班会的转变")
    for _ in range(2):
        response = client.get("/cases/?category=nonsense")
        assert response.status_code == 200
        assert response["X-Cache"] != "HIT"
    assert not [key for key in cache._cache if ":listing:" in key]


def test_an_edit_of_the_home_page_renders_only_its_own_sections(client, site_tree):
    studio = make_studio("明德班主任工作室")
    make_update(studio, "开学第一课教研活动")
    render(client, "/")
    bump_generation()  # what every page reads is read afresh, as after any change
    kept = render(client, "/")[1]
    render_afresh()
    full = render(client, "/")[1]

    publish(HomePage.objects.get(), about="<p>平台的又一版介绍。</p>")
    html, after_edit = render(client, "/")
    assert "平台的又一版介绍。" in html and "开学第一课教研活动" in html
    assert kept < after_edit < full  # the figures, notices, promotions and updates were kept
