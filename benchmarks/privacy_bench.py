"""The privacy detector: false positives on the demo content and the two notices, and scan speed.

Run: ``.venv/bin/python benchmarks/privacy_bench.py`` — builds the demo site (``load_demo``) in a
temporary SQLite database and media folder, then prints

- per page type: pages and characters scanned, blocking findings and warnings by kind (every live
  page with its linked .docx/.pdf/.xlsx files, as ``privacy_audit`` scans them);
- the same for the two source notices (``SEEDS_DIR``, default /work/shared/seeds);
- the time to scan a 3,000-character case, against a baseline measured in the same process over
  the same text: one plain regex pass for 11-digit runs (what the cheapest phone check would do).

``--reuse`` scans the database of ``DATABASE_URL`` (demo already loaded) instead of building one.
"""

import argparse
import os
import statistics
import time
from collections import Counter
from pathlib import Path

from demo_site import setup_demo  # benchmarks/demo_site.py, beside this script

SEEDS = Path(os.environ.get("SEEDS_DIR", "/work/shared/seeds"))


def demo_figures():
    from wagtail.models import Page

    from privacy.audit import checked_page_models
    from privacy.content import text_fields

    per_type = {}
    pages = Page.objects.live().type(*checked_page_models()).specific().order_by("path")
    for page in pages:
        label = str(page._meta.verbose_name)
        figures = per_type.setdefault(label, {"pages": 0, "chars": 0, "blocking": Counter(), "warnings": Counter()})
        figures["pages"] += 1
        figures["chars"] += sum(len(text) for _label, text in text_fields(page))
        for item in page.privacy_report().items:
            bucket = figures["blocking"] if item.blocking else figures["warnings"]
            bucket[item.finding.label] += 1
    return per_type


def seed_figures():
    from privacy.detector import scan

    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        findings = scan(text)
        blocking = Counter(f.label for f in findings if f.blocking)
        warnings = Counter(f.label for f in findings if not f.blocking)
        rows.append((path.name, len(text), blocking, warnings))
    return rows


def case_text():
    """A 3,000-character case: the demo's longest case body, repeated to length, with findings in it."""
    from cases.models import CasePage

    longest = max((case.body_text for case in CasePage.objects.all()), key=len, default="")
    filler = longest or "班主任在晨会上提出了问题，学生们讨论后制定了班级公约。"
    text = "学生王小明的家长电话 138 0013 8000，家住幸福路12号3栋501室。" + filler
    while len(text) < 3000:
        text += filler
    return text[:3000]


def timed(function, text, repeat):
    samples = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(repeat):
            function(text)
        samples.append((time.perf_counter() - start) / repeat)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="扫描 DATABASE_URL 中已加载的演示数据")
    parser.add_argument("--repeat", type=int, default=200, help="每轮计时的扫描次数")
    args = parser.parse_args()
    setup_demo("privacy-bench-", args.reuse)

    import re

    from privacy.detector import scan

    print("\n演示内容（已发布页面及其附件）")
    total_pages = total_chars = total_blocking = total_warnings = 0
    for label, figures in demo_figures().items():
        blocking, warnings = sum(figures["blocking"].values()), sum(figures["warnings"].values())
        total_pages += figures["pages"]
        total_chars += figures["chars"]
        total_blocking += blocking
        total_warnings += warnings
        print(
            f"  {label}：{figures['pages']} 页，{figures['chars']} 字；须删除 {blocking} 处"
            f"{dict(figures['blocking']) or ''}；须确认 {warnings} 处{dict(figures['warnings']) or ''}"
        )
    print(f"  合计：{total_pages} 页，{total_chars} 字；须删除（误报）{total_blocking} 处；须确认 {total_warnings} 处")

    print("\n两份通知原文")
    for name, length, blocking, warnings in seed_figures():
        print(
            f"  {name}：{length} 字；须删除 {sum(blocking.values())} 处{dict(blocking) or ''}；"
            f"须确认 {sum(warnings.values())} 处{dict(warnings) or ''}"
        )

    text = case_text()
    phone_like = re.compile(r"\d{11}")
    baseline = timed(phone_like.findall, text, args.repeat)
    detector = timed(scan, text, args.repeat)
    print(f"\n扫描速度（{len(text)} 字的案例，{args.repeat} 次 × 7 轮取中位数）")
    print(f"  基线（一次 \\d{{11}} 正则扫描）：{baseline * 1000:.3f} ms/篇，{len(text) / baseline / 1e6:.1f} M字/秒")
    print(f"  隐私检查 scan()：{detector * 1000:.3f} ms/篇，{len(text) / detector / 1e6:.2f} M字/秒")
    print(
        f"  比值：scan() 用时是基线的 {detector / baseline:.1f} 倍；目标 < 5 ms/篇：{'达到' if detector < 0.005 else '未达到'}"
    )


if __name__ == "__main__":
    main()
