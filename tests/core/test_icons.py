"""The drawn marks: one per case category and per direction, and studio covers made from a
studio's directions and name (the same studio, the same picture; two studios, two pictures)."""

import re
import xml.etree.ElementTree as ET

import pytest

from core import icons
from core.choices import CaseCategory, Direction
from tests.factories import make_studio


def test_every_category_and_direction_has_its_own_mark():
    assert set(icons.CATEGORY_ICONS) == set(CaseCategory.values)
    assert set(icons.DIRECTION_ICONS) == set(Direction.values)
    assert set(icons.DIRECTION_COLOURS) == set(Direction.values)
    paths = [*icons.CATEGORY_ICONS.values(), *icons.DIRECTION_ICONS.values()]
    assert len(set(paths)) == len(paths)
    for code in Direction.values:
        svg = ET.fromstring(str(icons.direction_icon(code)))  # well-formed
        assert svg.get("aria-hidden") == "true" and svg.find("{*}path") is not None


@pytest.mark.parametrize(
    "title, seal",
    [("阳光心理班主任工作室", "阳光心理"), ("星火工作室", "星火"), ("李明名班主任工作室", "李明"), ("启航", "启航")],
)
def test_the_seal_carries_the_name_without_its_ending(title, seal):
    assert icons.seal_text(title) == seal


def test_a_studio_cover_is_drawn_from_its_directions_and_name():
    career = icons.studio_cover("启航生涯班主任工作室", [Direction.CAREER, Direction.STUDY])
    assert str(career) == str(icons.studio_cover("启航生涯班主任工作室", [Direction.CAREER, Direction.STUDY]))
    svg = ET.fromstring(str(career))
    assert svg.get("aria-hidden") == "true"
    assert svg.find("{*}rect").get("fill") == icons.DIRECTION_COLOURS[Direction.CAREER]  # the first direction's colour
    assert [t.text for t in svg.iter("text")] == list("启航生涯")
    drawn = str(career)
    assert icons.DIRECTION_ICONS[Direction.CAREER] in drawn and icons.DIRECTION_ICONS[Direction.STUDY] in drawn
    # Another name with the same directions: another picture, not the same one recoloured.
    other = str(icons.studio_cover("远帆生涯班主任工作室", [Direction.CAREER, Direction.STUDY]))
    circles = re.findall(r'<circle cx="(\d+)" cy="(\d+)"', other)
    assert other != drawn and circles != re.findall(r'<circle cx="(\d+)" cy="(\d+)"', drawn)


def test_the_name_is_escaped_in_the_cover():
    assert "<b>" not in str(icons.studio_cover("<b>工作室", []))


def test_studio_card_and_page_show_the_cover_and_direction_marks(client, db):
    make_studio("春晖班主任工作室", slug="chunhui", direction_codes=(Direction.MENTAL_HEALTH,))
    for url in ("/studios/", "/studios/chunhui/"):
        html = client.get(url).content.decode()
        assert 'class="studio-cover"' in html, url
        assert icons.DIRECTION_ICONS[Direction.MENTAL_HEALTH] in html, url
        assert "<text" in html and ">春<" in html, url


def test_the_featured_promoted_case_carries_its_category_mark():
    from django.template.loader import render_to_string

    item = {"title": "一段厨房里的视频", "url": "/x/", "level": "ministry", "level_label": "部级", "summary": ""}
    html = render_to_string("home/includes/promoted.html", {"promoted_items": [{**item, "category": "emergency"}]})
    assert 'class="featured-case featured-case--emergency"' in html
    assert icons.CATEGORY_ICONS[CaseCategory.EMERGENCY] in html
    plain = render_to_string("home/includes/promoted.html", {"promoted_items": [{**item, "category": ""}]})
    assert "featured-case__mark" not in plain  # a promoted studio or resource: no mark


def test_search_results_show_the_direction_marks(client, db):
    from tests.search.builders import corpus

    corpus()
    html = client.get("/search/", {"q": "心理"}).content.decode()
    assert icons.DIRECTION_ICONS[Direction.MENTAL_HEALTH] in html
