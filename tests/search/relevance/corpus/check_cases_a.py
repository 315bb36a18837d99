"""Check the typical-case bodies c001-c034 (cases/cNNN.md) against their stubs in plan.json.

Plain Python: ``python tests/search/relevance/corpus/check_cases_a.py [first last]``.

Each file is ``摘要：…``, a blank line, then the body: lines that are only a heading
(``一、…`` or ``（一）…``) and paragraphs; the first heading is ``一、案例背景``.
Checks: the 摘要 line is at most 200 characters (its text 60-180); the body has
1,000-2,600 non-whitespace characters; every stub ``vocabulary`` word occurs in the
摘要 or the body; the body names neither the studio, nor its province or city; no
sentence of 12 or more characters is shared by two cases. Prints one line per case
and exits 1 if anything is wrong.
"""

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
FIRST, LAST = (sys.argv[1], sys.argv[2]) if len(sys.argv) == 3 else ("c001", "c034")

SUMMARY_LINE_MAX = 200
SUMMARY_TEXT = (60, 180)
BODY_LENGTH = (1000, 2600)
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S{1,30}$")
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
SHARED_SENTENCE = 12


def nonspace(text):
    return len(re.sub(r"\s", "", text))


def parse(path):
    """(summary, headings, paragraphs, body) of one case file; raises ValueError."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("摘要："):
        raise ValueError("first line must start with 摘要：")
    if len(lines) < 3 or lines[1].strip():
        raise ValueError("the 摘要 line must be followed by a blank line")
    body_lines = [line.strip() for line in lines[2:] if line.strip()]
    if not body_lines or body_lines[0] != "一、案例背景":
        raise ValueError("the body must start with 一、案例背景")
    headings = [line for line in body_lines if HEADING.match(line)]
    paragraphs = [line for line in body_lines if not HEADING.match(line)]
    return lines[0], headings, paragraphs, "\n".join(body_lines)


def place_names(studio):
    names = {studio["工作室名称"]}
    for key in ("省份", "城市"):
        value = studio[key]
        names.add(value)
        short = re.sub(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市|区)$", "", value)
        if len(short) >= 2:
            names.add(short)
    return names


def main():
    plan = {stub["id"]: stub for stub in json.loads((HERE / "plan.json").read_text(encoding="utf-8"))}
    studios = {s["工作室名称"]: s for s in json.loads((HERE / "studios.json").read_text(encoding="utf-8"))}
    ids = [i for i in sorted(plan) if FIRST <= i <= LAST]
    errors = []
    sentences = defaultdict(set)
    total = 0
    for case_id in ids:
        stub = plan[case_id]
        path = CASES / f"{case_id}.md"
        if not path.exists():
            errors.append(f"{case_id}: missing {path.name}")
            continue
        try:
            summary_line, headings, paragraphs, body = parse(path)
        except ValueError as exc:
            errors.append(f"{case_id}: {exc}")
            continue
        summary = summary_line[len("摘要：") :].strip()
        length = nonspace(body)
        total += length
        problems = []
        if len(summary_line) > SUMMARY_LINE_MAX:
            problems.append(f"摘要 line has {len(summary_line)} characters (max {SUMMARY_LINE_MAX})")
        if not SUMMARY_TEXT[0] <= len(summary) <= SUMMARY_TEXT[1]:
            problems.append(f"摘要 has {len(summary)} characters (want {SUMMARY_TEXT[0]}-{SUMMARY_TEXT[1]})")
        if not BODY_LENGTH[0] <= length <= BODY_LENGTH[1]:
            problems.append(f"body has {length} characters (want {BODY_LENGTH[0]}-{BODY_LENGTH[1]})")
        missing = [w for w in stub["vocabulary"] if w not in summary and w not in body]
        if missing:
            problems.append(f"vocabulary not used: {'、'.join(missing)}")
        places = [n for n in place_names(studios[stub["工作室"]]) if n in body or n in summary]
        if places:
            problems.append(f"names the studio or its place: {'、'.join(sorted(places))}")
        for sentence in SENTENCE.findall(body):
            sentence = sentence.strip()
            if nonspace(sentence) >= SHARED_SENTENCE:
                sentences[sentence].add(case_id)
        counts = {w: (summary + body).count(w) for w in stub["vocabulary"]}
        print(
            f"{case_id}  body {length:5d}  摘要 {len(summary):3d}  "
            f"{len(headings):2d} headings {len(paragraphs):3d} paragraphs  "
            + " ".join(f"{w}×{n}" for w, n in counts.items())
        )
        errors.extend(f"{case_id}: {p}" for p in problems)
    for sentence, where in sentences.items():
        if len(where) > 1:
            errors.append(f"{'、'.join(sorted(where))}: shared sentence 「{sentence}」")
    print(f"{len(ids)} cases, {total} body characters")
    for error in errors:
        print("ERROR", error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
