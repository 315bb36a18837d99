"""A case page's previous/next links and related cases: kept in the case's fragment, never stale."""

import copy
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CasePage
from core.choices import CaseCategory
from tests.cases.helpers import make_case
from tests.cases.test_library import related_titles
from tests.factories import make_image, make_promotion, make_studio, render_afresh, site_tree
from tests.fixtures.shared import built_once

pytestmark = pytest.mark.django_db


def when(day):
    return timezone.make_aware(datetime.datetime(2025, 3, 1)) + datetime.timedelta(days=day)


@pytest.fixture(scope="module")
def shared_studio(django_db_setup, django_db_blocker):
    """The site tree and the studio, built once for the module (tests/fixtures/shared.py); each
    test adds its own cases. The case's fragment is keyed by the versions of its studio and of
    every case (ops.pagecache.fragment_version), and each test starts with an empty cache."""
    with built_once(django_db_blocker):
        site_tree()
        yield make_studio("明德班主任工作室")


@pytest.fixture
def studio(db, shared_studio):
    return copy.deepcopy(shared_studio)


def page_html(client, case):
    response = client.get(case.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_newly_published_case_appears_at_once(client, studio):
    case = make_case(studio, "班级公约诞生记", category=CaseCategory.CLASS_CULTURE, published_at=when(1))
    assert related_titles(page_html(client, case)) == set()
    page_html(client, case)  # now served from the cached links
    make_case(studio, "班徽设计大赛", category=CaseCategory.CLASS_CULTURE, published_at=when(2))
    html = page_html(client, case)
    assert related_titles(html) == {"班徽设计大赛"}
    assert "上一篇：" in html and "班徽设计大赛" in html


def test_an_unpublished_neighbour_disappears_at_once(client, studio):
    older = make_case(studio, "较早的案例", published_at=when(1))
    case = make_case(studio, "当前案例", published_at=when(2))
    assert "下一篇：" in page_html(client, case)
    older.unpublish()
    html = page_html(client, case)
    assert "较早的案例" not in html and "下一篇：" not in html


def test_a_renamed_related_case_and_a_new_badge_show_at_once(client, studio):
    case = make_case(studio, "家校沟通案例", published_at=when(1))
    other = make_case(studio, "初始标题", published_at=when(2))
    page_html(client, case)
    other.title = "修改后的标题"
    other.save_revision().publish()
    assert related_titles(page_html(client, case)) == {"修改后的标题"}
    make_promotion(other, "ministry")
    html = page_html(client, case)
    related = html[html.index('id="case-related-title"') :]
    assert "部级推介" in related


def test_previews_are_rendered_afresh_and_not_stored(client, studio):
    case = make_case(studio, "预览案例", published_at=when(1))
    make_case(studio, "另一个案例", published_at=when(2))
    assert related_titles(page_html(client, case)) == {"另一个案例"}  # the live page's fragment is kept
    draft = CasePage.objects.get(pk=case.pk)
    draft.category = CaseCategory.EMERGENCY  # no longer shares the category with the other case
    draft.directions = []
    preview = draft.make_preview_request()
    assert preview.status_code == 200
    assert related_titles(preview.content.decode()) == set()
    assert related_titles(page_html(client, case)) == {"另一个案例"}  # the preview was not kept


def test_rendering_the_links_takes_the_same_queries_for_one_or_four_related_cases(client, studio):
    def queries_for(case):
        page_html(client, case)  # makes the card renditions
        render_afresh()  # the case's fragment is rendered, not served kept
        with CaptureQueriesContext(connection) as queries:
            page_html(client, case)
        return len(queries)

    first = make_case(studio, "案例一", published_at=when(1))
    make_case(studio, "案例二", published_at=when(2), cover=make_image("封面"))
    one = queries_for(first)
    for n in range(3):
        make_case(make_studio(f"其他工作室{n}"), f"更多案例{n}", published_at=when(3 + n), cover=make_image(f"封面{n}"))
    assert queries_for(first) == one
