"""Which documents answer a ``Query`` and in what order: the same rules on every engine.

**Which** (ranked relaxation, as Lucene's ``minimum_should_match`` over IDF-weighted
clauses): a concept's match in a document ``m`` is the weight of its best alternative
found there (``search/query.py``). A document's *coverage* is the information-weighted
mean of its matches over the query's concepts. It is a result when

* it matches every informative concept (``m`` ≥ ``MATCHED``) – a *full* match –, or
* its coverage is at least ``COVERAGE`` (``QUESTION_COVERAGE`` for a question typed as a
  sentence) **and** it matches at least one informative concept (a generic word such as 学生
  or 校园 never suffices, and a Chinese word found nowhere keeps its weight: an off-topic query
  sharing only such words with the site finds nothing). For a keyword query that informative
  concept must also be used *prominently* – in the title, summary, keywords or context, or
  among the words the body uses most (the marked tokens of ``analysis.salient_tokens``): a word in
  passing is not enough (a case that names a word once, in an anecdote, is not about it). A
  question typed as a sentence is exempt: what it asks about is often said in passing.

No document matches every word when one is found nowhere. A query of generic words only
needs all of them; a query whose other words are found nowhere has no results.

**Order**: a rank score read from the documents' rank features
(``analysis.rank_features``: title, summary and keywords, context, frequent body words):
each alternative found counts its weight times how prominently the document uses it (title >
summary > context > body, more occurrences more); a concept combines them as independent
evidence (1 − Π(1 − p): a case that says 辍学 four times and also 学生流失 and 控辍保学 is more
about 辍学 than one that says only 要退学 once), weighted by the concept's information, plus ``FULL_BONUS`` for a full match – so documents with every word usually come
first, as in a Lucene ``bool`` query, but one that is about the query's main words can pass
one that mentions them all in passing. Ties: newest first. Only the first ``POOL`` results by
(full, coverage, date) are ranked this way – deeper pages of a very common word follow that
order – so the cost of a query does not grow with the number of matches.

The embedded engines compute matches from each alternative's document ids
(``evaluate``); Elasticsearch computes the same numbers as constant scores
(``search/engines/elasticsearch.py``). Both rank their pool with ``rank``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .query import EPSILON, MATCHED, Query

COVERAGE = 0.5
#: A question typed as a sentence carries its phrasing too: a third of it is enough.
QUESTION_COVERAGE = 1 / 3
POOL = 200
#: What matching every word adds to a document's rank score (scores are at most 1).
FULL_BONUS = 0.15

#: How much a field's use of a word says the document is about it (combined as
#: independent evidence: 1 - Π(1 - p)).
TITLE = 0.75
HEAD = 0.55
CONTEXT = 0.45
BODY = 0.5  # at most, approached as the word recurs
BODY_SATURATION = 1.5


@dataclass
class Evaluation:
    """Per document id (arrays indexed by id): coverage, full match, result."""

    coverage: np.ndarray
    full: np.ndarray
    qualifies: np.ndarray


def evaluate(query: Query, ids: dict[str, np.ndarray], size: int) -> Evaluation:
    """Coverage and qualification of every document, from each alternative's sorted ids."""
    coverage = np.zeros(size, dtype=np.float64)
    concepts = query.present
    informative = [c for c in concepts if not c.generic]
    required = informative or concepts
    # A word found nowhere cannot be matched: then no document matches every word.
    full = np.full(size, not query.absent_informative, dtype=bool)
    hit = np.zeros(size, dtype=bool)
    prominence = query.prominence()
    for concept in concepts:
        m = np.zeros(size, dtype=np.float64)
        for alt in sorted(concept.alternatives, key=lambda a: a.weight):  # the best one last wins
            found = ids.get(alt.text)
            if found is not None and len(found):
                m[found[found < size]] = alt.weight
        coverage += concept.weight * m
        if concept in required:
            matched = m >= MATCHED - EPSILON
            full &= matched
            if prominence:  # the concept must be matched *and* used prominently
                matched &= _prominent(concept, prominence, ids, size)
            hit |= matched
    total = query.total_weight
    if total:
        coverage /= total
    if not query:
        qualifies = np.zeros(size, dtype=bool)
    else:
        qualifies = full.copy()
        if informative:
            qualifies |= (coverage >= threshold(query) - EPSILON) & hit
    return Evaluation(coverage=coverage, full=full, qualifies=qualifies)


