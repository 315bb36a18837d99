"""PostgreSQL: the tsvector columns stored out of line without compression.

pglz saves little on a tsvector (about 12 %) and costs about a fifth of the time of
writing one; ranking reads a few hundred vectors back without decompressing them. Applies
to rows written from now on (a ``rebuild_search_index`` rewrites them all). Nothing to do
on SQLite.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE sitesearch_pgindex ALTER COLUMN vector SET STORAGE EXTERNAL")
    schema_editor.execute("ALTER TABLE sitesearch_pghead ALTER COLUMN head SET STORAGE EXTERNAL")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE sitesearch_pgindex ALTER COLUMN vector SET STORAGE EXTENDED")
    schema_editor.execute("ALTER TABLE sitesearch_pghead ALTER COLUMN head SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0005_facet_columns_index")]

    operations = [migrations.RunPython(forwards, backwards)]
