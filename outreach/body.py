"""A StreamField body (core.blocks.BaseStreamBlock) as a neutral list of elements.

The Word (.docx) and PDF writers both render this list, so the exported Word
file, the PDF and the web page carry the same content:

- ``Heading(level, text)`` – level 2-4 as on the page (h2-h4)
- ``Paragraph(runs, style)`` – runs are ``Run(text, bold, italic)``; style ``"quote"`` for quotes
- ``ListBlock(ordered, items)`` – each item a list of runs
- ``Table(rows, caption)`` – rows of cell texts, the first row a header when ``first_row_is_header``
- ``Picture(image, caption)`` – a Wagtail image
- ``Link(url)`` – an embedded video or page, kept as its address
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from wagtail.rich_text import RichText


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    runs: list
    style: str = ""

    @property
    def text(self):
        return "".join(run.text for run in self.runs)


@dataclass
class ListBlock:
    ordered: bool
    items: list = field(default_factory=list)


@dataclass
class Table:
    rows: list
    header: bool = False
    caption: str = ""


@dataclass
class Picture:
    image: object
    caption: str = ""


@dataclass
class Link:
    url: str


class _RichTextParser(HTMLParser):
    """Wagtail rich text (database HTML) → Paragraph / Heading / ListBlock elements."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.bold = 0
        self.italic = 0
        self.runs = None
        self.block_tag = None
        self.lists = []

    def _start_block(self, tag):
        self._end_block()
        self.runs = []
        self.block_tag = tag

    def _end_block(self):
        if self.runs is None:
            return
        runs = [run for run in self.runs if run.text]
        tag, self.runs, self.block_tag = self.block_tag, None, None
        if not runs and tag != "li":
            return
        if tag == "li" and self.lists:
            self.lists[-1].items.append(runs)
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.elements.append(Heading(min(max(int(tag[1]), 2), 4), "".join(run.text for run in runs).strip()))
        else:
            self.elements.append(Paragraph(runs, "quote" if tag == "blockquote" else ""))

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._end_block()
            self.lists.append(ListBlock(ordered=tag == "ol"))
        elif tag in self.BLOCKS:
            self._start_block(tag)
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                block = self.lists.pop()
                if block.items:
                    self.elements.append(block)
        elif tag in self.BLOCKS:
            self._end_block()
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)

    def handle_data(self, data):
        if self.runs is None:
            if not data.strip():
                return
            self._start_block("p")
        text = data if data == "\n" else " ".join(data.split("\n"))
        self.runs.append(Run(text, bool(self.bold), bool(self.italic)))

    def close(self):
        super().close()
        self._end_block()
        while self.lists:
            block = self.lists.pop()
            if block.items:
                self.elements.append(block)


def rich_text_elements(value):
    """Elements of one rich text value (RichText or an HTML string)."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    parser = _RichTextParser()
    parser.feed(source)
    parser.close()
    return parser.elements


def _table(value):
    value = value or {}
    rows = [["" if cell is None else str(cell) for cell in row or []] for row in value.get("data") or []]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    return Table(rows, bool(value.get("first_row_is_header")), value.get("table_caption") or "")


def body_elements(body):
    """Elements of a StreamField value, in order."""
    elements = []
    for child in body or []:
        kind, value = child.block_type, child.value
        if kind == "heading":
            size = str(value.get("size") or "h2")
            elements.append(Heading(int(size[1]) if size[1:].isdigit() else 2, value.get("text") or ""))
        elif kind == "paragraph":
            elements += rich_text_elements(value)
        elif kind == "image":
            image = value.get("image")
            if image is not None:
                elements.append(Picture(image, value.get("caption") or ""))
        elif kind == "quote":
            elements.append(Paragraph([Run(value.get("text") or "")], "quote"))
            if value.get("attribution"):
                elements.append(Paragraph([Run(value["attribution"])], "quote"))
        elif kind == "table":
            table = _table(value)
            if table.rows:
                elements.append(table)
        elif kind == "embed":
            url = getattr(value, "url", None) or str(value or "")
            if url:
                elements.append(Link(url))
        else:  # a block type added later: keep its text
            from django.utils.html import strip_tags

            text = strip_tags(str(child)).strip()
            if text:
                elements.append(Paragraph([Run(text)]))
    return elements
