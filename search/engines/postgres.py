"""PostgreSQL full-text engine.

``sitesearch_pgindex`` (migration 0002) holds one ``tsvector`` per SearchDocument
(GIN index; a trigger deletes them with their document, migration 0009). The vector is built from the
project's own analysis, not from a PostgreSQL parser: this module writes the
``tsvector`` literal itself (the ``'simple'`` configuration's behaviour – no
stemming, no stop words – with our segmentation), so a compound and its
sub-words share one position (``家校协同``/``家校``/``协同`` at 1, ``育人`` at 2) and
phrase queries (``协同 <-> 育人``) work inside compounds. Weights: title A,
summary B, body D (no letter). The query is a ``tsquery`` literal built the same way, passed
as a bound parameter and cast (``%s::tsquery``): user text never reaches the SQL.

A second table, ``sitesearch_pghead`` (title A + summary B, GIN-indexed too, migration
0004), ranks the title/summary tier without reading the long body vectors.

Matching: the words found in many documents have postings bitmaps (``pgpostings.py``,
chosen at each rebuild); a query term is matched from them in about a millisecond, the
rest by the GIN index (``sitesearch_match_ids``), with the same result.

Ranking (``SqlEngine.search``): ``ts_rank_cd`` (cover density, which already rewards
proximity) with weights {D 0.2, C 0.2, B 0.4, A 1.0}, times 1.5 when the words also occur
as a phrase. Only a window is scored: the newest ``POOL`` documents that match the query
and the filters (chosen in the facet index, then read by primary key); the ones that also
match on ``head`` come first, by their title/summary score.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import itertools
from collections import defaultdict

import numpy as np
from django.db import connection, transaction

from ..analysis import analyse
from ..facetindex import parse_ids
from . import pgpostings
from .sql import SqlEngine

INDEX = "sitesearch_pgindex"
HEAD = "sitesearch_pghead"
#: {D, C, B, A}. The body is written without a weight letter (D, the default: a sixth shorter
#: literal to build and to parse); indexes written before that have it as C, weighted alike.
RANK_WEIGHTS = "{0.2, 0.2, 0.4, 1.0}"
PHRASE_BONUS = 1.5


@functools.lru_cache(maxsize=200_000)
def lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literals(fields, head: int, lexemes: set | None = None) -> tuple[str, str]:
    """``fields`` = [(text, weight letter, or "" for D)] → (the tsvector literal of all
    ``fields``, the literal of the first ``head`` fields alone), with positions and weights.
    ``lexemes``, when given, receives the distinct tokens (for the postings bitmaps).

    Positions are gathered per distinct *position group* (a word and its sub-words) and
    formatted once per group and field, then written after each of the group's tokens.
    A token in several groups gets several entries: PostgreSQL's tsvector input merges
    them (and sorts the positions, clamps them at 16383 and keeps at most 256 per lexeme),
    in C, so Python does one dictionary append per occurrence and one string per group
    token (this runs for every document of a rebuild). Both literals come from one
    analysis of the head fields.
    """
    parts: list[str] = []
    head_literal = ""
    position = 0
    for n, (text, weight) in enumerate(fields):
        if n == head:
            head_literal = " ".join(parts)
        groups = analyse(text)
        # defaultdict, not setdefault(key, []): that builds a new empty list on every call.
        occurrences: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for offset, group in enumerate(groups, start=position + 1):
            occurrences[group].append(offset)
        position += len(groups) + 10  # no phrase across fields
        if lexemes is not None:
            lexemes.update(itertools.chain.from_iterable(occurrences))
        separator = f"{weight},"
        for group, found in occurrences.items():
            positions = ":" + separator.join(map(str, found)) + weight
            parts.extend([lexeme(token) + positions for token in group])
    literal = " ".join(parts)
    return literal, (head_literal if head < len(fields) else literal)


def tsquery_literal(query) -> str:
    return terms_literal(query.terms)


def terms_literal(terms) -> str:
    groups = []
    for term in terms:
        alternatives = " | ".join(
            "(" + " <-> ".join(lexeme(t) for t in alt.split()) + ")" if " " in alt else lexeme(alt)
            for alt in term.alternatives
        )
        groups.append(f"({alternatives})")
    return " & ".join(groups)


def phrase_literal(query) -> str | None:
    phrases = [" <-> ".join(lexeme(t) for t in phrase) for phrase in query.phrases]
    return " | ".join(f"({p})" for p in phrases) or None


class AnalysedRows(list):
    """A chunk's index rows, with its postings (``pgpostings.chunk_postings``) for a rebuild."""

    postings = None


