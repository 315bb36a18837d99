"""Two studios in Guizhou (different schools), one in Sichuan, and one account per role."""

import copy

import pytest
from django.contrib.auth import get_user_model

from core.choices import Province
from promotions.accounts import add_editor
from promotions.models import ReviewerProfile, ReviewerRole
from tests.factories import make_studio, site_tree
from tests.fixtures.shared import built_once

PASSWORD = "test-pass-123"  # noqa: S105


def make_user(username, **fields):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.cn", **fields
    )
    return user


def make_reviewer(username, role, school="", province=""):
    user = make_user(username)
    ReviewerProfile.objects.create(user=user, role=role, school=school, province=province)
    return user


class World:
    pass


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world, built once per module (tests/fixtures/shared.py)."""
    with built_once(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(db, shared_world):
    return copy.deepcopy(shared_world)


def build_world():
    site_tree()
    w = World()
    w.studio_a = make_studio("春晖班主任工作室", school="贵阳市第一职业学校", province=Province.GUIZHOU)
    w.studio_b = make_studio("明德班主任工作室", school="遵义市第二职业学校", province=Province.GUIZHOU)
    w.studio_c = make_studio("蜀光班主任工作室", school="成都市第三职业学校", province=Province.SICHUAN)
    w.editor_a = make_user("editor_a")
    add_editor(w.studio_a, w.editor_a)
    w.editor_b = make_user("editor_b")
    add_editor(w.studio_b, w.editor_b)
    w.school_a = make_reviewer("school_a", ReviewerRole.SCHOOL, "贵阳市第一职业学校", Province.GUIZHOU)
    w.school_b = make_reviewer("school_b", ReviewerRole.SCHOOL, "遵义市第二职业学校", Province.GUIZHOU)
    w.province_gz = make_reviewer("province_gz", ReviewerRole.PROVINCE, province=Province.GUIZHOU)
    w.province_sc = make_reviewer("province_sc", ReviewerRole.PROVINCE, province=Province.SICHUAN)
    w.ministry = make_reviewer("ministry", ReviewerRole.MINISTRY)
    return w


def login(client, user):
    client.force_login(user)
    return client
