"""The outbox: durable, exactly-converging sync of the Elasticsearch index.

**Write side** (``recording``, used by ``sync.enqueue``): when Elasticsearch is
configured, every page change that reaches ``sync.enqueue`` – publish, unpublish,
move, delete, privacy change; all called from signal handlers *inside* the
transaction of the change – adds ``IndexOperation`` rows in that same
transaction, beside the ``SearchDocument`` rows it updates. The rows commit or
roll back with the change; nothing talks to the cluster in the request, so
editing and publishing never wait for (or fail with) Elasticsearch.

**Read side** (``drain``, run by ``python manage.py search_worker``): takes the
due rows in id order, coalesces them per page and applies each page's *current*
state: a ``SearchDocument`` row means index it, no row means delete it. So the
``op`` column is only a record; replaying a row twice, or rows out of order,
still converges to the database. A page that fails gets ``attempts + 1`` and an
exponential back-off (``BACKOFF_BASE`` · 2^(attempts-1), at most ``BACKOFF_MAX``)
in ``next_attempt_at``; when the cluster is unreachable every due row is
deferred that way and the worker sleeps. Rows are deleted once applied.

Run one worker process (see docs/elasticsearch.md).
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import es
from .models import IndexOperation, SearchDocument

logger = logging.getLogger(__name__)

BACKOFF_BASE = 2.0  # seconds
BACKOFF_MAX = 300.0


def backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(BACKOFF_MAX, BACKOFF_BASE * 2 ** max(0, attempts - 1)))


def record(page_ids, op) -> None:
    """Add outbox rows (the caller's transaction is the page change's transaction)."""
    now = timezone.now()
    IndexOperation.objects.bulk_create([IndexOperation(page_id=pk, op=op, next_attempt_at=now) for pk in page_ids])


@contextlib.contextmanager
def recording(page_ids, *, deleted=False):
    """Wrap ``sync.apply``: records one row per page whose document was, or now is, indexed.

    A no-op when Elasticsearch is not configured (the site runs as before).
    """
    if not es.enabled():
        yield
        return
    ids = set(page_ids)
    with transaction.atomic():  # one transaction even when the caller has none (autocommit)
        before = (
            set() if deleted else set(SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", flat=True))
        )
        yield
        if deleted:
            record(sorted(ids), IndexOperation.Op.DELETE)
            return
        after = set(SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", flat=True))
        record(sorted(after), IndexOperation.Op.INDEX)
        record(sorted(before - after), IndexOperation.Op.DELETE)


def pending_count() -> int:
    return IndexOperation.objects.count()


@dataclass
class DrainResult:
    applied: int = 0  # pages written to the index
    failed: int = 0  # pages deferred with back-off
    rows: int = 0  # outbox rows removed
    error: str = ""  # the cluster was unreachable

    def __bool__(self):
        return bool(self.applied or self.failed or self.rows)


def _defer(rows, error: str, now) -> None:
    for row in rows:
        row.attempts += 1
        row.next_attempt_at = now + backoff(row.attempts)
        row.last_error = error[:2000]
    IndexOperation.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])


def drain_batch(engine=None, *, batch=500, now=None, retry_now=False, refresh=False) -> DrainResult:
    """Apply one batch of due outbox rows (oldest first). See the module docstring."""
    from .engines.elasticsearch import ERRORS, AliasMissing, ElasticsearchEngine

    engine = engine or ElasticsearchEngine()
    now = now or timezone.now()
    due = IndexOperation.objects.order_by("id")
    if not retry_now:
        due = due.filter(next_attempt_at__lte=now)
    head = list(due[:batch])
    if not head:
        return DrainResult()
    page_ids = list(dict.fromkeys(row.page_id for row in head))
    last_id = head[-1].id
    # Coalesce: every row of these pages up to the last one read, due or not.
    rows = list(IndexOperation.objects.filter(page_id__in=page_ids, id__lte=last_id))
    docs = list(SearchDocument.objects.filter(page_id__in=page_ids))
    present = {doc.page_id for doc in docs}
    gone = [pk for pk in page_ids if pk not in present]
    try:
        try:
            engine.ensure_alias()
        except AliasMissing:
            logger.warning("Elasticsearch alias %s missing: building it from the database", engine.alias)
            max_id = IndexOperation.objects.aggregate(m=Max("id"))["m"] or 0
            n = engine.rebuild_from_database()
            removed, _ = IndexOperation.objects.filter(id__lte=max_id).delete()
            return DrainResult(applied=n, rows=removed)
        failed = engine.write(docs, gone, refresh=refresh)
    except ERRORS as error:
        message = f"{type(error).__name__}: {error}"
        logger.warning("Elasticsearch unavailable, %d outbox rows deferred: %s", len(rows), message)
        _defer(rows, message, now)
        return DrainResult(failed=len(page_ids), error=message)
    done_pages = [pk for pk in page_ids if pk not in failed]
    removed = 0
    if done_pages:
        removed, _ = IndexOperation.objects.filter(page_id__in=done_pages, id__lte=last_id).delete()
    if failed:
        for pk, error in failed.items():
            logger.warning("Elasticsearch refused page %s: %s", pk, error)
            _defer([row for row in rows if row.page_id == pk], failed[pk], now)
    return DrainResult(applied=len(done_pages), failed=len(failed), rows=removed)


def drain(engine=None, *, batch=500, now=None, retry_now=False, refresh=False) -> DrainResult:
    """Apply every due row (batch after batch) until none is due or the cluster fails."""
    total = DrainResult()
    seen_failed = set()
    while True:
        with transaction.atomic():
            result = drain_batch(engine, batch=batch, now=now, retry_now=retry_now and not seen_failed, refresh=refresh)
        total.applied += result.applied
        total.failed += result.failed
        total.rows += result.rows
        if result.error:
            total.error = result.error
            return total
        if result.failed:
            # deferred rows are no longer due; with retry_now, do not loop over them again
            seen_failed.add(True)
        if not result:
            return total
