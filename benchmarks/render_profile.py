"""Render cost of the public pages without the page cache, in process: time, queries, hot spots.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 MEDIA_ROOT=… .venv/bin/python benchmarks/render_profile.py \\
        [--repeat 30] [--profile home] [--top 25]

Run against a database with the demo content (``manage.py load_demo``). For each page — the
home page, ``/cases/``, a case, a studio, ``/search/?q=班会`` — it prints the median and p90
time of a render through the whole middleware stack with Django's test client (page cache
off, as for a visitor's first view), the number of SQL queries, and the same for the minimal
view ``/healthz/min`` in the same process, with the ratio. ``--profile NAME`` adds cProfile's
top functions (cumulative time) for that page. Figures on the shared machine vary; the ratio
to the minimal view is the steadier one.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
os.environ.setdefault("SECRET_KEY", "render-profile-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ["OPS_PAGE_CACHE_ENABLED"] = "0"
os.environ["OPS_BENCH_VIEWS"] = "1"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="每个页面渲染的次数")
    parser.add_argument(
        "--profile", action="append", default=[], help="对该页面做 cProfile（home/cases/case/studio/search）"
    )
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--search", default="班会")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from cases.models import CasePage
    from studios.models import StudioPage

    settings.ALLOWED_HOSTS = ["*"]
    case = CasePage.objects.live().public().order_by("path").first()
    studio = StudioPage.objects.live().public().order_by("path").first()
    if case is None or studio is None:
        print("数据库里没有演示内容：先运行 manage.py load_demo。")
        return 2
    pages = [
        ("minimal", "/healthz/min"),
        ("home", "/"),
        ("cases", "/cases/"),
        ("case", case.url),
        ("studio", studio.url),
        ("search", f"/search/?q={args.search}"),
    ]
    client = Client()
    results = {}
    for name, url in pages:
        for _ in range(2):  # warm: site root, renditions, per-process caches
            response = client.get(url)
            assert response.status_code == 200, f"{url} → {response.status_code}"
        queries = []  # the client resets connection.queries per request: count with a wrapper
        with connection.execute_wrapper(
            lambda execute, sql, *rest, seen=queries: seen.append(sql) or execute(sql, *rest)
        ):
            client.get(url)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        results[name] = (statistics.median(times), times[int(len(times) * 0.9)], len(queries), len(response.content))
        if name in args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.repeat):
                client.get(url)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(f"\n== cProfile {name} {url}（{args.repeat} 次）==\n{out.getvalue()}")

    minimal = results["minimal"][0]
    print(f"\n{'页面':<8} {'中位 ms':>8} {'p90 ms':>8} {'查询':>5} {'字节':>8} {'相对最小视图':>10}")
    for name, (median, p90, count, size) in results.items():
        print(f"{name:<8} {median:>8.1f} {p90:>8.1f} {count:>5} {size:>8} {median / minimal:>9.0f}×")
    print(f"机器负载 {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）；数据库 {connection.vendor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
