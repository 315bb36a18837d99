"""What the public sees: 验收通过 on the studio page once a 验收 is finished and passed, and the
studio's reach (辐射带动) as charts readable on a phone; never the plan, archive or scores."""

import datetime

import pytest

from assessment import scoring
from assessment.models import Activity, AssessmentRound, IndicatorScore, MemberArchive

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def finished_round(studio, standard, kind, score):
    assessment_round = AssessmentRound.objects.create(
        studio=studio, standard=standard, year=YEAR, kind=kind, level="province"
    )
    IndicatorScore.objects.bulk_create(
        IndicatorScore(round=assessment_round, indicator=i, score=score, comment="需改进")
        for i in standard.third_level()
    )
    scoring.finish(assessment_round, list(assessment_round.scores.select_related("indicator")), None, "")
    return assessment_round


def test_acceptance_passed_shows_on_the_public_studio_page_and_nothing_private_does(client, world, standard):
    MemberArchive.objects.create(studio=world.studio_a, member_name="成员1", wishes="只给本人和审核人员看的诉求")
    assert "验收通过" not in client.get(world.studio_a.url).content.decode()
    finished_round(world.studio_a, standard, "annual", 95)  # 优秀, but not a 验收
    finished_round(world.studio_b, standard, "acceptance", 50)  # 不通过
    assert "验收通过" not in client.get(world.studio_a.url).content.decode()
    assert "验收通过" not in client.get(world.studio_b.url).content.decode()
    finished_round(world.studio_a, standard, "acceptance", 70)
    page = client.get(world.studio_a.url).content.decode()  # the page cache was bumped on finishing
    assert f"省级验收通过（{YEAR}）" in page
    assert "只给本人和审核人员看的诉求" not in page
    assert "70.00" not in page


def test_the_studio_page_shows_reach_by_year_and_kind(client, world):
    assert 'id="reach"' not in client.get(world.studio_a.url).content.decode()
    for date, kind, people, schools, provinces in [
        (datetime.date(2025, 4, 1), "training", 80, 12, "贵州、云南"),
        (datetime.date(2026, 5, 9), "shadowing", 15, 2, ""),
        (datetime.date(2026, 9, 9), "training", 40, 6, "贵州"),
    ]:
        Activity.objects.create(
            studio=world.studio_a,
            title="活动",
            kind=kind,
            date=date,
            participants=people,
            schools_reached=schools,
            provinces=provinces,
            is_public=True,
        )
    page = client.get(world.studio_a.url).content.decode()
    assert "辐射带动" in page and "参加者来自贵州省、云南省" in page
    assert "2025 年：80；2026 年：55；" in page
    assert "专项培训：2；跟班见习：1；" in page
