"""The school's recommendation table and the province's ranked list, as .xlsx (openpyxl)."""

import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.spreadsheets import keep_as_text

SCHOOL_COLUMNS = [
    "推荐排序",
    "工作室名称",
    "主持人",
    "职称",
    "连续担任班主任年数",
    "成员人数",
    "建设方向",
    "资格条件",
    "状态",
    "学校意见",
    "推荐人",
    "推荐时间",
]
PROVINCE_COLUMNS = [
    "排名",
    "工作室名称",
    "学校",
    "主持人",
    "建设方向",
    "学校推荐排序",
    "资格审核",
    "已评专家数",
    "平均分",
    "实地考察",
    "状态",
]


def _sheet(workbook, title, heading, columns, rows):
    sheet = workbook.active
    sheet.title = title
    sheet.append([heading])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(columns)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            keep_as_text(cell)
    for index, _column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = 16
    return sheet


def _eligibility_text(application):
    failed = [r.name for r in application.eligibility() if r.hard and not r.passed]
    return "符合" if not failed else "不符合：" + "；".join(failed)


def school_workbook(programme, school, applications):
    workbook = Workbook()
    rows = []
    for application in applications.order_by("school_rank", "pk"):
        rows.append(
            [
                application.school_rank or "",
                application.studio_name,
                application.host_name,
                application.host_title,
                application.host_years,
                len(application.member_list()),
                "、".join(application.direction_labels),
                _eligibility_text(application),
                application.get_status_display(),
                application.school_comment,
                application.recommended_by.get_full_name() or application.recommended_by.get_username()
                if application.recommended_by
                else "",
                f"{application.recommended_at:%Y-%m-%d %H:%M}" if application.recommended_at else "",
            ]
        )
    _sheet(workbook, "学校推荐汇总表", f"{programme.title}　{school}推荐汇总表", SCHOOL_COLUMNS, rows)
    return workbook


def province_workbook(programme, ranked_applications):
    workbook = Workbook()
    rows = []
    for position, application in enumerate(ranked_applications, start=1):
        rows.append(
            [
                position,
                application.studio_name,
                application.school,
                application.host_name,
                "、".join(application.direction_labels),
                application.school_rank or "",
                application.qualification_note or application.get_status_display(),
                len(application.submitted_assignments()),
                application.aggregate if application.aggregate is not None else "",
                application.site_visit_notes,
                application.get_status_display(),
            ]
        )
    _sheet(workbook, "评审结果排序表", f"{programme.title}评审结果排序表", PROVINCE_COLUMNS, rows)
    return workbook


def xlsx_response(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
