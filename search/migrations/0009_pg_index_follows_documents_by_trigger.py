"""PostgreSQL: the full-text rows follow their documents by trigger, not by foreign key.

With foreign keys from ``sitesearch_pgindex`` and ``sitesearch_pghead`` to the documents,
PostgreSQL refuses ``TRUNCATE sitesearch_searchdocument`` – and Django's ``flush`` (the
``manage.py flush`` command, and every transactional test case) truncates it: "cannot
truncate a table referenced in a foreign key constraint". The tables are derived data;
statement triggers now do what ``ON DELETE CASCADE`` did, and empty them, the postings
bitmaps and the pending log on ``TRUNCATE``. A rebuild no longer re-creates constraints
when it swaps its tables in. Nothing to do on SQLite (its FTS tables have a delete
trigger and no constraint).
"""

from django.db import migrations

from search.migration_sql import vendor_sql as run

TABLES = ("sitesearch_pgindex", "sitesearch_pghead")

UP = [
    *(f"ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {t}_document_id_fkey" for t in TABLES),
    *(f"ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {t}_document_fk" for t in TABLES),
    "CREATE FUNCTION sitesearch_forget_documents() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    + " ".join(f"DELETE FROM {t} WHERE document_id IN (SELECT id FROM gone);" for t in TABLES)
    + " RETURN NULL; END $$",
    "CREATE TRIGGER sitesearch_forget_deleted AFTER DELETE ON sitesearch_searchdocument "
    "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION sitesearch_forget_documents()",
    "CREATE FUNCTION sitesearch_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "TRUNCATE sitesearch_pgindex, sitesearch_pghead, sitesearch_pgpostings, sitesearch_pgpending; "
    "UPDATE sitesearch_indexstate SET postings = postings + 1 WHERE id = 1; RETURN NULL; END $$",
    "CREATE TRIGGER sitesearch_forget_truncated AFTER TRUNCATE ON sitesearch_searchdocument "
    "FOR EACH STATEMENT EXECUTE FUNCTION sitesearch_forget_all()",
]
DOWN = [
    "DROP TRIGGER IF EXISTS sitesearch_forget_truncated ON sitesearch_searchdocument",
    "DROP TRIGGER IF EXISTS sitesearch_forget_deleted ON sitesearch_searchdocument",
    "DROP FUNCTION IF EXISTS sitesearch_forget_all()",
    "DROP FUNCTION IF EXISTS sitesearch_forget_documents()",
    *(
        f"ALTER TABLE {t} ADD CONSTRAINT {t}_document_fk FOREIGN KEY (document_id) "
        "REFERENCES sitesearch_searchdocument (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
        for t in TABLES
    ),
]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0008_pg_postings")]

    operations = [migrations.RunPython(run({"postgresql": UP}), run({"postgresql": DOWN}))]
