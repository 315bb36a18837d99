"""Elasticsearch engine (elasticsearch-dsl on the elasticsearch 8 client).

**Mapping** (``SearchDoc``): the text fields hold the text *already analysed* by
``search/analysis.py`` (``index_text``: segmented words and their dictionary
sub-words separated by spaces) and are indexed with a ``whitespace`` tokenizer +
``lowercase`` filter, so the cluster needs no Chinese plugin and index and query
analysis are the project's own, exactly as for the embedded engines. Facets are
``keyword``/``integer`` fields. The Elasticsearch ``_id`` is the page id (the
``SearchDocument`` row's pk changes on a full database rebuild; the page id does
not); ``hash`` is a digest of the row's content, compared by
``check_search_index``.

**Query** (the rules of ``search/relevance.py``, as constant scores): each concept of the
query is a ``dis_max`` of its alternatives, each a ``constant_score`` worth the concept's
information times the alternative's weight, named so that ``matched_queries`` says which
alternatives a hit holds; a full match adds a constant far above any coverage. A ``filter``
requires an informative concept (or, for a query of generic words, all of them) and
``min_score`` the coverage threshold, so hits, total and aggregations are exactly the
results. Hits are sorted by that score then date; the first ``relevance.POOL`` come back
with their rank features (``features``, stored, not indexed) and are ranked by
``relevance.rank`` like the embedded engines' (document frequencies for the query come
from one ``filters`` aggregation, ``doc_freqs``). No ``copy_to``. Facets: one ``filter``
aggregation per facet holding every *other* filter, with a ``terms`` aggregation inside;
the filters themselves are a ``post_filter``, so hits and each facet's counts honour the
other filters (what ``FacetedSearch`` does). Highlighting is not asked of the cluster: the
service makes snippets from the original text, as for every engine.

**Indices**: ``<prefix>-documents-<timestamp>`` behind the alias
``<prefix>-documents``. ``rebuild()`` fills a new index, then moves the alias in
one ``update_aliases`` call (remove + add) and deletes the old indices, so a
rebuild or a mapping change needs no downtime.

**Availability**: if the cluster does not answer within ``ELASTICSEARCH_TIMEOUT``
(or answers with an error), ``search()`` asks the database engine instead and
marks the result with a ``notice``; for ``ELASTICSEARCH_FALLBACK_SECONDS`` after
a failure it goes straight to the database engine (no visitor waits for a dead
cluster twice).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence

from django.utils.translation import gettext_lazy as _
from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch_dsl import Date, Document, Integer, Keyword, Long, Q, Search, Text, analyzer

from .. import relevance
from ..analysis import document_features, index_text
from ..es import Config, get_client, get_config
from ..models import SearchDocument
from .base import FACETS, EngineResult, SearchEngine, SearchRequest, no_results

logger = logging.getLogger(__name__)

#: Shown on the search page and returned as ``notice`` by the API when the cluster is unavailable.
FALLBACK_NOTICE = _("检索服务暂时繁忙，以下为基础检索结果。")

#: Bump when ``SearchDoc`` changes; recorded in the index's ``_meta``. A new mapping
#: goes live with ``rebuild_search_index --elasticsearch-only`` (new index, alias swap).
MAPPING_VERSION = 2

SEGMENTED = analyzer("bzr_segmented", tokenizer="whitespace", filter=["lowercase"])

#: Between the fields in ``text``: a token no query has, so no phrase spans two fields.
FIELD_BREAK = "¶"
#: facet name → index field
FACET_FIELDS = {name: ("direction" if name == "direction" else name) for name in FACETS}
MAX_RESULT_WINDOW = 10_000
FACET_SIZE = 500
ERRORS = (TransportError, ApiError)


class SearchDoc(Document):
    page_id = Long()
    type = Keyword()
    # Title, summary, context and body, analysed, one after the other, then the marked tokens of
    # ``analysis.salient_tokens``: every query term is one
    # ``term`` (or ``match_phrase``) on this field; the ranking reads ``features``.
    text = Text(analyzer=SEGMENTED)
    features = Keyword(index=False, doc_values=False)
    category = Keyword()
    province = Keyword()
    school_type = Keyword()
    year = Integer()
    promotion = Keyword()
    direction = Keyword(multi=True)
    studio_id = Long()
    date = Date()
    hash = Keyword()


def index_body() -> dict:
    """Settings and mappings of a new versioned index (from ``SearchDoc``)."""
    mappings = SearchDoc._doc_type.mapping.to_dict()
    mappings["dynamic"] = "strict"
    mappings["_meta"] = {"mapping_version": MAPPING_VERSION}
    return {
        "settings": {"number_of_shards": 1, "analysis": SEGMENTED.get_analysis_definition()},
        "mappings": mappings,
    }


def document_hash(doc: SearchDocument) -> str:
    """A digest of everything a row contributes to search (compared by ``check_search_index``)."""
    data = [
        doc.type,
        doc.title,
        doc.summary,
        doc.context,
        doc.body,
        doc.url,
        doc.category,
        doc.province,
        doc.school_type,
        doc.year,
        doc.promotion,
        sorted(doc.directions or []),
        doc.studio_id,
        doc.studio_name,
        doc.date.isoformat() if doc.date else None,
    ]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode(), usedforsecurity=False).hexdigest()


def to_source(doc: SearchDocument) -> dict:
    title, summary, context, body = (index_text(t) for t in (doc.title, doc.summary, doc.context, doc.body))
    features, marked = document_features(title, summary, context, body)
    return {
        "page_id": doc.page_id,
        "type": doc.type,
        # The marked tokens last (a partial match needs one).
        "text": f" {FIELD_BREAK} ".join((title, summary, context, body, " ".join(marked))),
        "features": features,
        "category": doc.category or None,
        "province": doc.province or None,
        "school_type": doc.school_type or None,
        "year": doc.year,
        "promotion": doc.promotion or None,
        "direction": sorted(set(doc.directions or [])),
        "studio_id": doc.studio_id,
        "date": doc.date.isoformat() if doc.date else None,
        "hash": document_hash(doc),
    }


def alternative_query(text: str) -> Q:
    """Documents holding an alternative in any field: a token, or a phrase (adjacent, in order)."""
    return Q("match_phrase", text=text) if " " in text else Q("term", text=text)


def any_token(tokens: list[str]) -> list[Q]:
    """Documents holding any of ``tokens``: one ``terms`` clause, not one ``term`` clause per token (the
    same documents; a server that reads the field once per clause, such as the test server, reads it
    once)."""
    return [Q("terms", text=tokens)] if tokens else []


def concept_matched(concept) -> Q:
    texts = [a.text for a in concept.matching]
    return Q(
        "bool",
        should=any_token([t for t in texts if " " not in t]) + [alternative_query(t) for t in texts if " " in t],
        minimum_should_match=1,
    )


def prominently(concept, prominence) -> Q:
    """Documents holding the marked tokens of one of ``concept``'s alternatives (``Query.prominence``)."""
    groups = [marks for c, marks in prominence if c is concept]
    return Q(
        "bool",
        should=any_token([marks[0] for marks in groups if len(marks) == 1])
        + [Q("bool", filter=[Q("term", text=m) for m in marks]) for marks in groups if len(marks) != 1],
        minimum_should_match=1,
    )


