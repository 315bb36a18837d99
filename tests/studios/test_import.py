"""``manage.py import_studios``: the studio information table (工作室建设情况信息表)."""

import io

import pytest
from django.core.management import CommandError, call_command

from core.choices import ConstructionModel, Direction, Province, SchoolType, StudioLevel
from studios.importer import STUDIO_COLUMNS, studio_to_row
from studios.models import StudioIndexPage, StudioMember, StudioPage
from tests.fixtures.spreadsheets import studio_row, write_workbook

pytestmark = pytest.mark.django_db


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_studios", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args):
    err = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_studios", str(path), *args, stdout=io.StringIO(), stderr=err)
    return str(excinfo.value), err.getvalue().splitlines()


@pytest.fixture
def good_file(tmp_path):
    rows = [
        studio_row(1),
        studio_row(
            2,
            工作室名称="知行班主任工作室",
            省份="北京市",
            城市="海淀区",
            学校="北京某某大学",
            学校类型="高校",
            工作室级别="校级",
            主持人="林静",
            主持人职称="副教授",
            班主任年限="6年",
            成员="周一,王二，张三;李四；孙五、钱六",
            建设方向="生涯规划、创新创业、网络思想政治教育",
            建设模式="专项课题引领",
            立项年份="2024",
            建设周期="2年",
        ),
    ]
    return write_workbook(tmp_path / "studios.xlsx", rows)


def test_good_file_creates_published_studios_under_studios(site_tree, good_file):
    out, _err = run(good_file)

    assert "新建 2 个，更新 0 个" in out
    index = StudioIndexPage.objects.get()
    studio = StudioPage.objects.get(title="知行班主任工作室")
    assert studio.live and not studio.has_unpublished_changes
    assert studio.get_parent().specific == index
    assert studio.url.startswith("/studios/")
    assert studio.school == "北京某某大学"
    assert studio.province == Province.BEIJING
    assert studio.city == "海淀区"
    assert studio.school_type == SchoolType.UNIVERSITY
    assert studio.level == StudioLevel.SCHOOL
    assert (studio.host_name, studio.host_title, studio.host_years) == ("林静", "副教授", 6)
    assert studio.construction_model == ConstructionModel.RESEARCH_LED
    assert (studio.cycle_start_year, studio.cycle_years) == (2024, 2)
    assert [m.name for m in studio.members.all()] == ["周一", "王二", "张三", "李四", "孙五", "钱六"]
    assert sorted(d.code for d in studio.directions.all()) == sorted(
        [Direction.CAREER, Direction.INNOVATION, Direction.ONLINE_IDEOLOGY]
    )

    first = StudioPage.objects.get(title="启航班主任工作室1")
    assert first.province == Province.GUIZHOU  # the short name 贵州 is accepted
    assert "带领青年班主任共同成长" in first.introduction
    assert "每月一次带班沙龙" in first.introduction
    assert first.live


def test_reimport_updates_and_creates_no_duplicates(site_tree, good_file, tmp_path):
    run(good_file)
    studio = StudioPage.objects.get(title="启航班主任工作室1")
    StudioMember.objects.filter(studio=studio, name="陈晓雯").update(role="副主持人", subject="数控技术")

    changed = write_workbook(
        tmp_path / "changed.xlsx",
        [
            studio_row(
                1,
                主持人职称="正高级讲师",
                成员="陈晓雯、黄磊、杨帆、吴倩、赵明轩、郑好",
                建设方向="心理健康教育",
                建设周期=2,
            ),
            studio_row(2, 工作室名称="知行班主任工作室", 学校="北京某某大学", 学校类型="高校"),
        ],
    )
    out, _err = run(changed)

    assert "新建 0 个，更新 2 个" in out
    assert StudioPage.objects.count() == 2
    studio = StudioPage.objects.get(pk=studio.pk)
    assert studio.host_title == "正高级讲师"
    assert studio.cycle_years == 2
    assert [m.name for m in studio.members.all()] == ["陈晓雯", "黄磊", "杨帆", "吴倩", "赵明轩", "郑好"]
    assert not studio.members.filter(name="刘建军").exists()
    assert StudioMember.objects.count() == 6 + 5  # replaced, not appended
    kept = studio.members.get(name="陈晓雯")
    assert (kept.role, kept.subject) == ("副主持人", "数控技术")
    assert [d.code for d in studio.directions.all()] == [Direction.MENTAL_HEALTH]
    assert studio.live and not studio.has_unpublished_changes

    # Importing the same file again changes nothing.
    out, _err = run(changed)
    assert "新建 0 个，更新 2 个" in out
    assert StudioPage.objects.count() == 2
    assert StudioMember.objects.count() == 6 + 5


