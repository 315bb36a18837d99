"""Word import of typical cases: a folder with ``index.xlsx`` and one .docx per case.

The index layout is fixed by :data:`CASE_COLUMNS` (first sheet, one header row,
one case per row; an exporter writes exactly this layout with
:func:`case_to_row`). A case is identified by its studio (matched by 学校 +
工作室) and 案例名称, so a second import updates instead of duplicating.
Reading and validating never write to the database (Word pictures are held in
memory); :func:`import_cases` writes every row or none, and every problem is
reported as ``第N行 列名：原因`` (N is the spreadsheet row, the header being row 1).
The 3000-character rule is ``cases.rules``, the same as in the admin.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.choices import CaseCategory, PromotionLevel, split_list, value_for_label
from core.choices import Direction as DirectionChoice
from core.imports import ArchiveRefused, ImportBusy, check_archive, import_transaction
from core.models import Direction
from privacy.content import public_names, stream_text
from privacy.imports import cell_findings, names_in
from privacy.pages import PrivacyBlocked
from studios.importer import cell_text, parse_int, problem
from studios.models import StudioPage

from .rules import (
    body_length_error,
    count_characters,
    direction_count_error,
    plain_text,
    summary_length_error,
)
from .word import WordConversionError, convert_docx, raw_blocks, store_images

INDEX_FILE = "index.xlsx"

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

#: The last column of the exported 典型案例汇总表 (the case's URL); ignored on import.
LINK_COLUMN = "链接"

# Model field → spreadsheet column, to report model validation errors against the file.
FIELD_COLUMNS = {
    "title": "案例名称",
    "authors": "作者",
    "category": "案例类别",
    "directions": "建设方向",
    "year": "年度",
    "summary": "摘要",
    "body": "正文文件",
}

MIN_YEAR, MAX_YEAR = 2000, 2100


class CaseImportError(Exception):
    """The folder cannot be imported; ``messages`` lists every problem (``第N行 列名：原因``)."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class CaseRow:
    """One valid row, ready to be written (its Word body converted, pictures in memory)."""

    row_number: int
    studio_id: int
    fields: dict
    direction_codes: list
    conversion: object
    character_count: int
    promotion_level: str = PromotionLevel.NONE
    existing_id: int | None = None
    privacy_warnings: list = field(default_factory=list)

    @property
    def title(self):
        return self.fields["title"]


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    promoted_by: object = None  # the administrator named with --by

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

    @property
    def levels_left_out(self):
        """Rows whose 推介级别 was not made a promotion: no administrator was named (``--by``)."""
        return [row for row in self.rows if row.promotion_level != PromotionLevel.NONE and not self.promoted_by]


def label(choices, value):
    return str(choices(value).label) if value in choices.values else value


def case_to_row(case, number=None):
    """One case as a row in :data:`CASE_COLUMNS` order (正文文件 named after the page slug)."""
    studio = case.studio
    return [
        number,
        case.title,
        studio.title if studio else "",
        studio.school if studio else "",
        label(CaseCategory, case.category),
        "、".join(str(direction.label) for direction in case.directions.all()),
        case.authors,
        case.year,
        label(PromotionLevel, case.promotion_level),
        case.summary,
        f"{case.slug}.docx",
    ]


# --- reading ---------------------------------------------------------------------