class Scoring:
    """The query as constant scores: ``score = full * big + Σ concept weight × best alternative``."""

    def __init__(self, query):
        self.query = query
        self.names: dict[str, str] = {}
        concepts = []
        for ci, concept in enumerate(query.present):
            clauses = []
            for ai, alt in enumerate(concept.alternatives):
                name = f"a{ci}_{ai}"
                self.names[name] = alt.text
                clauses.append(
                    Q(
                        "constant_score",
                        filter=alternative_query(alt.text),
                        boost=concept.weight * alt.weight,
                        _name=name,
                    )
                )
            concepts.append(Q("dis_max", queries=clauses))
        informative = query.informative
        required = informative or query.present
        self.total = query.total_weight
        self.big = 10 * (self.total + 1)
        full = Q("bool", filter=[concept_matched(c) for c in required])
        if informative:
            condition = Q("bool", should=[concept_matched(c) for c in informative], minimum_should_match=1)
            prominence = query.prominence()
            if prominence:  # a partial match uses one of them prominently (relevance.evaluate)
                prominent = [Q("bool", filter=[concept_matched(c), prominently(c, prominence)]) for c in informative]
                if not query.absent_informative:
                    prominent.append(full)
                condition = Q("bool", should=prominent, minimum_should_match=1)
            self.min_score = relevance.threshold(query) * self.total - relevance.EPSILON
        else:
            condition = full
            self.min_score = None
        if query.absent_informative:  # a word found nowhere: no document matches every word
            self.q = Q("bool", should=concepts, filter=[condition])
        else:
            self.q = Q("bool", should=[*concepts, Q("constant_score", filter=full, boost=self.big)], filter=[condition])

    def full(self, score: float) -> bool:
        return score >= self.big - relevance.EPSILON


