"""cases.demo: 60 cases covering every category and direction, idempotent."""

import io

from cases import demo
from cases.models import CasePage
from cases.rules import count_characters
from core.choices import CaseCategory, Direction
from tests.factories import make_studio


def test_plan_covers_everything_with_natural_lengths():
    plan = demo.case_plan()
    assert len(plan) >= 60
    assert len({item["title"] for item in plan}) == len(plan)
    assert {item["category"] for item in plan} == set(CaseCategory.values)
    assert {code for item in plan for code in item["codes"]} == set(Direction.values)
    assert all(1 <= len(item["codes"]) <= 3 for item in plan)
    for item in plan:
        length = count_characters(demo.story_text(item))
        assert 600 <= length <= 2500, (item["title"], length)
        assert "{" not in demo.story_text(item)
    assert any(section["table"] for item in plan for section in item["sections"])
    assert any(item["image_caption"] for item in plan)


def test_each_case_is_written_by_a_demo_studio_and_signed_by_its_host():
    """Every demo studio has cases of its own; the author shown is its host (a public name)."""
    from studios.demo import demo_data

    studios = {studio["slug"]: studio for studio in demo_data()[0]}
    for item in demo.case_plan():
        studio = studios[item["studio"]]
        assert item["authors"] == studio["host_name"], item["title"]
    assert len({item["studio"] for item in demo.case_plan()}) == len(studios)


def test_a_case_body_has_its_own_headings_table_and_picture():
    item = next(i for i in demo.case_plan() if i["image_caption"] and any(s["table"] for s in i["sections"]))
    body = demo.build_body(item, image=type("Image", (), {"pk": 7})())
    kinds = [child["type"] for child in body]
    assert kinds.count("heading") == len(item["sections"])
    assert kinds.index("image") < kinds.index("heading", 1)  # the picture closes the first section
    table = next(child["value"] for child in body if child["type"] == "table")
    assert table["data"][0] == [
        str(cell) for cell in next(s["table"]["rows"][0] for s in item["sections"] if s["table"])
    ]
    headings = [child["value"]["text"] for child in body if child["type"] == "heading"]
    assert headings == [section["heading"] for section in item["sections"]]


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
