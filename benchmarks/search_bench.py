"""Search benchmark: index build and query latency on SQLite and PostgreSQL.

Usage::

    .venv/bin/python benchmarks/search_bench.py                      # 10k and 100k, both databases
    .venv/bin/python benchmarks/search_bench.py --sizes 10000 --db sqlite --baseline 0   # quick run

For each database and size it generates realistic documents (1,000-3,000
characters of head-teacher prose: sentences of the two source notices mixed
with templated sentences built from the project's vocabularies), stores them as
``SearchDocument`` rows (each with a bare Wagtail page for the foreign key) and
times ``engine.rebuild()`` – segmentation in worker processes plus the index
writes, i.e. what ``rebuild_search_index`` does after reading the pages – then
runs a fixed query mix through ``search.service.search`` (ranked page of 10,
total, all seven facet groups, snippets) and prints p50/p95.

Baseline (same run): the same queries through Wagtail's stock database search
backend (modelsearch) over ``--baseline`` documents (5,000 by default), timing a
relevance-ordered first page plus the count, with the ratio to our engine.

Each database is a scratch one (``var/search-bench.sqlite3``, PostgreSQL
``bzr_search_bench``), created and migrated by the script. Targets (issue 4, on
this 2-core machine): p95 ≤ 50 ms at 100,000 documents on both databases; a
full rebuild of 100,000 documents within 2 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "search-bench.sqlite3"
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "bzr_search_bench"

QUERIES = [
    ("班主任", {}),
    ("心理", {}),
    ("家校", {}),
    ("协同育人", {}),
    ("心理健康 教育", {}),
    ("主题班会", {"type": "case"}),
    ("网瘾", {}),
    ("生涯规划 中职", {}),
    ("立德树人", {"province": "guizhou"}),
    ("PPT课件", {}),
    ("班级管理 制度", {"type": "resource"}),
    ("家长 沟通", {"direction": "family-school"}),
    ("突发事件 处置", {"year": "2024"}),
    ("三全育人 五育并举", {}),
    ("学生 成长 记录", {"school_type": "university"}),
    # Partial matches: no document holds every word; ranked by the share they cover.
    ("心理委员 突发事件 创新创业", {}),
    ("心理健康 篮球 宿舍", {"type": "case"}),
    # Typos and pinyin: corrected from the dictionary by pinyin.
    ("心里健康", {}),
    ("班主人 手册", {}),
    ("banhui", {}),
    # Context fields: a studio, a province, a direction label.
    ("第123班主任工作室", {}),
    ("贵州 家访", {}),
    ("生涯规划 工作室", {"type": "case"}),
    # A question typed as a sentence.
    ("我是一名中职班主任，怎么处理学生沉迷手机游戏的问题？", {}),
]
P95_TARGET_MS = 50
REBUILD_TARGET_S = 120


# Document generation ------------------------------------------------------------
def sentence_pool(rng):
    from core import choices

    seeds = []
    seed_dir = Path(os.environ.get("SEEDS_DIR", "/work/shared/seeds"))
    for path in sorted(seed_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for part in text.replace("\n", "。").split("。"):
            part = part.strip()
            if 12 <= len(part) <= 120:
                seeds.append(part + "。")
    labels = lambda c: [str(label) for _v, label in c.choices]  # noqa: E731
    directions = labels(choices.Direction)
    carriers = labels(choices.WorkCarrier)
    categories = labels(choices.CaseCategory)
    students = ["小林", "小周", "小陈", "小王", "小赵", "小李", "小杨", "小刘"]
    templates = [
        "班主任{s}围绕{d}开展了一次{c}，全班同学积极参与，{s2}在发言中谈到了自己的变化。",
        "工作室把{d}作为年度重点，每月组织一次{c}，成员轮流主讲，形成了可推广的经验。",
        "针对{k}中遇到的问题，我们与家长多次沟通，制定了个性化的帮扶计划。",
        "学期末，{s}主动报名担任班级心理委员，用PPT课件向同学介绍情绪管理的方法。",
        "在{c}上，班主任引导学生讨论手机使用规则，沉迷手机游戏的现象明显减少。",
        "学校推荐该案例参加省级评选，专家认为其在{d}方面具有示范意义。",
        "家校协同育人需要耐心，我们通过家访、电话和家长会三条途径保持联系。",
        "坚持立德树人根本任务，落实三全育人、五育并举要求，把{d}融入日常班级管理。",
        "{s}曾因学业压力出现厌学情绪，班主任联合心理老师进行了为期一学期的跟踪辅导。",
        "本次{c}采用5G直播方式，与兄弟学校的班主任工作室同步开展专题研讨。",
        "在处理突发事件时，班主任第一时间稳定学生情绪，并按照预案向学校报告。",
        "生涯规划课上，学生用AI工具查询职业信息，结合专业特点撰写个人发展计划。",
    ]
    made = []
    for _ in range(600):
        made.append(
            rng.choice(templates).format(
                s=rng.choice(students),
                s2=rng.choice(students),
                d=rng.choice(directions),
                c=rng.choice(carriers),
                k=rng.choice(categories),
            )
        )
    return seeds + made


def generate(n, rng):
    from core import choices

    pool = sentence_pool(rng)
    title_words = [
        "家校协同",
        "心理健康教育",
        "主题班会",
        "班级文化建设",
        "生涯规划",
        "重点学生帮扶",
        "网络思想政治教育",
    ]
    types = ["case"] * 5 + ["update"] * 2 + ["resource"] * 2 + ["handbook", "studio"]
    provinces = [v for v, _ in choices.Province.choices]
    province_labels = dict(choices.Province.choices)
    direction_labels = dict(choices.Direction.choices)
    category_labels = dict(choices.CaseCategory.choices)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    for i in range(n):
        target = rng.randint(1000, 3000)
        parts, size = [], 0
        while size < target:
            s = rng.choice(pool)
            parts.append(s)
            size += len(s)
        kind = rng.choice(types)
        province = rng.choice(provinces)
        directions = rng.sample(choices.Direction.values, rng.randint(1, 3))
        category = rng.choice(choices.CaseCategory.values) if kind == "case" else ""
        studio = f"第{i % 500}班主任工作室"
        context = [
            studio,
            f"第{i % 500}职业学校",
            str(province_labels[province]),
            "、".join(str(direction_labels[d]) for d in directions),
            str(category_labels[category]) if category else "",
            rng.choice(surnames) + rng.choice("明华芳丽军强静敏"),
        ]
        yield {
            "title": f"{rng.choice(title_words)}的{rng.choice(['实践', '探索', '案例', '经验', '反思'])}（{i}）",
            "summary": "".join(rng.choice(pool) for _ in range(2))[:200],
            "body": "".join(parts),
            "type": kind,
            "context": "\n".join(c for c in context if c),
            "category": category,
            "province": province,
            "school_type": rng.choice(choices.SchoolType.values),
            "year": rng.randint(2020, 2026),
            "promotion": rng.choice(choices.PromotionLevel.values) if kind == "case" else "",
            "directions": directions,
            "studio_name": studio,
        }


# Worker (one database) ------------------------------------------------------------
def setup_django(db):
    url = f"sqlite:///{SQLITE_PATH}" if db == "sqlite" else f"{PG_BASE}/{PG_NAME}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    import django

    django.setup()


def fresh_database(db):
    if db == "sqlite":
        SQLITE_PATH.parent.mkdir(exist_ok=True)
        SQLITE_PATH.unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            conn.execute(f"CREATE DATABASE {PG_NAME}")


def load_documents(n, rng, log):
    """Bare pages + SearchDocument rows (+ direction rows) for ``n`` generated documents."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from search.models import SearchDocument, SearchDocumentDirection

    with connection.cursor() as cursor:
        for table in ("sitesearch_searchdocumentdirection", "sitesearch_searchdocument"):
            cursor.execute(f"DELETE FROM {table}")
    Page.objects.filter(depth__gt=1, slug__startswith="bench-").delete()
    root = Page.get_first_root_node()
    ct = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    start = time.perf_counter()
    batch = 2000
    made = 0
    gen = generate(n, rng)
    base = root.get_last_child()
    next_index = int(base.path[-4:], 36) + 1 if base else 1
    with transaction.atomic():
        while made < n:
            chunk = [next(gen) for _ in range(min(batch, n - made))]
            pages = []
            for j, doc in enumerate(chunk):
                k = next_index + made + j
                # depth-2 path: root path + base-36 step of 4 characters (treebeard MP_Node)
                step = ""
                x = k
                for _ in range(4):
                    step = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[x % 36] + step
                    x //= 36
                pages.append(
                    Page(
                        title=doc["title"],
                        draft_title=doc["title"],
                        slug=f"bench-{k}",
                        content_type=ct,
                        path=root.path + step,
                        depth=2,
                        numchild=0,
                        url_path=f"/bench-{k}/",
                        live=True,
                        locale=locale,
                    )
                )
            Page.objects.bulk_create(pages)
            docs = [
                SearchDocument(
                    page=page,
                    url=page.url_path,
                    **{k: v for k, v in doc.items() if k != "directions"},
                    directions=doc["directions"],
                )
                for page, doc in zip(pages, chunk, strict=True)
            ]
            SearchDocument.objects.bulk_create(docs)
            SearchDocumentDirection.objects.bulk_create(
                [SearchDocumentDirection(document=d, code=c) for d in docs for c in d.directions]
            )
            made += len(chunk)
            log(f"  generated {made}/{n}")
    return time.perf_counter() - start


