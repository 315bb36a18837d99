"""import_applications: a paper round typed into one workbook, imported whole or not at all."""

import io
import tempfile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from selection.choices import Status
from selection.importer import SHEETS
from selection.models import Application

from .builders import guizhou_programme, province_reviewer, school_reviewer

pytestmark = pytest.mark.django_db

SCHOOL = "筑城师范学院"


def application_row(**overrides):
    row = {
        "申报账号": "liuqing",
        "工作室名称": "青禾班主任工作室",
        "学校": SCHOOL,
        "学校类型": "高校",
        "省份": "贵州",
        "城市": "贵阳市",
        "主持人": "刘青",
        "职称": "讲师",
        "职称层级": "中级",
        "在职在岗": "是",
        "班主任年限": 4,
        "联系电话": "13700001111",
        "建设方向": "学业指导、生涯规划",
        "建设模式": "师徒结对",
        "建设目标": "帮助新生适应大学学习。",
        "主要任务": "每月一次学业沙龙。",
        "预期成果": "学业指导手册一本。",
        "保障措施": "学院统筹。",
        "学校支持": "提供活动场地。",
        "状态": "学校已推荐",
        "学校意见": "纸质材料已核验，同意推荐。",
    }
    row.update(overrides)
    return row


def workbook(applications, members, achievements):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for (name, columns), rows in zip(SHEETS.items(), (applications, members, achievements), strict=True):
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column) for column in columns])
    return saved(book)


def saved(book):
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as file:
        book.save(file)
    return file.name


def members(studio="青禾班主任工作室", count=5):
    return [
        {"工作室名称": studio, "姓名": f"成员{i}", "分工": "成员", "职称": "讲师", "班主任年限": 3}
        for i in range(count)
    ]


def achievements(studio="青禾班主任工作室"):
    return [
        {
            "工作室名称": studio,
            "业绩类型": "所带班集体荣誉称号",
            "级别": "市级",
            "名称": "贵阳市先进班集体",
            "年份": 2023,
        },
        {
            "工作室名称": studio,
            "业绩类型": "大思政类比赛获奖",
            "级别": "省级",
            "名称": "思政微课比赛二等奖",
            "年份": 2024,
        },
    ]


def run(source, by, *extra):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_applications", "guizhou-2024", source, "--by", by.username, *extra, stdout=out, stderr=err)
    except CommandError as exc:
        return False, err.getvalue() + str(exc)
    return True, out.getvalue()


def test_a_paper_round_is_imported_and_counts_paper_evidence():
    programme = guizhou_programme("review")
    school = school_reviewer(SCHOOL)
    ok, output = run(workbook([application_row()], members(), achievements()), school)
    assert ok, output
    application = Application.objects.get()
    assert application.status == Status.RECOMMENDED and application.recommended_by == school
    assert application.responsibility_confirmed and application.applicant.username == "liuqing"
    assert not application.applicant.has_usable_password()
    assert application.members.count() == 5 and application.achievements.count() == 2
    assert application.submission_problems() == []
    assert application.programme == programme

    ok, output = run(workbook([application_row()], members(), achievements()), school)
    assert not ok and "《申报书》第2行 申报账号：“liuqing”在本项目已有申报书" in output
    assert Application.objects.count() == 1


def test_every_problem_is_reported_and_nothing_is_written():
    guizhou_programme("review")
    organiser = province_reviewer()
    rows = [
        application_row(),
        application_row(
            申报账号="wangfang", 工作室名称="远山班主任工作室", 班主任年限="两年", 建设方向="思想引领、美育"
        ),
    ]
    bad_members = members() + [{"工作室名称": "不存在工作室", "姓名": "赵一"}]
    bad_achievements = achievements() + [
        {"工作室名称": "远山班主任工作室", "业绩类型": "个人表彰", "级别": "县级", "名称": ""}
    ]
    ok, output = run(workbook(rows, bad_members, bad_achievements), organiser)
    assert not ok
    for expected in [
        "《申报书》第3行 班主任年限：应为整数（年）",
        "《申报书》第3行 建设方向：“美育”不是有效的建设方向",
        "《团队成员》第7行 工作室名称：“不存在工作室”不在《申报书》中",
        "《业绩》第4行 业绩类型：无效",
        "《业绩》第4行 级别：应为 校级、市（厅）级、省级 或 国家级",
        "《业绩》第4行 名称：不能为空",
        "《申报书》第3行 资格条件：团队成员 5-10 人（不含主持人）：已填写 0 名成员",
    ]:
        assert expected in output, expected
    assert not Application.objects.exists()


def test_only_the_school_or_the_organiser_imports_recommendations():
    guizhou_programme("review")
    other_school = school_reviewer("乌江理工学院")
    ok, output = run(workbook([application_row()], members(), achievements()), other_school)
    assert not ok and "只有该校的学校审核员或本项目的评审组织者可以导入" in output
    ok, output = run(workbook([application_row(状态="已提交")], members(), achievements()), other_school, "--dry-run")
    assert ok and "试运行" in output
    assert not Application.objects.exists()


def test_a_wrong_header_names_the_sheet():
    guizhou_programme("review")
    book = openpyxl.Workbook()
    book.active.title = "申报书"
    book.active.append(["工作室", "学校"])
    ok, output = run(saved(book), province_reviewer())
    assert not ok
    assert "《申报书》第1行 表头：应为：申报账号 | 工作室名称" in output and "缺少工作表《团队成员》" in output
