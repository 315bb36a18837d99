"""Reach (辐射带动) of a studio's activities over time, as the platform's bar charts."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from promotions.stats import Chart

from .choices import ActivityKind


def reach_charts(activities):
    """Participants and schools reached per year, and activities per kind (one query each)."""
    by_year = list(
        activities.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(people=Sum("participants"), schools=Sum("schools_reached"))
        .order_by("year")
    )
    kinds = dict(activities.order_by().values_list("kind").annotate(n=Count("pk")))
    prefix = "reach"
    return [
        Chart(
            f"{prefix}-participants",
            "各年度活动参与人次",
            "工作室登记的活动按年度统计参与人次",
            [(f"{row['year']} 年", row["people"] or 0) for row in by_year],
        ),
        Chart(
            f"{prefix}-schools",
            "各年度覆盖学校（校次）",
            "参加活动者来自的学校数，按年度累加",
            [(f"{row['year']} 年", row["schools"] or 0) for row in by_year],
        ),
        Chart(
            f"{prefix}-kinds",
            "活动类型",
            "工作室登记的活动按类型统计次数（多的在前）",
            sorted(
                [(str(label), kinds[value]) for value, label in ActivityKind.choices if kinds.get(value)],
                key=lambda row: -row[1],
            ),
        ),
    ]
