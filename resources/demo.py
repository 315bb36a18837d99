"""Demo handbooks and resources for ``load_demo`` (idempotent).

Resources and handbooks are spread over the live demo studios; each is found by
its slug below its studio, so a second run adds nothing and what an editor
changed is left alone. The resources are data, ``resources/demo_data/resources.toml``:
each its own material, whose sections and table go into the files (PDF, Word, Excel)
generated here; the handbooks' text comes from :mod:`resources.demo_content`.
"""

import functools
import io
import tomllib
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from core.choices import Direction as DirectionChoice
from core.choices import ResourceType
from core.demo_images import banner, wagtail_image
from core.models import Direction, EditorGuidance
from core.slugs import change_slug, pinyin_slug
from studios.demo import choice, demo_studios

from .demo_content import CASE_GUIDE_HANDBOOK, MAIN_HANDBOOK, SHORT_HANDBOOK
from .models import HandbookChapterPage, HandbookPage, ResourceFile, ResourcePage, Topic

FORMAT_NAMES = {"pdf": "PDF 版", "docx": "Word 版", "xlsx": "Excel 表格"}
VIDEO_BASE_URL = "https://video.example.com/bzr-demo/"  # placeholder host: the demo has no real videos


DATA = Path(__file__).resolve().parent / "demo_data" / "resources.toml"


@functools.cache
def _resources():
    with open(DATA, "rb") as handle:
        items = tomllib.load(handle)["resource"]
    return [
        {
            "slug": item["slug"],
            "resource_type": ResourceType(choice(ResourceType, item["type"], f"resources.toml {item['slug']}")),
            "title": item["title"],
            "description": item["description"],
            "codes": [choice(DirectionChoice, label, f"resources.toml {item['slug']}") for label in item["directions"]],
            "formats": "video" if item.get("video") else item["formats"],
            "sections": [tuple(section) for section in item.get("section", [])],
            "table": item.get("table"),
        }
        for item in items
    ]


def demo_resources():
    """The demo resources as plain data, in the file's order (copies: callers may change them)."""
    return [dict(item) for item in _resources()]


def resource_text(item):
    """What a reader reads of a planned resource: its description, its files' sections and table."""
    table = table_for(item)
    cells = [str(cell) for row in [table[0], *table[1]] for cell in row] if item["formats"] != "video" else []
    return "".join([item["description"], *(heading + text for heading, text in item["sections"]), *cells])


# --- File generators ----------------------------------------------------------------
def sections_for(item):
    return [("简介", item["description"]), *item["sections"]]


def table_for(item):
    """``(header, rows)``: the resource's own table, or one listing its sections."""
    if item["table"]:
        header, *rows = item["table"]
        return header, rows
    return ["序号", "项目", "说明"], [[i, name, text] for i, (name, text) in enumerate(item["sections"], start=1)]


