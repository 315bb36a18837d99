"""The gate in imports, attachments (.docx/.pdf/.xlsx), uploaded images' EXIF and ``privacy_audit``."""

import csv
import io
import zipfile

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from wagtail.documents.models import Document
from wagtail.images.models import Image

from cases.models import CaseAttachment, CasePage
from privacy import attachments
from privacy.detector import id_check_digit
from privacy.pages import PrivacyBlocked
from resources.models import ResourceFile
from studios.models import StudioPage
from tests.cases.helpers import make_case
from tests.cases.test_import import row, write_docx, write_index
from tests.factories import make_studio
from tests.fixtures.spreadsheets import studio_row, write_workbook
from tests.resources.factories import make_resource

ID = "52010219900307123" + id_check_digit("52010219900307123")


# Files --------------------------------------------------------------------------------------
def docx_bytes(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(*rows):
    workbook = Workbook()
    for values in rows:
        workbook.active.append(list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(72, 720, text)
    pdf.save()
    return buffer.getvalue()


def test_text_of_docx_xlsx_and_pdf_is_read():
    assert "家长电话13800138000" in attachments.extract_text(docx_bytes("家长电话13800138000"), "docx")
    assert "13800138000" in attachments.extract_text(xlsx_bytes(["姓名", "电话"], ["学生甲", "13800138000"]), "xlsx")
    assert "13800138000" in attachments.extract_text(pdf_bytes("家长电话13800138000"), "pdf")
    assert attachments.extract_text(b"plain", "txt") is None


def test_untrusted_files_are_bounded_before_parsing(settings):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", "0" * (attachments.MAX_UNPACKED_BYTES + 1))
    with pytest.raises(attachments.Unreadable, match="解压后过大"):
        attachments.extract_text(bomb.getvalue(), "docx")
    with pytest.raises(attachments.Unreadable, match="超过"):
        attachments.extract_text(b"0" * (attachments.MAX_FILE_BYTES + 1), "pdf")
    with pytest.raises(attachments.Unreadable, match="损坏"):
        attachments.extract_text(b"%PDF-1.4 not really", "pdf")


def document(name, data, title="附件"):
    return Document.objects.create(title=title, file=ContentFile(data, name=name))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("record.docx", lambda: docx_bytes("学生家长电话：13800138000")),
        ("list.xlsx", lambda: xlsx_bytes(["学号", "20230156"], ["身份证", ID])),
        ("note.pdf", lambda: pdf_bytes(f"身份证号{ID}")),
    ],
)
def test_a_case_linking_a_document_with_personal_data_cannot_be_published(site_tree, name, data):
    studio = make_studio()
    case = make_case(studio, "家访", publish=False)
    case.attachments = [CaseAttachment(document=document(name, data(), title="家访记录"))]
    report = case.privacy_report()
    assert report.blocking and all(item.where == "附件《家访记录》" for item in report.blocking)
    with pytest.raises(PrivacyBlocked, match="附件《家访记录》"):
        case.save_revision().publish()


def test_resource_files_are_scanned_and_an_unreadable_one_asks_for_a_check(site_tree):
    studio = make_studio()
    resource = make_resource(studio, publish=False, documents=[document("plan.docx", docx_bytes("班级公约"))])
    assert resource.privacy_report().items == []
    resource.files = [ResourceFile(document=document("bad.docx", b"PK not a zip", title="名单"))]
    (item,) = resource.privacy_report().warnings
    assert item.where == "附件《名单》" and item.finding.label == "无法检查的附件"
    assert "人工核实" in item.finding.masked
    resource.files = [ResourceFile(document=document("list.xlsx", xlsx_bytes(["学生家长电话", "13800138000"])))]
    with pytest.raises(PrivacyBlocked):
        resource.save_revision().publish()


