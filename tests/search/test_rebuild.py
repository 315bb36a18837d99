"""``rebuild_search_index``: progress output and the same results as incremental sync."""

import io

from django.core.management import call_command

from search import service
from search.models import SearchDocument

from .builders import corpus


def test_rebuild_reports_progress_and_restores_the_index(db):
    pages = corpus()
    before = [r.title for r in service.search("心理", {}, 1, 50).results]
    documents = SearchDocument.objects.count()
    SearchDocument.objects.all().delete()  # a lost index
    assert service.search("心理", {}, 1, 50).total == 0
    out = io.StringIO()
    call_command("rebuild_search_index", workers=1, stdout=out)
    text = out.getvalue()
    assert f"已索引 {documents}/{documents}" in text
    assert SearchDocument.objects.count() == documents
    assert [r.title for r in service.search("心理", {}, 1, 50).results] == before
    assert not SearchDocument.objects.filter(page=pages["draft"]).exists()
