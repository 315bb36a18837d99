"""PostgreSQL: ``sitesearch_match_ids`` returns the ids as 8-byte big-endian integers (bytea).

``string_agg(document_id::text, ',')`` formats every id as text for Python to parse back;
for a word in every one of 100,000 documents that is most of the match's cost. The bytes
are read with ``numpy.frombuffer`` as they are. Nothing to do on SQLite.
"""

from django.db import migrations

MATCH_TEXT = (
    "CREATE FUNCTION sitesearch_match_ids(q tsquery) RETURNS text LANGUAGE sql STABLE "
    "SET enable_seqscan = off AS $$ "
    "SELECT string_agg(document_id::text, ',') FROM sitesearch_pgindex WHERE vector @@ q $$"
)
MATCH_BYTES = (
    "CREATE FUNCTION sitesearch_match_ids(q tsquery) RETURNS bytea LANGUAGE sql STABLE "
    "SET enable_seqscan = off AS $$ "
    "SELECT string_agg(int8send(document_id), ''::bytea) FROM sitesearch_pgindex WHERE vector @@ q $$"
)


def replace(definition):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP FUNCTION IF EXISTS sitesearch_match_ids(tsquery)")
        schema_editor.execute(definition)

    return apply


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0006_vectors_stored_uncompressed")]

    operations = [migrations.RunPython(replace(MATCH_BYTES), replace(MATCH_TEXT))]
