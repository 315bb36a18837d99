"""The engine's full-text table, for the database in use only.

SQLite: an FTS5 table over the segmented text + a trigger that drops a row with
its document. PostgreSQL: a tsvector table with a GIN index, rows cascading with
their document. Other vendors: nothing (no embedded engine).
"""

from django.db import migrations

from search.migration_sql import vendor_sql as run

SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS sitesearch_fts USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS sitesearch_fts_delete AFTER DELETE ON sitesearch_searchdocument "
    "BEGIN DELETE FROM sitesearch_fts WHERE rowid = old.id; END",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS sitesearch_fts_delete", "DROP TABLE IF EXISTS sitesearch_fts"]

POSTGRES_UP = [
    "CREATE TABLE IF NOT EXISTS sitesearch_pgindex ("
    "document_id bigint PRIMARY KEY REFERENCES sitesearch_searchdocument (id) "
    "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
    "vector tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sitesearch_pgindex_vector ON sitesearch_pgindex USING GIN (vector)",
]
POSTGRES_DOWN = ["DROP TABLE IF EXISTS sitesearch_pgindex"]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
