"""SQLite FTS5 engine.

``sitesearch_fts`` (migration 0002) is an FTS5 table with the columns title,
summary and body holding the *segmented* text (tokens separated by spaces, the
``unicode61`` tokenizer then only splits on those spaces), rowid = the
SearchDocument id. A trigger removes the row when its document is deleted.

Ranking: ``bm25`` with column weights title 10 > summary 4 > body 1; documents
where the query words occur close together (``NEAR`` within a few tokens, a
compound's sub-words sit right after it) get a 1.5× bonus.
"""

from __future__ import annotations

from django.db import connection

from ..analysis import index_text
from .sql import COLUMNS, DOC, SqlEngine

FTS = "sitesearch_fts"
WEIGHTS = (10.0, 4.0, 1.0)
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


class SQLiteEngine(SqlEngine):
    name = "sqlite-fts5"

    @staticmethod
    def analyse_rows(items):
        return [(pk, index_text(title), index_text(summary), index_text(body)) for pk, title, summary, body in items]

    def write_rows(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {FTS} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)", rows)  # noqa: S608 - table names and placeholders only

    def delete_ids(self, document_ids):
        ids = list(document_ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk)  # noqa: S608 - table names and placeholders only

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS}")  # noqa: S608 - table names and placeholders only

    #: Per-connection read settings for searching: a bigger page cache (64 MB) and
    #: memory-mapped reads. (temp_store cannot change inside a transaction: not set here.)
    PRAGMAS = ("PRAGMA cache_size = -65536", "PRAGMA mmap_size = 268435456")

    def search(self, request):
        connection.ensure_connection()
        if getattr(connection, "_sitesearch_tuned", None) is not connection.connection:
            with connection.cursor() as cursor:
                for pragma in self.PRAGMAS:
                    cursor.execute(pragma)
            connection._sitesearch_tuned = connection.connection  # once per raw connection
        return super().search(request)

    def match_sql(self, request):
        query = request.query
        if not query:
            return f"SELECT {COLUMNS}, 0.0 AS score FROM {DOC} d", []  # noqa: S608 - table names and placeholders only
        weights = ", ".join(str(w) for w in WEIGHTS)
        score = f"-bm25({FTS}, {weights})"
        params = [match_expression(query)]
        near = near_expression(query)
        if near:
            score = (
                f"{score} * (CASE WHEN f.rowid IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"  # noqa: S608 - table names and placeholders only
                f" THEN {PHRASE_BONUS} ELSE 1.0 END)"
            )
            params.insert(0, near)
        sql = f"SELECT {COLUMNS}, {score} AS score FROM {FTS} f JOIN {DOC} d ON d.id = f.rowid WHERE {FTS} MATCH %s"  # noqa: S608 - table names and placeholders only
        return sql, params
