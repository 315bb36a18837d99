"""The studio page's sections (reach, cases, handbooks, resources) are kept in a fragment cache
keyed by what they show: a change to this studio shows at once, a change elsewhere keeps them.

The full-page cache stays off (as in the test settings): these are the renders behind it.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.models import Activity
from ops.pagecache import bump_generation
from tests.cases.helpers import make_case
from tests.factories import make_image, make_promotion, make_studio

pytestmark = pytest.mark.django_db


@pytest.fixture
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_sections_are_kept_across_a_change_in_another_studio(client, site_tree, clear_cache):
    studio = make_studio("明德班主任工作室")
    other = make_studio("致远班主任工作室")
    make_case(studio, "一次班会的转变")
    client.get(studio.url)
    bump_generation()  # what every page reads is read afresh, as after any change (SiteContextMiddleware)
    page, warm = render(client, studio.url)
    cache.clear()  # every fragment gone: the cost of rendering the sections
    client.get(other.url)
    page, cold = render(client, studio.url)
    assert cold > warm

    make_case(other, "另一个工作室的新案例")
    page, after_other = render(client, studio.url)
    assert after_other == warm  # the sections were kept: another studio's publication
    assert "一次班会的转变" in page
    assert "另一个工作室的新案例" not in page


def test_a_new_case_of_the_studio_shows_at_once(client, site_tree, clear_cache):
    studio = make_studio("明德班主任工作室")
    make_case(studio, "一次班会的转变")
    render(client, studio.url)
    make_case(studio, "走进学生的心灵")
    page, _ = render(client, studio.url)
    assert "走进学生的心灵" in page
    assert "典型案例（2）" in page


def test_an_unpublished_case_leaves_the_studio_page_at_once(client, site_tree, clear_cache):
    studio = make_studio("明德班主任工作室")
    make_case(studio, "一次班会的转变")
    withdrawn = make_case(studio, "将被撤回的案例")
    assert "将被撤回的案例" in render(client, studio.url)[0]
    withdrawn.unpublish()
    page, _ = render(client, studio.url)
    assert "将被撤回的案例" not in page
    assert "典型案例（1）" in page


def test_a_recorded_activity_shows_in_the_reach_section_at_once(client, site_tree, clear_cache):
    studio = make_studio("明德班主任工作室")
    assert 'id="reach"' not in render(client, studio.url)[0]
    Activity.objects.create(
        studio=studio,
        title="送教下乡",
        kind="training",
        date=datetime.date(2025, 4, 1),
        participants=60,
        schools_reached=9,
        provinces="贵州、云南",
        is_public=True,
    )
    page, _ = render(client, studio.url)
    assert 'id="reach"' in page
    assert "2025 年：60" in page


def test_a_promotion_of_a_case_shows_its_badge_on_the_studio_page_at_once(client, site_tree, clear_cache):
    studio = make_studio("明德班主任工作室")
    case = make_case(studio, "一次班会的转变", cover=make_image("案例封面"))
    assert "部级推介" not in render(client, studio.url)[0]
    make_promotion(case, "ministry", 2025)
    assert "部级推介" in render(client, studio.url)[0]
