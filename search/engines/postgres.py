"""PostgreSQL full-text engine.

``sitesearch_pgindex`` (migration 0002) holds one ``tsvector`` per SearchDocument
(GIN index; rows cascade with their document). The vector is built from the
project's own analysis, not from a PostgreSQL parser: this module writes the
``tsvector`` literal itself (the ``'simple'`` configuration's behaviour – no
stemming, no stop words – with our segmentation), so a compound and its
sub-words share one position (``家校协同``/``家校``/``协同`` at 1, ``育人`` at 2) and
phrase queries (``协同 <-> 育人``) work inside compounds. Weights: title A,
summary B, body C. The query is a ``tsquery`` literal built the same way, passed
as a bound parameter and cast (``%s::tsquery``): user text never reaches the SQL.

Ranking: ``ts_rank_cd`` (cover density, which already rewards proximity) with
weights {D 0.1, C 0.2, B 0.4, A 1.0}, times 1.5 when the words also occur as a phrase.
"""

from __future__ import annotations

from django.db import connection

from ..analysis import analyse
from .sql import COLUMNS, DOC, SqlEngine

INDEX = "sitesearch_pgindex"
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
PHRASE_BONUS = 1.5
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 200


def lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(fields) -> str:
    """``fields`` = [(text, weight letter)] → a tsvector literal with positions and weights."""
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in fields:
        for group in analyse(text):
            position = min(position + 1, MAX_POSITION)
            for token in group:
                found = positions.setdefault(token, [])
                if len(found) < MAX_POSITIONS_PER_LEXEME:
                    found.append(f"{position}{weight}")
        position = min(position + 10, MAX_POSITION)  # no phrase across fields
    return " ".join(f"{lexeme(tok)}:{','.join(pos)}" for tok, pos in positions.items())


def tsquery_literal(query) -> str:
    groups = []
    for term in query.terms:
        alternatives = " | ".join(
            "(" + " <-> ".join(lexeme(t) for t in alt.split()) + ")" if " " in alt else lexeme(alt)
            for alt in term.alternatives
        )
        groups.append(f"({alternatives})")
    return " & ".join(groups)


def phrase_literal(query) -> str | None:
    phrases = [" <-> ".join(lexeme(t) for t in phrase) for phrase in query.phrases]
    return " | ".join(f"({p})" for p in phrases) or None


class PostgresEngine(SqlEngine):
    name = "postgresql-fts"

    @staticmethod
    def analyse_rows(items):
        return [
            (pk, tsvector_literal([(title, "A"), (summary, "B"), (body, "C")])) for pk, title, summary, body in items
        ]

    def write_rows(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {INDEX} (document_id, vector) VALUES (%s, %s::tsvector)", rows)  # noqa: S608 - table names and placeholders only

    def delete_ids(self, document_ids):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {INDEX} WHERE document_id = ANY(%s)", [list(document_ids)])  # noqa: S608 - table names and placeholders only

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {INDEX}")  # noqa: S608 - table names and placeholders only

    def match_sql(self, request):
        query = request.query
        if not query:
            return f"SELECT {COLUMNS}, 0.0::float8 AS score FROM {DOC} d", []  # noqa: S608 - table names and placeholders only
        score = f"ts_rank_cd('{RANK_WEIGHTS}', v.vector, q.q)"
        params = []
        phrase = phrase_literal(query)
        if phrase:
            score = f"{score} * (CASE WHEN v.vector @@ %s::tsquery THEN {PHRASE_BONUS} ELSE 1.0 END)"
            params.append(phrase)
        params.append(tsquery_literal(query))
        sql = (
            f"SELECT {COLUMNS}, ({score})::float8 AS score FROM {INDEX} v JOIN {DOC} d ON d.id = v.document_id,"  # noqa: S608 - table names and placeholders only
            " (SELECT %s::tsquery AS q) q WHERE v.vector @@ q.q"
        )
        return sql, params
