"""The full-text index over SearchEntry.folded, in each database's own way (see kenes/search/backends.py).

No model field is involved, so the model stays the same on both databases.
"""

from django.db import migrations


def create_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # unicode61 splits on the spaces of folded text; the text is already lower-case Latin.
        schema_editor.execute("CREATE VIRTUAL TABLE search_fts USING fts5(folded, tokenize = 'unicode61')")
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_entry_folded_fts ON search_searchentry USING GIN (to_tsvector('simple', folded))"
        )


def drop_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_folded_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entries")]
    operations = [migrations.RunPython(create_full_text_index, drop_full_text_index)]
