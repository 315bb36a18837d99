"""Raw SQL for the search app's migrations, per database vendor (the full-text tables
are SQLite FTS5 or PostgreSQL objects that Django's schema operations do not know)."""


def vendor_sql(statements: dict[str, list[str]]):
    """A ``RunPython`` function executing ``statements[vendor]`` (nothing for other vendors)."""

    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply
