"""An index of the root pages of the tree (depth 1), which the admin looks up on every page.

Wagtail's admin menu asks, on every admin page, for the root of what the user may
explore (``explorable_root_instance``, through ``first_common_ancestor_of``), which
reads every page of depth 1 in path order. No index covers ``depth``: SQLite read the
whole page table in path order to find the one root, about 100 ms at 100,000
statements on every admin page (bench/README.md, "Admin pages at 100,000
statements"). This partial index holds the roots alone (one row) and answers at
once, on SQLite and PostgreSQL alike.
"""

from django.db import migrations

INDEX = "core_page_roots"


def create(apps, schema_editor) -> None:
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (path) WHERE depth = 1"
    )


def drop(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("core", "0007_page_latest_revision_index")]

    operations = [migrations.RunPython(create, drop)]
