import datetime

from django import template

from assessment.choices import RoundKind, RoundStatus
from assessment.models import Activity, AssessmentRound
from assessment.stats import reach_of, site_reach
from assessment.summary import public_outputs

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


@register.inclusion_tag("assessment/includes/reach.html")
def studio_reach(studio):
    """The studio page's 辐射带动 section (nothing when no activity counts)."""
    reach = reach_of(Activity.objects.counted().filter(studio=studio))
    return {"reach": reach, "heading": "辐射带动", "section_id": "reach", "scope": "本工作室"}


@register.inclusion_tag("assessment/includes/reach.html")
def platform_reach():
    """/stats/'s 辐射带动: every published studio's activities."""
    return {"reach": site_reach(), "heading": "工作室辐射带动", "section_id": "site-reach", "scope": "各工作室"}


@register.inclusion_tag("assessment/includes/studio_outputs.html")
def studio_outputs(studio, year=None):
    """The public summary of the ledger's outputs: what the studio published this year, by kind."""
    year = year or datetime.date.today().year
    return {"year": year, "outputs": public_outputs(studio, year)}
