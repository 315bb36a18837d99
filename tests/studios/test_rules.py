"""The studio rules from the notices (5-10 members, 1-3 directions, a 2-3 year cycle).

Each rule is checked through the model's ``full_clean()`` (imports, code) and
through the admin's create view (editors), with its exact Chinese message.
"""

import copy

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.choices import ConstructionModel, Direction, Province, SchoolType, StudioLevel, StudioStatus, WorkCarrier
from core.models import Direction as DirectionRow
from studios.models import StudioIndexPage, StudioMember, StudioPage
from tests.factories import directions, make_studio, site_tree
from tests.fixtures.shared import built_once

MEMBERS_MESSAGE = "工作室成员应为 5-10 人，当前为 {} 人。"
DIRECTIONS_MESSAGE = "建设方向应选择 1-3 个，当前为 {} 个。"
CYCLE_MESSAGE = "建设周期应为 2-3 年，当前为 {} 年。"

ALL_DIRECTIONS = [Direction.IDEOLOGY, Direction.FAMILY_SCHOOL, Direction.MENTAL_HEALTH, Direction.CAREER]


def messages(excinfo):
    return [str(message) for message in excinfo.value.messages]


# Through the model --------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_studio(django_db_setup, django_db_blocker):
    """One valid studio, built once for the module (tests/fixtures/shared.py): the tests below
    change its members, directions and cycle in memory only and call ``full_clean()``."""
    with built_once(django_db_blocker):
        site_tree()
        yield make_studio("晨曦班主任工作室")


@pytest.fixture
def studio(db, shared_studio):
    return copy.deepcopy(shared_studio)


@pytest.mark.parametrize("count", [5, 10])
def test_member_count_inside_the_range_is_valid(studio, count):
    studio.members = [StudioMember(name=f"成员{i}") for i in range(count)]
    studio.full_clean()


@pytest.mark.parametrize("count", [0, 4, 11])
def test_member_count_outside_the_range_is_rejected(studio, count):
    studio.members = [StudioMember(name=f"成员{i}") for i in range(count)]
    with pytest.raises(ValidationError) as excinfo:
        studio.full_clean()
    assert messages(excinfo) == [MEMBERS_MESSAGE.format(count)]


@pytest.mark.parametrize("codes", [ALL_DIRECTIONS[:1], ALL_DIRECTIONS[:3]])
def test_one_to_three_directions_are_valid(studio, codes):
    studio.directions = directions(*codes)
    studio.full_clean()


@pytest.mark.parametrize("count", [0, 4])
def test_direction_count_outside_the_range_is_rejected(studio, count):
    studio.directions = list(DirectionRow.objects.filter(code__in=ALL_DIRECTIONS[:count]))
    with pytest.raises(ValidationError) as excinfo:
        studio.full_clean()
    # With no direction at all the required field also speaks; the rule's message is always there.
    assert DIRECTIONS_MESSAGE.format(count) in excinfo.value.message_dict["directions"]


@pytest.mark.parametrize("years", [2, 3])
def test_two_or_three_year_cycle_is_valid(studio, years):
    studio.cycle_years = years
    studio.full_clean()


@pytest.mark.parametrize("years", [1, 4])
def test_cycle_outside_two_to_three_years_is_rejected(studio, years):
    studio.cycle_years = years
    with pytest.raises(ValidationError) as excinfo:
        studio.full_clean()
    assert excinfo.value.message_dict == {"cycle_years": [CYCLE_MESSAGE.format(years)]}


def test_every_broken_rule_is_reported_at_once(studio):
    studio.members = [StudioMember(name="独行者")]
    studio.directions = directions(*ALL_DIRECTIONS)
    studio.cycle_years = 5
    with pytest.raises(ValidationError) as excinfo:
        studio.full_clean()
    found = messages(excinfo)
    assert MEMBERS_MESSAGE.format(1) in found
    assert DIRECTIONS_MESSAGE.format(4) in found
    assert CYCLE_MESSAGE.format(5) in found


# Through the admin ---------------------------------------------------------------


