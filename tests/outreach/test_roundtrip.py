"""Export → wipe → import with the real import commands → the same studios and cases."""

import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from cases.rules import plain_text
from core.choices import ConstructionModel, Direction, Province, SchoolType, StudioLevel
from studios.models import StudioMember, StudioPage
from tests.factories import make_studio, promoter
from tests.outreach.builders import make_case


def studio_snapshot(studio):
    return {
        "title": studio.title,
        "province": studio.province,
        "city": studio.city,
        "school": studio.school,
        "school_type": studio.school_type,
        "level": studio.level,
        "host_name": studio.host_name,
        "host_title": studio.host_title,
        "host_years": studio.host_years,
        "members": [m.name for m in studio.members.all()],
        "directions": sorted(d.code for d in studio.directions.all()),
        "construction_model": studio.construction_model,
        "cycle_start_year": studio.cycle_start_year,
        "cycle_years": studio.cycle_years,
        "introduction_text": re.sub(r"\s+", "", plain_text(str(studio.introduction))),
    }


def case_snapshot(case):
    return {
        "title": case.title,
        "studio": (case.studio.school, case.studio.title),
        "category": case.category,
        "directions": sorted(d.code for d in case.directions.all()),
        "authors": case.authors,
        "year": case.year,
        "promotion_level": case.promotion_level,
        "summary": case.summary,
        "text": re.sub(r"\s+", "", plain_text(case.body)),
    }


def build_studios():
    one = make_studio(
        "星火班主任工作室",
        school="贵阳市第一职业学校",
        province=Province.GUIZHOU,
        school_type=SchoolType.VOCATIONAL,
        direction_codes=(Direction.FAMILY_SCHOOL, Direction.MENTAL_HEALTH, Direction.CAREER),
        member_count=6,
        level=StudioLevel.PROVINCE,
        host_title="高级讲师",
        host_years=12,
        cycle_start_year=2024,
        cycle_years=2,
        construction_model=ConstructionModel.MENTORSHIP,
        introduction="<p>以“家校协同”为主线，</p><p>开展心理健康与生涯规划教育。</p>",
    )
    two = make_studio(
        "明灯辅导员工作室",
        school="黔南民族师范学院",
        province=Province.SICHUAN,
        school_type=SchoolType.UNIVERSITY,
        member_count=8,
        host_title="副教授",
        host_years=5,
    )
    return one, two


@pytest.mark.django_db
def test_studio_table_round_trip(tmp_path, site_tree):
    studios = build_studios()
    before = {s.title: studio_snapshot(StudioPage.objects.get(pk=s.pk)) for s in studios}
    path = tmp_path / "studios.xlsx"
    call_command("export_studios", str(path))

    sheet = load_workbook(path).worksheets[0]
    from studios.importer import STUDIO_COLUMNS

    assert [cell.value for cell in sheet[1]] == STUDIO_COLUMNS
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 3
    assert "、" in sheet.cell(row=2, column=STUDIO_COLUMNS.index("成员") + 1).value

    for studio in studios:
        studio.delete()
    assert not StudioPage.objects.exists() and not StudioMember.objects.exists()

    call_command("import_studios", str(path))
    after = {s.title: studio_snapshot(s) for s in StudioPage.objects.all()}
    assert after == before


def drop_link_column(index_path):
    workbook = load_workbook(index_path)
    sheet = workbook.worksheets[0]
    assert sheet.cell(row=1, column=sheet.max_column).value == "链接"
    sheet.delete_cols(sheet.max_column)
    workbook.save(index_path)


@pytest.mark.django_db
def test_case_table_round_trip_with_word_bodies(tmp_path, site_tree):
    """A table without the 链接 column (as provinces fill it in) survives the trip too."""
    round_trip_cases(tmp_path, prepare=drop_link_column)


@pytest.mark.django_db
def test_exported_case_folder_imports_unchanged(tmp_path, site_tree):
    round_trip_cases(tmp_path)


def round_trip_cases(tmp_path, prepare=None):
    one, two = build_studios()
    make_case(one, "住校新生不吃早饭的背后")
    make_case(
        two,
        "一次突发事件后的班级重建",
        category="emergency",
        direction_codes=(Direction.CLASS_MANAGEMENT,),
        authors="赵晓",
        promotion_level="none",
        year=2024,
    )
    from cases.models import CasePage

    before = {c.title: case_snapshot(c) for c in CasePage.objects.all()}
    urls = {c.title: c.get_full_url() for c in CasePage.objects.all()}
    studios_file = tmp_path / "studios.xlsx"
    folder = tmp_path / "cases"
    call_command("export_studios", str(studios_file))
    call_command("export_cases", str(folder))

    sheet = load_workbook(folder / "index.xlsx").worksheets[0]
    from cases.importer import CASE_COLUMNS

    header = [cell.value for cell in sheet[1]]
    assert header == [*CASE_COLUMNS, "链接"]
    assert sheet.freeze_panes == "A2"
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    for title, url in urls.items():
        assert rows[title][-1] == url
        assert (folder / rows[title][CASE_COLUMNS.index("正文文件")]).is_file()

    # an empty site: no studios, no cases (cases first: deleting a studio together with its
    # cases currently leaves orphan search-index rows, a search-app bug reported separately)
    for case in CasePage.objects.all():
        case.delete()
    for studio in StudioPage.objects.all():
        studio.delete()
    assert not CasePage.objects.exists()

    call_command("import_studios", str(studios_file))
    if prepare is not None:
        prepare(folder / "index.xlsx")
    # The exported 推介级别 comes back as a promotion in the name of the administrator importing it.
    call_command("import_cases", str(folder), "--by", promoter().username)
    after = {c.title: case_snapshot(c) for c in CasePage.objects.all()}
    assert after == before
