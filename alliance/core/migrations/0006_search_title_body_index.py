"""PostgreSQL: an index on the text Wagtail's database search backend matches against.

The backend matches ``title || body`` (both tsvectors, joined) with ``@@``;
the indexes Wagtail makes are on each column alone, so every search read the
whole index table (bench/README.md, "Speed on the scale-out path": about 300
ms for a rare word at 10,000 statements, 18-30 ms with this index). SQLite
searches through its own FTS5 table (``alliance.core.search``) and gets nothing.
"""

from django.db import migrations

INDEX = "core_search_title_body_gin"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_clockrun_clock"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
