"""Shared helpers of the Elasticsearch tests."""

from __future__ import annotations

import contextlib

from search.models import SearchDocument

from .server import free_port


def indexed_page_ids(engine) -> set[int]:
    engine.refresh()
    return set(engine.scan_hashes())


def database_page_ids() -> set[int]:
    return set(SearchDocument.objects.values_list("page_id", flat=True))


@contextlib.contextmanager
def outage(es_server, settings):
    """The cluster is down inside the block.

    The noida-db server is really stopped and restarted on the same data folder; a
    real cluster (ELASTICSEARCH_URL) cannot be stopped by a test, so the site is
    pointed at a closed port for the block instead.
    """
    if es_server.controllable:
        es_server.stop()
        try:
            yield
        finally:
            es_server.start()
    else:
        real = settings.ELASTICSEARCH
        settings.ELASTICSEARCH = {**real, "ELASTICSEARCH_URL": f"http://127.0.0.1:{free_port()}"}
        try:
            yield
        finally:
            settings.ELASTICSEARCH = real