def studio_form_data(title="春晖班主任工作室", members=6, direction_codes=(Direction.CLASS_MANAGEMENT,), **overrides):
    """What an editor submits on the admin's “add studio” form."""
    data = {
        "title": title,
        "slug": overrides.pop("slug", "chunhui"),
        "school": "贵阳市第一职业学校",
        "school_type": SchoolType.VOCATIONAL,
        "province": Province.GUIZHOU,
        "city": "贵阳市",
        "level": StudioLevel.PROVINCE,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2025,
        "cycle_years": 3,
        "construction_model": ConstructionModel.MENTORSHIP,
        "host_name": "李春华",
        "host_title": "高级讲师",
        "host_years": 12,
        "host_honours": "省级优秀班主任",
        "introduction": rich_text("<p>以班级文化建设为抓手，带动青年班主任成长。</p>"),
        "philosophy": rich_text("<p>以爱育爱，以心换心。</p>"),
        "carriers_note": "",
        "wechat_account": "",
        "video_account": "",
        "website": "",
        "members": inline_formset(
            [
                {"name": f"成员{i + 1}", "role": "成员", "title": "讲师", "subject": "语文", "years": 5}
                for i in range(members)
            ]
        ),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    data = nested_form_data(data)
    # A multiple choice is a list of values (nested_form_data would split it into keys).
    data["directions"] = [
        str(pk) for pk in DirectionRow.objects.filter(code__in=direction_codes).values_list("pk", flat=True)
    ]
    data["work_carriers"] = [WorkCarrier.SEMINAR, WorkCarrier.CLASS_MEETING]
    return data


class StudioAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        site_tree()
        cls.index = StudioIndexPage.objects.get()
        cls.editor = cls.create_superuser("editor", password="unused")

    def setUp(self):
        # force_login: the login rate limiter (django-axes) wants a request for password logins.
        self.client.force_login(self.editor)

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=["studios", "studiopage", self.index.pk])

    def post_studio(self, **kwargs):
        data = studio_form_data(**kwargs)
        data["action-publish"] = "action-publish"
        return self.client.post(self.add_url(), data)

    def assertRejected(self, response, message, typed_title):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        # The form comes back with what the editor typed.
        self.assertContains(response, typed_title)
        self.assertContains(response, "贵阳市第一职业学校")
        self.assertFalse(StudioPage.objects.filter(title=typed_title).exists())

    def test_a_valid_studio_with_its_members_can_be_created(self):
        self.assertCanCreate(self.index, StudioPage, studio_form_data(title="春晖班主任工作室", members=7))
        studio = StudioPage.objects.get(title="春晖班主任工作室")
        self.assertTrue(studio.live)
        self.assertEqual(studio.members.count(), 7)
        self.assertEqual([d.code for d in studio.directions.all()], [Direction.CLASS_MANAGEMENT])
        self.assertEqual(studio.work_carriers, [WorkCarrier.SEMINAR, WorkCarrier.CLASS_MEETING])
        self.assertEqual(studio.url, "/studios/chunhui/")

    def test_too_few_members_are_rejected_with_the_rule(self):
        response = self.post_studio(title="四人班主任工作室", members=4)
        self.assertRejected(response, MEMBERS_MESSAGE.format(4), "四人班主任工作室")

    def test_too_many_members_are_rejected_with_the_rule(self):
        response = self.post_studio(title="十一人班主任工作室", members=11)
        self.assertRejected(response, MEMBERS_MESSAGE.format(11), "十一人班主任工作室")

    def test_too_many_directions_are_rejected_with_the_rule(self):
        response = self.post_studio(title="四向班主任工作室", direction_codes=ALL_DIRECTIONS)
        self.assertRejected(response, DIRECTIONS_MESSAGE.format(4), "四向班主任工作室")

    def test_no_direction_is_rejected(self):
        response = self.post_studio(title="无向班主任工作室", direction_codes=())
        self.assertEqual(response.status_code, 200)
        self.assertIn("directions", response.context["form"].errors)
        self.assertFalse(StudioPage.objects.filter(title="无向班主任工作室").exists())

    def test_a_four_year_cycle_is_rejected_with_the_rule(self):
        response = self.post_studio(title="四年班主任工作室", cycle_years=4)
        self.assertRejected(response, CYCLE_MESSAGE.format(4), "四年班主任工作室")

    def test_a_one_year_cycle_is_rejected_with_the_rule(self):
        response = self.post_studio(title="一年班主任工作室", cycle_years=1)
        self.assertRejected(response, CYCLE_MESSAGE.format(1), "一年班主任工作室")
