"""Context fields, and the rank features the shared ranker reads instead of engine scores.

Every document gains ``context`` (its studio, school, city, province, directions, category
or resource type, authors, host: searchable, ranked below the title) and ``parts`` (a
handbook's chapters, now indexed in their handbook's document: one result per handbook).
The full-text tables change with it:

* SQLite: ``sitesearch_fts`` holds title, summary, context and body (filters and facets
  come from the in-memory facet index, so the ``tags`` column goes; ranking reads the rank
  features, so the title/summary table ``sitesearch_fts_head`` goes).
* PostgreSQL: the vector gets the context with weight C; ``sitesearch_pghead`` goes.
* Both: ``sitesearch_features`` holds each document's rank features
  (``search.analysis.rank_features``), and ``sitesearch_indexstate.analysis`` records the
  fingerprint of the analysis the index was built with. After ``migrate``, the search app
  rebuilds the documents and the index when it differs (``search/apps.py``): the rows
  written by earlier code have no context and no features.
"""

from django.db import migrations, models

from search.migration_sql import vendor_sql as run

FTS_TOKENIZER = "tokenize = 'ascii tokenchars ''-_'''"

SQLITE_UP = [
    "DROP TRIGGER IF EXISTS sitesearch_fts_delete",
    "DROP TABLE IF EXISTS sitesearch_fts_head",
    "DROP TABLE IF EXISTS sitesearch_fts",
    f"CREATE VIRTUAL TABLE sitesearch_fts USING fts5(title, summary, context, body, {FTS_TOKENIZER})",
    "CREATE TABLE sitesearch_features (document_id integer PRIMARY KEY, features text NOT NULL)",
    "CREATE TRIGGER sitesearch_fts_delete AFTER DELETE ON sitesearch_searchdocument BEGIN "
    "DELETE FROM sitesearch_fts WHERE rowid = old.id; "
    "DELETE FROM sitesearch_features WHERE document_id = old.id; END",
    "ALTER TABLE sitesearch_indexstate ADD COLUMN analysis text NOT NULL DEFAULT ''",
    # Adding the column rebuilt the documents' table, and SQLite drops a table's triggers
    # with it: the generation triggers of migration 0004 again.
    *(
        f"CREATE TRIGGER IF NOT EXISTS sitesearch_state_searchdocument_{event} AFTER {event.upper()} "
        "ON sitesearch_searchdocument BEGIN UPDATE sitesearch_indexstate SET generation = random() WHERE id = 1; END"
        for event in ("insert", "update", "delete")
    ),
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS sitesearch_fts_delete",
    "DROP TABLE IF EXISTS sitesearch_features",
    "DROP TABLE IF EXISTS sitesearch_fts",
    f"CREATE VIRTUAL TABLE sitesearch_fts USING fts5(title, summary, body, tags, {FTS_TOKENIZER})",
    f"CREATE VIRTUAL TABLE sitesearch_fts_head USING fts5(title, summary, tags, {FTS_TOKENIZER})",
    "CREATE TRIGGER sitesearch_fts_delete AFTER DELETE ON sitesearch_searchdocument BEGIN "
    "DELETE FROM sitesearch_fts WHERE rowid = old.id; DELETE FROM sitesearch_fts_head WHERE rowid = old.id; END",
    "ALTER TABLE sitesearch_indexstate DROP COLUMN analysis",
]


def _forget(tables):
    return [
        "CREATE OR REPLACE FUNCTION sitesearch_forget_documents() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + " ".join(f"DELETE FROM {t} WHERE document_id IN (SELECT id FROM gone);" for t in tables)
        + " RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION sitesearch_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"TRUNCATE {', '.join(tables)}, sitesearch_pgpostings, sitesearch_pgpending; "
        "UPDATE sitesearch_indexstate SET postings = postings + 1 WHERE id = 1; RETURN NULL; END $$",
    ]


POSTGRES_UP = [
    "DROP TABLE IF EXISTS sitesearch_pghead",
    "CREATE TABLE sitesearch_features (document_id bigint PRIMARY KEY, features text NOT NULL)",
    *_forget(("sitesearch_pgindex", "sitesearch_features")),
    "ALTER TABLE sitesearch_indexstate ADD COLUMN analysis text NOT NULL DEFAULT ''",
]
POSTGRES_DOWN = [
    "ALTER TABLE sitesearch_indexstate DROP COLUMN analysis",
    "CREATE TABLE sitesearch_pghead (document_id bigint PRIMARY KEY, head tsvector NOT NULL)",
    "CREATE INDEX sitesearch_pghead_vector ON sitesearch_pghead USING GIN (head)",
    *_forget(("sitesearch_pgindex", "sitesearch_pghead")),
    "DROP TABLE IF EXISTS sitesearch_features",
]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0009_pg_index_follows_documents_by_trigger")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="context",
            field=models.TextField(
                blank=True,
                help_text="工作室、学校、城市、省份、建设方向、类别、作者等页面周边信息，可被检索，权重低于标题",
                verbose_name="背景信息",
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="parts",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="并入本文档的下级页面（手册的章节）：标题、地址、纯文本",
                verbose_name="组成部分",
            ),
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
