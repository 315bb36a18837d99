"""Write the corpus as the spreadsheets the project's importers read (openpyxl only, no Django).

    python build_xlsx.py studios OUT.xlsx
        studios.json → the studio information table, columns in STUDIO_COLUMNS order,
        for ``manage.py import_studios OUT.xlsx [--dry-run]``.

    python build_xlsx.py cases DIR [--stub-bodies]
        plan.json → DIR/index.xlsx, columns in CASE_COLUMNS order, for
        ``manage.py import_cases DIR [--dry-run]``. 正文文件 is ``<id>.docx``; 摘要 is the
        case's "摘要" key when it has one, else empty (write the summaries before a real
        import: the model refuses an empty one). With --stub-bodies every case also gets
        DIR/<id>.docx holding its premise, and an empty 摘要 is filled with the premise,
        only to check that the plan's index columns import (python-docx needed).

The column lists are copied from studios/importer.py and cases/importer.py; the
importers reject any other header, so a drift shows at the first import.
"""

import argparse
import json
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

STUDIO_COLUMNS = [
    "序号",
    "工作室名称",
    "省份",
    "城市",
    "学校",
    "学校类型",
    "工作室级别",
    "主持人",
    "主持人职称",
    "班主任年限",
    "成员",
    "建设方向",
    "建设模式",
    "立项年份",
    "建设周期",
    "简介",
]
CASE_COLUMNS = [
    "序号",
    "案例名称",
    "工作室",
    "学校",
    "案例类别",
    "建设方向",
    "作者",
    "年度",
    "推介级别",
    "摘要",
    "正文文件",
]


def load(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def write_sheet(path, title, header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def build_studios(out):
    studios = load("studios.json")
    rows = [[studio[column] for column in STUDIO_COLUMNS] for studio in studios]
    write_sheet(out, "工作室建设情况信息表", STUDIO_COLUMNS, rows)
    print(f"{out}: {len(rows)} 个工作室")


def build_cases(directory, stub_bodies=False):
    plan = load("plan.json")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for number, case in enumerate(plan, start=1):
        summary = case.get("摘要") or (case["premise"] if stub_bodies else "")
        file_name = f"{case['id']}.docx"
        rows.append(
            [
                number,
                case["案例名称"],
                case["工作室"],
                case["学校"],
                case["案例类别"],
                case["建设方向"],
                case["作者"],
                case["年度"],
                case["推介级别"],
                summary,
                file_name,
            ]
        )
        if stub_bodies:
            from docx import Document

            document = Document()
            document.add_paragraph(case["premise"])
            document.save(folder / file_name)
    write_sheet(folder / "index.xlsx", "典型案例汇总表", CASE_COLUMNS, rows)
    print(f"{folder / 'index.xlsx'}: {len(rows)} 个案例" + ("（含占位正文）" if stub_bodies else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    studios = commands.add_parser("studios", help="studios.json → 工作室建设情况信息表 .xlsx")
    studios.add_argument("out")
    cases = commands.add_parser("cases", help="plan.json → DIR/index.xlsx（案例汇总表）")
    cases.add_argument("directory")
    cases.add_argument("--stub-bodies", action="store_true", help="用 premise 生成占位正文和摘要（仅用于检查导入）")
    args = parser.parse_args()
    if args.command == "studios":
        build_studios(args.out)
    else:
        build_cases(args.directory, stub_bodies=args.stub_bodies)


if __name__ == "__main__":
    main()
