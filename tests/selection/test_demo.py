"""The demo rounds: one finished (its studios created by 立项), one in progress; loading twice adds nothing."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from home.structure import ensure_site_structure
from promotions.demo import _password
from promotions.models import ReviewerRole
from selection import demo
from selection.choices import Status
from selection.models import Application, Programme
from studios.models import StudioPage

from .builders import make_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    ensure_site_structure()
    make_reviewer(ReviewerRole.PROVINCE, username="demo_province")
    make_reviewer(ReviewerRole.MINISTRY, province="", username="demo_ministry")
    make_reviewer(ReviewerRole.SCHOOL, school="贵阳市城南职业技术学校", username="demo_school")
    demo.load(io.StringIO())


def test_finished_round_became_studios_and_is_public(client, loaded):
    finished = Programme.objects.get(slug="guizhou-2024")
    approved = finished.applications.filter(status=Status.APPROVED)
    assert sorted(a.studio_name for a in approved) == [
        "山水同行班主任工作室",
        "杏林守望班主任工作室",
        "知行班主任工作室",
    ]
    assert all(a.studio.live for a in approved)
    assert finished.applications.get(status=Status.NOT_SELECTED).studio is None
    page = client.get(reverse("selection:publicity", args=["guizhou-2024"])).content.decode()
    assert "知行班主任工作室" in page and "启明星班主任工作室" not in page
    assert "13985012647" not in page
    # 立项 is dated by the 党组 meeting of 2024, not by the day the demo was loaded.
    assert timezone.localtime(finished.established_at).date() == datetime.date(2024, 12, 6)
    client.force_login(finished.applications.first().qualified_by)  # demo_province, the organiser
    assert "已于 2024年12月6日 立项" in client.get(reverse("selection:province", args=[finished.slug])).content.decode()
    client.logout()

    demo.load(io.StringIO())
    assert StudioPage.objects.filter(application__programme=finished).count() == 3
    assert Application.objects.count() == 9


def test_round_in_progress_has_every_desk_busy(client, loaded):
    current = Programme.objects.get(slug="moe-zhongzhi-2026")
    assert current.accepting_applications()
    statuses = dict(current.applications.values_list("applicant__username", "status"))
    assert statuses == {
        "demo_applicant": Status.DRAFT,
        "panguohua": Status.SUBMITTED,
        "zhengli": Status.QUALIFIED,
        "huangxinyu": Status.RECOMMENDED,
        "fanjunhui": Status.RETURNED,
    }
    # The applicant's draft explains what is still missing.
    assert client.login(username="demo_applicant", password=_password())
    page = client.get(reverse("selection:apply", args=["moe-zhongzhi-2026"])).content.decode()
    assert "已填写 3 名成员，应为 5-10 人。" in page
    zhengli = current.applications.get(applicant__username="zhengli")
    assert len(zhengli.submitted_assignments()) == 2 and zhengli.assignments.count() == 4

    # Experts are assigned only after the 资格审核: demo_expert3 has one application to score.
    assert not current.applications.exclude(pk=zhengli.pk).filter(assignments__isnull=False).exists()
    client.logout()
    assert client.login(username="demo_expert3", password=_password())
    page = client.get(reverse("selection:expert")).content.decode()
    pending = page.split('id="pending-tasks"', 1)[1].split("</ul>", 1)[0]
    assert pending.count('class="row-card"') == 1 and "红烛班主任工作室" in pending
    assert "匠心领航班主任工作室" not in page and "青柠班主任工作室" not in page
