"""A typical case as a PDF, generated on the server from the same content as its page.

reportlab with the built-in CID font STSong-Light (ships with reportlab, needs no
font files) for Chinese text.
"""

import io
import itertools
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Image, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.flowables import HRFlowable

from core.models import SiteIdentity

from .body import Heading, Link, ListBlock, Picture, body_elements
from .body import Paragraph as BodyParagraph
from .body import Table as BodyTable
from .sharing import page_url

FONT = "STSong-Light"
_registered = False

# Chinese punctuation that may not begin a line (W3C clreq, GB/T 15834: 行首禁则). ReportLab's CJK
# line breaker knows the Japanese full stop and comma but not the Chinese ，；：！？” and hangs
# at most one mark at a line end, so "），" or "。”" still put a mark at the next line's start.
# ReportLab has no option for either: its splitter (a module-level function the paragraph
# module calls by name) is wrapped once, before the first PDF, to hang the whole run of marks.
NO_LINE_START = "，。、；：！？）》〉」』】〕”’…％·"


def _hang_closing_punctuation(split):
    def wrapped(text, max_widths, font_name, font_size, *args, **kwargs):
        lines = split(text, max_widths, font_name, font_size, *args, **kwargs)
        for previous, line in itertools.pairwise(lines):
            run = len(line[1]) - len(line[1].lstrip(NO_LINE_START))
            if run and run < len(line[1]):
                width = pdfmetrics.stringWidth(line[1][:run], font_name, font_size)
                previous[0], previous[1] = previous[0] - width, previous[1] + line[1][:run]
                line[0], line[1] = line[0] + width, line[1][run:]
        return lines

    wrapped.hangs_closing_punctuation = True
    return wrapped


def _follow_chinese_line_breaking_rules():
    for module in (rl_paragraph, rl_textsplit):
        missing = "".join(ch for ch in NO_LINE_START if ch not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing
    if not getattr(rl_paragraph.wordSplit, "hangs_closing_punctuation", False):
        rl_paragraph.wordSplit = _hang_closing_punctuation(rl_paragraph.wordSplit)


def _register_font():
    global _registered
    if not _registered:
        _follow_chinese_line_breaking_rules()
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        from reportlab.lib.fonts import addMapping

        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FONT, bold, italic, FONT)
        _registered = True


def _styles():
    base = {"fontName": FONT, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=4 * mm, **base),
        "meta": ParagraphStyle("meta", fontSize=9.5, leading=15, textColor=colors.HexColor("#444444"), **base),
        "summary": ParagraphStyle(
            "summary",
            fontSize=10.5,
            leading=17,
            backColor=colors.HexColor("#f2f6f8"),
            borderPadding=3 * mm,
            spaceBefore=3 * mm,
            spaceAfter=5 * mm,
            **base,
        ),
        "body": ParagraphStyle("body", fontSize=11, leading=19, firstLineIndent=22, spaceAfter=2.5 * mm, **base),
        "quote": ParagraphStyle(
            "quote", fontSize=10.5, leading=18, leftIndent=8 * mm, textColor=colors.HexColor("#333333"), **base
        ),
        "item": ParagraphStyle("item", fontSize=11, leading=19, **base),
        "cell": ParagraphStyle("cell", fontSize=9.5, leading=14, **base),
        "caption": ParagraphStyle("caption", fontSize=9, leading=13, alignment=TA_CENTER, **base),
        2: ParagraphStyle("h2", fontSize=14, leading=22, spaceBefore=4 * mm, spaceAfter=2 * mm, **base),
        3: ParagraphStyle("h3", fontSize=12.5, leading=20, spaceBefore=3 * mm, spaceAfter=1.5 * mm, **base),
        4: ParagraphStyle("h4", fontSize=11.5, leading=19, spaceBefore=2 * mm, spaceAfter=1 * mm, **base),
        "footer": ParagraphStyle("footer", fontSize=8.5, leading=12, textColor=colors.HexColor("#666666"), **base),
    }


def _markup(runs):
    parts = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br/>")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


