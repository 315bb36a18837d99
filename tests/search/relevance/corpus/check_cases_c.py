"""Check the typical-case bodies c068-c100 (batch c) against their plan stubs.

Each ``cases/cNNN.md`` must have a first line ``摘要：...`` (at most 200
characters), a blank line, then the body: section headings (``一、…``,
``（一）…``) and paragraphs. The body (headings included) must hold
1,000-2,600 non-whitespace characters, and every ``vocabulary`` word of the
stub must appear in the 摘要 or the body.

    .venv/bin/python tests/search/relevance/corpus/check_cases_c.py [c068 ...]
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIRST, LAST = 68, 100
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S{1,30}$")


def nonspace(text):
    return len(re.sub(r"\s", "", text))


def parse(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("摘要："):
        raise ValueError("first line must start with 摘要：")
    if len(lines) < 2 or lines[1].strip():
        raise ValueError("second line must be blank")
    summary = lines[0][len("摘要：") :].strip()
    headings, paragraphs = [], []
    for line in lines[2:]:
        line = line.strip()
        if not line:
            continue
        (headings if HEADING.match(line) else paragraphs).append(line)
    return summary, headings, paragraphs


def main(argv):
    plan = {c["id"]: c for c in json.loads((HERE / "plan.json").read_text(encoding="utf-8"))}
    ids = argv or [f"c{n:03d}" for n in range(FIRST, LAST + 1)]
    errors = 0
    lengths = []
    for cid in ids:
        path = HERE / "cases" / f"{cid}.md"
        problems = []
        if not path.exists():
            print(f"{cid}: MISSING")
            errors += 1
            continue
        try:
            summary, headings, paragraphs = parse(path)
        except ValueError as exc:
            print(f"{cid}: {exc}")
            errors += 1
            continue
        body = "\n".join(headings + paragraphs)
        n_body = nonspace(body)
        n_sum = len(summary)
        if not summary or n_sum > 200:
            problems.append(f"摘要 has {n_sum} characters (1-200 allowed)")
        elif not 60 <= n_sum <= 180:
            problems.append(f"摘要 has {n_sum} characters (60-180 wanted)")
        if not 1000 <= n_body <= 2600:
            problems.append(f"body has {n_body} non-whitespace characters (1000-2600 allowed)")
        if not headings or headings[0] != "一、案例背景":
            problems.append("first heading must be 一、案例背景")
        if len(paragraphs) < 3:
            problems.append("fewer than 3 paragraphs")
        text = summary + "\n" + body
        missing = [w for w in plan[cid]["vocabulary"] if w not in text]
        if missing:
            problems.append("vocabulary missing: " + "、".join(missing))
        lengths.append(n_body)
        status = "OK" if not problems else "; ".join(problems)
        print(
            f"{cid}: 摘要 {n_sum:3d}  body {n_body:4d}  {len(headings)} headings  {len(paragraphs):2d} paragraphs  {status}"
        )
        errors += bool(problems)
    if lengths:
        print(f"{len(lengths)} cases, body {min(lengths)}-{max(lengths)}, mean {sum(lengths) // len(lengths)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
