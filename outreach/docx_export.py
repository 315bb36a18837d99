"""A StreamField body → a Word (.docx) document that ``cases.word.convert_docx`` reads back.

Headings h2/h3/h4 → Heading 1/2/3 (the importer maps Heading 1 → h2, Heading 2 → h3,
deeper → h4); paragraphs keep bold and italic runs; lists use the List Bullet /
List Number styles; tables become Word tables with a bold header row; images are
embedded pictures with a Caption paragraph; quotes use the Quote style.
"""

import io

import docx
from docx.shared import Cm

from .body import Heading, Link, ListBlock, Paragraph, Picture, Table, body_elements

HEADING_LEVELS = {2: 1, 3: 2, 4: 3}
PICTURE_WIDTH = Cm(14)


def _add_runs(paragraph, runs):
    for run in runs:
        parts = run.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                paragraph.add_run().add_break()
            if part:
                added = paragraph.add_run(part)
                added.bold = run.bold or None
                added.italic = run.italic or None


def _add_picture(document, picture):
    try:
        rendition = picture.image.get_rendition("max-1600x1600")
        with rendition.file.open("rb") as handle:
            data = io.BytesIO(handle.read())
        document.add_picture(data, width=min(PICTURE_WIDTH, Cm(rendition.width / 37.8)))
    except Exception:  # noqa: BLE001 - a missing image file must not stop the export
        document.add_paragraph(f"［图片：{picture.image.title}］")
    if picture.caption:
        document.add_paragraph(picture.caption, style="Caption")


def body_document(body, title=None):
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for element in body_elements(body):
        if isinstance(element, Heading):
            document.add_heading(element.text, level=HEADING_LEVELS.get(element.level, 3))
        elif isinstance(element, Paragraph):
            paragraph = document.add_paragraph(style="Quote" if element.style == "quote" else None)
            _add_runs(paragraph, element.runs)
        elif isinstance(element, ListBlock):
            style = "List Number" if element.ordered else "List Bullet"
            for runs in element.items:
                _add_runs(document.add_paragraph(style=style), runs)
        elif isinstance(element, Table):
            columns = max(len(row) for row in element.rows)
            table = document.add_table(rows=0, cols=columns)
            table.style = "Table Grid"
            for row_index, row in enumerate(element.rows):
                cells = table.add_row().cells
                for cell, text in zip(cells, row + [""] * (columns - len(row)), strict=True):
                    cell.text = text
                    if row_index == 0 and element.header:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            if element.caption:
                document.add_paragraph(element.caption, style="Caption")
        elif isinstance(element, Picture):
            _add_picture(document, element)
        elif isinstance(element, Link):
            document.add_paragraph(element.url)
    return document


def write_body_docx(body, path, title=None):
    body_document(body, title).save(path)