def filter_clauses(filters: dict, exclude: str | None = None) -> list[Q]:
    return [
        Q("term", **{FACET_FIELDS[name]: filters[name]})
        for name in FACETS
        if name != exclude and filters.get(name) not in (None, "")
    ]


class AliasMissing(RuntimeError):
    """The alias does not exist yet: the index has never been built on this cluster."""


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, config: Config | None = None, fallback: SearchEngine | None = None):
        self.config = config or get_config()
        self._fallback = fallback
        self._down_until = 0.0
        self._lock = threading.Lock()

    # Connection ------------------------------------------------------------
    @property
    def client(self):
        return get_client(self.config)

    @property
    def alias(self) -> str:
        return self.config.alias

    def bulk_client(self):
        """Writes may take longer than a visitor's search: a longer timeout, a few retries."""
        return self.client.options(request_timeout=max(30.0, self.config.timeout), max_retries=2)

    def fallback(self) -> SearchEngine:
        if self._fallback is None:
            from . import get_engine

            self._fallback = get_engine()
        return self._fallback

    def reset(self):
        """Forget a recorded failure (the next search asks the cluster again)."""
        self._down_until = 0.0

    # Indices ---------------------------------------------------------------
    def alias_indices(self) -> list[str]:
        found = self.client.options(ignore_status=404).indices.get_alias(name=self.alias)
        if found.meta.status == 404:
            return []
        return sorted(name for name in found.body if name != "error" and name != "status")

    def all_indices(self) -> list[str]:
        found = self.client.options(ignore_status=404).indices.get(index=self.config.index_pattern)
        return sorted(found.body) if found.meta.status != 404 else []

    def create_index(self) -> str:
        name = self.config.new_index_name()
        self.bulk_client().indices.create(index=name, **index_body())
        return name

    def swap_alias(self, new_index: str) -> list[str]:
        """Point the alias at ``new_index`` in one atomic call; delete the other versioned indices."""
        old = self.alias_indices()
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old if name != new_index]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.bulk_client().indices.update_aliases(actions=actions)
        stale = [name for name in self.all_indices() if name != new_index]
        for name in stale:
            self.bulk_client().options(ignore_status=404).indices.delete(index=name)
        return stale

    def ensure_alias(self) -> None:
        if not self.alias_indices():
            raise AliasMissing(self.alias)

    def refresh(self, index: str | None = None) -> None:
        self.bulk_client().indices.refresh(index=index or self.alias)

    # Writes ----------------------------------------------------------------
    def write(
        self,
        documents: Sequence[SearchDocument] = (),
        delete_page_ids: Iterable[int] = (),
        *,
        index=None,
        refresh=False,
    ) -> dict[int, str]:
        """Index ``documents`` and delete ``delete_page_ids`` in one bulk request.

        Returns the pages that failed (page id → error); a connection failure raises.
        """
        target = index or self.alias
        operations = []
        pages = []
        for doc in documents:
            operations += [{"index": {"_index": target, "_id": str(doc.page_id)}}, to_source(doc)]
            pages.append(doc.page_id)
        for page_id in delete_page_ids:
            operations.append({"delete": {"_index": target, "_id": str(page_id)}})
            pages.append(page_id)
        if not operations:
            return {}
        response = self.bulk_client().bulk(operations=operations, refresh=refresh)
        failed = {}
        for page_id, item in zip(pages, response["items"], strict=True):
            (action, result), *_ = item.items()
            status = result.get("status", 200)
            if status >= 300 and not (action == "delete" and status == 404):
                failed[page_id] = json.dumps(result.get("error") or result, ensure_ascii=False)[:1000]
        return failed

    def index(self, documents: Sequence[SearchDocument]) -> None:
        failed = self.write(documents)
        if failed:
            raise RuntimeError(f"Elasticsearch refused pages {sorted(failed)}: {next(iter(failed.values()))}")

    def delete(self, page_ids: Iterable[int]) -> None:
        failed = self.write((), list(page_ids))
        if failed:
            raise RuntimeError(f"Elasticsearch could not delete pages {sorted(failed)}")

    def clear(self) -> None:
        """An empty new index behind the alias (the old one is deleted)."""
        self.swap_alias(self.create_index())

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] | None = None,
        batch: int = 500,
        workers=None,
    ) -> int:
        """Fill a new versioned index, then swap the alias to it (zero downtime)."""
        new_index = self.create_index()
        done = 0
        try:
            pending = []
            for doc in documents:
                pending.append(doc)
                if len(pending) >= batch:
                    self._write_all(pending, new_index)
                    done += len(pending)
                    pending = []
                    if progress:
                        progress(done)
            if pending:
                self._write_all(pending, new_index)
                done += len(pending)
                if progress:
                    progress(done)
            self.refresh(new_index)
        except BaseException:
            self.bulk_client().options(ignore_status=404).indices.delete(index=new_index)
            raise
        self.swap_alias(new_index)
        return done

    def _write_all(self, docs, index):
        failed = self.write(docs, index=index)
        if failed:
            raise RuntimeError(f"Elasticsearch refused pages {sorted(failed)[:10]}: {next(iter(failed.values()))}")

    def rebuild_from_database(self, progress=None, batch=500) -> int:
        """A new index from the ``SearchDocument`` rows (the source of truth), then the alias swap."""
        return self.rebuild(SearchDocument.objects.order_by("page_id").iterator(chunk_size=batch), progress, batch)

    def scan_hashes(self) -> dict[int, str]:
        """page id → content hash of every document behind the alias."""
        found = {}
        search_after = None
        while True:
            kwargs = {"search_after": search_after} if search_after else {}
            response = self.bulk_client().search(
                index=self.alias,
                query={"match_all": {}},
                sort=[{"page_id": "asc"}],
                size=1000,
                source=["hash"],
                track_total_hits=False,
                **kwargs,
            )
            hits = response["hits"]["hits"]
            for hit in hits:
                found[int(hit["_id"])] = (hit.get("_source") or {}).get("hash") or ""
            if len(hits) < 1000:
                return found
            search_after = hits[-1]["sort"]

    # Search ----------------------------------------------------------------
    def doc_freqs(self, items) -> tuple[int, dict, int]:
        """Document frequencies for planning a query come from the database engine, which
        indexes the same documents (``sync.apply``; the cluster follows through the outbox):
        one query plan whatever engine answers, and no round trip to the cluster per word."""
        return self.fallback().doc_freqs(items)

    def build_search(self, request: SearchRequest, scoring: Scoring | None, start: int, stop: int) -> Search:
        s = Search(using=self.client, index=self.alias)
        if scoring is None:
            s = s.query(Q("match_all"))
        else:
            s = s.query(scoring.q)
            if scoring.min_score is not None:
                s = s.extra(min_score=scoring.min_score)
        s = s.extra(track_total_hits=True)
        clauses = filter_clauses(request.filters)
        if clauses:
            s = s.post_filter(Q("bool", filter=clauses))
        for name in FACETS:
            others = filter_clauses(request.filters, exclude=name)
            s.aggs.bucket(name, "filter", filter=Q("bool", filter=others) if others else Q("match_all")).bucket(
                "values", "terms", field=FACET_FIELDS[name], size=FACET_SIZE
            )
        # Orders computed per document go to the database engine (``computed_order``): here the order is
        # relevance or, without words, newest first.
        keys = ["_score"] if scoring is not None else []
        s = s.sort(*keys, {"date": {"order": "desc", "missing": "_last"}}, {"page_id": {"order": "desc"}})
        start, stop = min(start, MAX_RESULT_WINDOW), min(stop, MAX_RESULT_WINDOW)
        return s.source(["features", "date"] if scoring is not None else False)[start:stop]

    def search_cluster(self, request: SearchRequest) -> EngineResult:
        query = request.query
        if query.concepts and not query:
            return no_results()
        scoring = Scoring(query) if query.concepts else None
        end = request.offset + request.page_size
        ranked_pool = scoring is not None and request.sort == "relevance" and request.offset < relevance.POOL
        start, stop = (0, max(relevance.POOL, end)) if ranked_pool else (request.offset, end)
        response = self.build_search(request, scoring, start, stop).execute()
        hits = list(response)
        full, matched, features, dates = {}, {}, {}, {}
        for hit in hits:
            page = int(hit.meta.id)
            if scoring is not None:
                full[page] = scoring.full(hit.meta.score or 0.0)
                matched[page] = {scoring.names[n] for n in getattr(hit.meta, "matched_queries", None) or ()}
                features[page] = getattr(hit, "features", "") or ""
            if ranked_pool:
                dates[page] = hit.meta.sort[1] if len(hit.meta.sort) > 1 and hit.meta.sort[1] is not None else 0
        page_ids = [int(hit.meta.id) for hit in hits]
        if ranked_pool:
            pool = page_ids[: relevance.POOL]
            page_ids = relevance.rank(query, pool, matched, features, full, dates) + page_ids[relevance.POOL :]
            page_ids = page_ids[request.offset : end]
        by_page = dict(SearchDocument.objects.filter(page_id__in=page_ids).values_list("page_id", "pk"))
        facets = {name: {} for name in FACETS}
        aggregations = response.aggregations.to_dict()
        for name in FACETS:
            for bucket in aggregations[name]["values"]["buckets"]:
                if bucket["key"] not in (None, ""):
                    facets[name][str(bucket["key"])] = int(bucket["doc_count"])
        ids = [by_page[p] for p in page_ids if p in by_page]
        return EngineResult(
            total=int(response.hits.total.value),
            ids=ids,
            facets=facets,
            full={by_page[p]: full.get(p, True) for p in page_ids if p in by_page},
            matched={by_page[p]: matched.get(p, set()) for p in page_ids if p in by_page},
        )

    def _failed(self, error):
        if isinstance(error, NotFoundError):
            logger.error("Elasticsearch alias %s is missing: run rebuild_search_index", self.alias)
        else:
            logger.warning("Elasticsearch search failed, using the database engine: %s", error)
        with self._lock:
            self._down_until = time.monotonic() + self.config.fallback_seconds

    @staticmethod
    def computed_order(request: SearchRequest) -> bool:
        """Whether the reader's order is computed per document (推介级别 ranks, or 最新 with the results
        that have every word first), not read from one indexed field."""
        return request.sort == "promotion" or (request.sort != "relevance" and bool(request.query.concepts))

    def search(self, request: SearchRequest) -> EngineResult:
        if self.computed_order(request):
            # The database engine indexes the same documents (``sync.apply``) and orders them with the same
            # rules; the cluster would need script sorts, which Elasticsearch-API servers such as the one the
            # tests run do not all implement. Relevance and plain newest-first stay on the cluster.
            return self.fallback().search(request)
        if time.monotonic() >= self._down_until:
            try:
                return self.search_cluster(request)
            except ERRORS as error:
                self._failed(error)
        result = self.fallback().search(request)
        result.notice = str(FALLBACK_NOTICE)
        return result


