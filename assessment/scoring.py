"""Weighted totals and verdicts of an assessment round."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ops.pagecache import invalidate

from .choices import RoundStatus

LOW_SCORE = 60  # below this an indicator's score needs the reviewer's comment


def weighted_total(scores):
    """Σ weight × score / 100 over scored indicators, as a Decimal out of the standard's 100 points."""
    total = sum(
        (s.indicator.weight * Decimal(s.score) / Decimal(100) for s in scores if s.score is not None), Decimal(0)
    )
    return total.quantize(Decimal("0.01"))


def finish_problems(assessment_round, scores):
    """Why the round cannot be finished yet (Chinese, one line each); empty when it can."""
    problems = []
    missing = [s.indicator.code for s in scores if s.score is None]
    if missing:
        problems.append(f"还有 {len(missing)} 个指标未评分：{'、'.join(missing)}。")
    bare = [s.indicator.code for s in scores if s.score is not None and s.score < LOW_SCORE and not s.comment.strip()]
    if bare:
        problems.append(f"得分率低于 {LOW_SCORE} 的指标须填写评审意见：{'、'.join(bare)}。")
    return problems


@transaction.atomic
def finish(assessment_round, scores, user, comment=""):
    assessment_round.total = weighted_total(scores)
    assessment_round.verdict = assessment_round.standard.verdict_for(assessment_round.kind, assessment_round.total)
    assessment_round.status = RoundStatus.FINISHED
    assessment_round.finished_by = user
    assessment_round.finished_at = timezone.now()
    assessment_round.comment = comment
    assessment_round.save()
    invalidate()  # a 验收通过 shows on the studio's public page
    return assessment_round
