"""Scan every live page (and the documents it links) for students' personal information."""

from wagtail.models import Page

from .pages import PrivacyCheckedPage

SEVERITY_LABELS = {True: "须删除", False: "须确认"}


def checked_page_models():
    return [model for model in _subclasses(PrivacyCheckedPage) if not model._meta.abstract]


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def audit_rows(pages=None):
    """``[(page, located finding)]`` for every finding on every live page, in tree order."""
    if pages is None:
        pages = Page.objects.live().type(*checked_page_models()).specific().order_by("path")
    rows = []
    for page in pages:
        for item in page.privacy_report().items:
            rows.append((page, item))
    return rows
