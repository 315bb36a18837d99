"""The judged corpus, imported once per test module with the real importers, rolled back after."""

import pytest

from search import service
from tests.fixtures.shared import built_once

from . import metrics
from .corpus import build


def ask(engine=None) -> dict:
    """query id → {"ids", "total"}: every judged query as a visitor asks it (cases only)."""
    by_title = build.case_ids_by_title()
    answers = {}
    for query in metrics.queries():
        response = service.search(query["query"], {"type": "case"}, page=1, page_size=10, engine=engine)
        answers[query["id"]] = {"total": response.total, "ids": [by_title.get(r.title, "?") for r in response.results]}
    return answers


@pytest.fixture(scope="module")
def corpus_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Yields inside a transaction holding the imported corpus; rolled back at the end."""
    with built_once(django_db_blocker):
        from tests.factories import site_tree

        site_tree()
        build.load(tmp_path_factory.mktemp("corpus"))
        yield
