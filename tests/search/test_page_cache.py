"""``/search/`` in the anonymous full-page cache (ops): never stale after an index change."""

import copy
import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from search.models import SearchDocument
from tests.fixtures.shared import built_once

from .builders import corpus, make_case


@pytest.fixture
def page_cache(settings):
    settings.OPS_PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def shared_pages(django_db_setup, django_db_blocker):
    """The search corpus, built once for the module (tests/fixtures/shared.py)."""
    with built_once(django_db_blocker):
        yield corpus()


@pytest.fixture
def pages(db, shared_pages):
    return copy.deepcopy(shared_pages)


URL = "/search/?q=图书角"


def text(response):
    """The page's text without the <mark> highlighting inside titles."""
    return re.sub(r"</?mark>", "", response.content.decode())


def test_publishing_a_case_shows_it_on_the_same_search_url(client, pages, page_cache):
    first = client.get(URL)
    assert first["X-Cache"] == "MISS"
    assert "班级图书角的故事" not in text(first)
    assert client.get(URL)["X-Cache"] == "HIT"  # the page really is cached

    make_case(pages["gz"], "班级图书角的故事", summary="图书角让班级多了书香。")
    after = client.get(URL)
    assert after["X-Cache"] == "MISS"
    assert "班级图书角的故事" in text(after)
    # and the JSON API is never cached
    assert client.get("/api/search/", {"q": "图书角"}).json()["total"] == 1


def test_unpublishing_removes_it_from_the_cached_search_page(client, pages, page_cache):
    assert "家校协同育人的三次家访" in text(client.get("/search/?q=家访"))
    assert client.get("/search/?q=家访")["X-Cache"] == "HIT"
    pages["family"].unpublish()
    assert "家校协同育人的三次家访" not in text(client.get("/search/?q=家访"))


def test_rebuilding_the_index_invalidates_cached_search_pages(
    client, pages, page_cache, django_capture_on_commit_callbacks
):
    SearchDocument.objects.all().delete()  # a lost index: the page now shows no result
    assert "家校协同育人的三次家访" not in text(client.get("/search/?q=家访"))
    assert client.get("/search/?q=家访")["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", workers=1, stdout=io.StringIO())
    assert "家校协同育人的三次家访" in text(client.get("/search/?q=家访"))


def test_an_order_is_kept_in_the_cache_under_its_own_address_only(client, pages, page_cache):
    assert client.get("/search/?q=家访&sort=new")["X-Cache"] == "MISS"
    assert client.get("/search/?q=家访&sort=new")["X-Cache"] == "HIT"
    # an unknown order, or the default written out, shows a page kept elsewhere: never stored
    for url in ("/search/?q=家访&sort=hot", "/search/?q=家访&sort=relevance"):
        client.get(url)
        assert client.get(url)["X-Cache"] != "HIT"
