"""PostgreSQL: bitmaps of the documents holding each frequent word, beside the GIN index.

A word in most documents (班主任, 心理, 家校 in a head-teacher corpus) makes the GIN match
the slowest part of a search: PostgreSQL builds a bitmap of 100,000 heap tuples, visits
every heap page for the ids and aggregates them, whatever the page of results asked for
(figures in ``docs/performance.md``). A search engine keeps
such postings ready; so does this one, for the words that need it:

* ``sitesearch_pgpostings`` holds, for every lexeme in at least ``min_docs`` documents and
  ``share`` of them (chosen at each rebuild), a bit per document id from ``base``
  (bit *i* of byte *j* is id ``base + 8j + i``; about 12 KB per word at 100,000 documents).
* ``sitesearch_pgpending`` logs every document whose vector was written or deleted since
  (a statement trigger on ``sitesearch_pgindex``, so no code path can forget it). Their
  bits may be stale: a match takes them from the bitmaps *minus* the pending documents,
  and checks the pending documents' own vectors (primary-key lookups of a few hundred rows).
* ``merge`` folds the pending documents into the bitmaps (from their stored vectors) once
  the engine's ``merge_at`` of them have piled up (checked after each index write), under
  an advisory lock, deleting exactly the log rows it read: a write committed meanwhile
  stays pending.
* ``sitesearch_indexstate.postings`` is bumped by every rebuild and merge. A match reads
  the bitmaps in one statement and the pending documents, the generation and the GIN
  parts in a second; when the version differs between the two, it reads again, so the
  bitmaps and the pending log always belong together.

The bitmaps are an accelerator only: what they do not cover is matched by the GIN index
as before – a term's other alternatives (a rare synonym, a phrase) one column each, the
terms without any bitmap together – and the result equals the GIN result
(``tests/search/test_pg_postings.py`` checks it through edits, merges and rebuilds, and
the engine contract runs once more with every word in a bitmap).
"""

from __future__ import annotations

import numpy as np

POSTINGS = "sitesearch_pgpostings"
PENDING = "sitesearch_pgpending"

#: The pending log is filled by triggers on the live vector table (recreated when a
#: rebuild swaps its tables in). Statement triggers with transition tables: one INSERT
#: per statement, whatever the number of rows.
PENDING_FUNCTION = (
    "CREATE OR REPLACE FUNCTION sitesearch_note_pending() RETURNS trigger LANGUAGE plpgsql AS $$ "  # noqa: S608 - constant names
    f"BEGIN INSERT INTO {PENDING} (document_id) SELECT DISTINCT document_id FROM changed; RETURN NULL; END $$"
)
#: The pending documents, as an array expression for ``= ANY(…)`` (primary-key lookups).
PENDING_DOCUMENTS = f"ARRAY(SELECT DISTINCT document_id FROM {PENDING})"  # noqa: S608 - constant names


def pending_triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER sitesearch_pending_{event} AFTER {event.upper()} ON {table} "
        f"REFERENCING {'NEW' if event == 'insert' else 'OLD'} TABLE AS changed "
        "FOR EACH STATEMENT EXECUTE FUNCTION sitesearch_note_pending()"
        for event in ("insert", "delete")
    ]


def unpack(bits) -> np.ndarray:
    """A bitmap (bytes) → one bool per id from its base."""
    return np.unpackbits(np.frombuffer(bits, dtype=np.uint8), bitorder="little").view(bool)


def pack(mask: np.ndarray) -> bytes:
    return np.packbits(mask, bitorder="little").tobytes()


