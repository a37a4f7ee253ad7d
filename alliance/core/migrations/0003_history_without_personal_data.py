"""Existing history entries about contact messages name them by kind and number only."""

from django.db import migrations

from alliance.core.history import relabel_history


def relabel(apps, schema_editor):
    relabel_history(apps, "core", ["contactmessage"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_locales"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
