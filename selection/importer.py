"""``import_applications``: a round that started on paper, typed into one workbook.

Three sheets: 申报书 (one row per application), 团队成员 and 业绩 (rows naming their application by
工作室名称). Every row of every sheet is checked before anything is written; a problem is reported
as ``《表名》第N行 列名：原因`` and then nothing is imported. Paper certificates stand for the evidence
files (``Achievement.paper_evidence``): the school checked them before recommending.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.choices import ConstructionModel, Direction, Province, SchoolType, split_list, value_for_label
from core.imports import ArchiveRefused, check_archive, import_transaction
from studios.importer import cell_text, parse_int

from .access import organised_programmes, school_of
from .choices import AchievementKind, AchievementLevel, Status, TitleRank
from .models import Achievement, Application, ApplicationMember

APPLICATION_COLUMNS = [
    "申报账号",
    "工作室名称",
    "学校",
    "学校类型",
    "省份",
    "城市",
    "主持人",
    "职称",
    "职称层级",
    "在职在岗",
    "班主任年限",
    "联系电话",
    "建设方向",
    "建设模式",
    "建设目标",
    "主要任务",
    "预期成果",
    "保障措施",
    "学校支持",
    "状态",
    "学校意见",
]
MEMBER_COLUMNS = ["工作室名称", "姓名", "分工", "职称", "班主任年限", "单位", "联系电话"]
ACHIEVEMENT_COLUMNS = ["工作室名称", "业绩类型", "级别", "名称", "年份", "颁发单位"]
SHEETS = {"申报书": APPLICATION_COLUMNS, "团队成员": MEMBER_COLUMNS, "业绩": ACHIEVEMENT_COLUMNS}
TEXT_FIELDS = {
    "工作室名称": "studio_name",
    "学校": "school",
    "城市": "city",
    "主持人": "host_name",
    "职称": "host_title",
    "联系电话": "host_phone",
    "建设目标": "goals",
    "主要任务": "tasks",
    "预期成果": "outcomes",
    "保障措施": "safeguards",
    "学校支持": "school_support",
}
STATUS_LABELS = {"已提交": Status.SUBMITTED, "学校已推荐": Status.RECOMMENDED}
# Short forms officials write on paper, besides the full labels.
TITLE_RANK_WORDS = {"初级": 1, "中级": 2, "副高级": 3, "副高": 3, "正高级": 4, "正高": 4}
LEVEL_WORDS = {"校级": 1, "市级": 2, "市（厅）级": 2, "厅级": 2, "省级": 3, "国家级": 4}


class ApplicationImportError(Exception):
    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


def problem(sheet, row, column, reason):
    return f"《{sheet}》第{row}行 {column}：{reason}"


def read_workbook(source):
    from openpyxl import load_workbook

    try:
        check_archive(source, getattr(source, "name", None) or str(source))
        workbook = load_workbook(source, read_only=True, data_only=True)
    except ArchiveRefused as exc:
        raise ApplicationImportError([str(exc)]) from exc
    except FileNotFoundError as exc:
        raise ApplicationImportError([f"找不到文件：{source}"]) from exc
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise ApplicationImportError([f"无法读取表格文件（需要 .xlsx 格式）：{exc}"]) from exc
    try:
        sheets, problems = {}, []
        for name, columns in SHEETS.items():
            if name not in workbook.sheetnames:
                problems.append(f"缺少工作表《{name}》（表头：{' | '.join(columns)}）")
                continue
            rows = workbook[name].iter_rows(values_only=True)
            header = [cell_text(v) for v in (next(rows, None) or [])]
            while header and not header[-1]:
                header.pop()
            if header != columns:
                problems.append(
                    problem(name, 1, "表头", f"应为：{' | '.join(columns)}；实际为：{' | '.join(header) or '（空）'}")
                )
                continue
            sheets[name] = [
                (number, dict(zip(columns, list(values) + [None] * len(columns), strict=False)))
                for number, values in enumerate(rows, start=2)
                if any(cell_text(v) for v in values or [])
            ]
        if problems:
            raise ApplicationImportError(problems)
        return sheets
    finally:
        workbook.close()


def _choice(choices, words, text):
    if text in words:
        return words[text]
    for value, label in choices.choices:
        if text in (str(label), str(value)):
            return value
    return None


def _application(number, cells, programme, report):
    fields = {field: cell_text(cells[column]) for column, field in TEXT_FIELDS.items()}
    for column in ("申报账号", "工作室名称", "学校", "主持人"):
        if not cell_text(cells[column]):
            report(number, column, "不能为空")
    for column, choices, field in (
        ("学校类型", SchoolType, "school_type"),
        ("省份", Province, "province"),
        ("建设模式", ConstructionModel, "construction_model"),
    ):
        value = value_for_label(choices, cell_text(cells[column]))
        if value is None:
            allowed = "、".join(str(label) for label in choices.labels)
            report(number, column, f"“{cell_text(cells[column])}”无效，可选：{allowed}")
        fields[field] = value or ""
    rank = _choice(TitleRank, TITLE_RANK_WORDS, cell_text(cells["职称层级"]))
    if rank is None:
        report(number, "职称层级", "应为 初级、中级、副高级 或 正高级")
    fields["host_title_rank"] = rank
    in_post = cell_text(cells["在职在岗"])
    if in_post not in ("是", "否"):
        report(number, "在职在岗", "请填写“是”或“否”")
    fields["host_in_post"] = in_post == "是"
    years = parse_int(cells["班主任年限"])
    if years is None:
        report(number, "班主任年限", "应为整数（年）")
    fields["host_years"] = years
    directions = []
    for label in split_list(cell_text(cells["建设方向"])):
        code = value_for_label(Direction, label)
        if code is None:
            report(number, "建设方向", f"“{label}”不是有效的建设方向")
        elif code not in directions:
            directions.append(code)
    fields["directions"] = directions
    status = STATUS_LABELS.get(cell_text(cells["状态"]))
    if status is None:
        report(number, "状态", "应为“已提交”或“学校已推荐”")
    fields["status"] = status or Status.SUBMITTED
    fields["school_comment"] = cell_text(cells["学校意见"])
    if fields["status"] == Status.RECOMMENDED and not fields["school_comment"]:
        report(number, "学校意见", "学校已推荐的申报须填写学校推荐意见")
    application = Application(programme=programme, **fields)
    try:
        application.full_clean(exclude=["programme", "applicant"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = next((c for c, f in TEXT_FIELDS.items() if f == name), name)
            for message in messages:
                report(number, column, message)
    return application


def validate(sheets, programme, user):
    problems = []
    applications = {}
    usernames = set()
    existing = set(programme.applications.values_list("applicant__username", flat=True))
    organiser = organised_programmes(user).filter(pk=programme.pk).exists()
    for number, cells in sheets["申报书"]:

        def report(row, column, reason):
            problems.append(problem("申报书", row, column, reason))

        application = _application(number, cells, programme, report)
        username = cell_text(cells["申报账号"])
        if username in usernames or username in existing:
            report(number, "申报账号", f"“{username}”在本项目已有申报书（每个账号只能申报一份）")
        usernames.add(username)
        if application.studio_name in applications:
            report(number, "工作室名称", f"与第{applications[application.studio_name][0]}行重复")
        if application.status == Status.RECOMMENDED and not (organiser or school_of(user) == application.school):
            report(number, "状态", "只有该校的学校审核员或本项目的评审组织者可以导入“学校已推荐”的申报")
        applications.setdefault(application.studio_name, (number, username, application, [], []))

    for number, cells in sheets["团队成员"]:
        name = cell_text(cells["工作室名称"])
        if name not in applications:
            problems.append(problem("团队成员", number, "工作室名称", f"“{name}”不在《申报书》中"))
            continue
        if not cell_text(cells["姓名"]):
            problems.append(problem("团队成员", number, "姓名", "不能为空"))
        years = parse_int(cells["班主任年限"]) if cell_text(cells["班主任年限"]) else None
        if cell_text(cells["班主任年限"]) and years is None:
            problems.append(problem("团队成员", number, "班主任年限", "应为整数（年）"))
        applications[name][3].append(
            ApplicationMember(
                name=cell_text(cells["姓名"]),
                role=cell_text(cells["分工"]) or "成员",
                title=cell_text(cells["职称"]),
                years=years,
                unit=cell_text(cells["单位"]),
                phone=cell_text(cells["联系电话"]),
            )
        )

    for number, cells in sheets["业绩"]:
        name = cell_text(cells["工作室名称"])
        if name not in applications:
            problems.append(problem("业绩", number, "工作室名称", f"“{name}”不在《申报书》中"))
            continue
        kind = _choice(AchievementKind, {}, cell_text(cells["业绩类型"]))
        if kind is None:
            allowed = "、".join(str(label) for label in AchievementKind.labels)
            problems.append(problem("业绩", number, "业绩类型", f"无效，可选：{allowed}"))
        level = _choice(AchievementLevel, LEVEL_WORDS, cell_text(cells["级别"]))
        if level is None:
            problems.append(problem("业绩", number, "级别", "应为 校级、市（厅）级、省级 或 国家级"))
        if not cell_text(cells["名称"]):
            problems.append(problem("业绩", number, "名称", "不能为空"))
        applications[name][4].append(
            Achievement(
                kind=kind or "",
                level=level,
                title=cell_text(cells["名称"]),
                year=parse_int(cells["年份"]),
                issuer=cell_text(cells["颁发单位"]),
                paper_evidence=True,
            )
        )

    # The programme's hard rules, as on the online form: a paper application that would be refused online is refused here.
    for number, _username, application, members, achievements in applications.values():
        application.unsaved_members, application.unsaved_achievements = members, achievements
        for reason in application.submission_problems():
            problems.append(problem("申报书", number, "资格条件", reason))
    return list(applications.values()), problems


def import_applications(source, programme, user, *, dry_run=False):
    sheets = read_workbook(source)
    if not sheets["申报书"]:
        raise ApplicationImportError(["《申报书》中没有申报数据（第2行起每行一份）"])
    rows, problems = validate(sheets, programme, user)
    if problems:
        raise ApplicationImportError(problems)
    if dry_run:
        return [row[2] for row in rows]
    user_model = get_user_model()
    now = timezone.now()
    with import_transaction():
        for _number, username, application, members, achievements in rows:
            applicant = user_model.objects.filter(username=username).first()
            if applicant is None:
                applicant = user_model(username=username, first_name=application.host_name)
                applicant.set_unusable_password()  # the school sets a password when the teacher needs one
                applicant.save()
            application.applicant = applicant
            application.submitted_at = now
            if application.status == Status.RECOMMENDED:
                application.recommended_by, application.recommended_at = user, now
                application.responsibility_confirmed = True
            application.unsaved_members = application.unsaved_achievements = None
            application.save()
            for position, member in enumerate(members):
                member.application, member.sort_order = application, position
                member.save()
            for achievement in achievements:
                achievement.application = application
                achievement.save()
    return [row[2] for row in rows]