def percentile(values, q):
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def time_queries(run, rounds, by_query=None):
    timings = []
    for _ in range(rounds):
        for q, filters in QUERIES:
            start = time.perf_counter()
            run(q, filters)
            timings.append((time.perf_counter() - start) * 1000)
            if by_query is not None:
                by_query.setdefault(q, []).append(timings[-1])
    return timings


def time_with_pending_edits(engine, run, rounds, log):
    """PostgreSQL: the query mix with the most re-indexed documents a site holds outside
    the postings bitmaps (one fewer than the engine's ``merge_at``), then the merge's time."""
    from django.db import transaction

    from search.models import SearchDocument

    edits = engine.merge_at - 1
    docs = list(SearchDocument.objects.order_by("?")[:edits])
    with transaction.atomic():
        engine.index(docs)
    time_queries(run, 1)  # the facet index reloads after the writes
    timings = time_queries(run, rounds)
    start = time.perf_counter()
    with transaction.atomic():
        merged = engine.merge_pending(at=1)
    merge_s = time.perf_counter() - start
    log(f"[pending] {edits} edited documents: p95 {percentile(timings, 0.95):.1f}ms; merge {merge_s:.2f}s ({merged})")
    return {"pending_edits": edits, "pending_p95": percentile(timings, 0.95), "merge_s": merge_s}


