"""The two reporting spreadsheets, in exactly the import layouts.

- 工作室建设情况信息表: ``studios.importer.STUDIO_COLUMNS``, rows by ``studio_to_row``
  (the importer's own inverse, so an exported file re-imports unchanged);
- 典型案例汇总表: ``cases.importer.CASE_COLUMNS`` + a final ``链接`` column with the
  case's absolute URL, rows by ``case_to_row``; ``export_cases_folder`` also writes
  each case body as the ``.docx`` named in ``正文文件``.

Chinese headers, a frozen header row, column widths fitted to the content; a value that
looks like a formula is written as text (core.spreadsheets).
"""

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cases.importer import CASE_COLUMNS, INDEX_FILE, LINK_COLUMN, case_to_row
from cases.models import CasePage
from core.spreadsheets import keep_as_text
from studios.importer import STUDIO_COLUMNS, studio_to_row
from studios.models import StudioPage

STUDIO_SHEET_TITLE = "工作室建设情况信息表"
CASE_SHEET_TITLE = "典型案例汇总表"
MAX_COLUMN_WIDTH = 60
WRAPPED_COLUMNS = {"简介", "摘要", "成员"}


def _display_width(value):
    text = "" if value is None else str(value)
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) for line in text.splitlines() or [""]), default=0)
    return longest


def write_sheet(title, columns, rows):
    """A workbook with one sheet: bold header, frozen first row, fitted widths."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(columns)
    for row in rows:
        sheet.append(["" if value is None else value for value in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            keep_as_text(cell)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        values = [column] + [row[index - 1] for row in rows if index - 1 < len(row)]
        width = min(max(_display_width(value) for value in values) + 2, MAX_COLUMN_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = max(width, 6)
        if column in WRAPPED_COLUMNS:
            for cell in sheet[get_column_letter(index)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook


def workbook_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- studios ---------------------------------------------------------------------


def studio_queryset(queryset=None):
    queryset = queryset if queryset is not None else StudioPage.objects.all()
    return queryset.order_by("province", "school", "title").prefetch_related("members", "directions")


def studio_rows(studios):
    return [studio_to_row(studio, number) for number, studio in enumerate(studios, start=1)]


def studios_workbook(studios=None):
    return write_sheet(STUDIO_SHEET_TITLE, list(STUDIO_COLUMNS), studio_rows(studio_queryset(studios)))


# --- cases -----------------------------------------------------------------------


def case_queryset(queryset=None):
    queryset = queryset if queryset is not None else CasePage.objects.all()
    return (
        queryset.select_related("studio")
        .prefetch_related("directions")
        .order_by("studio__province", "studio__school", "studio__title", "year", "title")
    )


def case_columns():
    return [*CASE_COLUMNS, LINK_COLUMN]


def case_rows(cases, request=None):
    return [
        [*case_to_row(case, number), case.get_full_url(request) or ""] for number, case in enumerate(cases, start=1)
    ]


def export_cases_folder(directory, cases=None):
    """Write ``index.xlsx`` and one ``.docx`` per case into ``directory``; return the number of cases."""
    from .docx_export import write_body_docx

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    cases = list(case_queryset(cases))
    rows = case_rows(cases)
    file_column = case_columns().index("正文文件")
    for case, row in zip(cases, rows, strict=True):
        write_body_docx(case.body, folder / row[file_column], title=case.title)
    cases_workbook_from_rows(rows).save(folder / INDEX_FILE)
    return len(cases)


def cases_workbook_from_rows(rows):
    return write_sheet(CASE_SHEET_TITLE, case_columns(), rows)
