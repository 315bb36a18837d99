"""Shared SQL for the embedded engines: filters, facet counts and ranked ids in one statement.

``search()`` runs one statement: a materialised CTE ``m`` holds the matching
documents with their score (the full-text match is evaluated once), then a
``UNION ALL`` returns the total, one ``GROUP BY`` per facet (each with every
*other* filter applied, so a visitor sees what each choice would give) and the
requested page of ids. Every value is a bound parameter; the only text put into
the SQL is built from constants here.
"""

from __future__ import annotations

import multiprocessing
import os

from django.db import connection, transaction

from ..models import SearchDocument, SearchDocumentDirection
from .base import FACETS, EngineResult, SearchEngine, SearchRequest

DOC = SearchDocument._meta.db_table
DIR = SearchDocumentDirection._meta.db_table
COLUMNS = "d.id, d.type, d.category, d.province, d.school_type, d.year, d.promotion, d.date"


def _fields(doc):
    return (doc.pk, doc.title or "", doc.summary or "", doc.body or "")


class SqlEngine(SearchEngine):
    #: Documents analysed per worker task during a rebuild.
    rebuild_chunk = 200

    # Dialect hooks -----------------------------------------------------------
    def match_sql(self, request: SearchRequest) -> tuple[str, list]:
        """SELECT <COLUMNS>, <score> AS score ... for the documents matching the query."""
        raise NotImplementedError

    @staticmethod
    def analyse_rows(items):
        """Pure function (runs in worker processes): (id, title, summary, body) → index rows."""
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
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers) as pool:
                for rows in pool.imap(self.analyse_rows, chunks()):
                    self.write_rows(rows)
                    done += len(rows)
                    if progress:
                        progress(done)
        else:
            for chunk in chunks():
                self.write_rows(self.analyse_rows(chunk))
                done += len(chunk)
                if progress:
                    progress(done)
        return done

    # Search --------------------------------------------------------------------
    def _where(self, filters, exclude=None):
        clauses, params = [], []
        for name in FACETS:
            if name == exclude or filters.get(name) in (None, ""):
                continue
            if name == "direction":
                clauses.append(f"m.id IN (SELECT document_id FROM {DIR} WHERE code = %s)")  # noqa: S608 - table names and placeholders only
            else:
                clauses.append(f"m.{name} = %s")
            params.append(filters[name])
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def search(self, request: SearchRequest) -> EngineResult:
        match, params = self.match_sql(request)
        branches = []
        for name in FACETS:
            where, wparams = self._where(request.filters, exclude=name)
            if name == "direction":
                branches.append(
                    f"SELECT 'direction' AS k, r.code AS v, COUNT(*) AS n FROM m JOIN {DIR} r"  # noqa: S608 - table names and placeholders only
                    f" ON r.document_id = m.id{where} GROUP BY r.code"
                )
            else:
                branches.append(
                    f"SELECT '{name}' AS k, CAST(m.{name} AS TEXT) AS v, COUNT(*) AS n FROM m{where} GROUP BY m.{name}"  # noqa: S608 - table names and placeholders only
                )
            params += wparams
        where, wparams = self._where(request.filters)
        branches.append(f"SELECT 'total' AS k, '' AS v, COUNT(*) AS n FROM m{where}")  # noqa: S608 - table names and placeholders only
        params += wparams
        order = "m.score DESC, m.date IS NULL, m.date DESC, m.id DESC"
        branches.append(
            "SELECT 'hit' AS k, CAST(h.id AS TEXT) AS v, h.rn AS n FROM ("  # noqa: S608 - table names and placeholders only
            f"SELECT m.id, ROW_NUMBER() OVER (ORDER BY {order}) AS rn FROM m{where} ORDER BY {order}"
            " LIMIT %s OFFSET %s) h"
        )
        params += [*wparams, request.page_size, request.offset]
        sql = f"WITH m AS MATERIALIZED ({match}) " + " UNION ALL ".join(branches)
        facets = {name: {} for name in FACETS}
        hits, total = [], 0
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for kind, value, n in cursor.fetchall():
                if kind == "hit":
                    hits.append((int(n), int(value)))
                elif kind == "total":
                    total = int(n)
                elif value not in (None, ""):
                    facets[kind][value] = int(n)
        # UNION ALL does not promise the sub-select's order: the row number restores it.
        hits.sort()
        return EngineResult(total=total, ids=[doc_id for _rank, doc_id in hits], facets=facets)
