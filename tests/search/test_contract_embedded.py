"""The engine contract against the database's own engine (FTS5 on SQLite, full text on PostgreSQL)."""

import pytest
from django.db import connection

from search.engines import engine_for_vendor

from .contract import EngineContract


class TestEmbeddedEngine(EngineContract):
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