def worker(db, sizes, baseline, rounds):
    setup_django(db)
    from django.core.management import call_command

    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    log(f"[{db}] migrating a scratch database …")
    call_command("migrate", verbosity=0)
    from django.db import connection, transaction

    from search import service
    from search.engines import get_engine
    from search.models import SearchDocument

    engine = get_engine()
    out = {"db": db, "sizes": {}}
    for n in sizes:
        rng = random.Random(n)
        load_s = load_documents(n, rng, log)
        chars = sum(len(b) for b in SearchDocument.objects.values_list("body", flat=True).iterator())
        log(f"[{db}] {n} documents loaded in {load_s:.0f}s, rebuilding …")
        import resource

        before = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
        start = time.perf_counter()
        with transaction.atomic():
            engine.rebuild(SearchDocument.objects.order_by("pk").iterator(chunk_size=2000))
        build = time.perf_counter() - start
        after = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
        # CPU seconds, which a busy machine does not inflate as it does the wall clock: this
        # process (reads, writes) and the analysis workers (PostgreSQL's own work not included).
        cpu_main = sum(getattr(after[0], f) - getattr(before[0], f) for f in ("ru_utime", "ru_stime"))
        cpu_workers = sum(getattr(after[1], f) - getattr(before[1], f) for f in ("ru_utime", "ru_stime"))
        log(f"[{db}] rebuild CPU: this process {cpu_main:.1f}s, analysis workers {cpu_workers:.1f}s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        # The per-process facet index (search/facetindex.py) is loaded by the first search
        # after any change to the documents: timed here, then the queries run warm.
        from search.facetindex import FacetIndex, read_generation

        start = time.perf_counter()
        FacetIndex(read_generation())
        facet_load_ms = (time.perf_counter() - start) * 1000
        log(f"[{db}] facet index load {facet_load_ms:.0f}ms")
        run = lambda q, f: service.search(q, {k: int(v) if k == "year" else v for k, v in f.items()}, 1, 10)  # noqa: E731
        from search.engines.sql import SqlEngine

        # Cold: each query reads every word's document ids from the index (the per-process
        # cache of them, kept for the index generation, emptied before each query).
        def cold_run(q, f, run=run):
            SqlEngine.forget_cached_ids()
            return run(q, f)

        cold = time_queries(cold_run, rounds)
        time_queries(run, 1)  # warm-up
        by_query = {}
        timings = time_queries(run, rounds, by_query)
        slowest = sorted(by_query.items(), key=lambda kv: -max(kv[1]))[:4]
        log(f"[{db}] {n}: slowest queries (max ms): " + ", ".join(f"{q} {max(t):.0f}" for q, t in slowest))
        totals = {q: service.search(q, {}, 1, 10).total for q, _f in QUERIES[:5]}
        edited = time_with_pending_edits(engine, run, rounds, log) if hasattr(engine, "merge_pending") else {}
        out["sizes"][n] = {
            "build_s": build,
            "cpu_main_s": cpu_main,
            "cpu_workers_s": cpu_workers,
            "facet_load_ms": facet_load_ms,
            "docs_per_s": n / build,
            "mb_text": chars / 1e6,
            "p50": statistics.median(timings),
            "p95": percentile(timings, 0.95),
            "cold_p50": statistics.median(cold),
            "cold_p95": percentile(cold, 0.95),
            "totals": totals,
            **edited,
        }
        log(
            f"[{db}] {n}: build {build:.1f}s p50 {out['sizes'][n]['p50']:.1f}ms p95 {out['sizes'][n]['p95']:.1f}ms; "
            f"cold p50 {out['sizes'][n]['cold_p50']:.1f}ms p95 {out['sizes'][n]['cold_p95']:.1f}ms"
        )
    if baseline:
        try:
            out["baseline"] = run_baseline(db, baseline, rounds, log)
        except Exception as error:  # noqa: BLE001 - report, keep our figures
            log(f"[{db}] baseline failed: {error!r}")
            out["baseline_error"] = repr(error)[:200]
    print(json.dumps(out))


def run_baseline(db, n, rounds, log):
    """Wagtail's stock database backend over ``n`` of the same generated documents."""
    from django.db import models
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    from search import service
    from search.models import SearchDocument

    class StockDocument(index.Indexed, SearchDocument):
        search_fields = [
            index.SearchField("title", boost=10),
            index.SearchField("summary", boost=4),
            index.SearchField("body"),
            index.FilterField("id"),
            index.FilterField("type"),
            index.FilterField("province"),
        ]

        class Meta:
            proxy = True
            app_label = "sitesearch"

    del models
    # modelsearch gives every indexed model its ``index_entries`` relation when the apps are
    # ready (the PostgreSQL backend queries through it); this model is defined later.
    from modelsearch.abstract_models import TextIDGenericRelation
    from modelsearch.conf import get_app_config

    if not hasattr(StockDocument, "index_entries"):
        index_entry = get_app_config().get_model("IndexEntry")  # wagtailsearch's, under Wagtail
        TextIDGenericRelation(index_entry).contribute_to_class(StockDocument, "index_entries")
    backend = get_search_backend("wagtail.search.backends.database")  # stock, not search.admin_backend
    backend.reset_index() if hasattr(backend, "reset_index") else None
    docs = list(StockDocument.objects.order_by("pk")[:n])
    start = time.perf_counter()
    index_obj = backend.get_index_for_model(StockDocument)
    for i in range(0, len(docs), 500):
        index_obj.add_items(StockDocument, docs[i : i + 500])
    build = time.perf_counter() - start
    log(f"[{db}] stock backend indexed {len(docs)} in {build:.1f}s")
    ids = [d.pk for d in docs]
    queryset = StockDocument.objects.filter(pk__in=ids)

    def stock(q, filters):
        qs = queryset.filter(**{k: v for k, v in filters.items() if k in ("type", "province")})
        results = backend.search(q, qs, order_by_relevance=True)
        list(results[:10])
        return results.count()

    stock_timings = time_queries(stock, max(1, rounds // 2))
    hits = {q: stock(q, {}) for q, _f in QUERIES[:5]}
    with_ours = {q: service.search(q, {}, 1, 10).total for q, _f in QUERIES[:5]}
    return {
        "n": len(docs),
        "build_s": build,
        "p50": statistics.median(stock_timings),
        "p95": percentile(stock_timings, 0.95),
        "hits": hits,
        "ours_hits_all_docs": with_ours,
    }


# Orchestrator ------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated document counts")
    parser.add_argument("--db", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--baseline", type=int, default=5000, help="documents for the stock-backend baseline (0: skip)")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query mix")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.worker:
        worker(args.worker, sizes, args.baseline, args.rounds)
        return
    reports = []
    for db in [d.strip() for d in args.db.split(",") if d.strip()]:
        db = "postgresql" if db.startswith("postgres") else db
        report = {"db": db, "sizes": {}}
        # One worker process and one fresh database per size: each size is measured from
        # scratch (cold caches, no pages left over), the baseline with the first size.
        for k, n in enumerate(sizes):
            fresh_database(db)
            cmd = [sys.executable, __file__, "--worker", db, "--sizes", str(n), "--rounds", str(args.rounds)]
            cmd += ["--baseline", str(args.baseline if k == 0 else 0)]
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT, check=False)
            if proc.returncode:
                print(f"{db} {n}: worker failed (exit {proc.returncode})")
                continue
            part = json.loads(proc.stdout.strip().splitlines()[-1])
            report["sizes"].update(part["sizes"])
            for key in ("baseline", "baseline_error"):
                if key in part:
                    report[key] = part[key]
        if report["sizes"]:
            reports.append(report)
    print()
    print(
        f"Query mix: {len(QUERIES)} queries (with filters on 7 of them), each with 7 facet groups, page of 10, snippets."
    )
    for rep in reports:
        print(f"\n== {rep['db']} ==")
        print(f"{'docs':>8} {'build s':>8} {'docs/s':>8} {'MB text':>8} {'p50 ms':>8} {'p95 ms':>8}  targets")
        for n, r in rep["sizes"].items():
            n = int(n)
            notes = []
            if n >= 100_000:
                notes.append(f"p95≤{P95_TARGET_MS}ms {'MET' if r['p95'] <= P95_TARGET_MS else 'NOT MET'}")
                notes.append(f"cold p95≤{P95_TARGET_MS}ms {'MET' if r['cold_p95'] <= P95_TARGET_MS else 'NOT MET'}")
                notes.append(f"rebuild≤{REBUILD_TARGET_S}s {'MET' if r['build_s'] <= REBUILD_TARGET_S else 'NOT MET'}")
            print(
                f"{n:>8} {r['build_s']:>8.1f} {r['docs_per_s']:>8.0f} {r['mb_text']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f}  {'; '.join(notes)}"
            )
            print(
                f"{'':>8} rebuild CPU: this process {r['cpu_main_s']:.1f} s, analysis workers "
                f"{r['cpu_workers_s']:.1f} s (on an idle machine the wall time is about the larger of "
                "the first and half the second)"
            )
            print(
                f"{'':>8} cold (every word's ids read from the index for each query): "
                f"p50 {r['cold_p50']:.1f} ms, p95 {r['cold_p95']:.1f} ms"
            )
            print(f"{'':>8} hits: " + ", ".join(f"{q}={t}" for q, t in r["totals"].items()))
            print(f"{'':>8} facet index load after a change (once per process): {r['facet_load_ms']:.0f} ms")
            if "pending_p95" in r:
                print(
                    f"{'':>8} with {r['pending_edits']} edited documents not yet merged into the postings bitmaps: "
                    f"p95 {r['pending_p95']:.1f} ms; merging them {r['merge_s']:.2f} s"
                )
        if rep.get("baseline_error"):
            print(f"baseline (Wagtail stock database backend): could not run: {rep['baseline_error']}")
        base = rep.get("baseline")
        if base:
            first = rep["sizes"][next(iter(rep["sizes"]))]
            print(
                f"baseline (Wagtail stock database backend, {base['n']} docs): build {base['build_s']:.1f}s, "
                f"p50 {base['p50']:.1f}ms, p95 {base['p95']:.1f}ms"
            )
            print("  stock hits: " + ", ".join(f"{q}={t}" for q, t in base["hits"].items()))
            print(
                f"  ratio stock p50 / our p50 at {next(iter(rep['sizes']))} docs: {base['p50'] / first['p50']:.1f}x "
                f"(stock {base['n']} docs vs ours {next(iter(rep['sizes']))} docs)"
            )


if __name__ == "__main__":
    main()
