"""The relevance corpus in the project's own import formats, for the real importers.

``write(folder)`` writes ``studios.xlsx`` (the 工作室建设情况信息表 of ``import_studios``)
from ``studios.json``, and ``cases/`` (``index.xlsx`` + one ``.docx`` per case, for
``import_cases``) from ``plan.json`` and ``cases/<id>.md``: the case file's first line is
its 摘要, then lines that are only a heading (一、… / （一）…) become Word headings and
every other line a paragraph. ``load(folder)`` writes them and runs both import commands,
so the corpus reaches the search index exactly as a province's files would.

Django and the importers are imported inside the functions: ``benchmarks/relevance_bench.py``
also runs this against older checkouts of the project (its "before" figures), with theirs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S{1,24}$")


def _json(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def case_text(case_id: str) -> tuple[str, list[tuple[str, str]]]:
    """(摘要, [(kind, text)]) of a case file: kind is "heading" or "paragraph"."""
    lines = (HERE / "cases" / f"{case_id}.md").read_text(encoding="utf-8").splitlines()
    summary = lines[0].removeprefix("摘要：").strip()
    blocks = [("heading" if HEADING.match(line.strip()) else "paragraph", line.strip()) for line in lines[1:]]
    return summary, [block for block in blocks if block[1]]


def _sheet(path: Path, title: str, header: list[str], rows: list[list]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write(folder: Path) -> tuple[Path, Path]:
    """(the studio table, the case folder) written under ``folder``, in the importers' layouts."""
    from docx import Document

    from cases.importer import CASE_COLUMNS
    from studios.importer import STUDIO_COLUMNS

    folder = Path(folder)
    cases = folder / "cases"
    cases.mkdir(parents=True, exist_ok=True)
    studios = _sheet(
        folder / "studios.xlsx",
        "工作室建设情况信息表",
        STUDIO_COLUMNS,
        [[studio[c] for c in STUDIO_COLUMNS] for studio in _json("studios.json")],
    )
    rows = []
    for number, case in enumerate(_json("plan.json"), start=1):
        summary, blocks = case_text(case["id"])
        document = Document()
        for kind, text in blocks:
            if kind == "heading":
                document.add_heading(text, level=2)
            else:
                document.add_paragraph(text)
        document.save(cases / f"{case['id']}.docx")
        rows.append([number, *(case[c] for c in CASE_COLUMNS[1:9]), summary, f"{case['id']}.docx"])
    _sheet(cases / "index.xlsx", "典型案例汇总表", CASE_COLUMNS, rows)
    return studios, cases


def load(folder: Path) -> None:
    """Import the corpus into the current database through the management commands."""
    import io

    from django.core.management import call_command

    studios, cases = write(folder)
    # The corpus names 推介级别 that only an administrator's import (--by) records: its notes
    # about them are not what the benchmark reports.
    call_command("import_studios", str(studios), verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
    call_command("import_cases", str(cases), verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())


def case_ids_by_title() -> dict[str, str]:
    """案例名称 → case id (titles are unique in the corpus)."""
    return {case["案例名称"]: case["id"] for case in _json("plan.json")}
