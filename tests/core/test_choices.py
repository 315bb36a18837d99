"""Choice labels on public pages: the right label, translated once."""

import pytest
from django.utils import translation

from cases.models import CasePage
from core.choices import CaseCategory, Province, SchoolType, StudioLevel
from studios.models import StudioPage

pytestmark = pytest.mark.django_db


def test_display_of_a_choice_is_its_label():
    studio = StudioPage(province=Province.GUIZHOU, school_type=SchoolType.UNIVERSITY, level=StudioLevel.PROVINCE)
    assert studio.get_province_display() == "贵州省"
    assert studio.get_school_type_display() == "高校"
    assert studio.get_level_display() == str(StudioLevel.PROVINCE.label)
    assert CasePage(category=CaseCategory.EMERGENCY).get_category_display() == "突发事件处置"
    # A value outside the vocabulary (old data) is shown as it is, as Django does.
    assert StudioPage(province="atlantis").get_province_display() == "atlantis"


@pytest.mark.parametrize("value", [Province.GUIZHOU, Province.BEIJING])
def test_display_translates_only_the_label_it_shows(monkeypatch, value):
    label = str(value.label)  # (also loads the active translation)
    studio = StudioPage(province=value)
    translated = []
    real = translation._trans.gettext
    monkeypatch.setattr(translation._trans, "gettext", lambda message: translated.append(message) or real(message))
    shown = studio.get_province_display()
    assert translated == [label]
    assert shown == label
