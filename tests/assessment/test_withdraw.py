"""A studio takes its submitted self-evaluation back to edit it — only its own editors, only by
POST, and only until a reviewer has started scoring the year."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.choices import EvaluationStatus
from assessment.models import AssessmentRound, IndicatorRating, SelfEvaluation

from .conftest import YEAR, denied, login
from .test_journey import open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(world, plan, standard):
    evaluation = SelfEvaluation.objects.create(
        studio=world.studio_a,
        year=YEAR,
        standard=standard,
        status=EvaluationStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for indicator in standard.third_level():
        IndicatorRating.objects.create(
            evaluation=evaluation, indicator=indicator, rating="met", evidence_page=plan.update
        )
    return evaluation


def withdraw_url(evaluation):
    return reverse("assessment_withdraw_evaluation", args=[evaluation.studio_id, evaluation.year])


def page_url(evaluation):
    return reverse("assessment_self_evaluation", args=[evaluation.studio_id, evaluation.year])


def status(evaluation):
    evaluation.refresh_from_db()
    return evaluation.status


def test_the_studios_editor_withdraws_a_submitted_self_evaluation_and_edits_it_again(client, world, submitted):
    login(client, world.editor_a)
    page = client.get(page_url(submitted)).content.decode()
    assert "撤回自评" in page and 'name="action" value="submit"' not in page

    response = client.post(withdraw_url(submitted), follow=True)
    body = response.content.decode()
    assert "自评已撤回，可以继续修改" in body
    assert status(submitted) == EvaluationStatus.DRAFT and submitted.submitted_at is None
    assert 'name="action" value="submit"' in body  # the form is editable again
    assert submitted.ratings.count() == 32  # nothing typed is lost

    # Withdrawn, it is hidden from the reviewers again until it is resubmitted.
    login(client, world.province_gz)
    assert "尚未提交" in client.get(page_url(submitted)).content.decode()


def test_nobody_else_withdraws_it_and_a_get_changes_nothing(client, world, submitted):
    for user in (world.editor_b, world.school_a, world.province_gz, world.ministry):
        login(client, user)
        assert denied(client.post(withdraw_url(submitted))), user.username
        assert status(submitted) == EvaluationStatus.SUBMITTED
    login(client, world.province_gz)
    assert "撤回自评" not in client.get(page_url(submitted)).content.decode()
    login(client, world.editor_a)
    assert client.get(withdraw_url(submitted)).status_code == 405
    assert status(submitted) == EvaluationStatus.SUBMITTED


def test_an_opened_round_does_not_block_it_but_a_first_score_does(client, world, submitted):
    open_round(client, world.province_gz, world.studio_a, "annual")
    assessment_round = AssessmentRound.objects.get()

    login(client, world.editor_a)
    client.post(withdraw_url(submitted))
    assert status(submitted) == EvaluationStatus.DRAFT  # opened, but nobody has scored yet
    submitted.status = EvaluationStatus.SUBMITTED
    submitted.save()

    score = assessment_round.scores.first()
    score.score = 85
    score.save()
    page = client.get(page_url(submitted)).content.decode()
    assert "审核人员已开始评分，自评不能再撤回" in page and "撤回自评</button>" not in page
    body = client.post(withdraw_url(submitted), follow=True).content.decode()
    assert "审核人员已开始评分，自评不能再撤回" in body
    assert status(submitted) == EvaluationStatus.SUBMITTED


def test_a_comment_alone_counts_as_scoring_started(world, submitted):
    open_round_for = AssessmentRound.objects.create(
        studio=world.studio_a, standard=submitted.standard, year=YEAR, kind="midterm", level="province"
    )
    assert submitted.withdrawal_problem() is None
    open_round_for.scores.create(indicator=submitted.standard.third_level().first(), comment="证据不足")
    assert "已开始评分" in submitted.withdrawal_problem()
    # Another year's round does not count.
    other = SelfEvaluation(studio=world.studio_a, year=YEAR - 1, standard=submitted.standard, status="submitted")
    assert other.withdrawal_problem() is None


def test_a_draft_cannot_be_withdrawn(client, world, submitted):
    submitted.status = EvaluationStatus.DRAFT
    submitted.save()
    login(client, world.editor_a)
    body = client.post(withdraw_url(submitted), follow=True).content.decode()
    assert "这份自评尚未提交，无需撤回。" in body