# EXIF ------------------------------------------------------------------------------------------
def jpeg_with_exif():
    image = PILImage.new("RGB", (80, 60), (120, 160, 200))
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x013B] = "王老师"  # Artist (owner)
    exif[0x8825] = {1: "N", 2: (26.0, 35.0, 0.0), 3: "E", 4: (106.0, 42.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_uploaded_images_lose_their_exif(admin_client, site_tree):
    data = jpeg_with_exif()
    assert PILImage.open(io.BytesIO(data)).getexif()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "班会合影", "file": SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")},
    )
    assert response.status_code == 302
    image = Image.objects.get(title="班会合影")
    with image.file.open("rb") as handle:
        stored = PILImage.open(io.BytesIO(handle.read()))
        assert not stored.getexif() and stored.size == (80, 60)
    assert image.file_size == image.file.size


# Imports -------------------------------------------------------------------------------------------
def test_import_cases_rejects_a_folder_with_an_id_number_and_writes_nothing(tmp_path, site_tree):
    studio = make_studio("星火班主任工作室", school="贵阳市第一职业学校")
    write_docx(tmp_path / "case1.docx", rich=False)
    write_docx(tmp_path / "case2.docx", rich=False, paragraphs=(f"该生身份证号{ID}，家住幸福路12号3栋501室。",))
    write_index(tmp_path, [row(1, "班级公约诞生记", studio, level=""), row(2, "深夜的宿舍", studio, level="")])
    err = io.StringIO()
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import_cases", str(tmp_path), stdout=io.StringIO(), stderr=err)
    messages = err.getvalue()
    assert f"第3行 正文文件：含有身份证号 5201**********{ID[-4:]}，请删除或改写后再导入" in messages
    assert "第3行 正文文件：含有家庭住址" in messages
    assert ID not in messages
    assert not CasePage.objects.exists()  # all or nothing: the clean first row is not written either


def test_import_cases_lists_warnings_and_imports(tmp_path, site_tree):
    studio = make_studio("星火班主任工作室", school="贵阳市第一职业学校")
    write_docx(tmp_path / "case1.docx", rich=False, paragraphs=("学生王小明今年16岁。",))
    write_index(tmp_path, [row(1, "班级公约诞生记", studio, level="")])
    err = io.StringIO()
    call_command("import_cases", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "隐私提示（请核实）：第2行 正文文件：疑似真实姓名 王**" in err.getvalue()
    assert CasePage.objects.get().live


def test_import_studios_rejects_personal_data_in_any_cell(tmp_path, site_tree):
    path = write_workbook(
        tmp_path / "studios.xlsx",
        [studio_row(1), studio_row(2, 简介="学生家长电话：13800138000，欢迎来访。")],
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_studios", str(path), stdout=io.StringIO(), stderr=err)
    assert "第3行 简介：含有手机号 138****8000，请删除或改写后再导入" in err.getvalue()
    assert not StudioPage.objects.exists()


def test_import_studios_allows_the_studios_office_contact(tmp_path, site_tree):
    path = write_workbook(tmp_path / "studios.xlsx", [studio_row(1, 简介="工作室联系电话：0851-86812345。")])
    call_command("import_studios", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert StudioPage.objects.get().live


# The audit -------------------------------------------------------------------------------------------
def test_privacy_audit_reports_live_pages_in_text_and_csv(site_tree):
    studio = make_studio()
    clean = make_case(studio, "班级公约", text="<p>我们一起制定了班级公约。</p>")
    named = make_case(studio, "沉默的少年", text="<p>学生王小明今年16岁。</p>")
    # Content published before the gate existed (written to the page row directly).
    CasePage.objects.filter(pk=clean.pk).update(summary="家长电话13800138000")
    out = io.StringIO()
    call_command("privacy_audit", stdout=out)
    text = out.getvalue()
    assert f"【典型案例】班级公约（页面 {clean.pk}" in text and "须删除 摘要：手机号 138****8000" in text
    assert f"【典型案例】沉默的少年（页面 {named.pk}" in text and "须确认 正文：疑似真实姓名 王**" in text
    assert "其中须删除 1 处、须确认 1 处" in text

    out = io.StringIO()
    call_command("privacy_audit", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:3] == ["页面ID", "页面类型", "标题"]
    assert [str(clean.pk), "典型案例", "班级公约", clean.url_path, "摘要", "手机号", "须删除", "138****8000"] in rows

    with pytest.raises(CommandError, match="1 处须删除"):
        call_command("privacy_audit", "--fail", stdout=io.StringIO())
