"""SQLite FTS5 engine.

Two FTS5 tables (migration 0004) hold the *segmented* text (tokens separated by spaces;
the ``ascii`` tokenizer then only splits on those spaces), rowid = the SearchDocument
id: ``sitesearch_fts`` (title, summary, body, tags) and ``sitesearch_fts_head`` (title,
summary, tags), whose short doclists rank the title/summary tier cheaply. ``tags`` holds
one token per facet value (``_p_guizhou``), so filters join the FTS5 expression and
``ORDER BY rowid DESC LIMIT n`` stops after ``n`` matching, filtered documents. A trigger
removes both rows when the document is deleted.

Ranking (``SqlEngine.search``): ``bm25`` with column weights title 10 > summary 4 > body 1
(tags 0); documents where the query words occur close together (``NEAR`` within a few
tokens, a compound's sub-words sit right after it) get a 1.5× bonus.
"""

from __future__ import annotations

from django.db import connection

from ..analysis import index_text
from ..facetindex import generation_sql, parse_ids
from .sql import SqlEngine, tag

FTS = "sitesearch_fts"
HEAD = "sitesearch_fts_head"
WEIGHTS = (10.0, 4.0, 1.0, 0.0)
HEAD_WEIGHTS = (10.0, 4.0, 0.0)
PHRASE_BONUS = 1.5


def quote(token: str) -> str:
    """An FTS5 string literal (tokens are already alphanumeric; quotes doubled anyway).

    A value with spaces ("协同 育人") is an FTS5 phrase: adjacent tokens, in order.
    """
    return '"' + token.replace('"', '""') + '"'


def match_expression(query) -> str:
    groups = []
    for term in query.terms:
        alternatives = " OR ".join(quote(t) for t in term.alternatives)
        groups.append(f"({alternatives})" if len(term.alternatives) > 1 else alternatives)
    return " AND ".join(groups)


def near_expression(query) -> str | None:
    parts = []
    for phrase in query.phrases:
        # Sub-words are emitted after their compound: allow a little slack per word.
        parts.append(f"NEAR({' '.join(quote(t) for t in phrase)}, {2 * len(phrase)})")
    return " OR ".join(parts) or None


def filter_expression(filters) -> str:
    return " AND ".join(
        f"tags : {quote(tag(name, value))}" for name, value in filters.items() if value not in (None, "")
    )


def _and(*parts) -> str:
    return " AND ".join(f"({p})" for p in parts if p)


class SQLiteEngine(SqlEngine):
    name = "sqlite-fts5"

    @staticmethod
    def analyse_rows(items):
        rows = []
        for pk, title, summary, body, tags in items:
            title, summary = index_text(title), index_text(summary)
            rows.append((pk, title, summary, index_text(body), tags))
        return rows

    def write_rows(self, rows):
        with connection.cursor() as cursor:
            insert = f"INSERT INTO {FTS} (rowid, title, summary, body, tags) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608 - table names and placeholders only
            cursor.executemany(insert, rows)
            cursor.executemany(
                f"INSERT INTO {HEAD} (rowid, title, summary, tags) VALUES (%s, %s, %s, %s)",  # noqa: S608 - table names and placeholders only
                [(pk, title, summary, tags) for pk, title, summary, _body, tags in rows],
            )

    def delete_ids(self, document_ids):
        ids = list(document_ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                for table in (FTS, HEAD):
                    cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)  # noqa: S608 - table names and placeholders only

    def clear(self):
        with connection.cursor() as cursor:
            for table in (FTS, HEAD):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - table names and placeholders only

    def optimize(self):
        """Merge the FTS5 segments (after a rebuild: fewer segments, faster queries)."""
        with connection.cursor() as cursor:
            for table in (FTS, HEAD):
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608 - table names only

    def rebuild(self, documents, progress=None, batch=500, workers=None):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            cache_size = int(cursor.fetchone()[0])
            # FTS5 merges its segments in the page cache: 256 MB halves the final merge.
            cursor.execute("PRAGMA cache_size = -262144")
        try:
            done = super().rebuild(documents, progress=progress, batch=batch, workers=workers)
            self.optimize()
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {cache_size}")
        return done

    #: Per-connection read settings for searching: a bigger page cache (64 MB) and
    #: memory-mapped reads. (temp_store cannot change inside a transaction: not set here.)
    PRAGMAS = ("PRAGMA cache_size = -65536", "PRAGMA mmap_size = 268435456")

    def _cursor(self):
        connection.ensure_connection()
        if getattr(connection, "_sitesearch_tuned", None) is not connection.connection:
            with connection.cursor() as cursor:
                for pragma in self.PRAGMAS:
                    cursor.execute(pragma)
            connection._sitesearch_tuned = connection.connection  # once per raw connection
        return connection.cursor()

    def match_ids(self, request):
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT {generation_sql()}, (SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s)",  # noqa: S608 - table names and placeholders only
                [match_expression(request.query)],
            )
            generation, ids = cursor.fetchone()
        return int(generation or 0), parse_ids(ids)

    def _ranked(self, table, weights, expression, near, limit, exclude=()):
        weights = ", ".join(str(w) for w in weights)
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -bm25({table}, {weights}) FROM {table} WHERE {table} MATCH %s"  # noqa: S608 - table names and placeholders only
                " ORDER BY rowid DESC LIMIT %s",
                [expression, limit + len(exclude)],
            )
            scored = [(i, s) for i, s in cursor.fetchall() if i not in exclude][:limit]
            if near and scored:
                # The phrase bonus, over the same newest rows only (rowid range).
                cursor.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND rowid >= %s",  # noqa: S608 - table names and placeholders only
                    [near, min(i for i, _s in scored)],
                )
                phrased = {row[0] for row in cursor.fetchall()}
                scored = [(i, s * PHRASE_BONUS if i in phrased else s) for i, s in scored]
        return scored

    def rank_head(self, request, limit, candidates):
        filters = filter_expression(request.filters)
        query = request.query
        near = near_expression(query)
        return self._ranked(
            HEAD,
            HEAD_WEIGHTS,
            _and(match_expression(query), filters),
            _and(near, filters) if near else None,
            limit,
        )

    def rank_body(self, request, limit, exclude, candidates):
        filters = filter_expression(request.filters)
        query = request.query
        near = near_expression(query)
        return self._ranked(
            FTS,
            WEIGHTS,
            _and(match_expression(query), filters),
            _and(near, filters) if near else None,
            limit,
            exclude,
        )