def _prominent(concept, prominence, ids, size) -> np.ndarray:
    """Documents holding the marked tokens of one of ``concept``'s alternatives (all of a
    phrase's): documents that use it in their title, summary, keywords or context, or among
    the words their body uses most."""
    found = np.zeros(size, dtype=bool)
    for owner, marks in prominence:
        if owner is not concept:
            continue
        held = np.ones(size, dtype=bool)
        for mark in marks:
            these = np.zeros(size, dtype=bool)
            holders = ids.get(mark)
            if holders is not None and len(holders):
                these[holders[holders < size]] = True
            held &= these
        found |= held
    return found


def threshold(query: Query) -> float:
    """The share of the query's information a partial match must cover."""
    return QUESTION_COVERAGE if query.question else COVERAGE


def pool_order(ids: np.ndarray, evaluation: Evaluation, dates: np.ndarray) -> np.ndarray:
    """``ids`` by (full match, coverage, date, id), best first: the order of the pool and
    of everything past it."""
    coverage = np.round(evaluation.coverage[ids], 6)
    order = np.lexsort((-ids, -dates[ids], -coverage, ~evaluation.full[ids]))
    return ids[order]


class Features:
    """One document's rank features (``analysis.rank_features``), looked up in place: a pool
    of a few hundred documents is ranked on a handful of words each, so substring tests on the
    stored text beat building sets of every token."""

    __slots__ = ("title", "head", "context", "salient")

    def __init__(self, text: str):
        parts = (text or "").split("\t")
        parts += [""] * (4 - len(parts))
        self.title, self.head, self.context, self.salient = (f" {part} " for part in parts[:4])

    def count(self, token: str) -> int:
        """The body's occurrences of ``token`` when it is frequent there, else 1."""
        at = self.salient.find(f" {token}:")
        if at < 0:
            return 1
        start = at + len(token) + 2
        end = self.salient.find(" ", start)
        return int(self.salient[start:end])

    def prominence(self, text: str) -> float:
        """How prominently the document uses ``text`` (a token, or a phrase: its tokens)."""
        if " " not in text:  # a token: the common case, spelled out
            padded = f" {text} "
            miss = 1.0
            if padded in self.title:
                miss *= 1 - TITLE
            if padded in self.head:
                miss *= 1 - HEAD
            if padded in self.context:
                miss *= 1 - CONTEXT
            n = self.count(text)
            return 1 - miss * (1 - BODY * n / (n + BODY_SATURATION))
        tokens = [f" {t} " for t in text.split()]
        miss = 1.0
        if all(t in self.title for t in tokens):
            miss *= 1 - TITLE
        if all(t in self.head for t in tokens):
            miss *= 1 - HEAD
        if all(t in self.context for t in tokens):
            miss *= 1 - CONTEXT
        n = min(self.count(t.strip()) for t in tokens)
        miss *= 1 - BODY * n / (n + BODY_SATURATION)
        return 1 - miss


def rank(query: Query, pool: list[int], matched: dict[int, set[str]], features: dict[int, str], full, dates):
    """``pool`` (document ids) in result order. ``matched``: id → the alternatives found in
    it; ``features``: id → its rank features; ``full``: id → full match; ``dates``: id → date."""
    total = query.total_weight or 1.0
    scored = []
    for doc in pool:
        found = matched.get(doc, set())
        parsed = Features(features.get(doc, ""))
        score = 0.0
        for concept in query.present:
            miss = 1.0  # each alternative found is further evidence the document is about it
            for alt in concept.alternatives:
                if alt.text in found:
                    miss *= 1 - alt.weight * parsed.prominence(alt.text)
            score += concept.weight * (1 - miss)
        score = score / total + (FULL_BONUS if full[doc] else 0.0)
        scored.append((-round(score, 6), -dates[doc], -doc, doc))
    scored.sort()
    return [item[-1] for item in scored]


def matched_alternatives(query: Query, pool: np.ndarray, ids: dict[str, np.ndarray]) -> dict[int, set[str]]:
    """id → the alternatives (of the query's present concepts) each pool document holds."""
    found: dict[int, set[str]] = {int(d): set() for d in pool}
    for text in query.alternatives():
        holders = ids.get(text)
        if holders is None or not len(holders):
            continue
        for doc in pool[np.isin(pool, holders, assume_unique=True)]:
            found[int(doc)].add(text)
    return found
