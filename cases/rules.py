"""The typical-case rules from the notices, in one place.

「典型案例 3000 字以内」: the body's plain text (every block's markup removed) may hold
at most :data:`MAX_BODY_CHARACTERS` non-whitespace characters. Full-width punctuation
counts; whitespace does not – ASCII whitespace, the no-break space (U+00A0), the
full-width ideographic space (U+3000) and the other characters in :data:`WHITESPACE`.

The editor's live counter (``cases/static/cases/js/case-body-counter.js``) applies the
same rule: the same whitespace class (it is JavaScript's ``\\s``), code points rather
than UTF-16 units, and the same parts of each block (text, headings, quotes and their
attribution, image captions, table cells and table captions; never URLs, image ids,
alt text or heading sizes). Keep the two in step.

``CasePage.clean()`` calls :func:`validate_case_body`, so the admin, the Word import
and any API share one rule and one message.
"""

import html
import re

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import RichText

from studios.rules import studio_rule_errors

MAX_BODY_CHARACTERS = 3000
#: The editor's counter turns amber from here (a tenth of the limit left).
WARN_BODY_CHARACTERS = 2700
MAX_SUMMARY_CHARACTERS = 200

# Exactly JavaScript's ``\s`` class, so that Python and the editor's counter agree.
WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
WHITESPACE_RE = re.compile(f"[{WHITESPACE}]")

# Struct children that are not reading text: image choosers, alt text, heading sizes.
SKIPPED_CHILDREN = {"size", "alt_text", "decorative"}


def html_to_text(markup):
    """Visible text of a fragment of (rich text) HTML, entities decoded."""
    # A space at every tag boundary keeps words of adjacent elements apart.
    return html.unescape(strip_tags(re.sub(r"<", " <", markup or "")))


def _table_text(value):
    rows = (value or {}).get("data") or []
    cells = [html_to_text(str(cell)) for row in rows for cell in (row or []) if cell not in (None, "")]
    caption = (value or {}).get("table_caption") or ""
    return [caption, *cells]


def _block_text(block, value):
    """Every piece of reading text in ``value`` of ``block``, recursively."""
    if value is None:
        return []
    if isinstance(block, TableBlock):
        return _table_text(value)
    if isinstance(block, (EmbedBlock, ImageBlock, blocks.ChoiceBlock, blocks.ChooserBlock, blocks.BooleanBlock)):
        return []
    if isinstance(block, blocks.StructBlock):
        texts = []
        for name, child in block.child_blocks.items():
            if name not in SKIPPED_CHILDREN:
                texts += _block_text(child, value.get(name))
        return texts
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in _block_text(child.block, child.value)]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_text(block.child_block, item)]
    if isinstance(value, RichText):
        return [html_to_text(value.source)]
    if isinstance(block, blocks.RichTextBlock):
        return [html_to_text(str(value))]
    if isinstance(value, str):
        return [value]
    return []


def plain_text(body):
    """The reading text of a case body (a StreamField value or an HTML string)."""
    if body is None:
        return ""
    if isinstance(body, str):
        return html_to_text(body)
    return "\n".join(text for child in body for text in _block_text(child.block, child.value))


def count_characters(text):
    """Number of non-whitespace characters (code points) in ``text``."""
    return len(WHITESPACE_RE.sub("", text or ""))


def body_length_error(count):
    """The Chinese message for a body of ``count`` characters, or ``None`` if it fits."""
    if count <= MAX_BODY_CHARACTERS:
        return None
    return _("正文不能超过 %(max)d 字（不含空白字符），当前为 %(count)d 字，请删减 %(over)d 字。") % {
        "max": MAX_BODY_CHARACTERS,
        "count": count,
        "over": count - MAX_BODY_CHARACTERS,
    }


def validate_case_body(body):
    """Raise ``ValidationError`` when the body is over the limit; return the count."""
    count = count_characters(plain_text(body))
    message = body_length_error(count)
    if message:
        raise ValidationError(message, code="case_body_too_long")
    return count


def summary_length_error(summary):
    count = len(summary or "")
    if count <= MAX_SUMMARY_CHARACTERS:
        return None
    return _("摘要不能超过 %(max)d 字，当前为 %(count)d 字。") % {"max": MAX_SUMMARY_CHARACTERS, "count": count}


def direction_count_error(count):
    """Same 1-3 directions rule and message as studios (see ``studios.rules``)."""
    return studio_rule_errors(direction_count=count).get("directions")


def reading_minutes(count, per_minute=400):
    """Reading time in whole minutes at ``per_minute`` characters a minute (at least 1)."""
    return max(1, -(-count // per_minute))