def read_rows(directory):
    """Return ``[(row_number, {column: value})]`` from the folder's index.xlsx."""
    from openpyxl import load_workbook

    folder = Path(directory)
    if not folder.is_dir():
        raise CaseImportError([_("找不到文件夹：%(dir)s") % {"dir": directory}])
    source = folder / INDEX_FILE
    if not source.is_file():
        raise CaseImportError([_("文件夹中没有 %(file)s（案例汇总表）") % {"file": INDEX_FILE}])
    try:
        check_archive(source, INDEX_FILE)
    except ArchiveRefused as exc:
        raise CaseImportError([str(exc)]) from exc
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise CaseImportError(
            [_("无法读取 %(file)s（需要 .xlsx 格式）：%(error)s") % {"file": INDEX_FILE, "error": exc}]
        ) from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        found = [cell_text(value) for value in (next(rows, None) or [])]
        while found and not found[-1]:
            found.pop()
        if found == [*CASE_COLUMNS, LINK_COLUMN]:
            found.pop()  # the 链接 column of an exported summary table is for readers, not for import
        if found != CASE_COLUMNS:
            raise CaseImportError(
                [
                    _("第1行 表头：列名不符合案例汇总表格式。应为：%(expected)s；实际为：%(found)s")
                    % {"expected": " | ".join(CASE_COLUMNS), "found": " | ".join(found) or _("（空）")}
                ]
            )
        result = []
        for row_number, values in enumerate(rows, start=2):
            values = list(values or [])
            if not any(cell_text(value) for value in values):
                continue  # blank line
            values = values[: len(CASE_COLUMNS)]
            values += [None] * (len(CASE_COLUMNS) - len(values))
            result.append((row_number, dict(zip(CASE_COLUMNS, values, strict=False))))
        return result
    finally:
        workbook.close()


# --- validation --------------------------------------------------------------------


def parse_row(row_number, cells, folder, studios, studio_names=None):
    """Convert one row; returns ``(CaseRow | None, problems)``."""
    problems = []

    def report(column, reason):
        problems.append(problem(row_number, column, reason))

    def required(column):
        text = cell_text(cells.get(column))
        if not text:
            report(column, _("不能为空"))
        return text

    title = required("案例名称")
    studio_name = required("工作室")
    school = required("学校")
    studio_id = None
    if studio_name and school:
        studio_id = studios.get((school, studio_name))
        if studio_id is None:
            report(
                "工作室",
                _("找不到“%(school)s”的“%(studio)s”，请先导入或创建该工作室")
                % {"school": school, "studio": studio_name},
            )

    category_text = required("案例类别")
    category = value_for_label(CaseCategory, category_text) if category_text else None
    if category_text and category is None:
        allowed = "、".join(str(item) for item in CaseCategory.labels)
        report(
            "案例类别",
            _("“%(value)s”不是有效的案例类别，可选：%(allowed)s") % {"value": category_text, "allowed": allowed},
        )

    direction_labels = split_list(cell_text(cells.get("建设方向")))
    direction_codes = []
    for item in direction_labels:
        code = value_for_label(DirectionChoice, item)
        if code is None:
            allowed = "、".join(str(choice) for choice in DirectionChoice.labels)
            report(
                "建设方向", _("“%(value)s”不是有效的建设方向，可选：%(allowed)s") % {"value": item, "allowed": allowed}
            )
        elif code not in direction_codes:
            direction_codes.append(code)
    # Count what the editor wrote when a name is unknown, else the distinct directions.
    all_known = len(direction_codes) == len(set(direction_labels))
    count_error = direction_count_error(len(direction_codes) if all_known else len(direction_labels))
    if count_error:
        report("建设方向", count_error)

    authors = split_list(required("作者"))

    year = None
    year_raw = cells.get("年度")
    if not cell_text(year_raw):
        report("年度", _("不能为空"))
    else:
        year = parse_int(year_raw)
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            report("年度", _("“%(value)s”不是有效的年度（如 2025）") % {"value": cell_text(year_raw)})
            year = None

    promotion_text = cell_text(cells.get("推介级别"))
    promotion = value_for_label(PromotionLevel, promotion_text) if promotion_text else PromotionLevel.NONE
    if promotion is None:
        allowed = "、".join(str(item) for item in PromotionLevel.labels)
        report(
            "推介级别",
            _("“%(value)s”不是有效的推介级别，可选：%(allowed)s（留空即“无”）")
            % {"value": promotion_text, "allowed": allowed},
        )

    summary = cell_text(cells.get("摘要"))
    summary_error = summary_length_error(summary)
    if summary_error:
        report("摘要", summary_error)

    conversion, character_count = None, 0
    file_name = required("正文文件")
    if file_name:
        path = folder / file_name
        if Path(file_name).suffix.lower() != ".docx":
            report("正文文件", _("“%(file)s”不是 Word 文档（需要 .docx 格式）") % {"file": file_name})
        elif not path.resolve().is_relative_to(folder.resolve()):
            # ../ or an absolute path (or a link leading out): only the import folder is read.
            report("正文文件", _("“%(file)s”不在导入文件夹中，只能使用文件夹里的文件") % {"file": file_name})
        elif not path.is_file():
            report("正文文件", _("找不到文件“%(file)s”") % {"file": file_name})
        else:
            try:
                check_archive(path, file_name)
                conversion = convert_docx(path, image_title=title or file_name)
            except ArchiveRefused as exc:
                report("正文文件", str(exc))
            except WordConversionError as exc:
                report("正文文件", _("无法读取“%(file)s”：%(error)s") % {"file": file_name, "error": exc})
            else:
                for reason in conversion.problems:
                    report("正文文件", _("“%(file)s”%(reason)s") % {"file": file_name, "reason": reason})
    if conversion is not None:
        body = body_block().to_python(raw_blocks(conversion))
        character_count = count_characters(plain_text(body))
        if not conversion.blocks:
            report("正文文件", _("“%(file)s”没有正文内容") % {"file": file_name})
        length_error = body_length_error(character_count)
        if length_error:
            report("正文文件", length_error)

    texts = {column: cell_text(value) for column, value in cells.items() if column != "正文文件"}
    images = []
    if conversion is not None:
        texts["正文文件"] = stream_text(raw_blocks(conversion), images)
    names = names_in(texts.get("作者")) | (studio_names(studio_id) if studio_names and studio_id else set())
    privacy_blocking, privacy_warnings = cell_findings(texts, names, images=len(images))
    for column, reason in privacy_blocking:
        report(column, reason)

    if problems:
        return None, problems
    fields = {
        "title": title,
        "authors": "、".join(authors),
        "category": category,
        "year": year,
        "summary": summary,
    }
    warnings = [problem(row_number, column, reason) for column, reason in privacy_warnings]
    row = CaseRow(row_number, studio_id, fields, direction_codes, conversion, character_count, promotion)
    row.privacy_warnings = warnings
    return row, []


