"""Elasticsearch engine benchmark – against the noida-db EMULATOR, not Elasticsearch.

    .venv/bin/python benchmarks/es_bench.py [--docs 10000] [--rounds 5]

Starts the noida-db test server (the same one the tests use: an emulator of the
Elasticsearch 8 REST API) on a free port with a temporary data folder, or uses
``ELASTICSEARCH_URL`` when set (then the figures are that cluster's). Generates
realistic documents of 1,000-3,000 characters (``search_bench.generate``),
indexes them through ``ElasticsearchEngine.rebuild`` (analysis with the
project's segmenter + bulk requests + alias swap) and times the query mix of
``search_bench.QUERIES`` (multi_match + phrase bonus + the seven facet
aggregations + post_filter, 10 hits) as the engine sends it.

The figures describe the emulator on this machine. They say nothing about the
throughput or latency of a real Elasticsearch cluster (different engine,
different scoring, different storage); use them to spot regressions in our own
code path, not to size a cluster.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT), str(ROOT / "benchmarks")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from search_bench import QUERIES, generate, percentile  # noqa: E402

from search import es  # noqa: E402
from search.analysis import parse_query  # noqa: E402
from search.engines.base import SearchRequest  # noqa: E402
from search.engines.elasticsearch import ElasticsearchEngine  # noqa: E402
from search.models import SearchDocument  # noqa: E402
from tests.search_es.server import NoidaServer  # noqa: E402

LABEL = "noida-db (Elasticsearch 8 REST API emulator) – NOT figures of Elasticsearch"


def documents(n, seed=20261122):
    rng = random.Random(seed)
    for i, fields in enumerate(generate(n, rng), start=1):
        yield SearchDocument(page_id=i, pk=i, url=f"/bench/{i}/", **fields)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    url = os.environ.get("ELASTICSEARCH_URL", "").strip()
    server = None
    if url:
        label = f"the cluster at {url} (ELASTICSEARCH_URL)"
    else:
        server = NoidaServer(Path(tempfile.mkdtemp(prefix="es-bench-")) / "data")
        server.start()
        url, label = server.url, LABEL
    env = {k: os.environ[k] for k in es.KEYS if k in os.environ}
    env.setdefault("ELASTICSEARCH_TIMEOUT", "60")  # measure slow answers instead of abandoning them
    env.update(ELASTICSEARCH_URL=url, ELASTICSEARCH_INDEX_PREFIX=f"bzrbench-{uuid.uuid4().hex[:8]}")
    engine = ElasticsearchEngine(es.Config.from_mapping(env))
    print(f"Server: {label}")
    print(f"Documents: {args.docs} of 1,000-3,000 characters; bulk batches of {args.batch}")
    try:
        start = time.perf_counter()
        last = [start]

        def progress(done):
            now = time.perf_counter()
            if now - last[0] >= 10:
                last[0] = now
                print(f"  indexed {done}/{args.docs}", flush=True)

        done = engine.rebuild(documents(args.docs), progress=progress, batch=args.batch)
        elapsed = time.perf_counter() - start
        count = engine.client.count(index=engine.alias)["count"]
        print(
            f"Indexing (segmentation + bulk + refresh + alias swap): {done} documents in {elapsed:.1f} s"
            f" = {done / elapsed:.0f} documents/s; index holds {count}"
        )
        timings = []
        totals = {}
        for _ in range(args.rounds):
            for q, filters in QUERIES:
                request = SearchRequest(query=parse_query(q), filters=dict(filters), page=1, page_size=10)
                t0 = time.perf_counter()
                response = engine.build_search(request).execute()
                timings.append((time.perf_counter() - t0) * 1000)
                totals[q] = response.hits.total.value
        print(
            f"Query latency, {len(QUERIES)} queries x {args.rounds} rounds (text + phrase bonus + 7 facet"
            f" aggregations + post_filter, 10 hits): p50 {statistics.median(timings):.1f} ms,"
            f" p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
        )
        print("Hits per query: " + ", ".join(f"{q or '∅'} {n}" for q, n in totals.items()))
        print(f"These are figures of {label}.")
    finally:
        try:
            for name in engine.all_indices():
                engine.client.options(ignore_status=404).indices.delete(index=name)
        finally:
            if server:
                server.stop()


if __name__ == "__main__":
    main()