def _picture(picture, width, styles):
    try:
        rendition = picture.image.get_rendition("max-1200x1200")
        with rendition.file.open("rb") as handle:
            data = io.BytesIO(handle.read())
        reader = ImageReader(data)
        w, h = reader.getSize()
        scale = min(1.0, width / w, (110 * mm) / h)
        data.seek(0)
        flowables = [Image(data, width=w * scale, height=h * scale)]
    except Exception:  # noqa: BLE001 - a missing image file must not stop the PDF
        flowables = []
    if picture.caption:
        flowables.append(Paragraph(escape(picture.caption), styles["caption"]))
    return flowables


def _table(table, width, styles):
    columns = max(len(row) for row in table.rows)
    data = [
        [Paragraph(escape(cell).replace("\n", "<br/>"), styles["cell"]) for cell in row + [""] * (columns - len(row))]
        for row in table.rows
    ]
    flow = Table(data, colWidths=[width / columns] * columns, repeatRows=1 if table.header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if table.header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6eef3")))
    flow.setStyle(TableStyle(style))
    result = [flow]
    if table.caption:
        result.append(Paragraph(escape(table.caption), styles["caption"]))
    return result


def body_flowables(body, width, styles):
    flowables = []
    for element in body_elements(body):
        if isinstance(element, Heading):
            flowables.append(Paragraph(escape(element.text), styles[element.level]))
        elif isinstance(element, BodyParagraph):
            style = styles["quote"] if element.style == "quote" else styles["body"]
            flowables.append(Paragraph(_markup(element.runs), style))
        elif isinstance(element, ListBlock):
            items = [ListItem(Paragraph(_markup(runs), styles["item"])) for runs in element.items]
            flowables.append(
                ListFlowable(
                    items,
                    bulletType="1" if element.ordered else "bullet",
                    bulletFontName=FONT,
                    leftIndent=8 * mm,
                    spaceAfter=2 * mm,
                )
            )
        elif isinstance(element, BodyTable):
            flowables += _table(element, width, styles)
            flowables.append(Spacer(1, 3 * mm))
        elif isinstance(element, Picture):
            flowables += _picture(element, width, styles)
            flowables.append(Spacer(1, 3 * mm))
        elif isinstance(element, Link):
            flowables.append(Paragraph(f"视频/链接：{escape(element.url)}", styles["quote"]))
    return flowables


def case_pdf_bytes(case, request=None):
    """The PDF of a :class:`cases.models.CasePage`."""
    _register_font()
    styles = _styles()
    buffer = io.BytesIO()
    url = page_url(case, request)
    site_name = SiteIdentity.name_for(request)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=case.title,
        author=case.authors,
        subject="典型案例",
        creator=site_name,
    )
    studio = case.studio
    meta = [
        ("工作室", studio.title if studio else ""),
        ("学校", studio.school if studio else ""),
        ("省份", studio.get_province_display() if studio else ""),
        ("案例类别", case.get_category_display()),
        ("建设方向", "、".join(str(label) for label in case.direction_labels)),
        ("年度", str(case.year or "")),
        ("作者", case.authors),
    ]
    if case.is_promoted:
        meta.append(("推介级别", case.get_promotion_level_display()))
    story = [Paragraph(escape(case.title), styles["title"])]
    story.append(
        Paragraph(
            "　".join(f"{escape(label)}：{escape(str(value))}" for label, value in meta if value),
            styles["meta"],
        )
    )
    if case.summary:
        story.append(Paragraph(f"摘要：{escape(case.summary)}", styles["summary"]))
    story.append(HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#bbbbbb"), spaceAfter=3 * mm))
    story += body_flowables(case.body, doc.width, styles)
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(f"来源：{escape(site_name)}　{escape(url)}", styles["footer"]))

    footer = page_footer(f"{case.title[:40]} · {site_name}", 20 * mm)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def page_footer(text, margin):
    """A page callback for ``doc.build``: ``text`` and the page number at the foot of an A4 page."""

    def draw(canvas, document):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawString(margin, 10 * mm, text)
        canvas.drawRightString(A4[0] - margin, 10 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    return draw
