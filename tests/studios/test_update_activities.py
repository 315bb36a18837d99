"""A 工作动态 records the activities it reports and their reach (辐射带动) in the page editor:
the records are the 建设台账's own activities, owned by the update, validated on the server,
and counted (studio page, year-end summary, evidence suggestions) only while the update is live."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from assessment.choices import ActivityKind
from assessment.evidence import Suggestions
from assessment.models import Activity, AnnualPlan, Standard
from assessment.summary import draft_summary
from studios.models import StudioUpdatePage
from tests.assessment.conftest import YEAR, denied
from tests.promotions.conftest import login
from tests.promotions.helpers import update_form

pytestmark = pytest.mark.django_db

ACTIVITY = {
    "kind": ActivityKind.TRAINING,
    "date": f"{YEAR}-10-15",
    "title": "",
    "place": "学校报告厅",
    "participants": "86",
    "schools_reached": "14",
    "provinces": "贵州、云南",
    "is_public": "on",
    "competition_level": "",
    "indicator": "",
}


def add_update(client, studio, slug, *activities, **extra):
    url = reverse("wagtailadmin_pages:add", args=["studios", "studioupdatepage", studio.pk])
    data = update_form("班主任心理危机识别专项培训", slug, activities=inline_formset(list(activities)), **extra)
    return client.post(url, data)


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("site_admin", "admin@example.cn", "x-pass-123")


def test_the_update_editor_offers_the_activity_fields(client, world):
    login(client, world.editor_a)
    html = client.get(
        reverse("wagtailadmin_pages:add", args=["studios", "studioupdatepage", world.studio_a.pk])
    ).content.decode()
    assert "活动与辐射带动" in html
    for label in ("参与人数", "覆盖学校数", "覆盖省份", "面向公众或校外", "比赛级别"):
        assert label in html


def test_an_editors_update_records_its_activity_which_counts_once_published(client, world, admin):
    login(client, world.editor_a)
    response = add_update(client, world.studio_a, "crisis-training", ACTIVITY)
    assert response.status_code == 302
    page = StudioUpdatePage.objects.get(slug="crisis-training")
    activity = Activity.objects.get(update_page=page)
    # The studio and the title come from the update; the editor never chose them.
    assert activity.studio_id == world.studio_a.pk
    assert activity.title == "班主任心理危机识别专项培训"
    assert activity.participants == 86 and activity.province_list() == ["贵州省", "云南省"]

    # A draft (the editor cannot publish) counts nowhere yet.
    assert not page.live
    assert 'id="reach"' not in client.get(world.studio_a.url).content.decode()
    plan = AnnualPlan.objects.create(studio=world.studio_a, year=YEAR, goals="开展专项培训")
    assert "本年度尚未登记活动" in draft_summary(plan)

    # Published (here by the administrator, through the same editor), it counts everywhere.
    login(client, admin)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        update_form(page.title, page.slug, activities=inline_formset([ACTIVITY | {"id": activity.pk}], initial=1))
        | {"action-publish": "action-publish"},
    )
    page.refresh_from_db()
    assert page.live
    assert list(Activity.objects.values_list("pk", flat=True)) == [activity.pk]
    studio_page = client.get(world.studio_a.url).content.decode()
    assert 'id="reach"' in studio_page and "86 人次" in studio_page
    assert "开展活动 1 次，参与 86 人次，覆盖学校 14 校次，涉及 2 个省份" in draft_summary(plan)
    standard = Standard.objects.get(code="moe-zz-2022")
    suggested = Suggestions(world.studio_a, standard, YEAR).for_indicator(standard.indicators.get(code="3.2.1"))
    assert [item.label for item in suggested if item.source == "活动"] == ["班主任心理危机识别专项培训"]

    # Unpublished again, it stops counting; deleted, its record goes with it.
    page.unpublish()
    assert 'id="reach"' not in client.get(world.studio_a.url).content.decode()
    page.delete()
    assert not Activity.objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"kind": ActivityKind.COMPETITION}, "competition_level", "班主任能力比赛须选择比赛级别。"),
        ({"competition_level": "province"}, "competition_level", "只有“班主任能力比赛”类活动填写比赛级别。"),
        ({"schools_reached": "200"}, "schools_reached", "覆盖学校数不能多于参与人数。"),
        ({"schools_reached": "0"}, "schools_reached", "有人参加的活动至少覆盖 1 所学校（本校）。"),
        ({"provinces": "贵州、火星"}, "provinces", "不是省级行政区的名称：火星。"),
        ({"participants": "-3"}, "participants", ""),
    ],
)
def test_bad_activity_input_is_refused_in_chinese_and_nothing_is_lost(client, world, change, field, message):
    login(client, world.editor_a)
    response = add_update(client, world.studio_a, "bad-activity", ACTIVITY | change)
    assert response.status_code == 200  # the form comes back with what was typed
    assert not StudioUpdatePage.objects.filter(slug="bad-activity").exists()
    assert not Activity.objects.exists()
    html = response.content.decode()
    assert message in html
    assert "学校报告厅" in html and "班主任心理危机识别专项培训" in html


def test_another_studios_editor_cannot_record_an_activity_on_studio_a(client, world):
    login(client, world.editor_b)
    response = add_update(client, world.studio_a, "intrude", ACTIVITY)
    assert denied(response) or response.status_code == 403
    assert not Activity.objects.exists()


def test_an_updates_activity_is_edited_in_the_update_not_in_the_ledger_screen(client, world):
    login(client, world.editor_a)
    add_update(client, world.studio_a, "crisis-training", ACTIVITY)
    activity = Activity.objects.get()
    response = client.get(reverse("assessment_activities:edit", args=[activity.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[activity.update_page_id])
    login(client, world.editor_b)
    assert denied(client.get(reverse("assessment_activities:edit", args=[activity.pk])))


def test_an_activity_registered_in_the_ledger_needs_a_title_and_a_known_province(world):
    activity = Activity(
        studio=world.studio_a,
        kind=ActivityKind.SHADOWING,
        date=datetime.date(YEAR, 4, 22),
        participants=12,
        schools_reached=2,
        provinces="黔",
    )
    with pytest.raises(Exception) as caught:
        activity.full_clean()
    assert set(caught.value.message_dict) == {"title", "provinces"}
    activity.title, activity.provinces = "清镇职校班主任来校跟班见习", "贵州省"
    activity.full_clean()
