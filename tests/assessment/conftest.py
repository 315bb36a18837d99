"""The promotions tests' world (two Guizhou studios of different schools, one in Sichuan, one
account per role) with the standard loaded by its migration, a plan and a published update."""

import datetime

import pytest

from assessment.choices import TaskStatus
from assessment.models import AnnualPlan, PlanTask, Standard
from tests.factories import make_update
from tests.promotions.conftest import World, login, make_reviewer, make_user, shared_world, world  # noqa: F401

__all__ = ["World", "login", "make_reviewer", "make_user", "world"]

YEAR = datetime.date.today().year  # pages published in a test count toward this year


@pytest.fixture
def standard(db):
    return Standard.objects.get(code="moe-zz-2022")


def indicator(standard, code):
    return standard.indicators.get(code=code)


@pytest.fixture
def plan(world, standard):
    """Studio A's plan: one task closed with its own published update as evidence, one open."""
    update = make_update(world.studio_a, "班级公约专题研讨会", date=datetime.date(YEAR, 3, 12))
    plan = AnnualPlan.objects.create(studio=world.studio_a, year=YEAR, goals="完成班级公约案例集\n开展两次跟班见习")
    PlanTask.objects.create(
        plan=plan,
        title="组织班级公约专题研讨",
        owner="王芳",
        due_date=datetime.date(YEAR, 3, 31),
        indicator=indicator(standard, "3.3.1"),
        status=TaskStatus.DONE,
        closed_on=datetime.date(YEAR, 4, 2),
        evidence_page=update,
    )
    PlanTask.objects.create(
        plan=plan,
        title="编写班级公约案例集",
        owner="李明",
        due_date=datetime.date(YEAR, 6, 30),
        indicator=indicator(standard, "4.4.2"),
    )
    plan.update = update
    return plan


def denied(response):
    """Wagtail answers a permission failure in the admin with 403 or a redirect to the admin home."""
    from django.urls import reverse

    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )
