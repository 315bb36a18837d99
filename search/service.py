"""The search service: validates parameters, asks the engine, builds results and suggestions.

Shared by the HTML page and the JSON API (``views.py``) and by every engine:
analysis, snippets, facet labels and "drop a word" suggestions are the same
whichever engine answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core import choices

from .engines import SearchRequest, get_public_engine
from .engines.base import FACETS, SORTS
from .models import DocumentType, SearchDocument
from .query import MATCHED, understand
from .snippets import find_matches, highlight, make_snippet

MAX_QUERY_LENGTH = 100
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 10
MAX_SUGGESTIONS = 6

#: facet name → (label, vocabulary or None for data-driven values)
FACET_VOCABULARIES = {
    "type": (_("类型"), DocumentType),
    "category": (_("案例类别"), choices.CaseCategory),
    "direction": (_("建设方向"), choices.Direction),
    "province": (_("省份"), choices.Province),
    "school_type": (_("学校类型"), choices.SchoolType),
    "year": (_("年份"), None),
    "promotion": (_("推介级别"), choices.PromotionLevel),
}


#: The orders a reader may choose, in the order they are offered.
SORT_LABELS = {"relevance": _("相关度"), "new": _("最新"), "promotion": _("推介级别")}


class InvalidParameter(ValueError):
    """A parameter a visitor (or API client) got wrong; the message is Chinese."""


def facet_label(name, value):
    vocabulary = FACET_VOCABULARIES[name][1]
    if vocabulary is None:
        return str(value)
    try:
        return str(vocabulary(value).label)
    except ValueError:
        return str(value)


def _int(raw, name, low, high):
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise InvalidParameter(_("参数 %(name)s 必须是整数。") % {"name": name}) from None
    if not low <= value <= high:
        raise InvalidParameter(
            _("参数 %(name)s 必须在 %(low)d 到 %(high)d 之间。") % {"name": name, "low": low, "high": high}
        )
    return value


def clean_params(params, *, strict=True):
    """(q, filters, page, page_size, exact) from a QueryDict-like mapping (``exact``: search
    the words as typed, without corrections).

    ``strict`` (the API): a bad value raises ``InvalidParameter``. Otherwise (the
    HTML page, where links may be stale) a bad filter is ignored, like the listings.
    """
    q = params.get("q") or ""
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidParameter(_("搜索词不能超过 %(max)d 个字符。") % {"max": MAX_QUERY_LENGTH})
    filters = {}
    for name in FACETS:
        raw = params.get(name)
        if raw is None or raw.strip() == "":
            continue
        raw = raw.strip()
        try:
            if name == "year":
                filters[name] = _int(raw, name, 1900, 2100)
            else:
                vocabulary = FACET_VOCABULARIES[name][1]
                if raw not in vocabulary.values:
                    raise InvalidParameter(
                        _("参数 %(name)s 的值“%(value)s”无效，可选值：%(values)s。")
                        % {"name": name, "value": raw[:50], "values": "、".join(vocabulary.values)}
                    )
                filters[name] = raw
        except InvalidParameter:
            if strict:
                raise
    try:
        page = _int(params.get("page") or 1, "page", 1, 100_000)
    except InvalidParameter:
        if strict:
            raise
        page = 1
    try:
        page_size = _int(params.get("page_size") or DEFAULT_PAGE_SIZE, "page_size", 1, MAX_PAGE_SIZE)
    except InvalidParameter:
        if strict:
            raise
        page_size = DEFAULT_PAGE_SIZE
    exact = (params.get("exact") or "") in ("1", "true")
    return q, filters, page, page_size, exact


def default_sort(q):
    """相关度 when there are words to rank by, else 最新."""
    return "relevance" if q.strip() else "new"


def clean_sort(params, q, *, strict=True):
    """The order asked for with ``?sort=`` (``relevance``, ``new``, ``promotion``), or the default.

    相关度 without words is 最新. ``strict`` (the API): an unknown value raises ``InvalidParameter``;
    the HTML page ignores it.
    """
    raw = (params.get("sort") or "").strip()
    if raw not in SORTS:
        if raw and strict:
            raise InvalidParameter(
                _("参数 sort 的值“%(value)s”无效，可选值：%(values)s。")
                % {"value": raw[:50], "values": "、".join(SORTS)}
            )
        return default_sort(q)
    if raw == "relevance" and not q.strip():
        return "new"
    return raw


@dataclass
class Result:
    document: SearchDocument
    title: str
    title_html: str
    url: str
    type: str
    snippet: str
    #: Whether it matches every word searched for; else the words it lacks.
    matched_all: bool = True
    missing: list[str] = field(default_factory=list)
    #: A handbook's chapters that hold the words: [{"title", "url"}].
    chapters: list[dict] = field(default_factory=list)

    def as_json(self):
        d = self.document
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type,
            "snippet": str(self.snippet),
            "matched_all": self.matched_all,
            "missing": self.missing,
            "chapters": self.chapters,
            "studio": d.studio_name or None,
            "province": d.province or None,
            "category": d.category or None,
            "directions": list(d.directions or []),
            "year": d.year,
            "promotion": d.promotion or None,
        }

    @property
    def type_label(self):
        return facet_label("type", self.type)

    @property
    def meta(self):
        d = self.document
        parts = [d.studio_name if d.type != "studio" else "", facet_label("province", d.province) if d.province else ""]
        if d.category:
            parts.append(facet_label("category", d.category))
        if d.year:
            parts.append(str(d.year))
        return [p for p in parts if p]

    @property
    def directions(self):
        """``[(code, label)]``: the directions with their codes (for their marks)."""
        return [(code, facet_label("direction", code)) for code in self.document.directions or []]

    @property
    def promotion_label(self):
        p = self.document.promotion
        return facet_label("promotion", p) if p and p != choices.PromotionLevel.NONE else ""


@dataclass
class SearchResponse:
    query: str
    total: int
    page: int
    page_size: int
    results: list[Result]
    facets: dict[str, list[tuple[str, int]]]
    filters: dict
    empty_query: bool = False
    notice: str = ""  # set when the external engine was unavailable and the database answered
    #: What was searched for, when it differs from the query (corrections, dropped words).
    searched: str = ""
    #: (original, corrected) pairs applied: "以下是“心理健康”的结果".
    corrections: list[tuple[str, str]] = field(default_factory=list)
    #: A better-known spelling offered, not applied ("您是不是要找").
    suggestion: str = ""
    #: The order of the results (``SORTS``).
    sort: str = "relevance"
    #: Words found in no document (ignored by the search).
    absent: list[str] = field(default_factory=list)
    #: (the query without its words found nowhere, its number of results), offered when
    #: nothing answers the query itself.
    without_absent: tuple[str, int] | None = None

    def as_json(self):
        extra = {
            "searched": self.searched or None,
            "corrections": [{"original": a, "corrected": b} for a, b in self.corrections],
            "suggestion": self.suggestion or None,
            "absent": self.absent,
            "without_absent": (
                {"query": self.without_absent[0], "total": self.without_absent[1]} if self.without_absent else None
            ),
        }
        return (
            {
                "query": self.query,
                "total": self.total,
                "page": self.page,
                "page_size": self.page_size,
                "sort": self.sort,
                "results": [r.as_json() for r in self.results],
                "facets": {name: [{"value": v, "count": n} for v, n in values] for name, values in self.facets.items()},
            }
            | extra
            | ({"notice": self.notice} if self.notice else {})
        )


def _ordered_facets(raw):
    facets = {}
    for name in FACETS:
        counts = raw.get(name, {})
        vocabulary = FACET_VOCABULARIES[name][1]
        order = sorted(counts, reverse=True) if vocabulary is None else [v for v in vocabulary.values if v in counts]
        if name == "promotion":  # "无" is not a level a visitor filters on
            order = [v for v in order if v != choices.PromotionLevel.NONE]
        facets[name] = [(value if name != "year" else int(value), counts[value]) for value in order]
    return facets


def search(q, filters=None, page=1, page_size=DEFAULT_PAGE_SIZE, engine=None, exact=False, sort=None) -> SearchResponse:
    """``sort``: ``relevance`` (the default with words), ``new`` or ``promotion``; whatever the
    order, the results holding every word come first."""
    engine = engine or get_public_engine()
    filters = filters or {}
    query = understand(q, engine, correct=not exact)
    sort = sort if sort in SORTS else default_sort(q)
    if not query.concepts and sort == "relevance":
        sort = "new"
    result = engine.search(SearchRequest(query=query, filters=filters, page=page, page_size=page_size, sort=sort))
    docs = SearchDocument.objects.in_bulk(result.ids)
    tokens = query.highlight_tokens()
    results = []
    for doc_id in result.ids:
        doc = docs.get(doc_id)
        if doc is None:  # removed between the engine's answer and now
            continue
        found = result.matched.get(doc_id, set())
        missing = [  # the informative words it lacks (not 学生 beside 沉迷手机)
            c.word
            for c in (query.informative or query.present)
            if not any(a.text in found for a in c.alternatives if a.weight >= MATCHED)
        ]
        results.append(
            Result(
                document=doc,
                title=doc.title,
                title_html=highlight(doc.title, tokens),
                url=doc.url,
                type=doc.type,
                snippet=make_snippet(doc, tokens),
                matched_all=not missing and not query.absent,
                missing=missing + query.absent,
                chapters=[
                    {"title": part["title"], "url": part["url"]}
                    for part in doc.parts or ()
                    if find_matches(f"{part['title']}\n{part['text']}", tokens)
                ],
            )
        )
    searched = query.searched
    without = None
    if not result.total and query.absent and len(query.present) < len(query.concepts):
        # Nothing answers every word and the words found nowhere weigh too much: offer the rest.
        rest = " ".join(c.word for c in query.present)
        found = engine.search(SearchRequest(query=understand(rest, engine), filters=filters, page=1, page_size=1))
        if found.total:
            without = (rest, found.total)
    return SearchResponse(
        without_absent=without,
        query=q,
        total=result.total,
        page=page,
        page_size=page_size,
        results=results,
        facets=_ordered_facets(result.facets),
        filters=filters,
        empty_query=not query.concepts and bool(q.strip()),
        notice=str(getattr(result, "notice", "") or ""),
        searched=searched if searched != " ".join(q.split()).lower() else "",
        corrections=[(c.original, c.corrected) for c in query.corrections],
        suggestion=query.suggestion,
        absent=query.absent,
        sort=sort,
    )
