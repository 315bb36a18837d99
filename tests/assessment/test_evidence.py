"""Evidence suggestions: the studio's own closed tasks, activities and published content, by
the standard's rules; never another studio's work, an open task or an unpublished page."""

import datetime

import pytest

from assessment.evidence import Suggestions
from assessment.models import Activity
from tests.factories import make_update
from tests.promotions.helpers import make_case

from .conftest import YEAR, indicator

pytestmark = pytest.mark.django_db


def labels(suggestions, standard, code):
    return [item.label for item in suggestions.for_indicator(indicator(standard, code))]


def test_suggestions_come_from_the_studios_own_ledger_activities_and_published_content(world, plan, standard):
    make_case(world.studio_a, "一张“守时卡”改变了一个班")
    make_case(world.studio_a, "尚未发布的家访案例", publish=False)
    make_case(world.studio_b, "明德工作室的班级公约案例")
    report = make_update(world.studio_a, "跨校跟班见习报道", date=datetime.date(YEAR, 5, 9))
    Activity.objects.create(
        studio=world.studio_a,
        title="跨校跟班见习",
        kind="shadowing",
        date=datetime.date(YEAR, 5, 9),
        participants=12,
        schools_reached=2,
        is_public=True,
        indicator=indicator(standard, "4.2.3"),
        update_page=report,
    )
    suggestions = Suggestions(world.studio_a, standard, YEAR)

    # 3.3.1: the closed task (with its evidence) and the plan; the open task is not evidence.
    assert labels(suggestions, standard, "3.3.1") == ["组织班级公约专题研讨（王芳）", str(plan)]
    # 4.4.2 (案例库): the studio's published cases only.
    assert labels(suggestions, standard, "4.4.2") == ["一张“守时卡”改变了一个班"]
    # 4.2.3: the activity tagged to it, linking its published report.
    items = suggestions.for_indicator(indicator(standard, "4.2.3"))
    assert [(i.source, i.label, i.url) for i in items] == [("活动", "跨校跟班见习", report.url)]
    # 1.1.1: nothing on the platform speaks to it yet.
    assert labels(suggestions, standard, "1.1.1") == []
    # Another year's suggestions do not borrow this year's ledger.
    assert labels(Suggestions(world.studio_a, standard, YEAR - 1), standard, "3.3.1") == []