def body_block():
    from .models import CaseBodyBlock

    return CaseBodyBlock()


def studio_lookup():
    """``{(学校, 工作室名称): studio pk}`` for every studio (one query)."""
    lookup = {}
    for pk, school, title in StudioPage.objects.order_by("pk").values_list("pk", "school", "title"):
        lookup.setdefault((school.strip(), title.strip()), pk)
    return lookup


def studio_public_names(studio_id):
    """The names public on the studio (host and members): never reported as a student's name."""
    return public_names(StudioPage.objects.prefetch_related("members").get(pk=studio_id))


# Who may import a 推介级别, and how it is recorded: the policy of the promotions app, which
# registers it in its ready() (``promotions.records.ImportedPromotions``), since cases sit below
# the people who review and promote them.
_promotions = None


def record_promotions_with(policy):
    """Register ``policy``: ``refusal(user, studio, level)`` (a reason, or ``None``) and
    ``promote(case, level, user, year=…)``."""
    global _promotions
    _promotions = policy


def promotion_problem(row, user):
    """Why ``user`` may not import the row's 推介级别 (the promotion permission policy), or ``None``."""
    if row.promotion_level == PromotionLevel.NONE or user is None:
        return None  # without an administrator the level is left out (ImportResult.levels_left_out)
    return _promotions.refusal(user, StudioPage.objects.get(pk=row.studio_id), row.promotion_level)


