"""Keeping the index in step with the pages: one entry point, ``enqueue(page_ids)``.

Every change that can alter what a visitor may find – publish, unpublish, move,
delete, a view restriction added or removed – calls ``enqueue`` with the pages
concerned (``signals.py``). Today ``enqueue`` applies the change at once, inside
the caller's transaction, which is exact for the embedded engines (the index is
in the same database). The Elasticsearch issue replaces the body of ``enqueue``
with an outbox write in the same transaction and lets a worker call ``apply``.

``apply`` re-derives each page's document from the database (``documents.py``
decides what is indexable), so it is idempotent and order-independent: replaying
it any number of times converges to the database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q
from wagtail.models import Page

from ops.pagecache import bump_generation

from . import analysis, outbox
from .documents import Context, _specific_pages, build_document, indexable_pages, iter_documents
from .engines import get_engine
from .models import SearchDocument, SearchDocumentDirection

logger = logging.getLogger(__name__)


def subtree_ids(page_ids: Iterable[int]) -> set[int]:
    """The pages and all their descendants."""
    ids = set(page_ids)
    paths = list(Page.objects.filter(pk__in=ids).values_list("path", flat=True))
    if paths:
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        ids |= set(Page.objects.filter(condition).values_list("pk", flat=True))
    return ids


def enqueue(page_ids: Iterable[int], *, subtree: bool = False, deleted: bool = False) -> None:
    """THE entry point of every index change (see the module docstring).

    ``subtree``: the pages' descendants too (moves, privacy, URL changes).
    ``deleted``: the pages are being deleted (their rows may be half gone).
    """
    ids = subtree_ids(page_ids) if subtree else set(page_ids)
    if ids:
        # With Elasticsearch configured, also an outbox row per page in this same
        # transaction (search/outbox.py); a no-op otherwise.
        with outbox.recording(ids, deleted=deleted):
            apply(ids, deleted=deleted)


def _save_directions(docs):
    SearchDocumentDirection.objects.filter(document__in=[d.pk for d in docs]).delete()
    SearchDocumentDirection.objects.bulk_create(
        [SearchDocumentDirection(document_id=d.pk, code=code) for d in docs for code in dict.fromkeys(d.directions)]
    )


def apply(page_ids: Iterable[int], *, deleted: bool = False) -> None:
    """Bring the documents of these pages in line with the database, then the engine."""
    ids = set(page_ids)
    engine = get_engine()
    with transaction.atomic():
        keep_ids = (
            set() if deleted else set(indexable_pages(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        )
        ctx = Context()
        docs = [doc for page in _specific_pages(keep_ids) if (doc := build_document(page, ctx)) is not None]
        gone = ids - {doc.page_id for doc in docs}
        if gone:
            engine.delete(gone)
            SearchDocument.objects.filter(page_id__in=gone).delete()
        existing = dict(
            SearchDocument.objects.filter(page_id__in=[d.page_id for d in docs]).values_list("page_id", "pk")
        )
        for doc in docs:
            doc.pk = existing.get(doc.page_id)
            doc.save()
        if docs:
            _save_directions(docs)
            engine.index(docs)
        if docs or gone:
            results_changed()


def rebuild(progress=None, batch=1000, workers=None) -> int:
    """Recreate every document and the engine's index from the pages."""
    engine = get_engine()
    with transaction.atomic():
        engine.clear()
        with connection.cursor() as cursor:  # bulk: no per-row cascade collection
            cursor.execute(f"DELETE FROM {SearchDocumentDirection._meta.db_table}")  # noqa: S608 - table names and placeholders only
            cursor.execute(f"DELETE FROM {SearchDocument._meta.db_table}")  # noqa: S608 - table names and placeholders only

        def saved_documents():
            pending = []
            for doc in iter_documents():
                pending.append(doc)
                if len(pending) >= batch:
                    yield from _bulk_save(pending)
                    pending = []
            if pending:
                yield from _bulk_save(pending)

        done = engine.rebuild(saved_documents(), progress=progress, workers=workers)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE sitesearch_indexstate SET analysis = %s WHERE id = 1", [analysis.fingerprint()])
        results_changed()
        return done


def index_is_current() -> bool:
    """Whether the index was built with the current analysis (dictionary, thesaurus, code)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT analysis FROM sitesearch_indexstate WHERE id = 1")
        row = cursor.fetchone()
    return bool(row) and row[0] == analysis.fingerprint()


def results_changed():
    """Search results changed: cached pages (``/search/`` in the anonymous full-page cache of
    ``ops.pagecache``) must not be served. Bumped now and again at commit, so a page rendered
    from the old index while this transaction was open is not kept under the new generation."""
    bump_generation()
    transaction.on_commit(bump_generation)


def _bulk_save(docs):
    saved = SearchDocument.objects.bulk_create(docs, batch_size=500)
    _save_directions(saved)
    return saved
