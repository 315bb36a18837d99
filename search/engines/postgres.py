"""PostgreSQL full-text engine.

``sitesearch_pgindex`` (migration 0002) holds one ``tsvector`` per SearchDocument
(GIN index; a trigger deletes them with their document, migration 0009). The vector is built from the
project's own analysis, not from a PostgreSQL parser: this module writes the
``tsvector`` literal itself (the ``'simple'`` configuration's behaviour – no
stemming, no stop words – with our segmentation), so a compound and its
sub-words share one position (``家校协同``/``家校``/``协同`` at 1, ``育人`` at 2) and
phrase queries (``协同 <-> 育人``) work inside compounds. Weights: title A, summary B,
context C, body D (no letter); then the marked tokens of ``analysis.salient_tokens``, without
positions. Each alternative of a query is a ``tsquery`` literal built
the same way, passed as a bound parameter and cast (``%s::tsquery``): user text never
reaches the SQL. ``sitesearch_features`` holds each document's rank features.

Matching: the words found in many documents have postings bitmaps (``pgpostings.py``,
chosen at each rebuild); an alternative is read from its bitmap in about a millisecond,
the others from the GIN index (``sitesearch_match_ids``), all in one statement.
"""

from __future__ import annotations

import copy
import functools
import itertools
from collections import Counter, defaultdict

from django.db import connection, transaction

from ..analysis import analyse, rank_features, salient_tokens
from ..facetindex import parse_ids
from . import pgpostings
from .sql import FEATURES, SqlEngine

INDEX = "sitesearch_pgindex"
#: The ids (8-byte integers) of the pending documents whose own vectors match a tsquery.
PENDING_MATCHES = (
    f"(SELECT string_agg(int8send(i.document_id), ''::bytea) FROM {INDEX} i "  # noqa: S608 - constant names
    f"WHERE i.document_id = ANY({pgpostings.PENDING_DOCUMENTS}) AND i.vector @@ %s::tsquery)"
)
#: The ids of the documents matching a tsquery, from the GIN index (migration 0004).
GIN_MATCHES = "sitesearch_match_ids(%s::tsquery)"


@functools.lru_cache(maxsize=200_000)
def lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(fields, lexemes: set | None = None, tokens: list | None = None) -> str:
    """``fields`` = [(text, weight letter, or "" for D)] → the tsvector literal, with positions
    and weights. ``lexemes``, when given, receives the distinct tokens (for the postings
    bitmaps); ``tokens``, when given, receives each field's token counts (a ``Counter``).

    Positions are gathered per distinct *position group* (a word and its sub-words) and
    formatted once per group and field, then written after each of the group's tokens.
    A token in several groups gets several entries: PostgreSQL's tsvector input merges
    them (and sorts the positions, clamps them at 16383 and keeps at most 256 per lexeme),
    in C, so Python does one dictionary append per occurrence and one string per group
    token (this runs for every document of a rebuild).
    """
    parts: list[str] = []
    position = 0
    for text, weight in fields:
        groups = analyse(text)
        # defaultdict, not setdefault(key, []): that builds a new empty list on every call.
        occurrences: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for offset, group in enumerate(groups, start=position + 1):
            occurrences[group].append(offset)
        position += len(groups) + 10  # no phrase across fields
        if lexemes is not None:
            lexemes.update(itertools.chain.from_iterable(occurrences))
        if tokens is not None:
            counts = Counter()
            for group, found in occurrences.items():
                for token in group:
                    counts[token] += len(found)
            tokens.append(counts)
        separator = f"{weight},"
        for group, found in occurrences.items():
            positions = ":" + separator.join(map(str, found)) + weight
            parts.extend([lexeme(token) + positions for token in group])
    return " ".join(parts)