def combine(terms, rest, pending, pending_matches) -> np.ndarray:
    """Sorted ids: the documents, pending ones excepted, that satisfy every term and
    ``rest`` (sorted ids, or None), and the pending documents in ``pending_matches`` (sorted
    ids: those whose own vectors match). A term is ([(base, bits) of its alternatives with
    a bitmap], sorted ids of its other alternatives from the GIN index, or None)."""
    base = terms[0][0][0][0]  # one rebuild wrote every bitmap
    masks = [unpack(bits) for bitmaps, _ids in terms for _base, bits in bitmaps]
    id_sets = [ids for _bitmaps, ids in terms if ids is not None and len(ids)]
    if rest is not None and len(rest):
        id_sets.append(rest)
    if len(pending_matches):
        id_sets.append(pending_matches)
    size = max([len(m) for m in masks] + [int(ids[-1]) - base + 1 for ids in id_sets])

    def as_mask(ids):
        mask = np.zeros(size, dtype=bool)
        mask[ids[ids >= base] - base] = True
        return mask

    result = np.ones(size, dtype=bool)
    masks = iter(masks)
    for bitmaps, ids in terms:
        either = as_mask(ids) if ids is not None else np.zeros(size, dtype=bool)
        for _bitmap in bitmaps:
            bits = next(masks)
            either[: len(bits)] |= bits
        result &= either
    if rest is not None:
        result &= as_mask(rest)
    pending = np.array(pending or [], dtype=np.int64) - base
    result[pending[(pending >= 0) & (pending < size)]] = False
    result |= as_mask(pending_matches)  # a flag per id: sorted and distinct without a sort
    return np.flatnonzero(result) + base


def chunk_postings(lexeme_sets) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Per analysed chunk (in a rebuild worker): (its distinct lexemes, a packed
    lexeme × document bit matrix, each lexeme's document count)."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for column, lexemes in enumerate(lexeme_sets):
        found = [vocabulary.setdefault(lexeme, len(vocabulary)) for lexeme in lexemes]
        rows.extend(found)
        columns.extend([column] * len(found))
    matrix = np.zeros((len(vocabulary), len(lexeme_sets)), dtype=bool)
    matrix[rows, columns] = True
    return list(vocabulary), np.packbits(matrix, axis=1, bitorder="little"), matrix.sum(axis=1)


class Builder:
    """Collects the chunks' postings during a rebuild; ``bitmaps()`` keeps the frequent ones.

    Holds every chunk's packed matrix until the end (a word's frequency is known only
    then): about 22 MB at 100,000 benchmark documents, for the length of the rebuild.
    """

    def __init__(self, min_docs: int, share: float):
        self.min_docs, self.share = min_docs, share
        self.vocabulary: dict[str, int] = {}
        self.frequency = np.zeros(1024, dtype=np.int64)
        self.chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.documents = 0

    def add(self, ids, postings):
        lexemes, packed, counts = postings
        vocabulary = self.vocabulary
        words = np.fromiter(
            (vocabulary.setdefault(lexeme, len(vocabulary)) for lexeme in lexemes), dtype=np.int64, count=len(lexemes)
        )
        if len(vocabulary) > len(self.frequency):
            self.frequency = np.concatenate([self.frequency, np.zeros(len(vocabulary) * 2, dtype=np.int64)])
        self.frequency[words] += counts  # a chunk's words are distinct
        self.chunks.append((np.asarray(ids, dtype=np.int64), words, packed))
        self.documents += len(ids)

    def bitmaps(self, block=128):
        """(base, [(lexeme, packed bits)]) of the words in enough documents."""
        threshold = max(self.min_docs, self.share * self.documents, 1)
        frequent = np.flatnonzero(self.frequency >= threshold)
        if not len(frequent) or not self.chunks:
            return 0, []
        base = int(min(ids.min() for ids, _w, _p in self.chunks))
        size = int(max(ids.max() for ids, _w, _p in self.chunks)) - base + 1
        words = list(self.vocabulary)
        result = []
        for start in range(0, len(frequent), block):  # a block of words at a time: bounded memory
            chosen = frequent[start : start + block]
            row_of = np.full(len(self.frequency), -1, dtype=np.int64)
            row_of[chosen] = np.arange(len(chosen))
            masks = np.zeros((len(chosen), size), dtype=bool)
            for ids, chunk_words, packed in self.chunks:
                rows = row_of[chunk_words]
                keep = rows >= 0
                if keep.any():
                    bits = np.unpackbits(packed[keep], axis=1, count=len(ids), bitorder="little").view(bool)
                    masks[rows[keep][:, None], (ids - base)[None, :]] = bits
            result += [(words[w], pack(mask)) for w, mask in zip(chosen, masks, strict=True)]
        return base, result


def write(cursor, base, bitmaps) -> None:
    """Replace every bitmap (inside the rebuild's transaction) and empty the pending log."""
    cursor.execute(f"DELETE FROM {POSTINGS}")  # noqa: S608 - constant names
    with cursor.cursor.copy(f"COPY {POSTINGS} (lexeme, base, bits) FROM STDIN") as copy:  # noqa: S608 - constant names
        for lexeme, bits in bitmaps:
            copy.write_row((lexeme, base, bits))
    cursor.execute(f"DELETE FROM {PENDING}")  # noqa: S608 - constant names
    cursor.execute("UPDATE sitesearch_indexstate SET postings = postings + 1 WHERE id = 1")


def read(cursor, lexemes) -> tuple[int, dict[str, tuple[int, bytes]], bool]:
    """(postings version, {lexeme: (base, bits)} for those of ``lexemes`` with bitmaps,
    whether there are any bitmaps at all)."""
    cursor.execute(
        f"SELECT s.postings, EXISTS (SELECT FROM {POSTINGS}), p.lexeme, p.base, p.bits "  # noqa: S608 - constant names
        f"FROM sitesearch_indexstate s LEFT JOIN {POSTINGS} p ON p.lexeme = ANY(%s) WHERE s.id = 1",
        [list(lexemes)],
    )
    rows = cursor.fetchall()
    version, exist = rows[0][:2] if rows else (0, False)
    return version, {lexeme: (base, bytes(bits)) for *_s, lexeme, base, bits in rows if lexeme is not None}, exist


def merge(cursor, *, at: int) -> bool:
    """Fold the pending documents into the bitmaps when at least ``at`` are logged (and no
    other merge is running). True when it merged."""
    cursor.execute(f"SELECT count(DISTINCT document_id) FROM {PENDING}")  # noqa: S608 - constant names
    if cursor.fetchone()[0] < at:
        return False
    cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [POSTINGS])
    if not cursor.fetchone()[0]:
        return False
    cursor.execute(f"SELECT seq, document_id FROM {PENDING}")  # noqa: S608 - constant names
    log = cursor.fetchall()
    cursor.execute(f"SELECT EXISTS (SELECT FROM {POSTINGS})")  # noqa: S608 - constant names
    if cursor.fetchone()[0]:
        _fold(cursor, sorted({doc for _seq, doc in log}))
    # Exactly the log rows read: a write committed since stays pending.
    cursor.execute(f"DELETE FROM {PENDING} WHERE seq = ANY(%s)", [[seq for seq, _doc in log]])  # noqa: S608 - constant names
    cursor.execute("UPDATE sitesearch_indexstate SET postings = postings + 1 WHERE id = 1")
    return True


