"""What the embedded engines share: indexing with parallel analysis, and the search plan.

``search()`` (below) answers a query in bounded steps, whatever the match count:

1. the ids of the documents holding each alternative of the query's concepts, one
   statement for all of them (SQLite: ``group_concat(rowid)`` per FTS5 expression;
   PostgreSQL: postings bitmaps or ``string_agg`` over the GIN index), kept per process
   for the index generation they were read at (an alternative such as 班主任 that is in
   every document is read once, not per query);
2. which documents are results (``relevance.evaluate``: coverage and full matches, numpy
   over those ids), then total and facet counts from the in-memory facet index
   (``search/facetindex.py``);
3. the requested page: the first ``relevance.POOL`` results by (full match, coverage, date)
   ranked on their rank features (``relevance.rank``), the rest in that order.

Every value is a bound parameter; the only text put into the SQL is built from constants.
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
import os
import threading

import numpy as np
from django.db import connection, transaction

from .. import relevance
from ..facetindex import FacetIndex, read_generation
from ..models import SearchDocument
from .base import FACETS, EngineResult, SearchEngine, SearchRequest, no_results

FEATURES = "sitesearch_features"


def _fields(doc):
    return (doc.pk, doc.title or "", doc.summary or "", doc.context or "", doc.body or "")


def _page_result(total, page, facets, evaluation, matched) -> EngineResult:
    """One page of results with, for each, whether it matched every concept and which alternatives."""
    return EngineResult(
        total=total,
        ids=page,
        facets=facets,
        full={i: bool(evaluation.full[i]) for i in page},
        matched={i: matched.get(i, set()) for i in page},
    )


class _IdCache:
    """Alternative → sorted document ids, for one index generation (least recently used
    entries dropped past ``limit`` ids in all)."""

    def __init__(self, generation, limit):
        self.generation, self.limit = generation, limit
        self.ids: collections.OrderedDict[str, np.ndarray] = collections.OrderedDict()
        self.size = 0

    def get(self, text):
        found = self.ids.get(text)
        if found is not None:
            self.ids.move_to_end(text)
        return found

    def add(self, found: dict):
        for text, ids in found.items():
            if text in self.ids:
                continue
            if len(ids) and ids[-1] < 2**31:
                ids = ids.astype(np.int32)  # half the memory; numpy indexes with either
            self.ids[text] = ids
            self.size += len(ids)
        while self.size > self.limit and len(self.ids) > len(found):
            _text, dropped = self.ids.popitem(last=False)
            self.size -= len(dropped)


class SqlEngine(SearchEngine):
    #: Documents analysed per worker task during a rebuild.
    rebuild_chunk = 200

    # Dialect hooks -----------------------------------------------------------
    @staticmethod
    def analyse_rows(items):
        """Pure function (runs in worker processes): (id, title, summary, body, tags) → index rows."""
        raise NotImplementedError

    def write_rows(self, rows) -> None:
        raise NotImplementedError

    def fetch_ids(self, alternatives) -> tuple[int, dict[str, np.ndarray]]:
        """(index generation, alternative → sorted ids of the documents holding it), in one
        statement. An alternative is a token or a phrase (tokens separated by spaces)."""
        raise NotImplementedError

    def delete_ids(self, document_ids) -> None:
        raise NotImplementedError

    # Interface -----------------------------------------------------------------
    def index(self, documents):
        documents = [d for d in documents if d.pk]
        if not documents:
            return
        rows = self.analyse_rows([_fields(d) for d in documents])
        with transaction.atomic():
            self.delete_ids([d.pk for d in documents])
            self.write_rows(rows)

    def delete(self, page_ids):
        ids = list(SearchDocument.objects.filter(page_id__in=list(page_ids)).values_list("pk", flat=True))
        if ids:
            self.delete_ids(ids)

    def rebuild(self, documents, progress=None, batch=500, workers=None):
        """Index saved documents; analysis runs in ``workers`` processes (default: CPU count)."""
        self.clear()
        workers = workers or int(os.environ.get("SEARCH_REBUILD_WORKERS", 0)) or os.cpu_count() or 1
        done = 0

        def chunks():
            chunk = []
            for doc in documents:
                chunk.append(_fields(doc))
                if len(chunk) >= self.rebuild_chunk:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk

        if workers > 1 and connection.vendor in ("sqlite", "postgresql"):
            # The chunks are read (and the documents saved) here, on this thread's database
            # connection and inside the caller's transaction: ``Pool.imap`` would consume the
            # iterable in a thread of its own, i.e. on a second connection, outside the
            # transaction (on SQLite: "database is locked"). At most 2 chunks per worker are
            # in flight, so memory stays bounded; results are written in order.
            ctx = multiprocessing.get_context("fork")
            # Workers only analyse text, which makes no reference cycles; the cyclic garbage
            # collector would walk their large, growing analysis caches again and again (up to
            # a quarter of the PostgreSQL literal time in fresh processes), so it is off in them.
            with ctx.Pool(workers, initializer=gc.disable) as pool:
                pending = collections.deque()
                for chunk in chunks():
                    pending.append(pool.apply_async(self.analyse_rows, (chunk,)))
                    while len(pending) > 2 * workers or (pending and pending[0].ready()):
                        done += self._write_analysed(pending.popleft().get(), done, progress)
                while pending:
                    done += self._write_analysed(pending.popleft().get(), done, progress)
        else:
            for chunk in chunks():
                done += self._write_analysed(self.analyse_rows(chunk), done, progress)
        return done

    def _write_analysed(self, rows, done, progress):
        self.write_rows(rows)
        if progress:
            progress(done + len(rows))
        return len(rows)

    # Search --------------------------------------------------------------------
    #: Ids kept per process and database for the current generation (4 bytes each: 32 MB,
    #: the ids of 80 words found in every document of 100,000).
    cached_ids = 8_000_000
    _caches: dict = {}
    _cache_lock = threading.Lock()

    def ids_for(self, alternatives, generation=None) -> tuple[int, dict[str, np.ndarray]]:
        """(generation, alternative → sorted ids) for ``alternatives``, read at one generation.
        ``generation``: one this request has just read (the ids cached at it are used as they are)."""
        alternatives = list(dict.fromkeys(alternatives))
        key = (connection.alias, connection.settings_dict.get("NAME"))
        for _attempt in range(3):
            cache = self._caches.get(key)
            missing = [a for a in alternatives if cache is None or cache.get(a) is None]
            if not missing and generation is not None and cache.generation == generation:
                return generation, {a: cache.get(a) for a in alternatives}
            if missing:
                generation, found = self.fetch_ids(missing)
            else:
                generation, found = read_generation(), {}
            with self._cache_lock:
                if cache is None or cache.generation != generation:
                    cache = self._caches[key] = _IdCache(generation, self.cached_ids)
                    if len(missing) < len(alternatives):
                        continue  # some came from the previous generation: read them all again
                cache.add(found)
                result = {a: found[a] if a in found else cache.get(a) for a in alternatives}
            if all(v is not None for v in result.values()):
                return generation, result
        generation, found = self.fetch_ids(alternatives)
        return generation, found

    @classmethod
    def forget_cached_ids(cls):
        cls._caches.clear()

    def doc_freqs(self, items) -> tuple[int, dict, int]:
        """(number of documents, item → number of documents holding it, index generation);
        an item is an alternative or a tuple of alternatives (the documents holding any of them)."""
        items = list(items)
        texts = {t for item in items for t in ((item,) if isinstance(item, str) else item)}
        generation, ids = self.ids_for(sorted(texts))
        freqs = {}
        for item in items:
            if isinstance(item, str):
                freqs[item] = len(ids[item])
            else:
                parts = [ids[t] for t in item if len(ids[t])]
                if len(parts) > 1:  # the documents holding any of them: a flag per id
                    held = np.zeros(max(int(p[-1]) for p in parts) + 1, dtype=bool)
                    for p in parts:
                        held[p] = True
                    freqs[item] = int(np.count_nonzero(held))
                else:
                    freqs[item] = sum(map(len, parts))
        return len(FacetIndex.get(generation).ids), freqs, generation

    def read_features(self, ids) -> dict[int, str]:
        ids = [int(i) for i in ids]
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT document_id, features FROM {FEATURES} WHERE document_id IN ({marks})", ids)  # noqa: S608 - constant table name and placeholders
            return dict(cursor.fetchall())

    def search(self, request: SearchRequest) -> EngineResult:
        """Results and facets over every match; the first ``relevance.POOL`` ranked."""
        query = request.query
        need_end = request.offset + request.page_size
        if query.concepts and not query:
            return no_results()
        if not query.concepts:
            index = FacetIndex.get(read_generation())
            total, facets, candidates = index.count(index.all_ids(), request.filters, FACETS)
            page = index.sorted(candidates, request.sort)[request.offset : need_end]
            return EngineResult(total=total, ids=[int(i) for i in page], facets=facets)
        generation, ids = self.ids_for(query.lookups(), generation=query.generation)
        index = FacetIndex.get(generation)
        evaluation = relevance.evaluate(query, ids, index.size)
        known = index.all_ids()
        qualified = known[evaluation.qualifies[known]]
        total, facets, candidates = index.count(qualified, request.filters, FACETS)
        if request.sort != "relevance":  # the reader's order, full matches first; no ranking pass
            page = [int(i) for i in index.sorted(candidates, request.sort, evaluation.full)[request.offset : need_end]]
            matched = relevance.matched_alternatives(query, np.array(page, dtype=np.int64), ids)
            return _page_result(total, page, facets, evaluation, matched)
        order = relevance.pool_order(candidates, evaluation, index.dates)
        pool = order[: relevance.POOL]
        matched: dict[int, set[str]] = {}
        if request.offset < len(pool):
            matched = relevance.matched_alternatives(query, pool, ids)
            ranked = relevance.rank(
                query, [int(i) for i in pool], matched, self.read_features(pool), evaluation.full, index.dates
            )
            ordered = ranked + [int(i) for i in order[relevance.POOL : need_end]]
        else:
            ordered = [int(i) for i in order[:need_end]]
        page = ordered[request.offset : need_end]
        if not matched:
            matched = relevance.matched_alternatives(query, np.array(page, dtype=np.int64), ids)
        return _page_result(total, page, facets, evaluation, matched)
