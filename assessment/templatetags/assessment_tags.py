from django import template

from assessment.choices import RoundKind, RoundStatus
from assessment.models import Activity, AssessmentRound
from assessment.stats import reach_charts

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


@register.inclusion_tag("assessment/includes/studio_reach.html")
def studio_reach(studio):
    """The studio page's 辐射带动 section (nothing when no activity is recorded)."""
    activities = Activity.objects.filter(studio=studio)
    charts = reach_charts(activities) if activities.exists() else []
    provinces = set()
    for value in activities.exclude(provinces="").values_list("provinces", flat=True):
        provinces.update(Activity(provinces=value).province_list())
    return {"charts": charts, "provinces": sorted(provinces), "public": activities.filter(is_public=True).count()}
