"""The studio information table (工作室建设情况信息表): read, validate and import.

The layout is fixed by :data:`STUDIO_COLUMNS` (one header row, one studio per
row, on the first sheet). Reading and validating never write to the database;
:func:`import_studios` writes every row or none. An exporter that writes the
same layout can use :func:`studio_to_row` so that an exported file re-imports
without changes.
"""

import datetime
import html
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.choices import ConstructionModel, Province, SchoolType, StudioLevel, split_list, value_for_label
from core.choices import Direction as DirectionChoice
from core.imports import ArchiveRefused, ImportBusy, check_archive, import_transaction
from core.models import Direction
from core.structure import ensure_site_structure
from privacy.imports import cell_findings, names_in

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

# Model field → spreadsheet column, to report model validation errors against the file.
FIELD_COLUMNS = {
    "title": "工作室名称",
    "province": "省份",
    "city": "城市",
    "school": "学校",
    "school_type": "学校类型",
    "level": "工作室级别",
    "host_name": "主持人",
    "host_title": "主持人职称",
    "host_years": "班主任年限",
    "members": "成员",
    "directions": "建设方向",
    "construction_model": "建设模式",
    "cycle_start_year": "立项年份",
    "cycle_years": "建设周期",
    "introduction": "简介",
}

# Fields the table sets on a studio (everything else on the page is left alone on re-import).
IMPORTED_FIELDS = [
    "title",
    "province",
    "city",
    "school",
    "school_type",
    "level",
    "host_name",
    "host_title",
    "host_years",
    "construction_model",
    "cycle_start_year",
    "cycle_years",
    "introduction",
]


class StudioImportError(Exception):
    """The file cannot be imported; ``messages`` lists every problem (``第N行 列名：原因``)."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class StudioRow:
    """One valid row of the table, ready to be written."""

    row_number: int
    fields: dict
    member_names: list
    direction_codes: list
    existing_id: int | None = None
    privacy_warnings: list = field(default_factory=list)

    @property
    def key(self):
        return (self.fields["school"], self.fields["title"])


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)

    @property
    def to_create(self):
        return [row for row in self.rows if row.existing_id is None]

    @property
    def to_update(self):
        return [row for row in self.rows if row.existing_id is not None]

    @property
    def privacy_warnings(self):
        """``第N行 列名：…`` for what the privacy check asks the importer to confirm."""
        return [line for row in self.rows for line in row.privacy_warnings]


def problem(row_number, column, reason):
    return _("第%(row)d行 %(column)s：%(reason)s") % {"row": row_number, "column": column, "reason": reason}


# --- cell conversions -----------------------------------------------------------


def cell_text(value):
    """A cell as stripped text ('' for empty cells; 2024.0 → '2024')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.date):  # a year typed into a date-formatted cell
        return str(value.year)
    return str(value).strip()


def parse_int(value, unit="年"):
    """An integer from a cell (``3``, ``3.0``, ``"3"``, ``"3年"``); ``None`` if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = cell_text(value)
    if unit and text.endswith(unit):
        text = text[: -len(unit)].strip()
    return int(text) if re.fullmatch(r"\d+", text) else None


def text_to_introduction(text):
    """Plain cell text → the introduction's rich text (one paragraph per line)."""
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)


def introduction_to_text(rich_text):
    """The introduction's rich text → plain cell text (one line per paragraph)."""
    source = re.sub(r"</(p|h\d|li)>|<br\s*/?>", "\n", str(rich_text or ""))
    lines = [html.unescape(strip_tags(line)).strip() for line in source.splitlines()]
    return "\n".join(line for line in lines if line)


def same_text(rich_a, rich_b):
    return introduction_to_text(rich_a) == introduction_to_text(rich_b)


def studio_to_row(studio, number=None):
    """One studio as a row in :data:`STUDIO_COLUMNS` order (for exports that must re-import)."""
    return [
        number,
        studio.title,
        str(Province(studio.province).label) if studio.province in Province.values else studio.province,
        studio.city,
        studio.school,
        str(SchoolType(studio.school_type).label),
        str(StudioLevel(studio.level).label),
        studio.host_name,
        studio.host_title,
        studio.host_years,
        "、".join(member.name for member in studio.members.all()),
        "、".join(str(direction.label) for direction in studio.directions.all()),
        str(ConstructionModel(studio.construction_model).label),
        studio.cycle_start_year,
        studio.cycle_years,
        introduction_to_text(studio.introduction),
    ]


# --- reading ---------------------------------------------------------------------


