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

A second vector, ``head`` (title A + summary B, GIN-indexed too, migration 0004),
ranks the title/summary tier without reading the long body vectors.

Ranking (``SqlEngine.search``): ``ts_rank_cd`` (cover density, which already rewards
proximity) with weights {D 0.1, C 0.2, B 0.4, A 1.0}, times 1.5 when the words also occur
as a phrase; only the rows of the bounded tiers are scored.
"""

from __future__ import annotations

import copy

from django.db import connection, transaction

from ..analysis import analyse
from ..facetindex import generation_sql, parse_ids
from .sql import DIR, DOC, SqlEngine

INDEX = "sitesearch_pgindex"
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
PHRASE_BONUS = 1.5
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 200


def lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(fields) -> str:
    """``fields`` = [(text, weight letter)] → a tsvector literal with positions and weights.

    Positions are gathered per distinct *position group* (a word and its sub-words)
    and only then spread over the group's tokens: text repeats its words, so the
    per-occurrence work is one dictionary append.
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in fields:
        groups = analyse(text)
        occurrences: dict[tuple[str, ...], list[int]] = {}
        for offset, group in enumerate(groups, start=position + 1):
            occurrences.setdefault(group, []).append(offset)
        position += len(groups) + 10  # no phrase across fields
        suffix = "%d" + weight
        for group, found in occurrences.items():
            found = found[:MAX_POSITIONS_PER_LEXEME]
            if found[-1] > MAX_POSITION:
                found = sorted({min(p, MAX_POSITION) for p in found})
            for token in group:
                known = positions.setdefault(token, [])
                room = MAX_POSITIONS_PER_LEXEME - len(known)
                if room > 0:
                    known.extend(suffix % p for p in found[:room])
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


def filter_sql(filters) -> tuple[str, list]:
    """`` AND ...`` conditions on the document row ``d`` for the filters, and their parameters."""
    clauses, params = [], []
    for name, value in filters.items():
        if value in (None, ""):
            continue
        if name == "direction":
            clauses.append(f"d.id IN (SELECT document_id FROM {DIR} WHERE code = %s)")  # noqa: S608 - table names and placeholders only
        else:
            clauses.append(f"d.{FILTER_COLUMNS[name]} = %s")
        params.append(value)
    return "".join(f" AND {c}" for c in clauses), params


FILTER_COLUMNS = {name: name for name in ("type", "category", "province", "school_type", "year", "promotion")}


class PostgresEngine(SqlEngine):
    name = "postgresql-fts"

    @staticmethod
    def analyse_rows(items):
        return [
            (
                pk,
                tsvector_literal([(title, "A"), (summary, "B"), (body, "C")]),
                tsvector_literal([(title, "A"), (summary, "B")]),
            )
            for pk, title, summary, body, _tags in items
        ]

    def write_rows(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} (document_id, vector, head) VALUES (%s, %s::tsvector, %s::tsvector)",  # noqa: S608 - table names and placeholders only
                rows,
            )

    def delete_ids(self, document_ids):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {INDEX} WHERE document_id = ANY(%s)", [list(document_ids)])  # noqa: S608 - table names and placeholders only

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608 - table names and placeholders only

    #: Where ``write_rows`` writes: the live table, or the new one a rebuild fills.
    table = INDEX
    GIN_INDEXES = {"vector": "sitesearch_pgindex_vector", "head": "sitesearch_pgindex_head"}

    def rebuild(self, documents, progress=None, batch=500, workers=None):
        """Fill a new table, index it, then swap it in: searches keep using the old table
        (no lock held on it) until the swap commits, and the GIN indexes are built once
        at the end instead of row by row (several times faster)."""
        build = f"{INDEX}_build"
        builder = copy.copy(self)
        builder.table = build
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {build}")  # noqa: S608 - constant names
                cursor.execute(
                    f"CREATE TABLE {build} (document_id bigint NOT NULL, vector tsvector NOT NULL,"  # noqa: S608 - constant names
                    " head tsvector NOT NULL DEFAULT '')"
                )
            done = SqlEngine.rebuild(builder, documents, progress=progress, batch=batch, workers=workers)
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                cursor.execute(f"ALTER TABLE {build} ADD PRIMARY KEY (document_id)")  # noqa: S608 - constant names
                for column in self.GIN_INDEXES:
                    cursor.execute(f"CREATE INDEX {build}_{column} ON {build} USING GIN ({column})")  # noqa: S608 - constant names
                # Deleted documents leave deferred cascade events on the old table: fire them
                # now (a table with pending trigger events cannot be dropped), then restore
                # Django's deferred constraint checking for the rest of the transaction.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"DROP TABLE {INDEX}")  # noqa: S608 - constant names
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                cursor.execute(f"ALTER TABLE {build} RENAME TO {INDEX}")  # noqa: S608 - constant names
                cursor.execute(f"ALTER INDEX {build}_pkey RENAME TO {INDEX}_pkey")  # noqa: S608 - constant names
                for column, name in self.GIN_INDEXES.items():
                    cursor.execute(f"ALTER INDEX {build}_{column} RENAME TO {name}")  # noqa: S608 - constant names
                cursor.execute(
                    f"ALTER TABLE {INDEX} ADD CONSTRAINT {INDEX}_document_fk FOREIGN KEY (document_id)"  # noqa: S608 - constant names
                    f" REFERENCES {DOC} (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
                )
                cursor.execute(f"ANALYZE {INDEX}")  # fresh planner statistics  # noqa: S608 - constant name
        return done

    def match_ids(self, request):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {generation_sql()}, (SELECT string_agg(document_id::text, ',') FROM {INDEX}"  # noqa: S608 - table names and placeholders only
                " WHERE vector @@ %s::tsquery)",
                [tsquery_literal(request.query)],
            )
            generation, ids = cursor.fetchone()
        return int(generation or 0), parse_ids(ids)

    def _ranked(self, column, weights, request, limit, exclude=()):
        """Newest ``limit`` rows matching on ``column`` (filters applied), scored there."""
        query = request.query
        where, params = filter_sql(request.filters)
        score = f"ts_rank_cd('{weights}', v.{column}, %s::tsquery)"
        score_params = [tsquery_literal(query)]
        phrase = phrase_literal(query)
        if phrase:
            score = f"{score} * (CASE WHEN v.{column} @@ %s::tsquery THEN {PHRASE_BONUS} ELSE 1.0 END)"
            score_params.append(phrase)
        exclusion = ""
        if exclude:
            exclusion = " AND NOT (v.document_id = ANY(%s))"
            params.append(list(exclude))
        # The inner query picks the rows (no scoring); the outer one scores only those.
        sql = (
            f"SELECT v.document_id, ({score})::float8 FROM {INDEX} v WHERE v.document_id IN ("  # noqa: S608 - table names and placeholders only
            f"SELECT w.document_id FROM {INDEX} w JOIN {DOC} d ON d.id = w.document_id"
            f" WHERE w.{column} @@ %s::tsquery{where}{exclusion} ORDER BY w.document_id DESC LIMIT %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*score_params, tsquery_literal(query), *params, limit])
            return cursor.fetchall()

    def rank_head(self, request, limit):
        return self._ranked("head", RANK_WEIGHTS, request, limit)

    def rank_body(self, request, limit, exclude):
        return self._ranked("vector", RANK_WEIGHTS, request, limit, exclude)
