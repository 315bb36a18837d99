"""PostgreSQL: postings bitmaps of the frequent words, the pending log, the postings version.

See ``search/engines/pgpostings.py``. The bitmaps are filled by the next
``rebuild_search_index``; until then every term is matched by the GIN index as before.
Nothing to do on SQLite.
"""

from django.db import migrations

from search.engines.pgpostings import PENDING, PENDING_FUNCTION, POSTINGS, pending_triggers
from search.migration_sql import vendor_sql as run

UP = [
    f"CREATE TABLE {POSTINGS} (lexeme text PRIMARY KEY, base bigint NOT NULL, bits bytea NOT NULL)",
    f"CREATE TABLE {PENDING} (seq bigserial PRIMARY KEY, document_id bigint NOT NULL)",
    "ALTER TABLE sitesearch_indexstate ADD COLUMN postings bigint NOT NULL DEFAULT 0",
    PENDING_FUNCTION,
    *pending_triggers("sitesearch_pgindex"),
]
DOWN = [
    "DROP TRIGGER IF EXISTS sitesearch_pending_insert ON sitesearch_pgindex",
    "DROP TRIGGER IF EXISTS sitesearch_pending_delete ON sitesearch_pgindex",
    "DROP FUNCTION IF EXISTS sitesearch_note_pending()",
    "ALTER TABLE sitesearch_indexstate DROP COLUMN postings",
    f"DROP TABLE IF EXISTS {PENDING}",
    f"DROP TABLE IF EXISTS {POSTINGS}",
]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0007_match_ids_as_bytes")]

    operations = [migrations.RunPython(run({"postgresql": UP}), run({"postgresql": DOWN}))]
