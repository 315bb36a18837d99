"""The engine contract against the database's own engine (FTS5 on SQLite, full text on PostgreSQL)."""

import copy

import pytest
from django.db import connection, transaction

from search.engines import engine_for_vendor
from search.models import SearchDocument
from tests.fixtures.shared import built_once

from .builders import corpus
from .contract import EngineContract


class SharedPages:
    """The contract's pages built once for the class (tests/fixtures/shared.py); each test
    gets a copy and its changes are rolled back."""

    @classmethod
    def build_pages(cls):
        return corpus()

    @pytest.fixture(scope="class")
    @classmethod
    def shared_pages(cls, django_db_setup, django_db_blocker):
        with built_once(django_db_blocker):
            yield cls.build_pages()

    @pytest.fixture
    def pages(self, db, engine, shared_pages):
        return copy.deepcopy(shared_pages)


class TestEmbeddedEngine(SharedPages, EngineContract):
    @pytest.fixture
    def engine(self, db):
        return engine_for_vendor(connection.vendor)

    def test_vendor_engine_is_used(self, engine):
        from search.engines import get_engine

        assert (
            get_engine().name
            == engine.name
            == {"sqlite": "sqlite-fts5", "postgresql": "postgresql-fts"}[connection.vendor]
        )


class TestPostgresPostings(SharedPages, EngineContract):
    """The contract again on PostgreSQL with every word in a postings bitmap
    (``search/engines/pgpostings.py``): the pages are rebuilt into bitmaps, and every
    change a test makes afterwards goes through the pending log."""

    @staticmethod
    def postings_engine():
        engine = engine_for_vendor("postgresql")
        engine.postings_min_docs, engine.postings_share = 1, 0.0
        engine._without_postings = {}  # not what another test's process state says
        return engine

    @pytest.fixture
    def engine(self, db):
        self.require_postgresql()
        return self.postings_engine()

    @staticmethod
    def require_postgresql():
        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL engine only")

    @classmethod
    def build_pages(cls):
        cls.require_postgresql()
        pages = corpus()
        with transaction.atomic():
            cls.postings_engine().rebuild(SearchDocument.objects.order_by("pk").iterator(), workers=1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sitesearch_pgpostings")
            assert cursor.fetchone()[0] > 50
        return pages
