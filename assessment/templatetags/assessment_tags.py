from django import template

from assessment.choices import RoundKind, RoundStatus
from assessment.models import AssessmentRound

register = template.Library()


@register.inclusion_tag("assessment/includes/acceptance_badge.html")
def acceptance_badge(studio):
    """“验收通过” on a studio's public page: only a finished 验收 with the verdict 通过 shows."""
    passed = (
        AssessmentRound.objects.filter(
            studio=studio, kind=RoundKind.ACCEPTANCE, status=RoundStatus.FINISHED, verdict="通过"
        )
        .order_by("-finished_at")
        .first()
    )
    return {"passed": passed}
