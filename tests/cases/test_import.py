"""``manage.py import_cases DIR``: Word documents and an index.xlsx."""

import copy
import io
import shutil

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from openpyxl import Workbook
from PIL import Image as PILImage
from wagtail.images.models import Image

from cases.importer import CASE_COLUMNS
from cases.models import CasePage
from core.choices import CaseCategory, Direction, PromotionLevel
from tests.factories import make_studio, site_tree
from tests.fixtures.shared import built_once


def png_bytes(color=(200, 60, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), color).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def add_hyperlink(paragraph, url, text):
    part = paragraph.part
    rid = part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def write_docx(path, *, paragraphs=("班主任在晨会上提出了问题。",), rich=True, extra_chars=0):
    document = docx.Document()
    document.add_heading("一、案例背景", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if rich:
        paragraph = document.add_paragraph("我们约定：")
        paragraph.add_run("每周一次班会").bold = True
        paragraph.add_run("，轮流主持").italic = True
        document.add_paragraph("制定班级公约", style="List Bullet")
        document.add_paragraph("评选文明宿舍", style="List Bullet")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "措施"
        table.cell(0, 1).text = "次数"
        table.cell(1, 0).text = "家访"
        table.cell(1, 1).text = "12"
        document.add_picture(png_bytes(), width=Inches(1))
        document.add_paragraph('<script>alert("x")</script>')
        unsafe = document.add_paragraph("详见")
        add_hyperlink(unsafe, "javascript:alert(1)", "危险链接")
        safe = document.add_paragraph("参考")
        add_hyperlink(safe, "https://www.moe.gov.cn/", "教育部网站")
    if extra_chars:
        document.add_paragraph("长" * extra_chars)
    document.save(path)


def write_index(folder, rows, header=CASE_COLUMNS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(folder / "index.xlsx")


def row(
    n, title, studio, *, category="班级文化建设", directions="班级管理、文化建设", year=2025, level="省级", file=None
):
    return [
        n,
        title,
        studio.title,
        studio.school,
        category,
        directions,
        "王芳、李明",
        year,
        level,
        "一个班级的成长故事。",
        file or f"case{n}.docx",
    ]


@pytest.fixture(scope="module")
def shared_studio(django_db_setup, django_db_blocker):
    """The studio the cases are imported into, built once for the module
    (tests/fixtures/shared.py); what an import writes is undone by the test's own savepoint."""
    with built_once(django_db_blocker):
        site_tree()
        yield make_studio("星火班主任工作室", school="贵阳市第一职业学校")


@pytest.fixture
def studio(db, shared_studio):
    return copy.deepcopy(shared_studio)


@pytest.fixture(scope="module")
def word_files(tmp_path_factory):
    """The two Word documents of ``good_folder``, written once for the module; each test gets its
    own copies (some pad or rewrite the files of their folder)."""
    folder = tmp_path_factory.mktemp("word-files")
    write_docx(folder / "case1.docx")
    write_docx(folder / "case2.docx", rich=False, paragraphs=("家长在群里质疑学校的安排。", "班主任约家长面谈。"))
    return folder


@pytest.fixture
def good_folder(tmp_path, word_files, studio):
    for name in ("case1.docx", "case2.docx"):
        shutil.copyfile(word_files / name, tmp_path / name)
    write_index(
        tmp_path,
        [
            row(1, "班级公约诞生记", studio),
            row(2, "家长群里的风波", studio, category="家校沟通协调", directions="家校协同", level="", year=2024),
        ],
    )
    return tmp_path


def run(folder, *args, by="importer"):
    """The command as the administrator ``by`` runs it (``by=None``: without ``--by``)."""
    if by == "importer":
        get_user_model().objects.get_or_create(username=by, defaults={"is_superuser": True, "is_staff": True})
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cases", str(folder), *args, *(["--by", by] if by else []), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_folder_imports_every_case(good_folder, studio, client):
    out, _err = run(good_folder)
    assert "导入完成：新建 2 个，更新 0 个。" in out
    first = CasePage.objects.get(title="班级公约诞生记")
    assert first.live and first.studio.pk == studio.pk
    assert first.get_parent().pk == studio.pk
    assert first.category == CaseCategory.CLASS_CULTURE
    assert sorted(d.code for d in first.directions.all()) == sorted([Direction.CLASS_MANAGEMENT, Direction.CULTURE])
    assert first.authors == "王芳、李明"
    assert first.year == 2025
    assert first.promotion_level == PromotionLevel.PROVINCE
    promotion = first.promotions.get()
    assert (promotion.level, promotion.year, promotion.created_by.username) == ("province", 2025, "importer")
    # The 推荐意见 is a reviewer's words, shown on /promoted/: an import writes none.
    assert promotion.note == ""
    promoted_html = client.get("/promoted/").content.decode()
    assert "班级公约诞生记" in promoted_html and "导入" not in promoted_html
    second = CasePage.objects.get(title="家长群里的风波")
    assert second.promotion_level == PromotionLevel.NONE  # empty 推介级别 = 无
    assert not second.promotions.exists()
    assert client.get(first.url).status_code == 200


def test_word_formatting_is_kept_and_unsafe_content_dropped(good_folder, client):
    run(good_folder)
    case = CasePage.objects.get(title="班级公约诞生记")
    kinds = [block.block_type for block in case.body]
    assert kinds[0] == "heading"
    assert case.body[0].value["text"] == "一、案例背景"
    assert "table" in kinds
    table = next(block.value for block in case.body if block.block_type == "table")
    assert table["data"][1] == ["家访", "12"]
    image_block = next(block.value for block in case.body if block.block_type == "image")
    image = image_block["image"]
    assert isinstance(image, Image) and image.width == 60 and image.height == 40
    source = " ".join(block.value.source for block in case.body if block.block_type == "paragraph")
    assert "<b>每周一次班会</b>" in source
    assert "<i>，轮流主持</i>" in source
    assert "<ul><li>制定班级公约</li><li>评选文明宿舍</li></ul>" in source
    assert "<script" not in source and "javascript:" not in source
    assert "危险链接" in source  # the words stay, the link goes
    assert '<a href="https://www.moe.gov.cn/">教育部网站</a>' in source
    html = client.get(case.url).content.decode()
    assert "<script>alert" not in html
    assert "javascript:alert" not in html
    assert "<table" in html and "<h2" in html and "<img" in html


def test_reimport_updates_without_duplicates(good_folder):
    run(good_folder)
    images = Image.objects.count()
    write_index(
        good_folder,
        [
            row(1, "班级公约诞生记", CasePage.objects.first().studio, year=2026, level="部级"),
            row(2, "家长群里的风波", CasePage.objects.first().studio, category="家校沟通协调", directions="家校协同"),
        ],
    )
    out, _err = run(good_folder)
    assert "导入完成：新建 0 个，更新 2 个。" in out
    assert CasePage.objects.count() == 2
    assert Image.objects.count() == images  # the same picture is not stored twice
    case = CasePage.objects.get(title="班级公约诞生记")
    assert case.year == 2026 and case.promotion_level == PromotionLevel.MINISTRY


def test_dry_run_writes_nothing(good_folder):
    out, _err = run(good_folder, "--dry-run")
    assert "将新建 2 个" in out
    assert not CasePage.objects.exists()
    assert not Image.objects.exists()


def test_bad_folder_reports_every_problem_and_writes_nothing(tmp_path, studio):
    write_docx(tmp_path / "ok.docx")
    write_docx(tmp_path / "long.docx", rich=False, paragraphs=(), extra_chars=3100)
    write_index(
        tmp_path,
        [
            row(1, "好案例", studio, file="ok.docx"),
            row(2, "缺文件的案例", studio, file="missing.docx"),
            [
                3,
                "找不到工作室的案例",
                "不存在的工作室",
                studio.school,
                "班级文化建设",
                "班级管理",
                "王芳",
                2025,
                "",
                "摘要",
                "ok.docx",
            ],
            row(4, "类别错误的案例", studio, category="不存在的类别", file="ok.docx"),
            row(5, "超长案例", studio, file="long.docx"),
            row(6, "方向错误的案例", studio, directions="思想引领、火星探索", file="ok.docx"),
            row(7, "年度错误的案例", studio, year="明年", file="ok.docx"),
            row(8, "级别错误的案例", studio, level="国家级", file="ok.docx"),
        ],
    )
    with pytest.raises(CommandError) as excinfo:
        run(tmp_path)
    assert "未写入任何数据" in str(excinfo.value)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_cases", str(tmp_path), "--by", "importer", stdout=io.StringIO(), stderr=err)
    messages = err.getvalue()
    # 3100 "长" + the heading 一、案例背景 (6 characters)
    expected = [
        "第3行 正文文件：找不到文件“missing.docx”",
        "第4行 工作室：找不到“贵阳市第一职业学校”的“不存在的工作室”",
        "第5行 案例类别：“不存在的类别”不是有效的案例类别",
        "第6行 正文文件：正文不能超过 3000 字（不含空白字符），当前为 3106 字，请删减 106 字。",
        "第7行 建设方向：“火星探索”不是有效的建设方向",
        "第8行 年度：“明年”不是有效的年度",
        "第9行 推介级别：“国家级”不是有效的推介级别",
    ]
    for message in expected:
        assert message in messages
    assert "第2行" not in messages
    assert not CasePage.objects.exists()
    assert not Image.objects.exists()


def test_levels_are_imported_only_in_the_name_of_an_administrator(good_folder):
    from promotions.models import Promotion

    out, err = run(good_folder, by=None)
    assert "导入完成：新建 2 个" in out
    assert "第2行 推介级别：“省级”未导入，推介须由站点管理员导入（import_cases --by 用户名）" in err
    assert "第3行" not in err  # no level, nothing left out
    assert not Promotion.objects.exists()
    assert CasePage.objects.get(title="班级公约诞生记").promotion_level == PromotionLevel.NONE


def test_an_account_imports_only_the_levels_the_promotion_policy_allows_it(good_folder, studio):
    from promotions.models import Promotion, ReviewerProfile, ReviewerRole

    reviewer = get_user_model().objects.create_user("xiaoshen")
    ReviewerProfile.objects.create(user=reviewer, role=ReviewerRole.SCHOOL, school=studio.school, province="guizhou")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_cases", str(good_folder), "--by", "xiaoshen", stdout=io.StringIO(), stderr=err)
    assert "第2行 推介级别：账号“xiaoshen”无权做省级推介" in err.getvalue()

    write_index(good_folder, [row(1, "班级公约诞生记", studio, level="校级")])
    run(good_folder, by="xiaoshen")
    promotion = Promotion.objects.get()
    assert (promotion.level, promotion.created_by) == ("school", reviewer)


def test_reimporting_an_exported_level_adds_no_second_promotion(good_folder):
    run(good_folder)
    case = CasePage.objects.get(title="班级公约诞生记")
    case.promotions.update(year=2026)  # e.g. a reviewer's promotion in another year
    run(good_folder)
    assert case.promotions.count() == 1


def test_wrong_header_is_refused(tmp_path, studio):
    write_index(tmp_path, [], header=["序号", "标题"])
    with pytest.raises(CommandError):
        run(tmp_path)


def test_a_case_another_import_created_meanwhile_is_updated_not_duplicated(good_folder):
    """Both runs validated the folder before either wrote; the later one decides again under the lock."""
    from pathlib import Path

    from cases import importer

    user = get_user_model().objects.create_superuser("importer", "i@example.cn", "pw")
    rows, problems = importer.validate(importer.read_rows(good_folder), Path(good_folder), user)
    assert not problems and all(row.existing_id is None for row in rows)
    run(good_folder)  # the other run finishes first

    result = importer.ImportResult(rows=rows)
    importer.write_rows(rows, result, user)
    assert CasePage.objects.count() == 2
    assert (len(result.created), len(result.updated)) == (0, 2)


# --- files that would unpack out of proportion -------------------------------------------------


def pad(path, size, member="word/media/pad.bin"):
    """Add a member of ``size`` zero bytes (it compresses about a thousand times)."""
    import zipfile

    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, bytes(size))


def import_problems(folder):
    err = io.StringIO()
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import_cases", str(folder), "--by", "importer", stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.fixture
def importer_account(db):
    return get_user_model().objects.create_superuser("importer", "i@example.cn", "pw")


def test_a_word_file_out_of_proportion_is_refused_before_it_is_read(good_folder, importer_account, settings):
    pad(good_folder / "case1.docx", 12 * 1024 * 1024)
    messages = import_problems(good_folder)
    assert "第2行 正文文件：“case1.docx”的压缩比异常" in messages
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    messages = import_problems(good_folder)
    assert "第2行 正文文件：“case1.docx”解压后有 13 MB，超过上限 1 MB" in messages
    assert "第3行" not in messages
    assert not CasePage.objects.exists() and not Image.objects.exists()


def test_an_index_out_of_proportion_is_refused(good_folder, importer_account):
    pad(good_folder / "index.xlsx", 12 * 1024 * 1024, member="xl/pad.bin")
    assert "“index.xlsx”的压缩比异常" in import_problems(good_folder)
    assert not CasePage.objects.exists()


def test_pictures_in_word_files_meet_the_upload_limits(good_folder, importer_account, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 2000  # the picture in case1.docx is 60×40
    messages = import_problems(good_folder)
    assert "第2行 正文文件：“case1.docx”中的图1像素过多（60×40，上限 2,000 像素）" in messages
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    assert "第2行 正文文件：“case1.docx”中的图1过大" in import_problems(good_folder)
    assert not CasePage.objects.exists() and not Image.objects.exists()


def test_only_files_inside_the_import_folder_are_read(tmp_path, studio, importer_account):
    folder = tmp_path / "import"
    folder.mkdir()
    write_docx(tmp_path / "outside.docx")
    (folder / "link.docx").symlink_to(tmp_path / "outside.docx")
    write_index(
        folder,
        [
            row(1, "上级目录的案例", studio, file="../outside.docx"),
            row(2, "绝对路径的案例", studio, file=str(tmp_path / "outside.docx")),
            row(3, "链接出去的案例", studio, file="link.docx"),
        ],
    )
    messages = import_problems(folder)
    for number, name in ((2, "../outside.docx"), (3, str(tmp_path / "outside.docx")), (4, "link.docx")):
        assert f"第{number}行 正文文件：“{name}”不在导入文件夹中" in messages
    assert not CasePage.objects.exists()
