"""Word (.docx) → case body blocks, with python-docx.

The document is read in order and mapped onto the shared block library:

- headings (styles 标题 1-9 / Heading 1-9, Title) → ``heading`` blocks (h2-h4);
- paragraphs and lists, with bold, italic, line breaks and safe links →
  ``paragraph`` rich text (consecutive ones share one block);
- tables → ``table`` blocks (merged cells are kept once);
- embedded pictures → ``image`` blocks; the picture bytes are returned as
  :class:`PendingImage` so that nothing is stored until the caller decides to
  write (see :func:`store_images`).

Nothing from the file is copied as markup: text is escaped, the only tags are the
ones written here, and a link is kept only for ``http``, ``https`` and
``mailto`` addresses. Scripts, event handlers, styles, ``javascript:`` links,
embedded HTML chunks (altChunk), macros and fields are dropped.
"""

import hashlib
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image as PILImage

HEADING_STYLE_RE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
HEADING_SIZES = {1: "h2", 2: "h3"}  # deeper levels → h4
HEADING_MAX_LENGTH = 120
CAPTION_MAX_LENGTH = 200
SAFE_LINK_RE = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
IMAGE_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/bmp": "bmp",
}


class WordConversionError(Exception):
    """The file is not a readable .docx document."""


@dataclass
class PendingImage:
    """A picture from the document, not yet stored as a Wagtail image."""

    data: bytes
    extension: str
    title: str = ""

    @property
    def sha1(self):
        return hashlib.sha1(self.data).hexdigest()  # noqa: S324 - Wagtail's own file hash


@dataclass
class Conversion:
    """The body as StreamField raw data; image blocks hold a ``PendingImage`` until stored.

    ``problems``: why a picture was left out (over the upload limits), in Chinese.
    """

    blocks: list = field(default_factory=list)
    images: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def picture_problem(data, number):
    """Why picture ``number`` may not be stored, by the limits an upload in the admin has; or ``None``.

    Only the picture's header is read, never its pixels.
    """
    max_size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if len(data) > max_size:
        return _("中的图%(n)d过大（%(size).1f MB，上限 %(max).0f MB）") % {
            "n": number,
            "size": len(data) / 1024 / 1024,
            "max": max_size / 1024 / 1024,
        }
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            width, height = picture.size
    except PILImage.DecompressionBombError:
        width = height = None
    except Exception:  # Pillow raises several kinds for a file it cannot read
        return _("中的图%(n)d不是可识别的图片") % {"n": number}
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if width is None or width * height > max_pixels:
        size = f"{width}×{height}" if width else _("超过 Pillow 的上限")
        return _("中的图%(n)d像素过多（%(size)s，上限 %(max)s 像素）") % {
            "n": number,
            "size": size,
            "max": f"{max_pixels:,}",
        }
    return None


def _escape(text):
    text = html.escape(text.replace("\t", " "), quote=False)
    return text.replace("\n", "<br/>")


def _run_html(run):
    text = run.text
    if not text:
        return ""
    markup = _escape(text)
    if run.italic:
        markup = f"<i>{markup}</i>"
    if run.bold:
        markup = f"<b>{markup}</b>"
    return markup


def _inline_html(paragraph):
    """A paragraph's runs and links as inline rich-text HTML."""
    from docx.text.hyperlink import Hyperlink

    parts = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            inner = "".join(_run_html(run) for run in item.runs)
            url = (item.url or "").strip()
            if inner and SAFE_LINK_RE.match(url):
                parts.append(f'<a href="{html.escape(url, quote=True)}">{inner}</a>')
            else:
                parts.append(inner)  # unsafe or internal link: keep the words only
        else:
            parts.append(_run_html(item))
    return "".join(parts).strip()


def _picture_ids(paragraph):
    return [str(rid) for rid in paragraph._p.xpath(".//a:blip/@r:embed")]


def _heading_size(paragraph):
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name.lower() == "title":
        return "h2"
    match = HEADING_STYLE_RE.match(name.strip())
    if match:
        return HEADING_SIZES.get(int(match.group(1)), "h4")
    return None


def _list_kind(document, paragraph):
    """``"ul"``/``"ol"`` for a list paragraph, else ``None``."""
    name = ((paragraph.style.name if paragraph.style is not None else "") or "").lower()
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None and not name.startswith("list"):
        return None
    if "number" in name or "编号" in name:
        return "ol"
    if "bullet" in name or "符号" in name:
        return "ul"
    if num_pr is not None and num_pr.numId is not None:
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return "ul"
        num_id = num_pr.numId.val
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        if abstract:
            formats = numbering.xpath(
                f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
            )
            if formats and formats[0] not in ("bullet", "none"):
                return "ol"
    return "ul"


