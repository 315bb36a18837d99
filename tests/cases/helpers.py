"""Builders for case tests (the shared ones are in tests/factories.py)."""

import datetime
import itertools

from django.utils import timezone
from wagtail.rich_text import RichText

from cases.models import CaseBodyBlock, CasePage
from core.choices import CaseCategory, Direction
from tests.factories import directions

_counter = itertools.count(1)


def body(*paragraphs):
    """A case body of rich-text paragraphs (HTML strings)."""
    block = CaseBodyBlock()
    return block.to_python([{"type": "paragraph", "value": html} for html in paragraphs])


def make_case(
    studio,
    title=None,
    *,
    category=CaseCategory.CLASS_CULTURE,
    direction_codes=(Direction.CLASS_MANAGEMENT,),
    year=2025,
    published_at=None,
    publish=True,
    text="<p>案例正文。</p>",
    **fields,
):
    n = next(_counter)
    case = CasePage(
        title=title or f"测试案例{n}",
        slug=fields.pop("slug", f"case-{n}"),
        authors=fields.pop("authors", "王芳、李明"),
        category=category,
        year=year,
        summary=fields.pop("summary", "一个用于测试的典型案例。"),
        body=fields.pop("body", None) or body(text),
        live=publish,
        **fields,
    )
    case.directions = directions(*direction_codes)
    studio.add_child(instance=case)
    if publish:
        case.save_revision().publish()
        when = published_at or timezone.make_aware(datetime.datetime(2025, 1, 1)) + datetime.timedelta(hours=n)
        CasePage.objects.filter(pk=case.pk).update(first_published_at=when)
        case.refresh_from_db()
    return case


def rich(text):
    return RichText(text)
