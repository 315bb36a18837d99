"""Reach (辐射带动) on /stats/: time and queries of ``assessment.stats.site_reach`` as activities grow.

Run: ``.venv/bin/python benchmarks/reach_bench.py`` — builds the demo site (``load_demo``) in a
temporary SQLite database, then, inside a transaction that is rolled back, adds N registered
activities (default 2,000 and 20,000) spread over the demo's published studios — as in the demo, most
name no province (only their own), some one to three — and prints, for each N:

- the time (median of 7 runs) and queries of ``site_reach()``: one query, everything else in Python
  (totals, one row per year with its distinct provinces, kinds, activities per province);
- a baseline measured in the same process over the same rows: what the studio page's reach section
  did before (database aggregates per year and per kind, the provinces read row by row, the public
  events counted: four queries), applied to the whole platform. It yields fewer figures (no
  provinces or public events per year), so it is a floor, not an equivalent.

``--reuse`` uses the database of ``DATABASE_URL`` (demo already loaded) instead of building one.
"""

import argparse
import datetime
import random
import statistics
import time

from demo_site import setup_demo  # benchmarks/demo_site.py, beside this script


def baseline(activities):
    """The studio page's former reach section, over ``activities``."""
    from django.db.models import Count, Sum
    from django.db.models.functions import ExtractYear

    from assessment.models import Activity

    by_year = list(
        activities.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(people=Sum("participants"), schools=Sum("schools_reached"))
        .order_by("year")
    )
    kinds = dict(activities.order_by().values_list("kind").annotate(n=Count("pk")))
    provinces = set()
    for value in activities.exclude(provinces="").values_list("provinces", flat=True):
        provinces.update(Activity(provinces=value).province_list())
    public = activities.filter(is_public=True).count()
    return by_year, kinds, provinces, public


def timed(function, runs=7):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries.captured_queries)


def add_activities(n, rng):
    from assessment.choices import ActivityKind
    from assessment.models import Activity
    from core.choices import Province
    from studios.models import StudioPage

    studios = list(StudioPage.objects.live().public())
    names = [str(label)[:2] for _value, label in Province.choices]
    kinds = ActivityKind.values
    rows = []
    for i in range(n):
        people = rng.randint(8, 300)
        rows.append(
            Activity(
                studio=rng.choice(studios),
                title=f"压测活动{i}",
                kind=rng.choice(kinds),
                date=datetime.date(rng.randint(2020, 2026), rng.randint(1, 12), rng.randint(1, 28)),
                participants=people,
                schools_reached=rng.randint(1, min(people, 30)),
                provinces="、".join(rng.sample(names, rng.choices([0, 1, 2, 3], weights=[60, 25, 10, 5])[0])),
                is_public=rng.random() < 0.5,
            )
        )
    Activity.objects.bulk_create(rows, batch_size=1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="use DATABASE_URL as it is (demo loaded)")
    parser.add_argument("--sizes", default="2000,20000", help="activities to add, comma-separated")
    args = parser.parse_args()
    setup_demo("reach-bench-", args.reuse)

    from django.db import transaction

    from assessment.models import Activity
    from assessment.stats import site_reach
    from studios.models import StudioPage

    rng = random.Random(21)
    print(f"{'新增活动':>8} {'统计行数':>8} {'site_reach':>12} {'查询':>4} {'基线':>10} {'查询':>4} {'比值':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        with transaction.atomic():
            add_activities(size, rng)
            counted = Activity.objects.counted().filter(studio__in=StudioPage.objects.live().public())
            rows = counted.count()
            reach = site_reach()
            assert reach.activities == rows, (reach.activities, rows)
            ours, our_queries = timed(site_reach)
            base, base_queries = timed(lambda counted=counted: baseline(counted))
            print(
                f"{size:>12} {rows:>12} {ours * 1000:>10.1f}ms {our_queries:>6} {base * 1000:>8.1f}ms "
                f"{base_queries:>6} {ours / base:>7.2f}"
            )
            transaction.set_rollback(True)


if __name__ == "__main__":
    main()
