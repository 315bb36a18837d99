"""Reach (辐射带动) of activities over time, for a studio's page and the whole platform (/stats/),
as a table by year and the platform's bar charts."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from core.choices import Province
from promotions.stats import Chart
from studios.models import StudioPage

from .choices import ActivityKind
from .models import Activity, provinces_reached


@dataclass
class YearReach:
    year: int
    activities: int = 0
    participants: int = 0
    schools: int = 0
    public: int = 0
    competitions: int = 0
    provinces: set = field(default_factory=set)

    @property
    def province_count(self):
        return len(self.provinces)


@dataclass
class Reach:
    """What a set of activities reached: totals, one row per year, and the charts."""

    years: list
    kinds: Counter
    provinces: Counter  # activities reaching each province
    slug: str

    @property
    def activities(self):
        return sum(row.activities for row in self.years)

    @property
    def participants(self):
        return sum(row.participants for row in self.years)

    @property
    def schools(self):
        return sum(row.schools for row in self.years)

    @property
    def public(self):
        return sum(row.public for row in self.years)

    @property
    def competitions(self):
        return sum(row.competitions for row in self.years)

    @property
    def province_names(self):
        return [name for name, _n in self.provinces.most_common()]

    @property
    def charts(self):
        prefix = self.slug
        return [
            Chart(
                f"{prefix}-participants",
                "各年度活动参与人次",
                "登记的活动按年度统计参与人次",
                [(f"{row.year} 年", row.participants) for row in self.years],
            ),
            Chart(
                f"{prefix}-kinds",
                "活动类型",
                "登记的活动按类型统计次数（多的在前）",
                [(str(ActivityKind(kind).label), n) for kind, n in self.kinds.most_common()],
            ),
            Chart(
                f"{prefix}-provinces",
                "活动覆盖的省份",
                "参加者来自各省份的活动次数（未填覆盖省份的活动计为工作室所在省份）",
                self.provinces.most_common(),
            ),
        ]


def reach_of(activities, slug="reach"):
    """The reach of ``activities`` (an Activity queryset) in one query: the database sums each
    group of activities alike in year, kind, provinces and flags; Python adds up the groups."""
    province_labels = {value: (str(label),) for value, label in Province.choices}
    groups = (
        activities.annotate(year=ExtractYear("date"))
        .order_by()
        .values_list("year", "kind", "provinces", "is_public", "competition_level", "studio__province")
        .annotate(n=Count("pk"), people=Sum("participants"), schools=Sum("schools_reached"))
    )
    years, kinds, provinces = {}, Counter(), Counter()
    for year, kind, typed, public, competition, home, n, people, schools in groups:
        row = years.setdefault(year, YearReach(year))
        row.activities += n
        row.participants += people or 0
        row.schools += schools or 0
        row.public += n if public else 0
        row.competitions += n if competition else 0
        reached = provinces_reached(typed) or province_labels.get(home, (home,))
        row.provinces.update(reached)
        for name in set(reached):
            provinces[name] += n
        kinds[kind] += n
    return Reach([years[year] for year in sorted(years)], kinds, provinces, slug)


def site_reach():
    """The reach of every published studio's counted activities (for /stats/)."""
    return reach_of(Activity.objects.counted().filter(studio__in=StudioPage.objects.live().public()), "site-reach")
