"""The engine interface every search engine implements.

The search service (``search/service.py``) owns everything engine-independent:
query analysis (``search/analysis.py``), the documents (``search/documents.py``,
rows of ``SearchDocument``, the source of truth), snippets and the JSON/HTML
output. An engine only indexes documents and answers ``search()`` with ranked
document ids, a total and facet counts. The embedded engines (SQLite FTS5,
PostgreSQL full text) keep their index inside the database; an external engine
(Elasticsearch, next issue) receives the same ``SearchDocument`` rows through
``index()``/``delete()`` – in the same order the sync path calls them, so an outbox
can replay them – and must pass the same contract suite (``tests/search/contract.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..models import SearchDocument
from ..query import Query

#: Facet name → SearchDocument column. ``direction`` is the list field.
FACETS = ("type", "category", "direction", "province", "school_type", "year", "promotion")

#: The orders a search may ask for. ``relevance`` needs words; without words it is ``new``.
#: ``new`` and ``promotion`` still put the results holding every word first.
SORTS = ("relevance", "new", "promotion")


@dataclass
class SearchRequest:
    query: Query  # search.query.Query
    filters: dict = field(default_factory=dict)  # facet name → one value
    page: int = 1
    page_size: int = 10
    sort: str = "relevance"

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


@dataclass
class EngineResult:
    total: int
    ids: list[int]  # SearchDocument ids, best first
    facets: dict[str, dict[str, int]]  # facet name → value → count (other filters applied)
    full: dict[int, bool] = field(default_factory=dict)  # id → matched every concept
    matched: dict[int, set[str]] = field(default_factory=dict)  # id → alternatives found in it
    notice: str = ""


def no_results() -> EngineResult:
    """What any engine answers for a query whose words are found nowhere."""
    return EngineResult(total=0, ids=[], facets={name: {} for name in FACETS})


class SearchEngine:
    """Base class: subclasses implement ``index``, ``delete``, ``search``, ``clear``."""

    name = "base"

    def index(self, documents: Sequence[SearchDocument]) -> None:
        """Add or replace the given (saved) documents in the index."""
        raise NotImplementedError

    def delete(self, page_ids: Iterable[int]) -> None:
        """Remove the documents of these pages from the index (unknown ids are fine)."""
        raise NotImplementedError

    def search(self, request: SearchRequest) -> EngineResult:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], None] | None = None, batch=500):
        """Empty the index, then index ``documents`` (saved rows) in batches."""
        self.clear()
        done = 0
        batch_docs = []
        for doc in documents:
            batch_docs.append(doc)
            if len(batch_docs) >= batch:
                self.index(batch_docs)
                done += len(batch_docs)
                batch_docs = []
                if progress:
                    progress(done)
        if batch_docs:
            self.index(batch_docs)
            done += len(batch_docs)
            if progress:
                progress(done)
        return done
