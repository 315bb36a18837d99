"""What is indexed, and how a page becomes a search document.

**What to index** is decided here and only here (``indexable_pages``): a page is
indexed when it is live, public (no view restriction on it or on any ancestor:
Wagtail's ``PageQuerySet.public()``) and of a type in ``ADAPTERS``. Drafts are
never read: a live page's row holds its published content, unpublished changes
live in revisions.

**How**: one adapter per page type, in the ``ADAPTERS`` table (the single place to
extend). An adapter reads the fields of the shared page-model contract with
``getattr`` and sensible fallbacks and returns the document fields; studio-level
facets (province, school type) come from the owning studio.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.utils.html import strip_tags
from wagtail.models import Page

from cases.rules import plain_text as streamfield_text  # headings, paragraphs, quotes, tables
from core import choices
from core.choices import split_list

from .models import DocumentType, SearchDocument

logger = logging.getLogger(__name__)


def plain_text(value) -> str:
    """Plain text of a StreamField, rich text or string value."""
    if value is None:
        return ""
    try:
        return streamfield_text(value)
    except Exception:  # noqa: BLE001 - an odd block must not stop indexing
        logger.warning("plain_text failed for %r", type(value), exc_info=True)
    source = getattr(value, "source", None)
    return strip_tags(str(source if source is not None else value))


def _join(*parts) -> str:
    return "\n".join(str(p).strip() for p in parts if p and str(p).strip())


def _codes(page, name) -> list[str]:
    manager = getattr(page, name, None)
    if manager is None:
        return []
    try:
        return sorted({row.code for row in manager.all()})
    except (AttributeError, ValueError):
        return []


def _label(choices_name, value):
    vocabulary = getattr(choices, choices_name)
    try:
        return str(vocabulary(value).label)
    except ValueError:
        return str(value or "")


class Context:
    """Per-run caches: studios by tree path, so a bulk rebuild does not query per page."""

    def __init__(self):
        self._studios = None
        self._roots = None

    def url_for(self, page):
        """The page's URL; computed from ``url_path`` when there is one site (bulk rebuilds)."""
        if self._roots is None:
            from wagtail.models import Site

            self._roots = Site.get_site_root_paths()
        if len(self._roots) == 1 and page.url_path.startswith(self._roots[0].root_path):
            return "/" + page.url_path[len(self._roots[0].root_path) :]
        return page.get_url()

    def studio_for(self, page):
        studio = getattr(page, "studio", None)
        if studio is not None and studio.__class__.__name__ == "StudioPage":
            return studio
        if self._studios is None:
            StudioPage = apps.get_model("studios", "StudioPage")
            self._studios = {
                s.path: s
                for s in StudioPage.objects.all().only(
                    "id", "path", "title", "province", "school_type", "school", "city", "host_name"
                )
            }
        steplen = Page.steplen
        for end in range(len(page.path), 0, -steplen):
            found = self._studios.get(page.path[:end])
            if found is not None:
                return found
        return None


def _studio_context(studio) -> list[str]:
    """Where a studio's work comes from, as a reader would name it."""
    province = getattr(studio, "province", "")
    return [
        studio.title,
        getattr(studio, "school", ""),
        getattr(studio, "city", ""),
        _label("Province", province) if province else "",
        getattr(studio, "host_name", ""),
    ]


def _studio_fields(page, ctx: Context, *extra) -> dict:
    """The owning studio's facets and context, plus ``extra`` context of the page itself."""
    studio = ctx.studio_for(page)
    if studio is None:
        return {"context": _join(*extra)}
    return {
        "studio_id": studio.pk,
        "studio_name": studio.title,
        "province": getattr(studio, "province", "") or "",
        "school_type": getattr(studio, "school_type", "") or "",
        "context": _join(*_studio_context(studio), *extra),
    }


def _labels(vocabulary, codes) -> str:
    return "、".join(_label(vocabulary, code) for code in codes)


def studio_document(page, ctx):
    carriers = [_label("WorkCarrier", c) for c in (getattr(page, "work_carriers", None) or [])]
    directions = _codes(page, "directions")
    members = getattr(page, "members", None)
    return {
        "type": DocumentType.STUDIO,
        "summary": plain_text(getattr(page, "philosophy", "")),
        "context": _join(
            *_studio_context(page),
            _labels("Direction", directions),
            "、".join(m.name for m in members.all()) if members is not None else "",
        ),
        "body": _join(
            plain_text(getattr(page, "introduction", "")),
            getattr(page, "host_title", ""),
            getattr(page, "host_honours", ""),
            "、".join(carriers),
            getattr(page, "carriers_note", ""),
        ),
        "year": getattr(page, "cycle_start_year", None),
        "directions": directions,
        "studio_id": page.pk,
        "studio_name": page.title,
        "province": getattr(page, "province", "") or "",
        "school_type": getattr(page, "school_type", "") or "",
    }


def update_document(page, ctx):
    date = getattr(page, "date", None)
    kind = getattr(page, "activity_kind", "")
    return {
        **_studio_fields(page, ctx, _label("WorkCarrier", kind) if kind else ""),
        "type": DocumentType.UPDATE,
        "summary": getattr(page, "summary", "") or "",
        "body": plain_text(getattr(page, "body", None)),
        "year": date.year if isinstance(date, datetime.date) else None,
    }