def alternative_literal(text: str) -> str:
    """A tsquery for one alternative: a lexeme, or a phrase of adjacent lexemes."""
    tokens = text.split()
    return " <-> ".join(lexeme(t) for t in tokens) if len(tokens) > 1 else lexeme(text)


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

    #: table → (its column, its type, its GIN index or None).
    TABLES = {INDEX: ("vector", "tsvector", f"{INDEX}_vector"), FEATURES: ("features", "text", None)}
    #: Where ``write_rows`` writes: the live tables, or the new ones a rebuild fills.
    suffix = ""

    @staticmethod
    def analyse_rows(items):
        rows, lexeme_sets = AnalysedRows(), []
        for pk, title, summary, context, body in items:
            lexemes: set[str] = set()
            tokens: list[Counter] = []
            literal = tsvector_literal([(title, "A"), (summary, "B"), (context, "C"), (body, "")], lexemes, tokens)
            # The marked tokens (a partial match needs one), without positions: no phrase has them.
            marked = salient_tokens(*tokens)
            lexemes.update(marked)
            literal = " ".join([literal, *map(lexeme, marked)])
            rows.append((pk, literal, rank_features(*tokens)))
            lexeme_sets.append(lexemes)
        rows.postings = pgpostings.chunk_postings(lexeme_sets)
        return rows

    def write_rows(self, rows):
        """``COPY`` (a quarter faster than ``executemany`` of ``INSERT``s for long vectors)."""
        if self.postings is not None:
            self.postings.add([row[0] for row in rows], rows.postings)
        with connection.cursor() as cursor:
            for table, (column, _type, _index) in self.TABLES.items():
                position = 1 if table == INDEX else 2
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
                for table, (column, kind, _index) in self.TABLES.items():
                    cursor.execute(f"DROP TABLE IF EXISTS {table}_build")  # noqa: S608 - constant names
                    cursor.execute(
                        f"CREATE TABLE {table}_build (document_id bigint NOT NULL, {column} {kind} NOT NULL)"
                    )  # noqa: S608 - constant names
                    # Stored out of line uncompressed: pglz gains little on a tsvector and
                    # costs a fifth of the write.
                    cursor.execute(f"ALTER TABLE {table}_build ALTER COLUMN {column} SET STORAGE EXTERNAL")  # noqa: S608 - constant names
            done = SqlEngine.rebuild(builder, documents, progress=progress, batch=batch, workers=workers)
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for table, (column, _kind, index) in self.TABLES.items():
                    cursor.execute(f"ALTER TABLE {table}_build ADD PRIMARY KEY (document_id)")  # noqa: S608 - constant names
                    if index:
                        cursor.execute(f"CREATE INDEX {table}_build_gin ON {table}_build USING GIN ({column})")  # noqa: S608 - constant names
                for table in self.TABLES:
                    cursor.execute(f"DROP TABLE {table}")  # noqa: S608 - constant names
                for table, (_column, _kind, index) in self.TABLES.items():
                    cursor.execute(f"ALTER TABLE {table}_build RENAME TO {table}")  # noqa: S608 - constant names
                    cursor.execute(f"ALTER INDEX {table}_build_pkey RENAME TO {table}_pkey")  # noqa: S608 - constant names
                    if index:
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

    def fetch_ids(self, alternatives):
        """Alternatives with a postings bitmap are read from it (minus the pending documents,
        plus those whose own vectors hold it); the others from the GIN index. One statement,
        with a version check against the bitmaps read just before (see ``pgpostings``)."""
        alternatives = list(alternatives)
        database = (connection.alias, connection.settings_dict.get("NAME"))
        with connection.cursor() as cursor:
            for _attempt in range(3):
                words = [a for a in alternatives if " " not in a]
                bitmaps: dict = {}
                version = None
                if words and database not in self._without_postings:
                    version, bitmaps, exist = pgpostings.read(cursor, words)
                    if not exist:
                        self._without_postings[database] = version
                covered = [a for a in alternatives if a in bitmaps]
                rest = [a for a in alternatives if a not in bitmaps]
                columns = ["s.postings", "s.generation", pgpostings.PENDING_DOCUMENTS if covered else "NULL"]
                columns += [PENDING_MATCHES] * len(covered) + [GIN_MATCHES] * len(rest)
                sql = " ".join(["SELECT", ", ".join(columns), "FROM sitesearch_indexstate s WHERE s.id = 1"])
                cursor.execute(sql, [alternative_literal(a) for a in covered + rest])
                row = cursor.fetchone()
                if covered and row[0] != version:
                    continue  # a merge or rebuild in between: read the bitmaps again
                if not covered and self._without_postings.get(database, row[0]) != row[0]:
                    self._without_postings.pop(database, None)  # a rebuild since: look again next time
                found = {}
                for n, alt in enumerate(covered):
                    found[alt] = pgpostings.combine(
                        [([bitmaps[alt]], None)], None, pending=row[2], pending_matches=parse_ids(row[3 + n])
                    )
                for n, alt in enumerate(rest):
                    found[alt] = parse_ids(row[3 + len(covered) + n])
                return int(row[1] or 0), found
        raise RuntimeError("the postings bitmaps kept changing while being read")