def compare(engine):
    """(missing, extra, stale, database count, index count): database rows vs. index documents
    (``check_search_index`` reports them; a rebuild repairs what changed while it ran)."""
    indexed = engine.scan_hashes()
    database = {doc.page_id: document_hash(doc) for doc in SearchDocument.objects.iterator(chunk_size=1000)}
    missing = sorted(set(database) - set(indexed))
    extra = sorted(set(indexed) - set(database))
    stale = sorted(pk for pk in set(database) & set(indexed) if database[pk] != indexed[pk])
    return missing, extra, stale, len(database), len(indexed)


def repair(engine, missing, extra, stale, batch=500):
    """Re-index the missing and stale pages, delete the extra documents."""
    pages = missing + stale
    for start in range(0, len(pages), batch):
        engine.index(list(SearchDocument.objects.filter(page_id__in=pages[start : start + batch])))
    for start in range(0, len(extra), batch):
        engine.delete(extra[start : start + batch])
    engine.refresh()


def rebuild_index(write: Callable[[str], None], engine: ElasticsearchEngine | None = None) -> int:
    """``rebuild_search_index``'s Elasticsearch step, with progress lines through ``write``.

    A new versioned index from the ``SearchDocument`` rows, the atomic alias swap,
    the outbox rows it covers removed, then a consistency pass for pages changed
    while it ran (their outbox rows may have gone to the old index).
    """
    from django.db.models import Max

    from ..models import IndexOperation

    engine = engine or ElasticsearchEngine()
    if not engine.config.enabled:
        from django.core.management import CommandError

        raise CommandError("未配置 ELASTICSEARCH_URL，无法重建 Elasticsearch 索引。")
    total = SearchDocument.objects.count()
    covered = IndexOperation.objects.aggregate(m=Max("id"))["m"] or 0
    write(f"Elasticsearch：新建索引并写入 {total} 篇文档（别名 {engine.alias}）")
    start = time.perf_counter()
    last = [0.0]

    def progress(done):
        now = time.perf_counter()
        if done >= total or now - last[0] >= 1:
            last[0] = now
            write(f"Elasticsearch：已索引 {done}/{total}")

    done = engine.rebuild_from_database(progress)
    IndexOperation.objects.filter(id__lte=covered).delete()
    missing, extra, stale, *_ = compare(engine)
    if missing or extra or stale:
        repair(engine, missing, extra, stale)
    elapsed = time.perf_counter() - start
    write(
        f"Elasticsearch：别名 {engine.alias} → {', '.join(engine.alias_indices())}；"
        f"{done} 篇，用时 {elapsed:.1f} 秒；重建期间的变更补齐 {len(missing) + len(extra) + len(stale)} 篇"
    )
    return done
