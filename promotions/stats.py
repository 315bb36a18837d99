"""Counts for /stats/ and their SVG bar charts (one query per chart)."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count
from wagtail.models import Page

from core.choices import CaseCategory, Direction, PromotionLevel, Province

from .models import Promotion

BAR_HEIGHT = 28
LABEL_WIDTH = 170
CHART_WIDTH = 640
VALUE_GAP = 8


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    rows: list  # [(label, count)]

    @property
    def total(self):
        return sum(n for _label, n in self.rows)

    @property
    def height(self):
        return max(1, len(self.rows)) * BAR_HEIGHT + 8

    @property
    def bars(self):
        """Geometry of each bar for the SVG template (the longest bar fills the width)."""
        biggest = max((n for _label, n in self.rows), default=0) or 1
        room = CHART_WIDTH - LABEL_WIDTH - 60
        return [
            {
                "label": label,
                "count": n,
                "y": i * BAR_HEIGHT + 4,
                "text_y": i * BAR_HEIGHT + 4 + BAR_HEIGHT / 2,
                "width": max(2 if n else 0, round(room * n / biggest)),
                "value_x": LABEL_WIDTH + max(2 if n else 0, round(room * n / biggest)) + VALUE_GAP,
                "percent": round(100 * n / biggest, 1),
            }
            for i, (label, n) in enumerate(self.rows)
        ]

    label_width = LABEL_WIDTH
    label_x = LABEL_WIDTH - 10
    width = CHART_WIDTH


def _rows(choices, counts, keep_empty=True):
    return [(str(label), counts.get(value, 0)) for value, label in choices if keep_empty or counts.get(value)]


def _counts(queryset, field):
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk", distinct=True)))


def build_statistics():
    StudioPage = apps.get_model("studios", "StudioPage")
    studios = StudioPage.objects.live().public()
    charts = [
        Chart(
            "studios-province",
            "各省份工作室数量",
            "已发布的班主任工作室按所在省份统计（只列出有工作室的省份）",
            _rows(Province.choices, _counts(studios, "province"), keep_empty=False),
        ),
        Chart(
            "studios-direction",
            "各建设方向工作室数量",
            "每个工作室可选 1-3 个建设方向，故各方向之和可能大于工作室总数",
            _rows(Direction.choices, _counts(studios, "directions__code")),
        ),
    ]
    CasePage = apps.get_model("cases", "CasePage")
    cases = CasePage.objects.live().public()
    charts.append(
        Chart(
            "cases-category",
            "各类别典型案例数量",
            "已发布的典型案例按案例库类别统计",
            _rows(CaseCategory.choices, _counts(cases, "category")),
        )
    )
    by_year = _counts(cases, "year")
    charts.append(
        Chart(
            "cases-year",
            "各年度典型案例数量",
            "已发布的典型案例按案例年度统计",
            [(f"{year}年", by_year[year]) for year in sorted(y for y in by_year if y)],
        )
    )
    promotions = Promotion.objects.filter(page__in=Page.objects.live().public())
    levels = [(v, label) for v, label in PromotionLevel.choices if v != PromotionLevel.NONE]
    charts.append(
        Chart(
            "promotions-level",
            "各级推介数量",
            "校级、省级、部级推介记录数（同一成果可获多级推介）",
            _rows(levels, _counts(promotions, "level")),
        )
    )
    return charts