def validate(rows, folder, user=None):
    """Validate every row; return ``(valid_rows, problems)``. Nothing is written."""
    from .models import CasePage

    studios = studio_lookup()
    valid, problems, first_seen = [], [], {}
    for row_number, cells in rows:
        row, row_problems = parse_row(row_number, cells, folder, studios, studio_public_names)
        if row is not None:
            refused = promotion_problem(row, user)
            if refused:
                row_problems.append(problem(row_number, "推介级别", refused))
            key = (row.studio_id, row.title)
            if key in first_seen:
                row_problems.append(
                    problem(
                        row_number,
                        "案例名称",
                        _("与第%(row)d行重复（同一工作室的同名案例只能出现一次）") % {"row": first_seen[key]},
                    )
                )
            else:
                first_seen[key] = row_number
                existing = CasePage.objects.filter(studio_id=row.studio_id, title=row.title).order_by("pk").first()
                row.existing_id = existing.pk if existing else None
        if row_problems:
            problems += row_problems
        else:
            valid.append(row)
    return valid, problems


# --- import ------------------------------------------------------------------------


def import_cases(directory, *, dry_run=False, user=None):
    """Read, validate and (unless ``dry_run``) write every case in the folder.

    A row's 推介级别 becomes a promotion made by ``user`` (the administrator running the
    import), within what the promotion permission policy allows that account; without a
    ``user`` it is left out (``ImportResult.levels_left_out``). An import never removes a
    promotion. Raises :class:`CaseImportError` listing every problem; in
    that case nothing has been written. Returns an :class:`ImportResult`.
    """
    rows = read_rows(directory)
    if not rows:
        raise CaseImportError([_("案例汇总表中没有案例数据（第2行起每行一个案例）")])
    valid, problems = validate(rows, Path(directory), user)
    if problems:
        raise CaseImportError(problems)
    result = ImportResult(rows=valid, promoted_by=user)
    if dry_run:
        return result
    try:
        write_rows(valid, result, user)
    except ImportBusy as exc:
        raise CaseImportError([str(exc)]) from exc
    return result


def model_problems(row_number, error):
    problems = []
    for field_name, messages in error.message_dict.items():
        column = FIELD_COLUMNS.get(field_name, field_name)
        for message in messages:
            problems.append(problem(row_number, column, message))
    return problems


def write_rows(rows, result, user=None):
    with import_transaction():
        return _write_rows(rows, result, user)


def _write_rows(rows, result, user):
    from .models import CasePage

    directions = {direction.code: direction for direction in Direction.objects.all()}
    for row in rows:
        # Decided again under the import lock: another import may have created it meanwhile.
        existing = CasePage.objects.filter(studio_id=row.studio_id, title=row.title).order_by("pk").first()
        row.existing_id = existing.pk if existing else None
        image_ids = store_images(row.conversion)
        body = body_block().to_python(raw_blocks(row.conversion, image_ids))
        case = existing or CasePage()
        for name, value in row.fields.items():
            setattr(case, name, value)
        case.body = body
        case.directions = [directions[code] for code in row.direction_codes]
        try:
            if row.existing_id:
                case.draft_title = case.title
                case.save()
                result.updated.append(case)
            else:
                studio = StudioPage.objects.get(pk=row.studio_id)
                case.live = True
                studio.add_child(instance=case)
                result.created.append(case)
            case.save_revision(log_action=True).publish(log_action=True)
            import_promotion(case, row.promotion_level, user)
        except ValidationError as exc:
            # The model's own rules (the same as the admin's) had the last word: undo everything.
            raise CaseImportError(model_problems(row.row_number, exc)) from exc
        except PrivacyBlocked as exc:  # the publish guard: checked above already, so only a safety net
            raise CaseImportError([problem(row.row_number, "正文文件", str(exc))]) from exc
    return result


def import_promotion(case, level, user):
    """Promote the published case at ``level`` unless it already holds that level (in any year).

    The promotion has no 推荐意见 (``note``): that is the reviewer's own words, shown to the
    public; the page history records who imported it."""
    if user is None or level == PromotionLevel.NONE or case.promotions.filter(level=level).exists():
        return None
    return _promotions.promote(case, level, user, year=case.year)
