"""Admin reports: filters, and XLSX downloads in the import layouts."""

import io

from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from core.choices import Province, SchoolType
from tests.factories import make_studio
from tests.outreach.builders import make_case


def admin_client(client):
    user = get_user_model().objects.create_superuser("official", "o@example.cn", "pw")
    client.force_login(user)
    return client


def test_studio_report_filters_by_province_and_downloads_import_layout(client, site_tree):
    from studios.importer import STUDIO_COLUMNS

    make_studio("贵州的工作室", province=Province.GUIZHOU)
    make_studio("四川的工作室", province=Province.SICHUAN, school_type=SchoolType.UNIVERSITY)
    client = admin_client(client)
    page = client.get("/admin/reports/outreach/studios/?province=guizhou")
    assert page.status_code == 200
    html = page.content.decode()
    assert "贵州的工作室" in html and "四川的工作室" not in html
    response = client.get("/admin/reports/outreach/studios/?province=guizhou&export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [c.value for c in sheet[1]] == STUDIO_COLUMNS
    assert sheet.freeze_panes == "A2"
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["贵州的工作室"]


def test_case_report_filters_by_year_and_promotion(client, site_tree):
    studio = make_studio(slug="rep")
    make_case(studio, "省级推介的案例", year=2025, promotion_level="province")
    make_case(studio, "未推介的案例", year=2025, promotion_level="none")
    make_case(studio, "去年的案例", year=2024, promotion_level="province")
    client = admin_client(client)
    response = client.get("/admin/reports/outreach/cases/?year=2025&promotion_level=province&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "链接"
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["省级推介的案例"]


def test_reports_need_admin_access(client, site_tree):
    response = client.get("/admin/reports/outreach/studios/")
    assert response.status_code == 302
