"""Compare jieba and rjieba as the segmenter of search/analysis.py.

Run: ``.venv/bin/python benchmarks/analysis_bench.py``. Measures, for each
segmenter with the domain dictionary loaded: start-up (dictionary build), the
throughput of index-time analysis over the two source notices (realistic,
formal Chinese, ~22,000 characters, repeated), and whether both cut a sample of
domain phrases the same way.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.test import override_settings  # noqa: E402

from search import analysis  # noqa: E402

SEEDS = Path(os.environ.get("SEEDS_DIR", "/work/shared/seeds"))
SAMPLES = [
    "学生心理健康教育案例",
    "家校协同育人的实践与思考",
    "班主任工作室三全育人、五育并举的探索",
    "用PPT课件开展5G与AI主题班会",
    "中职学生沉迷手机游戏的转化",
]


def main():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    if not text:
        text = "班主任工作室围绕立德树人根本任务开展家校协同育人工作。" * 400
    corpus = text * 5
    results = {}
    for kind in ("jieba", "rjieba"):
        with override_settings(SEARCH_SEGMENTER=kind):
            analysis._with_subwords.cache_clear()
            start = time.perf_counter()
            analysis.segmenter(kind)
            startup = time.perf_counter() - start
            start = time.perf_counter()
            tokens = analysis.index_text(corpus)
            elapsed = time.perf_counter() - start
            cuts = [analysis.query_words(s) for s in SAMPLES]
        results[kind] = cuts
        print(
            f"{kind:7s} start-up {startup * 1000:7.0f} ms  analyse {len(corpus) / elapsed / 1000:7.0f} k chars/s"
            f"  ({len(tokens.split())} tokens)"
        )
    for sample, a, b in zip(SAMPLES, results["jieba"], results["rjieba"], strict=True):
        mark = "same" if a == b else "DIFF"
        print(f"  {mark} {sample}: jieba={'/'.join(a)} rjieba={'/'.join(b)}")


if __name__ == "__main__":
    main()