def read_rows(source):
    """Open the workbook and return ``[(row_number, {column: value})]`` of its first sheet.

    Raises :class:`StudioImportError` for an unreadable file or a wrong header.
    """
    from openpyxl import load_workbook

    try:
        check_archive(source, getattr(source, "name", None) or str(source))
    except ArchiveRefused as exc:
        raise StudioImportError([str(exc)]) from exc
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise StudioImportError([_("找不到文件：%(file)s") % {"file": source}]) from exc
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise StudioImportError([_("无法读取表格文件（需要 .xlsx 格式）：%(error)s") % {"error": exc}]) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        found = [cell_text(value) for value in (header or [])]
        while found and not found[-1]:
            found.pop()
        if found != STUDIO_COLUMNS:
            raise StudioImportError(
                [
                    _("第1行 表头：列名不符合《工作室建设情况信息表》格式。应为：%(expected)s；实际为：%(found)s")
                    % {"expected": " | ".join(STUDIO_COLUMNS), "found": " | ".join(found) or _("（空）")}
                ]
            )
        result = []
        for row_number, values in enumerate(rows, start=2):
            values = list(values or [])
            if not any(cell_text(value) for value in values):
                continue  # blank line
            values += [None] * (len(STUDIO_COLUMNS) - len(values))
            result.append((row_number, dict(zip(STUDIO_COLUMNS, values, strict=False))))
        return result
    finally:
        workbook.close()


# --- validation --------------------------------------------------------------------


def parse_row(row_number, cells):
    """Convert one row's cells; returns ``(fields, member_names, direction_codes, problems)``."""
    problems = []

    def report(column, reason):
        problems.append(problem(row_number, column, reason))

    def required(column):
        text = cell_text(cells.get(column))
        if not text:
            report(column, _("不能为空"))
        return text

    def choice(column, choices, *, blank_ok=False):
        text = cell_text(cells.get(column))
        if not text:
            if not blank_ok:
                report(column, _("不能为空"))
            return None
        value = value_for_label(choices, text)
        if value is None and choices is Province:
            report(column, _("“%(value)s”不是省级行政区名称（如：贵州或贵州省）") % {"value": text})
        elif value is None:
            allowed = "、".join(str(label) for label in choices.labels)
            report(column, _("“%(value)s”不是有效的选项，可选：%(allowed)s") % {"value": text, "allowed": allowed})
        return value

    def integer(column, *, blank_ok=False):
        raw = cells.get(column)
        if not cell_text(raw):
            if not blank_ok:
                report(column, _("不能为空"))
            return None
        number = parse_int(raw)
        if number is None:
            report(column, _("“%(value)s”不是整数") % {"value": cell_text(raw)})
        return number

    fields = {
        "title": required("工作室名称"),
        "province": choice("省份", Province),
        "city": cell_text(cells.get("城市")),
        "school": required("学校"),
        "school_type": choice("学校类型", SchoolType),
        "level": choice("工作室级别", StudioLevel),
        "host_name": required("主持人"),
        "host_title": cell_text(cells.get("主持人职称")),
        "host_years": integer("班主任年限", blank_ok=True),
        "construction_model": choice("建设模式", ConstructionModel),
        "cycle_start_year": integer("立项年份"),
        "cycle_years": integer("建设周期"),
        "introduction": text_to_introduction(cell_text(cells.get("简介"))),
    }

    member_names = split_list(cell_text(cells.get("成员")))
    seen = set()
    for name in member_names:
        if name in seen:
            report("成员", _("成员“%(name)s”重复") % {"name": name})
        seen.add(name)

    direction_codes = []
    for label in split_list(cell_text(cells.get("建设方向"))):
        code = value_for_label(DirectionChoice, label)
        if code is None:
            allowed = "、".join(str(item) for item in DirectionChoice.labels)
            report(
                "建设方向", _("“%(value)s”不是有效的建设方向，可选：%(allowed)s") % {"value": label, "allowed": allowed}
            )
        elif code not in direction_codes:
            direction_codes.append(code)
    return fields, member_names, direction_codes, problems


def build_studio(fields, member_names, direction_codes, existing=None):
    """An unsaved StudioPage holding the row's values (members and directions in memory)."""
    from studios.models import StudioMember, StudioPage

    studio = existing or StudioPage()
    for name, value in fields.items():
        # Keep the existing introduction's formatting when its text did not change.
        if name == "introduction" and existing is not None and same_text(existing.introduction, value):
            continue
        setattr(studio, name, value)
    # Members keep their details (role, title, subject, years) when their name stays in the table.
    current = {member.name: member for member in studio.members.all()} if existing is not None else {}
    members = [current.get(name) or StudioMember(name=name, role=_("成员")) for name in member_names]
    for position, member in enumerate(members):
        member.sort_order = position  # the table's order is the page's order
    studio.members = members
    by_code = {direction.code: direction for direction in Direction.objects.filter(code__in=direction_codes)}
    studio.directions = [by_code[code] for code in direction_codes if code in by_code]
    return studio


