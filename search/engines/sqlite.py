"""SQLite FTS5 engine.

``sitesearch_fts`` (migration 0010) holds the *segmented* text of each document (tokens
separated by spaces; the ``ascii`` tokenizer then only splits on those spaces) in four
columns, title, summary, context and body (followed by the marked tokens of
``analysis.salient_tokens``); rowid = the SearchDocument id. Each
alternative of a query is one FTS5 expression (a token, or a phrase of adjacent tokens),
and one statement reads the ids of all of them with ``group_concat(rowid)``.
``sitesearch_features`` holds each document's rank features. A trigger removes both rows
when the document is deleted.
"""

from __future__ import annotations

from django.db import connection

from ..analysis import document_features, index_text
from ..facetindex import generation_sql, parse_ids
from .sql import FEATURES, SqlEngine

FTS = "sitesearch_fts"


def quote(text: str) -> str:
    """An FTS5 string literal: a token, or a phrase when it has spaces ("协同 育人")."""
    return '"' + text.replace('"', '""') + '"'


class SQLiteEngine(SqlEngine):
    name = "sqlite-fts5"

    @staticmethod
    def analyse_rows(items):
        rows = []
        for pk, title, summary, context, body in items:
            title, summary, context, body = (
                index_text(title),
                index_text(summary),
                index_text(context),
                index_text(body),
            )
            features, marked = document_features(title, summary, context, body)
            # The marked tokens (a partial match needs one) go with the context: no query has them.
            context = " ".join([context, *marked])
            rows.append((pk, title, summary, context, body, features))
        return rows

    def write_rows(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, title, summary, context, body) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608 - table names and placeholders only
                [row[:5] for row in rows],
            )
            cursor.executemany(
                f"INSERT INTO {FEATURES} (document_id, features) VALUES (%s, %s)",  # noqa: S608 - table names and placeholders only
                [(row[0], row[5]) for row in rows],
            )

    def delete_ids(self, document_ids):
        ids = list(document_ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({marks})", chunk)  # noqa: S608 - table names and placeholders only
                cursor.execute(f"DELETE FROM {FEATURES} WHERE document_id IN ({marks})", chunk)  # noqa: S608 - table names and placeholders only

    def clear(self):
        with connection.cursor() as cursor:
            for table in (FTS, FEATURES):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - table names only

    def optimize(self):
        """Merge the FTS5 segments (after a rebuild: fewer segments, faster queries)."""
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")  # noqa: S608 - table names only

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

    def fetch_ids(self, alternatives):
        alternatives = list(alternatives)
        select = ", ".join([f"(SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s)"] * len(alternatives))  # noqa: S608 - table names and placeholders only
        with self._cursor() as cursor:
            cursor.execute(f"SELECT {generation_sql()}, {select}", [quote(a) for a in alternatives])  # noqa: S608 - constant SQL and placeholders
            generation, *found = cursor.fetchone()
        return int(generation or 0), {a: parse_ids(ids) for a, ids in zip(alternatives, found, strict=True)}
