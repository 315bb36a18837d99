"""The judged relevance set itself: well formed, and the corpus fits the importers' rules."""

import json
import re
from collections import Counter
from pathlib import Path

from core.choices import CaseCategory, Direction

from .corpus import build

HERE = Path(__file__).resolve().parent
QUERIES = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))
PLAN = json.loads((HERE / "corpus" / "plan.json").read_text(encoding="utf-8"))
STUDIOS = json.loads((HERE / "corpus" / "studios.json").read_text(encoding="utf-8"))
CLASSES = {"exact", "multiword", "compound", "context", "synonym", "typo", "pinyin", "question", "mixed", "offtopic"}


def test_queries_are_judged_and_cover_every_class():
    assert len({q["id"] for q in QUERIES}) == len(QUERIES) >= 60
    assert len({q["query"] for q in QUERIES}) == len(QUERIES)
    counts = Counter(q["class"] for q in QUERIES)
    assert set(counts) == CLASSES and min(counts.values()) >= 8
    cases = {case["id"] for case in PLAN}
    for query in QUERIES:
        judged = query["judgments"]
        assert set(judged) <= cases and set(judged.values()) <= {1, 2}, query["id"]
        # Off-topic queries have nothing relevant; every other query has something.
        assert (query["class"] == "offtopic") == (not judged), query["id"]


def test_every_case_is_relevant_to_some_query():
    judged = {case_id for query in QUERIES for case_id in query["judgments"]}
    assert judged == {case["id"] for case in PLAN}


def test_cases_follow_the_import_rules():
    studios = {(s["工作室名称"], s["学校"]) for s in STUDIOS}
    categories = {str(label) for _v, label in CaseCategory.choices}
    directions = {str(label) for _v, label in Direction.choices}
    for case in PLAN:
        assert (case["工作室"], case["学校"]) in studios, case["id"]
        assert case["案例类别"] in categories, case["id"]
        assert 1 <= len(re.split("[、,，]", case["建设方向"])) <= 3
        assert set(re.split("[、,，]", case["建设方向"])) <= directions, case["id"]
        summary, blocks = build.case_text(case["id"])
        assert 0 < len(summary) <= 200, case["id"]
        characters = sum(len("".join(text.split())) for _kind, text in blocks)
        assert 1000 <= characters <= 3000, (case["id"], characters)


def test_no_paragraph_is_shared_between_cases():
    seen = {}
    for case in PLAN:
        for kind, text in build.case_text(case["id"])[1]:
            if kind == "paragraph" and len(text) >= 30:
                assert text not in seen, (case["id"], seen.get(text))
                seen[text] = case["id"]