def model_problems(row_number, studio):
    """Run the model's own validation (field limits and studios.rules) and report it per column."""
    from studios.models import StudioPage

    excluded = ["path", "depth", "numchild", "url_path", "slug", "draft_title", "locale", "translation_key"]
    try:
        studio.full_clean(exclude=[f.name for f in StudioPage._meta.fields if f.name in excluded])
    except ValidationError as exc:
        problems = []
        for field_name, messages in exc.message_dict.items():
            # StudioPage.clean() reports the member rule as a non-field error.
            column = FIELD_COLUMNS["members"] if field_name == "__all__" else FIELD_COLUMNS.get(field_name, field_name)
            for message in messages:
                line = problem(row_number, column, message)
                if line not in problems:
                    problems.append(line)
        return problems
    return []


def validate(rows):
    """Validate every row; return ``(valid_rows, problems)``. Nothing is written."""
    from studios.models import StudioPage

    valid, problems, first_seen = [], [], {}
    for row_number, cells in rows:
        fields, member_names, direction_codes, row_problems = parse_row(row_number, cells)
        texts = {column: cell_text(value) for column, value in cells.items()}
        privacy_blocking, privacy_warnings = cell_findings(
            texts, names_in(texts.get("主持人"), texts.get("成员")), work_contacts_allowed=True
        )
        row_problems += [problem(row_number, column, reason) for column, reason in privacy_blocking]
        key = (fields["school"], fields["title"])
        if all(key) and key in first_seen:
            row_problems.append(
                problem(
                    row_number,
                    "工作室名称",
                    _("与第%(row)d行重复（同一学校的同名工作室只能出现一次）") % {"row": first_seen[key]},
                )
            )
        elif all(key):
            first_seen[key] = row_number

        existing = None
        if all(key):
            existing = StudioPage.objects.filter(school=key[0], title=key[1]).order_by("pk").first()
        if not row_problems:
            studio = build_studio(fields, member_names, direction_codes, existing)
            row_problems += model_problems(row_number, studio)
        else:
            # Still check the notices' rules so that one run reports everything wrong with the row.
            from studios.rules import studio_rule_errors

            counts = {
                "member_count": len(member_names),
                "direction_count": len(split_list(cell_text(cells.get("建设方向")))),
            }
            if isinstance(fields["cycle_years"], int):
                counts["cycle_years"] = fields["cycle_years"]
            for field_name, message in studio_rule_errors(**counts).items():
                row_problems.append(problem(row_number, FIELD_COLUMNS[field_name], message))
        if row_problems:
            problems += row_problems
        else:
            warnings = [problem(row_number, column, reason) for column, reason in privacy_warnings]
            valid.append(
                StudioRow(
                    row_number, fields, member_names, direction_codes, existing.pk if existing else None, warnings
                )
            )
    return valid, problems


# --- import ------------------------------------------------------------------------


def import_studios(source, *, dry_run=False):
    """Read, validate and (unless ``dry_run``) write every studio in the file.

    Raises :class:`StudioImportError` listing every problem; in that case nothing
    has been written. Returns an :class:`ImportResult`.
    """
    rows = read_rows(source)
    if not rows:
        raise StudioImportError([_("表格中没有工作室数据（第2行起每行一个工作室）")])
    valid, problems = validate(rows)
    if problems:
        raise StudioImportError(problems)
    result = ImportResult(rows=valid)
    if dry_run:
        return result
    try:
        write_rows(valid, result)
    except ImportBusy as exc:
        raise StudioImportError([str(exc)]) from exc
    return result


def write_rows(rows, result):
    with import_transaction():
        return _write_rows(rows, result)


def _write_rows(rows, result):
    from studios.models import StudioIndexPage, StudioPage

    ensure_site_structure()
    index = StudioIndexPage.objects.get()
    for row in rows:
        # Decided again under the import lock: another import may have created it meanwhile.
        existing = StudioPage.objects.filter(school=row.key[0], title=row.key[1]).order_by("pk").first()
        row.existing_id = existing.pk if existing else None
        studio = build_studio(row.fields, row.member_names, row.direction_codes, existing)
        if existing is None:
            studio.live = True
            index.add_child(instance=studio)
            result.created.append(studio)
        else:
            studio.draft_title = studio.title
            studio.save()
            result.updated.append(studio)
        studio.save_revision(log_action=True).publish(log_action=True)
    return result