def _is_caption(paragraph):
    name = ((paragraph.style.name if paragraph.style is not None else "") or "").lower()
    return name in ("caption", "题注")


def _table_value(table):
    seen = set()  # the <w:tc> elements already used (a set keeps their lxml proxies alive)
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc in seen:
                cells.append("")  # the rest of a merged cell
                continue
            seen.add(cell._tc)
            cells.append("\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append(cells)
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return {
        "data": rows,
        "first_row_is_table_header": len(rows) > 1,
        "first_col_is_header": False,
        "table_caption": "",
        "table_header_choice": "row" if len(rows) > 1 else "",
        "cell": [],
        "mergedCells": [],
    }


def convert_docx(source, *, image_title="Word 图片"):
    """Read a .docx file (path or file object) into a :class:`Conversion`."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(source)
    except Exception as exc:  # python-docx raises several kinds for a broken or foreign file
        raise WordConversionError(str(exc) or exc.__class__.__name__) from exc

    conversion = Conversion()
    rich = []  # pending rich-text fragments for the current paragraph block
    list_kind = None

    def close_list():
        nonlocal list_kind
        if list_kind:
            rich.append(f"</{list_kind}>")
            list_kind = None

    def flush():
        close_list()
        if rich:
            conversion.blocks.append({"type": "paragraph", "value": "".join(rich)})
            rich.clear()

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            flush()
            value = _table_value(item)
            if any(cell for row in value["data"] for cell in row):
                conversion.blocks.append({"type": "table", "value": value})
            continue

        paragraph = item
        if _is_caption(paragraph) and conversion.blocks and conversion.blocks[-1]["type"] == "image" and not rich:
            conversion.blocks[-1]["value"]["caption"] = paragraph.text.strip()[:CAPTION_MAX_LENGTH]
            continue

        size = _heading_size(paragraph)
        text = paragraph.text.strip()
        if size and text and len(text) <= HEADING_MAX_LENGTH:
            flush()
            conversion.blocks.append({"type": "heading", "value": {"text": text, "size": size}})
            continue

        inline = _inline_html(paragraph)
        if size and inline:
            inline = f"<b>{inline}</b>"  # a heading too long for a heading block
        kind = _list_kind(document, paragraph)
        if inline:
            if kind:
                if list_kind != kind:
                    close_list()
                    rich.append(f"<{kind}>")
                    list_kind = kind
                rich.append(f"<li>{inline}</li>")
            else:
                close_list()
                rich.append(f"<p>{inline}</p>")

        for rid in _picture_ids(paragraph):
            part = document.part.related_parts.get(rid)
            content_type = getattr(part, "content_type", "")
            extension = IMAGE_TYPES.get(content_type) or PurePosixPath(str(getattr(part, "partname", ""))).suffix[1:]
            if part is None or extension.lower() not in IMAGE_TYPES.values():
                continue  # not a picture we can show (e.g. EMF/WMF drawings)
            number = len(conversion.images) + len(conversion.problems) + 1
            problem = picture_problem(part.blob, number)
            if problem:
                conversion.problems.append(problem)
                continue
            flush()
            pending = PendingImage(data=part.blob, extension=extension, title=f"{image_title}（图{number}）")
            conversion.images.append(pending)
            conversion.blocks.append({"type": "image", "value": {"image": pending, "caption": ""}})
    flush()
    return conversion


def raw_blocks(conversion, image_ids=None):
    """StreamField raw data; images become their stored ids (``None`` until stored)."""
    image_ids = image_ids or {}
    blocks = []
    for block in conversion.blocks:
        if block["type"] == "image":
            pending = block["value"]["image"]
            image_id = image_ids.get(id(pending))
            value = {
                "image": {"image": image_id, "decorative": False, "alt_text": pending.title},
                "caption": block["value"]["caption"],
            }
            blocks.append({"type": "image", "value": value})
        else:
            blocks.append(block)
    return blocks


def store_images(conversion, collection=None):
    """Store every pending picture as a Wagtail image (reusing an identical one); return ``{id(pending): pk}``."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    Image = get_image_model()
    ids = {}
    for pending in conversion.images:
        existing = Image.objects.filter(file_hash=pending.sha1).first()
        if existing is None:
            existing = Image(title=pending.title)
            if collection is not None:
                existing.collection = collection
            existing.file = ImageFile(io.BytesIO(pending.data), name=f"case-{pending.sha1[:12]}.{pending.extension}")
            existing._set_image_file_metadata()
            existing.save()
        ids[id(pending)] = existing.pk
    return ids
