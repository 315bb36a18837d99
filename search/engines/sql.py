"""What the embedded engines share: indexing with parallel analysis, and the search plan.

``search()`` (below) answers a query in three steps, each bounded whatever the match count:

1. the ids of every matching document, in one statement that also reads the index
   generation (SQLite: ``group_concat(rowid)`` from FTS5; PostgreSQL: ``string_agg`` over
   the GIN index), with no scoring;
2. total and facet counts from the in-memory facet index (``search/facetindex.py``);
3. the requested page from ranked tiers: the title/summary tier, then the rest, each
   scoring at most ``POOL`` documents; past those pools, newest first.

Filters reach the full-text statements as tags (SQLite) or columns (PostgreSQL). Every
value is a bound parameter; the only text put into the SQL is built from constants.
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
import os

import numpy as np
from django.db import connection, transaction

from ..facetindex import FacetIndex, read_generation
from ..models import SearchDocument, SearchDocumentDirection
from .base import FACETS, EngineResult, SearchEngine, SearchRequest

DOC = SearchDocument._meta.db_table
DIR = SearchDocumentDirection._meta.db_table

#: Facet name → the short prefix of its tag (a filter token in the full-text index).
TAG_PREFIXES = {
    "type": "_t_",
    "category": "_c_",
    "direction": "_d_",
    "province": "_p_",
    "school_type": "_s_",
    "year": "_y_",
    "promotion": "_pr_",
}


def tag(name, value) -> str:
    """The index token of a facet value (``_p_guizhou``); the analyser never emits ``_``."""
    return f"{TAG_PREFIXES[name]}{str(value).lower()}"


def document_tags(doc) -> str:
    values = [(name, getattr(doc, name, "")) for name in TAG_PREFIXES if name != "direction"]
    values += [("direction", code) for code in doc.directions or []]
    return " ".join(tag(name, value) for name, value in values if value not in (None, ""))


def _fields(doc):
    return (doc.pk, doc.title or "", doc.summary or "", doc.body or "", document_tags(doc))


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
    #: Documents scored per tier: the newest ``POOL`` matches of the title/summary tier
    #: and, when a page reaches past that tier, of the rest. Scoring (bm25, ts_rank) is
    #: the expensive part of a full-text query, and a common word matches nearly every
    #: document; a bounded pool keeps a query's cost independent of how many match.
    POOL = 500

    def match_ids(self, request: SearchRequest) -> tuple[int, np.ndarray]:
        """(index generation, sorted ids of the documents matching the query, no filters)."""
        raise NotImplementedError

    def rank_head(self, request: SearchRequest, limit: int, candidates: np.ndarray) -> list[tuple[int, float]]:
        """(id, score) of up to ``limit`` recent documents with every query word in the title
        or summary (filters applied), scored on those fields. ``candidates``: the ids
        that match the query and filters."""
        raise NotImplementedError

    def rank_body(self, request: SearchRequest, limit: int, exclude, candidates: np.ndarray) -> list[tuple[int, float]]:
        """(id, score) of up to ``limit`` recent matching documents not in ``exclude``
        (filters applied), scored on every field."""
        raise NotImplementedError

    def search(self, request: SearchRequest) -> EngineResult:
        """Facets from the in-memory facet index over the whole match set; order from
        bounded ranked tiers.

        Order: (1) documents with every query word in the title or summary, by their
        title/summary score (phrase bonus included); (2) the other matches, by their score
        over every field; each tier scores at most ``POOL`` recent documents (SQLite: the
        newest ``POOL`` of each tier; PostgreSQL: of the newest ``POOL`` matches); (3) beyond
        those (deep pages of a very common word), the remaining matches newest first. The
        order depends only on the query and filters, so pages never overlap or skip.
        """
        if request.query:
            generation, ids = self.match_ids(request)
        else:
            generation, ids = read_generation(), None
        index = FacetIndex.get(generation)
        ids = index.all_ids() if ids is None else index.known(ids)
        total, facets, candidates = index.count(ids, request.filters, FACETS)
        need = min(request.offset + request.page_size, total)
        ordered: list[int] = []
        if request.query and need:
            dates = index.dates
            tier = self.rank_head(request, self.POOL, candidates)
            ordered = [i for i, _s in sorted(tier, key=lambda r: (-r[1], -dates[r[0]], -r[0]))]
            if len(ordered) < need:
                tier = self.rank_body(request, self.POOL, set(ordered), candidates)
                ordered += [i for i, _s in sorted(tier, key=lambda r: (-r[1], -dates[r[0]], -r[0]))]
        if len(ordered) < need:
            rest = candidates
            if ordered:
                rest = rest[~np.isin(rest, np.array(ordered, dtype=np.int64))]
            ordered += index.newest_first(rest)[: need - len(ordered)].tolist()
        return EngineResult(total=total, ids=[int(i) for i in ordered[request.offset : need]], facets=facets)
