"""Relevance metrics over the judged set (``queries.json``), shared by the tests and
``benchmarks/relevance_bench.py``. Grades are 0/1/2; unjudged cases are 0."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSES = ["exact", "multiword", "compound", "context", "synonym", "typo", "pinyin", "question", "mixed", "offtopic"]


def queries() -> list[dict]:
    return json.loads((HERE / "queries.json").read_text(encoding="utf-8"))


def ndcg(ids, judgments, k=10) -> float:
    """nDCG@k with gains 2^grade − 1 against the ideal order of the judged cases."""
    dcg = sum((2 ** judgments.get(i, 0) - 1) / math.log2(n + 2) for n, i in enumerate(ids[:k]))
    ideal = sorted(judgments.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(n + 2) for n, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ids, judgments, k=10) -> float:
    """Relevant cases (grade ≥ 1) in the first k, over min(k, relevant cases)."""
    relevant = {i for i, g in judgments.items() if g > 0}
    return len(relevant & set(ids[:k])) / min(k, len(relevant))


def reciprocal_rank(ids, judgments) -> float:
    return next((1 / (n + 1) for n, i in enumerate(ids) if judgments.get(i, 0) > 0), 0.0)


def score(answers: dict) -> dict:
    """class (and "all") → metric → mean. ``answers``: query id → {"ids", "total"}. Off-topic
    queries (nothing relevant) count only in ``offtopic_empty`` (the share with no result)."""
    rows = defaultdict(lambda: defaultdict(list))
    for query in queries():
        answer = answers[query["id"]]
        ids, judged = answer["ids"], query["judgments"]
        for group in (query["class"], "all"):
            rows[group]["zero"].append(answer["total"] == 0)
            if judged:
                rows[group]["ndcg"].append(ndcg(ids, judged))
                rows[group]["recall"].append(recall(ids, judged))
                rows[group]["mrr"].append(reciprocal_rank(ids, judged))
            else:
                rows[group]["offtopic_empty"].append(answer["total"] == 0)
    return {
        group: {name: (sum(values) / len(values) if values else None) for name, values in metrics.items()}
        for group, metrics in rows.items()
    }


def overlap(a: dict, b: dict) -> float:
    """Mean |A ∩ B| / max(|A|, |B|) of two engines' first 10 results, over the queries."""
    shared = []
    for query in queries():
        x, y = set(a[query["id"]]["ids"][:10]), set(b[query["id"]]["ids"][:10])
        if x or y:
            shared.append(len(x & y) / max(len(x), len(y)))
    return sum(shared) / len(shared) if shared else 1.0