def case_document(page, ctx):
    category = getattr(page, "category", "") or ""
    directions = _codes(page, "directions")
    return {
        **_studio_fields(
            page,
            ctx,
            _label("CaseCategory", category) if category else "",
            _labels("Direction", directions),
            getattr(page, "authors", ""),
        ),
        "type": DocumentType.CASE,
        "summary": _join(getattr(page, "summary", ""), " ".join(split_list(getattr(page, "keywords", "")))),
        "body": plain_text(getattr(page, "body", None)),
        "category": category,
        "year": getattr(page, "year", None),
        "promotion": getattr(page, "promotion_level", "") or "",
        "directions": directions,
    }


def handbook_document(page, ctx):
    """A handbook with its live, public chapters: one result per handbook, whose chapters
    that match are listed under it (``parts``)."""
    chapters = page.get_children().live().public().specific().order_by("path")
    parts = [
        {"title": chapter.title, "url": ctx.url_for(chapter), "text": plain_text(getattr(chapter, "body", None))}
        for chapter in chapters
    ]
    return {
        **_studio_fields(page, ctx, _labels("HandbookTopic", _codes(page, "topics"))),
        "type": DocumentType.HANDBOOK,
        "summary": getattr(page, "summary", ""),
        "body": _join(plain_text(getattr(page, "intro", "")), *(f"{p['title']}\n{p['text']}" for p in parts)),
        "parts": parts,
    }


def resource_document(page, ctx):
    resource_type = getattr(page, "resource_type", "")
    directions = _codes(page, "directions")
    return {
        **_studio_fields(
            page, ctx, _label("ResourceType", resource_type) if resource_type else "", _labels("Direction", directions)
        ),
        "type": DocumentType.RESOURCE,
        "summary": getattr(page, "summary", "") or "",
        "body": plain_text(getattr(page, "description", "")),
        "directions": directions,
    }


def notice_document(page, ctx):
    date = getattr(page, "date", None)
    kind = getattr(page, "kind", "")
    return {
        "type": DocumentType.NOTICE,
        "summary": getattr(page, "summary", "") or "",
        "context": _join(
            _label("NoticeKind", kind) if kind else "",
            getattr(page, "issuer", ""),
            getattr(page, "document_number", ""),
        ),
        "body": plain_text(getattr(page, "body", "")),
        "year": date.year if isinstance(date, datetime.date) else None,
    }


#: Pages indexed as part of their parent's document (a chapter in its handbook's): a change
#: to one of them re-indexes the parent.
FOLDED_INTO_PARENT = ("resources.handbookchapterpage",)

#: Page model label → adapter. The single place to add an indexed page type.
ADAPTERS = {
    "studios.studiopage": studio_document,
    "studios.studioupdatepage": update_document,
    "cases.casepage": case_document,
    "resources.handbookpage": handbook_document,
    "resources.resourcepage": resource_document,
    "notices.noticepage": notice_document,
}


def indexed_models():
    return [apps.get_model(label) for label in ADAPTERS]


def indexable_pages(queryset=None):
    """THE definition of what may appear in search results."""
    queryset = Page.objects.all() if queryset is None else queryset
    return queryset.live().public().type(*indexed_models())


def build_document(page, ctx: Context | None = None) -> SearchDocument | None:
    """An unsaved ``SearchDocument`` for a specific page (or None if no adapter)."""
    ctx = ctx or Context()
    adapter = ADAPTERS.get(page._meta.label_lower)
    if adapter is None:
        return None
    url = ctx.url_for(page)
    if not url:
        return None
    fields = {
        "summary": "",
        "context": "",
        "body": "",
        "parts": [],
        "category": "",
        "province": "",
        "school_type": "",
        "promotion": "",
        "year": None,
        "directions": [],
        "studio_id": None,
        "studio_name": "",
        **adapter(page, ctx),
    }
    year = fields["year"]
    fields["year"] = year if isinstance(year, int) and 1900 < year < 2200 else None
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=url,
        date=page.last_published_at or page.first_published_at,
        **fields,
    )


def iter_documents(queryset=None, chunk_size=500) -> Iterator[SearchDocument]:
    """Documents of every indexable page, built in chunks (for rebuilds)."""
    ctx = Context()
    ids = list(indexable_pages(queryset).order_by("path").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        for page in _specific_pages(chunk):
            doc = build_document(page, ctx)
            if doc is not None:
                yield doc


def _specific_pages(ids: Iterable[int]):
    pages = Page.objects.filter(pk__in=list(ids)).order_by("path").specific()
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    from django.db.models import prefetch_related_objects

    for model, items in by_model.items():
        related = [name for name in ("directions", "topics", "members") if hasattr(model, name)]
        if related:
            prefetch_related_objects(items, *related)
    return [page for items in by_model.values() for page in items]


def containers(page_ids: Iterable[int]) -> set[int]:
    """The parents whose documents hold these pages (a chapter's handbook)."""
    folded = [apps.get_model(label) for label in FOLDED_INTO_PARENT]
    paths = Page.objects.filter(pk__in=list(page_ids)).type(*folded).values_list("path", flat=True)
    parents = {path[: -Page.steplen] for path in paths}
    return set(Page.objects.filter(path__in=parents).values_list("pk", flat=True)) if parents else set()


def count_indexable(queryset=None) -> int:
    return indexable_pages(queryset).count()
