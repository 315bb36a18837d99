"""Editing cases in the Wagtail admin: the 3000-character rule refuses, nothing typed is lost."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cases.models import CasePage
from core.choices import CaseCategory, Direction, PromotionLevel
from core.models import Direction as DirectionRow
from tests.factories import make_studio


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def post_data(text, direction_codes=(Direction.FAMILY_SCHOOL,), title="家访路上的一次长谈"):
    data = nested_form_data(
        {
            "title": title,
            "slug": "jiafang",
            "authors": "陈静、刘洋",
            "category": CaseCategory.FAMILY_COMMUNICATION,
            "year": 2025,
            "promotion_level": PromotionLevel.NONE,
            "keywords": "家访、沟通",
            "summary": "一次家访化解了家长与学校之间的误会。",
            "body": streamfield([("paragraph", rich_text(text))]),
            "attachments": inline_formset([]),
        }
    )
    data["directions"] = [d.pk for d in DirectionRow.objects.filter(code__in=direction_codes)]
    return data


def visible_text(response):
    """The page as the editor's browser gets it: Wagtail renders StreamField data and errors
    from JSON in the page, so decode HTML entities and (nested) JSON unicode escapes."""
    text = html.unescape(response.content.decode())
    return re.sub(r"\\+u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text)


def add_url(studio):
    return f"/admin/pages/add/cases/casepage/{studio.pk}/"


def test_create_view_shows_the_live_counter(admin_client):
    studio = make_studio()
    response = admin_client.get(add_url(studio))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-case-body-counter" in html
    assert 'data-limit="3000" data-warn="2700"' in html
    assert "cases/js/case-body-counter.js" in html
    assert "cases/css/case-body-counter.css" in html


def test_create_view_refuses_3001_characters_and_keeps_what_was_typed(admin_client):
    studio = make_studio()
    long_text = "这是一段家访记录，" * 333 + "多四个字"  # 9 * 333 + 4 = 3001
    response = admin_client.post(add_url(studio), post_data(long_text))
    assert response.status_code == 200  # the form again, not a redirect
    html = visible_text(response)
    assert "正文不能超过 3000 字（不含空白字符），当前为 3001 字，请删减 1 字。" in html
    assert not CasePage.objects.exists()
    # What the editor typed is on the form again.
    assert "家访路上的一次长谈" in html
    assert "一次家访化解了家长与学校之间的误会。" in html
    assert "陈静、刘洋" in html
    assert "多四个字" in html


def test_create_view_accepts_exactly_3000_characters(admin_client):
    studio = make_studio()
    text = "这是一段家访记录，" * 333 + "多三字"  # 3000
    response = admin_client.post(add_url(studio), post_data(text))
    assert response.status_code == 302
    case = CasePage.objects.get()
    assert case.character_count == 3000
    assert case.studio.pk == studio.pk


def test_create_view_refuses_four_directions_with_the_studio_rule_message(admin_client):
    studio = make_studio()
    codes = (Direction.FAMILY_SCHOOL, Direction.CAREER, Direction.STUDY, Direction.CULTURE)
    response = admin_client.post(add_url(studio), post_data("短短的正文。", direction_codes=codes))
    assert response.status_code == 200
    assert "建设方向应选择 1-3 个，当前为 4 个。" in visible_text(response)
    assert not CasePage.objects.exists()


def test_the_category_is_chosen_where_each_category_is_explained(admin_client):
    """Five radio buttons, each with one line on what it covers, and the link to the writing guide."""
    from wagtail.models import Site

    from core.choices import CASE_CATEGORY_DESCRIPTIONS
    from core.models import EditorGuidance
    from tests.factories import make_update

    studio = make_studio()
    guide = make_update(studio, "典型案例怎么写")
    EditorGuidance.objects.create(site=Site.objects.get(is_default_site=True), case_writing_guide=guide)

    page = admin_client.get(add_url(studio)).content.decode()
    radios = re.findall(r'<input type="radio" name="category" value="([\w-]+)"', page)
    assert radios == list(CaseCategory.values)
    for value, label in CaseCategory.choices:
        assert f"<strong>{label}</strong>　{CASE_CATEGORY_DESCRIPTIONS[value]}" in page
    assert f'href="{guide.url}"' in page and "看《典型案例写作指南》" in page


def test_without_a_writing_guide_the_case_form_says_what_every_case_contains(admin_client):
    page = admin_client.get(add_url(make_studio())).content.decode()
    assert "看《典型案例写作指南》" not in page
    assert "背景、过程、措施、成效与反思" in page