def pdf_bytes(title, subtitle, sections):
    """A small valid PDF with Chinese text (reportlab's built-in CID font, no font file needed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    title_style = ParagraphStyle("title", fontName="STSong-Light", fontSize=18, leading=26, spaceAfter=6)
    meta_style = ParagraphStyle("meta", fontName="STSong-Light", fontSize=10, leading=14, textColor="#555555")
    heading_style = ParagraphStyle("heading", fontName="STSong-Light", fontSize=13, leading=20, spaceBefore=10)
    body_style = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK")
    story = [Paragraph(title, title_style), Paragraph(subtitle, meta_style), Spacer(1, 12)]
    for heading, text in sections:
        story += [Paragraph(heading, heading_style), Paragraph(text, body_style)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title, author=subtitle).build(story)
    return buffer.getvalue()


def docx_bytes(title, subtitle, sections, table):
    from docx import Document as WordDocument

    document = WordDocument()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    document.add_paragraph(subtitle).italic = True
    for heading, text in sections:
        document.add_heading(heading, level=2)
        document.add_paragraph(text)
    header, rows = table
    document.add_heading("附表", level=2)
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    for cell, value in zip(grid.rows[0].cells, header, strict=True):
        cell.text = str(value)
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(title, subtitle, table):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = table
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([subtitle])
    sheet.append([])
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index in range(len(header)):
        sheet.column_dimensions[chr(ord("A") + index)].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_document(title, filename, content, collection):
    document_model = get_document_model()
    document = document_model(title=title, collection=collection)
    document.file.save(filename, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def files_for(item, studio):
    """The resource's files, in its studio's collection (where the studio's editors choose documents)."""
    collection = studio.space.collection
    slug, title, formats = item["slug"], item["title"], item["formats"]
    subtitle = f"{studio.title} · {studio.school}"
    sections = sections_for(item)
    table = table_for(item)
    makers = {
        "pdf": lambda: pdf_bytes(title, subtitle, sections),
        "docx": lambda: docx_bytes(title, subtitle, sections, table),
        "xlsx": lambda: xlsx_bytes(title, subtitle, table),
    }
    return [
        ResourceFile(
            document=make_document(f"{title}（{FORMAT_NAMES[fmt]}）", f"{slug}.{fmt}", makers[fmt](), collection),
            title=f"{title}（{FORMAT_NAMES[fmt]}）",
            sort_order=position,  # listed order (PDF first); not set by assigning the list
        )
        for position, fmt in enumerate(formats)
    ]


# --- Loaders ------------------------------------------------------------------------
def _publish(page):
    page.save_revision().publish()
    return page


def load_resources(studios, stdout):
    directions = {row.code: row for row in Direction.objects.all()}
    created = 0
    for index, item in enumerate(_resources()):
        studio = studios[index % len(studios)]
        slug = item["slug"]
        address = pinyin_slug(item["title"])
        existing = ResourcePage.objects.child_of(studio).filter(slug__in=[address, slug]).first()
        if existing is not None:
            if existing.slug != address:  # loaded before pinyin addresses: move, redirecting the old one
                change_slug(existing, address)
            continue
        video = item["formats"] == "video"
        resource = ResourcePage(
            title=item["title"],
            slug=address,
            resource_type=item["resource_type"],
            description=item["description"],
            video_url=f"{VIDEO_BASE_URL}{slug}" if video else "",
        )
        resource.directions = [directions[code] for code in item["codes"]]
        if not video:
            resource.files = files_for(item, studio)
        studio.add_child(instance=resource)
        _publish(resource)
        created += 1
    return created


def load_handbook(spec, studio, stdout):
    handbook = HandbookPage.objects.child_of(studio).filter(slug=spec["slug"]).first()
    if handbook is None:
        handbook = HandbookPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            intro=spec["intro"],
            cover=cover_for(spec, studio),
        )
        handbook.topics = list(Topic.objects.filter(code__in=spec["topics"]))
        studio.add_child(instance=handbook)
        _publish(handbook)
    added = 0
    for number, (title, body) in enumerate(spec["chapters"], start=1):
        slug = pinyin_slug(f"第{number}章")  # di-1-zhang
        existing = HandbookChapterPage.objects.child_of(handbook).filter(slug__in=[slug, f"chapter-{number}"]).first()
        if existing is not None:
            if existing.slug != slug:  # loaded before pinyin addresses: move, redirecting the old one
                change_slug(existing, slug)
            continue
        chapter = HandbookChapterPage(title=title, slug=slug, body=body)
        handbook.add_child(instance=chapter)
        _publish(chapter)
        added += 1
    return added


def link_case_writing_guide(spec):
    """Point the case editor's guidance link at the guide's first chapter, unless an administrator chose."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    handbook = HandbookPage.objects.filter(slug=spec["slug"]).first()
    if site is None or handbook is None:
        return
    guidance = EditorGuidance.for_site(site)
    if guidance.case_writing_guide_id is None:
        guidance.case_writing_guide = handbook.chapters().first()
        guidance.save()


def cover_for(spec, studio):
    return wagtail_image(
        f"手册封面：{spec['title']}",
        lambda: banner(spec["title"], seed=spec["slug"], subtitle="班主任工作手册"),
        filename=f"handbook-{spec['slug']}.jpg",
        collection=studio.space.collection,
    )


@transaction.atomic
def load(stdout):
    """Create the demo handbooks and resources below the live demo studios."""
    studios = list(demo_studios())
    if not studios:
        stdout.write("资源与手册：没有已发布的工作室，跳过（请先载入工作室演示数据）。")
        return
    resources = load_resources(studios, stdout)
    chapters = load_handbook(MAIN_HANDBOOK, studios[0], stdout)
    chapters += load_handbook(SHORT_HANDBOOK, studios[1 % len(studios)], stdout)
    chapters += load_handbook(CASE_GUIDE_HANDBOOK, studios[2 % len(studios)], stdout)
    link_case_writing_guide(CASE_GUIDE_HANDBOOK)
    total = ResourcePage.objects.live().count()
    types = ResourcePage.objects.live().values("resource_type").distinct().count()
    stdout.write(
        f"资源与手册：新增资源 {resources} 项（共 {total} 项，{types}/{len(ResourceType.values)} 种类型），"
        f"新增手册章节 {chapters} 章。"
    )
