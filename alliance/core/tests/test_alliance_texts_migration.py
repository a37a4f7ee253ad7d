"""Moving the name, short name, tagline and city out of the site settings keeps today's values."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0006_search_title_body_index")]
AFTER = [("core", "0009_alliance_texts")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_todays_settings_become_the_default_language_texts():
    apps = migrate(BEFORE)
    site = apps.get_model("wagtailcore", "Site").objects.get(is_default_site=True)
    apps.get_model("core", "AllianceSettings").objects.update_or_create(
        site_id=site.pk,
        defaults={
            "name": "International Migrants Alliance",
            "acronym": "IMA",
            "tagline": "Grassroots migrants",
            "secretariat_city": "Hong Kong",
        },
    )
    apps = migrate(AFTER)
    texts = apps.get_model("core", "AllianceTexts").objects.select_related("locale").get()
    assert (texts.site_id, texts.locale.language_code) == (site.pk, "en")
    assert (texts.name, texts.acronym, texts.tagline, texts.secretariat_city) == (
        "International Migrants Alliance",
        "IMA",
        "Grassroots migrants",
        "Hong Kong",
    )