def _fold(cursor, documents):
    """Set each bitmap's bits of ``documents`` from their stored vectors."""
    cursor.execute(
        "SELECT document_id, tsvector_to_array(vector) FROM sitesearch_pgindex WHERE document_id = ANY(%s)",
        [documents],
    )
    holding: dict[str, list[int]] = {}
    for doc, lexemes in cursor.fetchall():
        for lexeme in lexemes:
            holding.setdefault(lexeme, []).append(doc)
    cursor.execute(f"SELECT lexeme, base, bits FROM {POSTINGS} FOR UPDATE")  # noqa: S608 - constant names
    changed_lexemes, changed_bits = [], []
    doc_array = np.array(documents, dtype=np.int64)
    for lexeme, base, bits in cursor.fetchall():
        mask = unpack(bytes(bits))
        inside = doc_array[doc_array >= base] - base
        if len(inside) and inside.max() >= len(mask):
            mask = np.concatenate([mask, np.zeros(int(inside.max()) + 1 - len(mask), dtype=bool)])
        before = mask[inside].copy()
        mask[inside] = False
        holders = np.array(holding.get(lexeme, ()), dtype=np.int64)
        mask[holders[holders >= base] - base] = True
        if not np.array_equal(before, mask[inside]):
            changed_lexemes.append(lexeme)
            changed_bits.append(pack(mask))
    if changed_lexemes:
        cursor.execute(
            f"UPDATE {POSTINGS} p SET bits = v.bits FROM unnest(%s::text[], %s::bytea[]) AS v(lexeme, bits) "  # noqa: S608 - constant names
            "WHERE p.lexeme = v.lexeme",
            [changed_lexemes, changed_bits],
        )
