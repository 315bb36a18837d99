"""Full-text tables for bounded ranking, and the generation stamp of the facet index.

SQLite: ``sitesearch_fts`` gains a ``tags`` column (one token per facet value, e.g.
``_p_guizhou``, so filters are part of the FTS5 expression) and ``sitesearch_fts_head``
holds title and summary (+ tags) alone: its short doclists rank the title/summary tier
quickly. The tokenizer is ``ascii`` (15 % faster to fill than ``unicode61``, and the same
here: the analyser has already normalised, lowercased and split the text, so FTS5 only
splits on spaces; every non-ASCII character is a token character). ``-`` and ``_`` are
token characters too: the analyser never emits either, so a visitor's word can never
match a tag.

PostgreSQL: ``sitesearch_pghead`` holds a second vector per document, ``head`` (title A +
summary B), with its own GIN index.

Both: ``sitesearch_indexstate`` holds one row whose ``generation`` every insert, update
or delete of a search document (or of its directions) sets to a new random value, by
trigger. Random, not a counter: a counter that a rolled-back transaction had advanced
would repeat a number that some process already saw with other data. Each search
process keeps the facet columns in memory (``search/facetindex.py``) and reloads them
when the generation it reads with the match differs.

The text of the full-text tables is derived data: after ``migrate`` the search app rebuilds
the index when it was built with other code (``search/apps.py``).
"""

from django.db import migrations

from search.migration_sql import vendor_sql as run

FTS_TOKENIZER = "tokenize = 'ascii tokenchars ''-_'''"

SQLITE_UP = [
    "DROP TABLE IF EXISTS sitesearch_fts",
    f"CREATE VIRTUAL TABLE sitesearch_fts USING fts5(title, summary, body, tags, {FTS_TOKENIZER})",
    f"CREATE VIRTUAL TABLE sitesearch_fts_head USING fts5(title, summary, tags, {FTS_TOKENIZER})",
    "DROP TRIGGER IF EXISTS sitesearch_fts_delete",
    "CREATE TRIGGER sitesearch_fts_delete AFTER DELETE ON sitesearch_searchdocument BEGIN "
    "DELETE FROM sitesearch_fts WHERE rowid = old.id; DELETE FROM sitesearch_fts_head WHERE rowid = old.id; END",
    "CREATE TABLE sitesearch_indexstate (id integer PRIMARY KEY CHECK (id = 1), generation integer NOT NULL)",
    "INSERT INTO sitesearch_indexstate (id, generation) VALUES (1, 1)",
] + [
    f"CREATE TRIGGER sitesearch_state_{table}_{event} AFTER {event.upper()} ON sitesearch_{table} "
    "BEGIN UPDATE sitesearch_indexstate SET generation = random() WHERE id = 1; END"
    for table in ("searchdocument", "searchdocumentdirection")
    for event in ("insert", "update", "delete")
]
SQLITE_DOWN = [
    f"DROP TRIGGER IF EXISTS sitesearch_state_{table}_{event}"
    for table in ("searchdocument", "searchdocumentdirection")
    for event in ("insert", "update", "delete")
] + [
    "DROP TABLE IF EXISTS sitesearch_indexstate",
    "DROP TRIGGER IF EXISTS sitesearch_fts_delete",
    "DROP TABLE IF EXISTS sitesearch_fts_head",
    "DROP TABLE IF EXISTS sitesearch_fts",
    "CREATE VIRTUAL TABLE sitesearch_fts USING fts5(title, summary, body, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER sitesearch_fts_delete AFTER DELETE ON sitesearch_searchdocument "
    "BEGIN DELETE FROM sitesearch_fts WHERE rowid = old.id; END",
]

POSTGRES_UP = [
    "CREATE TABLE IF NOT EXISTS sitesearch_pghead ("
    "document_id bigint PRIMARY KEY REFERENCES sitesearch_searchdocument (id) "
    "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
    "head tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sitesearch_pghead_vector ON sitesearch_pghead USING GIN (head)",
    "CREATE TABLE sitesearch_indexstate (id integer PRIMARY KEY CHECK (id = 1), generation bigint NOT NULL)",
    "INSERT INTO sitesearch_indexstate (id, generation) VALUES (1, 1)",
    # The ids of the matching documents, from the GIN index only: with the sequential scan
    # off for this one call (a planner setting on the function, not on the session), since a
    # seq scan — the planner's choice for a word in most documents — decompresses every long
    # vector to test it (1.3 s instead of 30 ms at 100,000 documents).
    "CREATE FUNCTION sitesearch_match_ids(q tsquery) RETURNS text LANGUAGE sql STABLE "
    "SET enable_seqscan = off AS $$ "
    "SELECT string_agg(document_id::text, ',') FROM sitesearch_pgindex WHERE vector @@ q $$",
    "CREATE FUNCTION sitesearch_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE sitesearch_indexstate SET generation = (random() * 9e18)::bigint WHERE id = 1; RETURN NULL; END $$",
] + [
    f"CREATE TRIGGER sitesearch_state_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sitesearch_{table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION sitesearch_bump_generation()"
    for table in ("searchdocument", "searchdocumentdirection")
]
POSTGRES_DOWN = [
    f"DROP TRIGGER IF EXISTS sitesearch_state_{table} ON sitesearch_{table}"
    for table in ("searchdocument", "searchdocumentdirection")
] + [
    "DROP FUNCTION IF EXISTS sitesearch_bump_generation()",
    "DROP FUNCTION IF EXISTS sitesearch_match_ids(tsquery)",
    "DROP TABLE IF EXISTS sitesearch_indexstate",
    "DROP TABLE IF EXISTS sitesearch_pghead",
]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0003_index_outbox")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
