"""Check the typical-case bodies c035-c067 (cases/cNNN.md) against their plan stubs.

Plain Python, no Django: ``python tests/search/relevance/corpus/check_cases_b.py [ids…]``.

A body file is a 摘要 line (``摘要：…``, at most 200 characters), a blank line, then
section headings (``一、…`` / ``（一）…`` alone on a line) and paragraphs. The check
counts the non-whitespace characters of the body (headings included, 摘要 excluded),
which must lie between 1,000 and 2,600 (the platform allows 3,000), and looks for every
``vocabulary`` word of the stub in the 摘要 or the body. Exits 1 if anything is wrong.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
IDS = [f"c{n:03d}" for n in range(35, 68)]
SUMMARY_MAX = 200
SUMMARY_RANGE = (60, 180)
BODY_RANGE = (1000, 2600)
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S{1,30}$")
# The writing brief forbids real identifiers; a long run of digits is a phone or ID number.
DIGITS = re.compile(r"\d{7,}")


def nonspace(text):
    return len(re.sub(r"\s", "", text))


def parse(text):
    """``(summary, headings, paragraphs)`` or raise ValueError."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("摘要："):
        raise ValueError("第一行应以“摘要：”开头")
    if len(lines) < 2 or lines[1].strip():
        raise ValueError("摘要后应空一行")
    summary = lines[0][len("摘要：") :].strip()
    headings, paragraphs = [], []
    for line in lines[2:]:
        line = line.strip()
        if not line:
            continue
        (headings if HEADING.match(line) else paragraphs).append(line)
    if not headings or not headings[0].startswith("一、"):
        raise ValueError("正文应以“一、…”小标题开始")
    return summary, headings, paragraphs


def main(ids):
    plan = {stub["id"]: stub for stub in json.loads((HERE / "plan.json").read_text(encoding="utf-8"))}
    errors = []
    rows = []
    for case_id in ids:
        path = CASES / f"{case_id}.md"
        if not path.exists():
            errors.append(f"{case_id}: 缺少 {path.name}")
            continue
        text = path.read_text(encoding="utf-8")
        try:
            summary, headings, paragraphs = parse(text)
        except ValueError as exc:
            errors.append(f"{case_id}: {exc}")
            continue
        body = "\n".join(headings + paragraphs)
        length = nonspace(body)
        slen = len(summary)
        rows.append((case_id, slen, length, len(headings), len(paragraphs)))
        if slen > SUMMARY_MAX:
            errors.append(f"{case_id}: 摘要 {slen} 字，超过 {SUMMARY_MAX}")
        elif not SUMMARY_RANGE[0] <= slen <= SUMMARY_RANGE[1]:
            errors.append(f"{case_id}: 摘要 {slen} 字，不在 {SUMMARY_RANGE[0]}-{SUMMARY_RANGE[1]} 之间")
        if not BODY_RANGE[0] <= length <= BODY_RANGE[1]:
            errors.append(f"{case_id}: 正文 {length} 字，不在 {BODY_RANGE[0]}-{BODY_RANGE[1]} 之间")
        if nonspace(summary) + length > 3000:
            errors.append(f"{case_id}: 摘要加正文超过 3000 字")
        if len(paragraphs) < 4:
            errors.append(f"{case_id}: 只有 {len(paragraphs)} 段")
        if DIGITS.search(text):
            errors.append(f"{case_id}: 有一长串数字（电话或证件号？）")
        whole = summary + "\n" + body
        for word in plan[case_id]["vocabulary"]:
            if word not in whole:
                errors.append(f"{case_id}: 没有用到词表中的“{word}”")
    # Sentences shared by two cases betray stock phrases.
    seen = {}
    for case_id in ids:
        path = CASES / f"{case_id}.md"
        if not path.exists():
            continue
        for sentence in re.split(r"[。！？]", path.read_text(encoding="utf-8")):
            sentence = sentence.strip()
            if len(sentence) >= 15:
                if sentence in seen and seen[sentence] != case_id:
                    errors.append(f"{case_id}: 与 {seen[sentence]} 有相同的句子：{sentence}")
                seen.setdefault(sentence, case_id)
    print(f"{'id':6}{'摘要':>6}{'正文':>6}{'标题':>6}{'段落':>6}")
    for case_id, slen, length, nh, np in rows:
        print(f"{case_id:6}{slen:>6}{length:>6}{nh:>6}{np:>6}")
    if rows:
        lengths = [r[2] for r in rows]
        print(f"{len(rows)} 篇，正文 {min(lengths)}-{max(lengths)} 字，平均 {sum(lengths) // len(lengths)} 字")
    for error in errors:
        print("错误:", error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or IDS))
