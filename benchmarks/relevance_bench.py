"""Relevance benchmark: nDCG@10, recall@10, MRR and zero-result rate per engine and query class.

Usage::

    .venv/bin/python benchmarks/relevance_bench.py                       # SQLite, PostgreSQL, Elasticsearch
    .venv/bin/python benchmarks/relevance_bench.py --engines sqlite --failures 5
    .venv/bin/python benchmarks/relevance_bench.py --project /tmp/old     # an older checkout ("before")

For each engine a scratch database is created and migrated, the judged corpus
(``tests/search/relevance/``: 18 studios and 100 typical cases, written from a plan
with deliberately varied vocabulary and judged by reading before any tuning) is
imported with the real ``import_studios`` and ``import_cases`` commands, and every
judged query is asked as a visitor would: ``GET /api/search/?q=…&type=case&page_size=10``.
Elasticsearch is the noida-db test server (``tests/search_es/server.py``) or
``ELASTICSEARCH_URL``. Each engine runs in a subprocess of the project given by
``--project`` (this checkout by default), so an older version of the code can be
measured with the same corpus, queries and metrics.

Metrics, per query (grades 0/1/2 from ``queries.json``; unjudged cases are 0):

* nDCG@10 with gains 2^grade − 1, against the ideal order of the judged cases;
* recall@10: relevant cases (grade ≥ 1) in the first 10, over min(10, relevant cases);
* MRR: 1 / rank of the first relevant case;
* zero-result rate: share of queries with no result. Off-topic queries (no relevant
  case) count only here, where the target is 100 % (their column shows it).

Also printed: the mean overlap of the engines' top-10 sets (|A ∩ B| / max(|A|, |B|)).
Targets: nDCG@10 ≥ 0.90 and recall@10 ≥ 0.95 on every engine, 0 results for off-topic queries.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEVANCE = ROOT / "tests" / "search" / "relevance"
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "bzr_relevance_bench"
NDCG_TARGET, RECALL_TARGET = 0.90, 0.95


# Worker: one engine, in a subprocess of the project under test -----------------------------
def worker(project: Path, out: Path) -> None:
    sys.path[:0] = [str(project / "site"), str(project), str(RELEVANCE / "corpus")]
    os.chdir(project)
    import django

    django.setup()
    import build
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0, interactive=False)
    with tempfile.TemporaryDirectory() as folder:
        build.load(Path(folder))
    if os.environ.get("ELASTICSEARCH_URL"):
        call_command("rebuild_search_index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    by_title = build.case_ids_by_title()
    client = Client()
    answers = {}
    started = time.perf_counter()
    for query in queries():
        response = client.get("/api/search/", {"q": query["query"], "type": "case", "page_size": 10})
        data = response.json()
        answers[query["id"]] = {
            "status": response.status_code,
            "total": data.get("total", 0),
            "ids": [by_title.get(r["title"], "?") for r in data.get("results", [])],
            "notice": data.get("notice", ""),
        }
    elapsed = time.perf_counter() - started
    out.write_text(json.dumps({"answers": answers, "seconds": elapsed}, ensure_ascii=False), encoding="utf-8")


def run_engine(engine: str, project: Path, es_url: str | None) -> dict:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    env["OPS_PAGE_CACHE_ENABLED"] = "0"
    env.pop("ELASTICSEARCH_URL", None)
    scratch = Path(tempfile.mkdtemp(prefix=f"relevance-{engine}-"))
    env["MEDIA_ROOT"] = str(scratch / "media")
    if engine == "postgresql":
        import psycopg

        with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_NAME}")
        env["DATABASE_URL"] = f"{PG_BASE}/{PG_NAME}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{scratch / 'db.sqlite3'}"
    if engine == "elasticsearch":
        env["ELASTICSEARCH_URL"] = es_url
        # The cluster's own answers, however slow: with the default 2 s timeout a slow test server's
        # first timeout sent every later query to the database engine (the fallback), and its figures
        # were printed as the cluster's.
        env.setdefault("ELASTICSEARCH_TIMEOUT", "60")
        env.setdefault("ELASTICSEARCH_FALLBACK_SECONDS", "0")
        env["ELASTICSEARCH_INDEX_PREFIX"] = f"relevance-{uuid.uuid4().hex[:8]}"
    out = scratch / "answers.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(project), str(out)]
    subprocess.run(command, env=env, check=True, cwd=project)
    return json.loads(out.read_text(encoding="utf-8"))


# Metrics: tests/search/relevance/metrics.py ---------------------------------------------------
sys.path.insert(0, str(RELEVANCE.parent.parent.parent))
from tests.search.relevance.metrics import CLASSES, ndcg, overlap, queries, score  # noqa: E402


def fmt(value, percent=False):
    if value is None:
        return "   –  "
    return f"{100 * value:5.1f}%" if percent else f"{value:6.3f}"


def print_tables(results: dict) -> None:
    for engine, data in results.items():
        table = score(data["answers"])
        print(f"\n== {engine} ({len(data['answers'])} queries, {data['seconds']:.1f} s)")
        fallback = sum(1 for answer in data["answers"].values() if answer.get("notice"))
        if fallback:
            print(f"!! {fallback} answers came from the database engine (fallback notice), not {engine}")
        print(f"{'class':<10} {'n':>3} {'nDCG@10':>8} {'recall@10':>9} {'MRR':>7} {'zero-result':>11}")
        counts = defaultdict(int)
        for query in queries():
            counts[query["class"]] += 1
            counts["all"] += 1
        for group in [*CLASSES, "all"]:
            if group not in table:
                continue
            row = table[group]
            zero = row["offtopic_empty"] if group == "offtopic" else row["zero"]
            print(
                f"{group:<10} {counts[group]:>3} {fmt(row.get('ndcg')):>8} {fmt(row.get('recall')):>9} "
                f"{fmt(row.get('mrr')):>7} {fmt(zero, percent=True):>11}"
            )
        row = table["all"]
        off = table.get("offtopic", {}).get("offtopic_empty")
        verdict = lambda ok: "met" if ok else "NOT met"  # noqa: E731
        print(
            f"targets: nDCG@10 {row['ndcg']:.3f} ≥ {NDCG_TARGET} {verdict(row['ndcg'] >= NDCG_TARGET)}; "
            f"recall@10 {row['recall']:.3f} ≥ {RECALL_TARGET} {verdict(row['recall'] >= RECALL_TARGET)}; "
            f"off-topic empty {fmt(off, percent=True).strip()} (100 %) {verdict(off == 1.0)}"
        )
    engines = list(results)
    for n, a in enumerate(engines):
        for b in engines[n + 1 :]:
            print(f"top-10 overlap {a} / {b}: {overlap(results[a]['answers'], results[b]['answers']):.3f}")


def print_failures(results: dict, limit: int) -> None:
    for engine, data in results.items():
        worst = []
        for query in queries():
            if query["judgments"]:
                worst.append((ndcg(data["answers"][query["id"]]["ids"], query["judgments"]), query))
        worst.sort(key=lambda item: item[0])
        print(f"\n-- {engine}: the {limit} worst queries")
        for value, query in worst[:limit]:
            answer = data["answers"][query["id"]]
            relevant = sorted(query["judgments"], key=lambda i: -query["judgments"][i])
            print(f"{value:.2f} [{query['class']}] {query['query']!r} total={answer['total']}")
            print(f"     got:  {' '.join(answer['ids'])}")
            wanted = " ".join(f"{i}:{query['judgments'][i]}" for i in relevant)
            print(f"     want: {wanted}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgresql,elasticsearch")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--failures", type=int, default=0, help="print the N worst queries per engine")
    parser.add_argument("--save", type=Path, help="write the answers as JSON")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker[0]).resolve(), Path(args.worker[1]))
        return
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    server = None
    es_url = os.environ.get("ELASTICSEARCH_URL")
    if "elasticsearch" in engines and not es_url:
        sys.path.insert(0, str(ROOT))
        from tests.search_es.server import NoidaServer

        server = NoidaServer(Path(tempfile.mkdtemp(prefix="relevance-noida-")) / "data")
        server.start()
        es_url = server.url
    try:
        results = {engine: run_engine(engine, args.project.resolve(), es_url) for engine in engines}
    finally:
        if server is not None:
            server.stop()
    print(f"project: {args.project.resolve()}  corpus: {RELEVANCE.relative_to(ROOT)}")
    print_tables(results)
    if args.failures:
        print_failures(results, args.failures)
    if args.save:
        args.save.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
