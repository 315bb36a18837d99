"""Check the relevance judgments in queries.json (plain Python, no Django).

    python tests/search/relevance/check_queries.py

Checks: ids unique and well formed, classes valid, query texts unique and
non-empty, judged case ids exist in corpus/plan.json, grades are 1 or 2,
offtopic queries have no judgments and every other query has at least one,
at least 8 queries per class (12 for offtopic), and the shape rules of the
classes (exact/compound/typo are one word, multiword has 2-4 words, pinyin is
Latin only, mixed mixes Latin and Chinese). Prints per class the number of
queries, the mean number of relevant cases (grade 1 or 2) and of highly
relevant ones (grade 2), and how many queries have 5 or more relevant cases.
Exits with status 1 if any check fails.
"""

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.json"
PLAN = HERE / "corpus" / "plan.json"

CLASSES = ["exact", "multiword", "compound", "context", "synonym", "typo", "pinyin", "question", "mixed", "offtopic"]
MIN_PER_CLASS = dict.fromkeys(CLASSES, 8)
MIN_PER_CLASS["offtopic"] = 12

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z0-9]")


def main():
    errors = []

    def err(msg):
        errors.append(msg)

    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    case_ids = {c["id"] for c in json.loads(PLAN.read_text(encoding="utf-8"))}

    if not isinstance(queries, list):
        print("queries.json must hold a JSON list")
        return 1

    seen_ids, seen_texts = set(), {}
    per_class = defaultdict(list)
    for i, q in enumerate(queries):
        where = q.get("id", "#%d" % i)
        for key in ("id", "query", "class", "judgments"):
            if key not in q:
                err("%s: missing key %r" % (where, key))
        extra = set(q) - {"id", "query", "class", "judgments"}
        if extra:
            err("%s: unexpected keys %s" % (where, sorted(extra)))
        qid, text, cls = q.get("id"), q.get("query", ""), q.get("class")
        judgments = q.get("judgments", {})

        if not isinstance(qid, str) or not re.fullmatch(r"q\d{3}", qid):
            err("%s: id must look like q001" % where)
        if qid in seen_ids:
            err("%s: duplicate id" % where)
        seen_ids.add(qid)

        if not isinstance(text, str) or not text.strip():
            err("%s: empty query" % where)
        elif text != text.strip():
            err("%s: leading/trailing spaces in query" % where)
        elif text in seen_texts:
            err("%s: same query text as %s" % (where, seen_texts[text]))
        else:
            seen_texts[text] = where

        if cls not in CLASSES:
            err("%s: unknown class %r" % (where, cls))
            continue
        per_class[cls].append(q)

        if not isinstance(judgments, dict):
            err("%s: judgments must be an object" % where)
            continue
        for cid, grade in judgments.items():
            if cid not in case_ids:
                err("%s: judged case %r is not in plan.json" % (where, cid))
            if grade not in (1, 2) or isinstance(grade, bool):
                err("%s: grade of %s must be 1 or 2, not %r" % (where, cid, grade))
        if cls == "offtopic" and judgments:
            err("%s: offtopic query must have no judgments" % where)
        if cls != "offtopic" and not judgments:
            err("%s: %s query has no relevant case" % (where, cls))

        # shape of the query per class
        if isinstance(text, str):
            words = text.split()
            if cls in ("exact", "compound", "typo") and len(words) != 1:
                err("%s: %s query should be one word" % (where, cls))
            if cls in ("exact", "compound", "typo", "synonym") and not HAN.search(text):
                err("%s: %s query should be Chinese" % (where, cls))
            if cls == "multiword" and not 2 <= len(words) <= 4:
                err("%s: multiword query should have 2-4 words" % where)
            if cls == "pinyin" and (HAN.search(text) or not LATIN.search(text)):
                err("%s: pinyin query should be Latin letters only" % where)
            if cls == "mixed" and not (HAN.search(text) and LATIN.search(text)):
                err("%s: mixed query should mix Latin and Chinese" % where)
            if cls == "question" and len(text) < 10:
                err("%s: question should be a full sentence" % where)

    for cls in CLASSES:
        n = len(per_class[cls])
        if n < MIN_PER_CLASS[cls]:
            err("class %s has %d queries, needs at least %d" % (cls, n, MIN_PER_CLASS[cls]))

    print("%-10s %7s %9s %9s %7s" % ("class", "queries", "mean rel", "mean hi", ">=5 rel"))
    total, judged = 0, []
    for cls in CLASSES:
        qs = per_class[cls]
        total += len(qs)
        rel = [len(q.get("judgments", {})) for q in qs]
        hi = [sum(1 for g in q.get("judgments", {}).values() if g == 2) for q in qs]
        if cls != "offtopic":
            judged.extend(rel)
        mean = lambda xs: sum(xs) / len(xs) if xs else 0.0
        print("%-10s %7d %9.2f %9.2f %7d" % (cls, len(qs), mean(rel), mean(hi), sum(1 for r in rel if r >= 5)))
    big = sum(1 for r in judged if r >= 5)
    small = sum(1 for r in judged if r <= 2)
    print(
        "total %d queries; of %d with judgments, %d have 5+ relevant cases (%.0f%%), "
        "%d have only 1-2" % (total, len(judged), big, 100.0 * big / max(len(judged), 1), small)
    )
    covered = {cid for q in queries for cid in q.get("judgments", {})}
    print("cases judged relevant to at least one query: %d of %d" % (len(covered), len(case_ids)))

    if errors:
        print("\n%d problem(s):" % len(errors))
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