def test_bad_file_writes_nothing_and_lists_every_problem(site_tree, tmp_path):
    rows = [
        studio_row(1),  # row 2: valid, but must not be written either
        studio_row(2, 省份="火星"),  # row 3
        studio_row(3, 建设方向="班级管理、体育训练"),  # row 4
        studio_row(4, 成员="甲、乙、丙、丁"),  # row 5
        studio_row(5, 建设方向="思想引领、家校协同、学业指导、生涯规划"),  # row 6
        studio_row(6, 建设周期=5),  # row 7
        studio_row(7, 工作室名称=None),  # row 8
        studio_row(1),  # row 9: same school and name as row 2
        studio_row(9, 立项年份="二〇二五"),  # row 10
    ]
    path = write_workbook(tmp_path / "bad.xlsx", rows)

    message, lines = run_failing(path)

    assert StudioPage.objects.count() == 0
    assert StudioMember.objects.count() == 0
    assert "未写入任何数据" in message

    def line_for(prefix):
        found = [line for line in lines if line.startswith(prefix)]
        assert found, f"missing {prefix!r} in {lines}"
        return found[0]

    assert "火星" in line_for("第3行 省份：")
    assert "体育训练" in line_for("第4行 建设方向：")
    assert "当前为 4 人" in line_for("第5行 成员：")
    assert "当前为 4 个" in line_for("第6行 建设方向：")
    assert "当前为 5 年" in line_for("第7行 建设周期：")
    assert "不能为空" in line_for("第8行 工作室名称：")
    assert "第2行" in line_for("第9行 工作室名称：")
    assert "二〇二五" in line_for("第10行 立项年份：")
    assert not [line for line in lines if line.startswith("第2行")]


def test_wrong_header_is_one_clear_error(site_tree, tmp_path):
    header = list(STUDIO_COLUMNS)
    header[2], header[3] = header[3], header[2]
    path = write_workbook(tmp_path / "header.xlsx", [studio_row(1)], header=header)

    _message, lines = run_failing(path)

    assert len(lines) == 1
    assert " | ".join(STUDIO_COLUMNS) in lines[0]
    assert " | ".join(header) in lines[0]
    assert StudioPage.objects.count() == 0


def test_dry_run_reports_and_writes_nothing(site_tree, good_file, tmp_path):
    out, _err = run(good_file, "--dry-run")
    assert "将新建 2 个，更新 0 个" in out
    assert StudioPage.objects.count() == 0

    run(good_file)
    more = write_workbook(tmp_path / "more.xlsx", [studio_row(1, 主持人职称="讲师"), studio_row(3)])
    out, _err = run(more, "--dry-run")
    assert "将新建 1 个，更新 1 个" in out
    assert StudioPage.objects.count() == 2
    assert StudioPage.objects.get(title="启航班主任工作室1").host_title == "高级讲师"


def test_dry_run_still_reports_problems(site_tree, tmp_path):
    path = write_workbook(tmp_path / "bad.xlsx", [studio_row(1, 学校类型="小学")])
    _message, lines = run_failing(path, "--dry-run")
    assert lines[0].startswith("第2行 学校类型：")


def test_exported_row_reimports_unchanged(site_tree, good_file, tmp_path):
    run(good_file)
    studio = StudioPage.objects.get(title="知行班主任工作室")
    path = write_workbook(tmp_path / "export.xlsx", [studio_to_row(studio, 1)])

    out, _err = run(path)

    assert "新建 0 个，更新 1 个" in out
    again = StudioPage.objects.get(pk=studio.pk)
    assert studio_to_row(again, 1) == studio_to_row(studio, 1)


# --- two imports at once ----------------------------------------------------------------------


def test_a_studio_another_import_created_meanwhile_is_updated_not_duplicated(site_tree, good_file):
    """Both runs validated the file before either wrote; the later one decides again under the lock."""
    from studios import importer

    rows, problems = importer.validate(importer.read_rows(good_file))
    assert not problems and all(row.existing_id is None for row in rows)
    run(good_file)  # the other run finishes first

    result = importer.ImportResult(rows=rows)
    importer.write_rows(rows, result)
    assert StudioPage.objects.count() == 2
    assert (len(result.created), len(result.updated)) == (0, 2)


@pytest.fixture
def lock_held_by_another_import(settings, monkeypatch):
    """Another import holds the lock: a second PostgreSQL session, or on SQLite what its busy
    timeout raises when another writer keeps the database."""
    from django.db import OperationalError, connection, connections

    from core import imports

    settings.IMPORT_LOCK_WAIT = 0.2
    if connection.vendor != "postgresql":

        def locked(connection):
            raise OperationalError("database is locked")

        monkeypatch.setattr(imports, "_take_lock", locked)
        yield
        return
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [imports.IMPORT_LOCK_KEY])
    yield
    other.close()


def test_an_import_that_cannot_get_the_lock_says_so_in_chinese(site_tree, good_file, lock_held_by_another_import):
    summary, messages = run_failing(good_file)
    assert "另一个导入正在进行，请等它完成后再试" in "\n".join(messages)
    assert "未写入任何数据" in summary
    assert not StudioPage.objects.exists()


def test_a_table_that_would_unpack_out_of_proportion_is_refused_before_it_is_read(site_tree, good_file, settings):
    import zipfile

    with zipfile.ZipFile(good_file, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/pad.bin", bytes(12 * 1024 * 1024))  # compresses about a thousand times
    _summary, messages = run_failing(good_file)
    assert any("的压缩比异常" in message for message in messages)
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    _summary, messages = run_failing(good_file)
    assert any("解压后有 12 MB，超过上限 1 MB" in message for message in messages)
    assert not StudioPage.objects.exists()
