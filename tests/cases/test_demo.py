"""cases.demo: 60 cases covering every category and direction, idempotent."""

import io

from cases import demo
from cases.models import CasePage
from cases.rules import count_characters
from home.choices import CaseCategory, Direction
from tests.factories import make_studio


def test_plan_covers_everything_with_natural_lengths():
    plan = demo.case_plan()
    assert len(plan) >= 60
    assert len({item["title"] for item in plan}) == len(plan)
    assert {item["category"] for item in plan} == set(CaseCategory.values)
    assert {code for item in plan for code in item["codes"]} == set(Direction.values)
    assert all(1 <= len(item["codes"]) <= 3 for item in plan)
    for item in plan:
        length = count_characters("".join("".join(section) for section in item["sections"]))
        assert 600 <= length <= 2500, (item["title"], length)
        assert "{" not in "".join("".join(section) for section in item["sections"])
    assert any(item["with_table"] for item in plan) and any(item["with_image"] for item in plan)


def test_load_is_idempotent_and_valid(site_tree):
    make_studio("演示工作室甲")
    make_studio("演示工作室乙")
    demo.load(io.StringIO())
    assert CasePage.objects.live().count() == len(demo.case_plan())
    demo.load(io.StringIO())
    assert CasePage.objects.count() == len(demo.case_plan())
    for case in CasePage.objects.order_by("pk")[:6]:  # with tables and pictures among them
        case.full_clean()  # the demo obeys the model's own rules


def test_load_without_studios_does_nothing(site_tree):
    out = io.StringIO()
    demo.load(out)
    assert not CasePage.objects.exists()
    assert "跳过" in out.getvalue()
