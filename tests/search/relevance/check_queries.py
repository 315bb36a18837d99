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
        where = q.get("id", f"#{i}")
        for key in ("id", "query", "class", "judgments"):
            if key not in q:
                err(f"{where}: missing key {key!r}")
        extra = set(q) - {"id", "query", "class", "judgments"}
        if extra:
            err(f"{where}: unexpected keys {sorted(extra)}")
        qid, text, cls = q.get("id"), q.get("query", ""), q.get("class")
        judgments = q.get("judgments", {})

        if not isinstance(qid, str) or not re.fullmatch(r"q\d{3}", qid):
            err(f"{where}: id must look like q001")
        if qid in seen_ids:
            err(f"{where}: duplicate id")
        seen_ids.add(qid)

        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty query")
        elif text != text.strip():
            err(f"{where}: leading/trailing spaces in query")
        elif text in seen_texts:
            err(f"{where}: same query text as {seen_texts[text]}")
        else:
            seen_texts[text] = where

        if cls not in CLASSES:
            err(f"{where}: unknown class {cls!r}")
            continue
        per_class[cls].append(q)

        if not isinstance(judgments, dict):
            err(f"{where}: judgments must be an object")
            continue
        for cid, grade in judgments.items():
            if cid not in case_ids:
                err(f"{where}: judged case {cid!r} is not in plan.json")
            if grade not in (1, 2) or isinstance(grade, bool):
                err(f"{where}: grade of {cid} must be 1 or 2, not {grade!r}")
        if cls == "offtopic" and judgments:
            err(f"{where}: offtopic query must have no judgments")
        if cls != "offtopic" and not judgments:
            err(f"{where}: {cls} query has no relevant case")

        # shape of the query per class
        if isinstance(text, str):
            words = text.split()
            if cls in ("exact", "compound", "typo") and len(words) != 1:
                err(f"{where}: {cls} query should be one word")
            if cls in ("exact", "compound", "typo", "synonym") and not HAN.search(text):
                err(f"{where}: {cls} query should be Chinese")
            if cls == "multiword" and not 2 <= len(words) <= 4:
                err(f"{where}: multiword query should have 2-4 words")
            if cls == "pinyin" and (HAN.search(text) or not LATIN.search(text)):
                err(f"{where}: pinyin query should be Latin letters only")
            if cls == "mixed" and not (HAN.search(text) and LATIN.search(text)):
                err(f"{where}: mixed query should mix Latin and Chinese")
            if cls == "question" and len(text) < 10:
                err(f"{where}: question should be a full sentence")

    for cls in CLASSES:
        n = len(per_class[cls])
        if n < MIN_PER_CLASS[cls]:
            err(f"class {cls} has {n} queries, needs at least {MIN_PER_CLASS[cls]}")

    print(f"{'class':<10} {'queries':>7} {'mean rel':>9} {'mean hi':>9} {'>=5 rel':>7}")
    total, judged = 0, []
    for cls in CLASSES:
        qs = per_class[cls]
        total += len(qs)
        rel = [len(q.get("judgments", {})) for q in qs]
        hi = [sum(1 for g in q.get("judgments", {}).values() if g == 2) for q in qs]
        if cls != "offtopic":
            judged.extend(rel)

        def mean(xs):
            return sum(xs) / len(xs) if xs else 0.0

        big_rel = sum(1 for r in rel if r >= 5)
        print(f"{cls:<10} {len(qs):>7d} {mean(rel):>9.2f} {mean(hi):>9.2f} {big_rel:>7d}")
    big = sum(1 for r in judged if r >= 5)
    small = sum(1 for r in judged if r <= 2)
    print(
        f"total {total} queries; of {len(judged)} with judgments, {big} have 5+ relevant cases "
        f"({100.0 * big / max(len(judged), 1):.0f}%), {small} have only 1-2"
    )
    covered = {cid for q in queries for cid in q.get("judgments", {})}
    print(f"cases judged relevant to at least one query: {len(covered)} of {len(case_ids)}")

    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
