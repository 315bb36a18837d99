"""The search service: validates parameters, asks the engine, builds results and suggestions.

Shared by the HTML page and the JSON API (``views.py``) and by every engine:
analysis, snippets, facet labels and "drop a word" suggestions are the same
whichever engine answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from home import choices

from . import analysis
from .engines import SearchRequest, get_public_engine
from .engines.base import FACETS
from .models import DocumentType, SearchDocument
from .snippets import highlight, make_snippet

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
    """(q, filters, page, page_size) from a QueryDict-like mapping.

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
    return q, filters, page, page_size


@dataclass
class Result:
    document: SearchDocument
    title: str
    title_html: str
    url: str
    type: str
    snippet: str

    def as_json(self):
        d = self.document
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type,
            "snippet": str(self.snippet),
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
    def direction_labels(self):
        return [facet_label("direction", code) for code in self.document.directions or []]

    @property
    def promotion_label(self):
        p = self.document.promotion
        return facet_label("promotion", p) if p and p != choices.PromotionLevel.NONE else ""


@dataclass
class Suggestion:
    query: str
    dropped: str
    total: int


@dataclass
class SearchResponse:
    query: str
    total: int
    page: int
    page_size: int
    results: list[Result]
    facets: dict[str, list[tuple[str, int]]]
    filters: dict
    suggestions: list[Suggestion] = field(default_factory=list)
    empty_query: bool = False
    notice: str = ""  # set when the external engine was unavailable and the database answered

    def as_json(self):
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
            "results": [r.as_json() for r in self.results],
            "facets": {name: [{"value": v, "count": n} for v, n in values] for name, values in self.facets.items()},
        } | ({"notice": self.notice} if self.notice else {})


def _ordered_facets(raw):
    facets = {}
    for name in FACETS:
        counts = raw.get(name, {})
        vocabulary = FACET_VOCABULARIES[name][1]
        order = sorted(counts, reverse=True) if vocabulary is None else [v for v in vocabulary.values if v in counts]
        facets[name] = [(value if name != "year" else int(value), counts[value]) for value in order]
    return facets


def search(q, filters=None, page=1, page_size=DEFAULT_PAGE_SIZE, engine=None) -> SearchResponse:
    engine = engine or get_public_engine()
    filters = filters or {}
    parsed = analysis.parse_query(q)
    result = engine.search(SearchRequest(query=parsed, filters=filters, page=page, page_size=page_size))
    docs = SearchDocument.objects.in_bulk(result.ids)
    tokens = parsed.highlight_tokens()
    results = []
    for doc_id in result.ids:
        doc = docs.get(doc_id)
        if doc is None:  # removed between the engine's answer and now
            continue
        results.append(
            Result(
                document=doc,
                title=doc.title,
                title_html=highlight(doc.title, tokens),
                url=doc.url,
                type=doc.type,
                snippet=make_snippet(doc, tokens),
            )
        )
    response = SearchResponse(
        query=q,
        total=result.total,
        page=page,
        page_size=page_size,
        results=results,
        facets=_ordered_facets(result.facets),
        filters=filters,
        empty_query=not parsed and bool(q.strip()),
        notice=str(getattr(result, "notice", "") or ""),
    )
    if result.total == 0 and parsed:
        response.suggestions = suggestions(parsed, filters, engine)
    return response


def suggestions(parsed, filters, engine) -> list[Suggestion]:
    """Queries with one word dropped that do give results (best first)."""
    if len(parsed.words) > 1:
        candidates = [(parsed.without_word(i), word) for i, (word, _terms) in enumerate(parsed.words)]
    elif len(parsed.terms) > 1:
        words = [(t.token, [t]) for t in parsed.terms]
        split = analysis.ParsedQuery(text=" ".join(w for w, _ in words), terms=list(parsed.terms), words=words)
        candidates = [(split.without_word(i), word) for i, (word, _terms) in enumerate(words)]
    else:
        return []
    found = []
    for query, dropped in candidates[:MAX_SUGGESTIONS]:
        total = engine.search(SearchRequest(query=query, filters=filters, page=1, page_size=1)).total
        if total:
            found.append(Suggestion(query=query.text, dropped=dropped, total=total))
    return sorted(found, key=lambda s: -s.total)
