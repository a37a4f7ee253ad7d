"""Every ISO 3166 country in one of the alliance's regions (issue 17).

Before, only the countries the demo statements named had a region, so a member
in Riyadh was counted under "Elsewhere". Sites without the alliance's regions are
left as they are.
"""

from django.db import migrations

from alliance.members.world import countries_place


def place_countries(apps, schema_editor):
    countries_place(apps.get_model("members", "Region"), apps.get_model("members", "Country"))


class Migration(migrations.Migration):
    dependencies = [("members", "0006_one_review_workflow")]

    operations = [migrations.RunPython(place_countries, migrations.RunPython.noop)]