class PostgresEngine(SqlEngine):
    name = "postgresql-fts"

    #: Words get a postings bitmap (``pgpostings``) when a rebuild finds them in at least
    #: this many documents and this share of all: below that the GIN match is already
    #: fast (a few thousand ids), and a small site has none.
    postings_min_docs = 1000
    postings_share = 0.05
    #: Pending documents folded into the bitmaps by the write that logs this many (a merge
    #: took 0.11-0.15 s at 100,000 documents; every search checks the pending ones' vectors).
    merge_at = 100
    #: A rebuild's ``pgpostings.Builder`` (set on the rebuild's copy of the engine).
    postings = None
    #: (connection alias, database name) → the postings version at which this process
    #: found no bitmaps at all (the GIN match alone then answers in one statement).
    _without_postings: dict = {}

    #: table → (its tsvector column, its GIN index). Two tables, not two columns: the match
    #: reads every matching row of ``INDEX``, whose rows stay small (the long body vector is
    #: stored out of line), while ``HEAD``'s short vectors are scored in place.
    TABLES = {INDEX: ("vector", f"{INDEX}_vector"), HEAD: ("head", f"{HEAD}_vector")}
    #: Where ``write_rows`` writes: the live tables, or the new ones a rebuild fills.
    suffix = ""

    @staticmethod
    def analyse_rows(items):
        rows, lexeme_sets = AnalysedRows(), []
        for pk, title, summary, body, _tags in items:
            lexemes: set[str] = set()
            rows.append((pk, *tsvector_literals([(title, "A"), (summary, "B"), (body, "")], head=2, lexemes=lexemes)))
            lexeme_sets.append(lexemes)
        rows.postings = pgpostings.chunk_postings(lexeme_sets)
        return rows

    def write_rows(self, rows):
        """``COPY`` (a quarter faster than ``executemany`` of ``INSERT``s for long vectors)."""
        if self.postings is not None:
            self.postings.add([row[0] for row in rows], rows.postings)
        with connection.cursor() as cursor:
            for table, column, position in ((INDEX, "vector", 1), (HEAD, "head", 2)):
                with cursor.cursor.copy(f"COPY {table}{self.suffix} (document_id, {column}) FROM STDIN") as copy:  # noqa: S608 - table names only
                    for row in rows:
                        copy.write_row((row[0], row[position]))

    def delete_ids(self, document_ids):
        with connection.cursor() as cursor:
            for table in self.TABLES:
                cursor.execute(f"DELETE FROM {table} WHERE document_id = ANY(%s)", [list(document_ids)])  # noqa: S608 - table names and placeholders only

    def clear(self):
        with connection.cursor() as cursor:
            for table in self.TABLES:
                cursor.execute(f"DELETE FROM {table}{self.suffix}")  # noqa: S608 - table names and placeholders only
            if not self.suffix:
                pgpostings.write(cursor, 0, [])

    def index(self, documents):
        super().index(documents)
        self.merge_pending()

    def delete(self, page_ids):
        super().delete(page_ids)
        self.merge_pending()

    def merge_pending(self, at=None):
        with connection.cursor() as cursor:
            return pgpostings.merge(cursor, at=self.merge_at if at is None else at)

    def rebuild(self, documents, progress=None, batch=500, workers=None):
        """Fill new tables, index them, then swap them in: searches keep using the old
        tables (no lock held on them) until the swap commits, and the GIN indexes are built
        once at the end instead of row by row (several times faster)."""
        builder = copy.copy(self)
        builder.suffix = "_build"
        builder.postings = pgpostings.Builder(self.postings_min_docs, self.postings_share)
        with transaction.atomic():
            with connection.cursor() as cursor:
                for table, (column, _index) in self.TABLES.items():
                    cursor.execute(f"DROP TABLE IF EXISTS {table}_build")  # noqa: S608 - constant names
                    cursor.execute(
                        f"CREATE TABLE {table}_build (document_id bigint NOT NULL, {column} tsvector NOT NULL)"
                    )  # noqa: S608 - constant names
                    # Stored out of line uncompressed: pglz gains little on a tsvector and
                    # costs a fifth of the write (and ranking reads them back faster).
                    cursor.execute(f"ALTER TABLE {table}_build ALTER COLUMN {column} SET STORAGE EXTERNAL")  # noqa: S608 - constant names
            done = SqlEngine.rebuild(builder, documents, progress=progress, batch=batch, workers=workers)
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for table, (column, _index) in self.TABLES.items():
                    cursor.execute(f"ALTER TABLE {table}_build ADD PRIMARY KEY (document_id)")  # noqa: S608 - constant names
                    cursor.execute(f"CREATE INDEX {table}_build_gin ON {table}_build USING GIN ({column})")  # noqa: S608 - constant names
                for table in self.TABLES:
                    cursor.execute(f"DROP TABLE {table}")  # noqa: S608 - constant names
                for table, (_column, index) in self.TABLES.items():
                    cursor.execute(f"ALTER TABLE {table}_build RENAME TO {table}")  # noqa: S608 - constant names
                    cursor.execute(f"ALTER INDEX {table}_build_pkey RENAME TO {table}_pkey")  # noqa: S608 - constant names
                    cursor.execute(f"ALTER INDEX {table}_build_gin RENAME TO {index}")  # noqa: S608 - constant names
                    cursor.execute(f"ANALYZE {table}")  # fresh planner statistics  # noqa: S608 - constant name
                # Migration 0004 re-indexes existing documents with this code, before 0008
                # has created the postings tables (and the triggers on this table).
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [pgpostings.POSTINGS])
                if cursor.fetchone()[0]:
                    for sql in pgpostings.pending_triggers(INDEX):
                        cursor.execute(sql)
                    pgpostings.write(cursor, *builder.postings.bitmaps())
        return done

    def match_ids(self, request):
        """Terms with a postings bitmap for any of their alternatives are matched from the
        bitmaps (their other alternatives, rare words or phrases, by the GIN index, one
        column each); the rest of the terms by the GIN index, together; pending documents
        on their own vectors. Two statements with a version check (see ``pgpostings``)."""
        terms = request.query.terms
        words = {alt for term in terms for alt in term.alternatives if " " not in alt}
        database = (connection.alias, connection.settings_dict.get("NAME"))
        with connection.cursor() as cursor:
            for _attempt in range(3):
                if not words or database in self._without_postings:
                    break
                version, bitmaps, exist = pgpostings.read(cursor, words)
                if not exist:
                    self._without_postings[database] = version
                    break
                covered = [t for t in terms if any(alt in bitmaps for alt in t.alternatives)]
                if not covered:
                    break
                rest = [t for t in terms if t not in covered]
                others = [
                    dataclasses.replace(t, alternatives=other)
                    for t in covered
                    if (other := tuple(alt for alt in t.alternatives if alt not in bitmaps))
                ]
                pending_docs = pgpostings.PENDING_DOCUMENTS
                sql = (
                    f"SELECT s.postings, s.generation, {pending_docs}, "  # noqa: S608 - constant SQL and placeholders
                    f"(SELECT string_agg(int8send(i.document_id), ''::bytea) FROM {INDEX} i "
                    f"WHERE i.document_id = ANY({pending_docs}) AND i.vector @@ %s::tsquery)"
                    + ", sitesearch_match_ids(%s::tsquery)" * (len(others) + bool(rest))
                    + " FROM sitesearch_indexstate s WHERE s.id = 1"
                )
                literals = [terms_literal([t]) for t in others] + ([terms_literal(rest)] if rest else [])
                cursor.execute(sql, [tsquery_literal(request.query), *literals])
                row = cursor.fetchone()
                if row[0] != version:
                    continue  # a merge or rebuild in between: read the bitmaps again
                found = {t.token: parse_ids(ids) for t, ids in zip(others, row[4:], strict=False)}
                ids = pgpostings.combine(
                    [([bitmaps[a] for a in t.alternatives if a in bitmaps], found.get(t.token)) for t in covered],
                    parse_ids(row[-1]) if rest else None,
                    pending=row[2],
                    pending_matches=parse_ids(row[3]),
                )
                return int(row[1] or 0), ids
        # sitesearch_match_ids (migration 0004): the GIN index only, never a sequential scan.
        # With the postings version: a process that found no bitmaps at all (a small site)
        # skips reading them until the version changes.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT generation, postings, sitesearch_match_ids(%s::tsquery) FROM sitesearch_indexstate WHERE id = 1",
                [tsquery_literal(request.query)],
            )
            generation, version, ids = cursor.fetchone()
        if self._without_postings.get(database, version) != version:
            self._without_postings.pop(database, None)
        return int(generation or 0), parse_ids(ids)

    def _scored(self, table, request, ids, *, must_match):
        """(id, score) for ``ids`` in ``table``: primary-key lookups of a few hundred rows."""
        if not len(ids):
            return []
        column = self.TABLES[table][0]
        query = request.query
        score = f"ts_rank_cd('{RANK_WEIGHTS}', {column}, %s::tsquery)"
        params = [tsquery_literal(query)]
        phrase = phrase_literal(query)
        if phrase:
            score = f"{score} * (CASE WHEN {column} @@ %s::tsquery THEN {PHRASE_BONUS} ELSE 1.0 END)"
            params.append(phrase)
        params.append([int(i) for i in ids])
        where = "document_id = ANY(%s)"
        if must_match:
            where += f" AND {column} @@ %s::tsquery"
            params.append(tsquery_literal(query))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT document_id, ({score})::float8 FROM {table} WHERE {where}", params)  # noqa: S608 - table names and placeholders only
            return cursor.fetchall()

    # Tiers: the window is the newest ``limit`` documents matching the query and filters
    # (from the facet index, so the filters cost nothing here); the title/summary tier is
    # the part of it that matches on ``head``, the body tier the rest.
    def rank_head(self, request, limit, candidates):
        return self._scored(HEAD, request, candidates[-limit:], must_match=True)

    def rank_body(self, request, limit, exclude, candidates):
        window = candidates[-limit:]
        if exclude:
            window = window[~np.isin(window, np.fromiter(exclude, dtype=np.int64))]
        return self._scored(INDEX, request, window, must_match=False)
