"""``rebuild_search_index``: progress output and the same results as incremental sync."""

import io

import pytest
from django.core.management import call_command

from search import service
from search.models import SearchDocument

from .builders import corpus


@pytest.mark.parametrize("workers", [1, 2])
def test_rebuild_reports_progress_and_restores_the_index(db, workers):
    """With worker processes too: the documents are read and saved on the command's own
    connection, inside its transaction (not by a pool thread on a second connection)."""
    pages = corpus()
    before = [r.title for r in service.search("心理", {}, 1, 50).results]
    documents = SearchDocument.objects.count()
    SearchDocument.objects.all().delete()  # a lost index
    assert service.search("心理", {}, 1, 50).total == 0
    out = io.StringIO()
    call_command("rebuild_search_index", workers=workers, stdout=out)
    text = out.getvalue()
    assert f"已索引 {documents}/{documents}" in text
    assert SearchDocument.objects.count() == documents
    assert [r.title for r in service.search("心理", {}, 1, 50).results] == before
    assert not SearchDocument.objects.filter(page=pages["draft"]).exists()
