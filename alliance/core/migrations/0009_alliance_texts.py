"""The alliance's name, short name, tagline and secretariat city move from the site settings
to ``AllianceTexts`` (core/texts.py), a translatable snippet: today's values become each site's
texts in the default language, before the settings' fields go."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from wagtail.models.i18n import get_supported_content_language_variant

FIELDS = ("name", "acronym", "tagline", "secretariat_city")


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _created = Locale.objects.get_or_create(language_code=language)
    return locale


def settings_to_texts(apps, schema_editor):
    AllianceSettings = apps.get_model("core", "AllianceSettings")
    AllianceTexts = apps.get_model("core", "AllianceTexts")
    rows = list(AllianceSettings.objects.all())
    if not rows:
        return
    locale = default_locale(apps)
    for row in rows:
        AllianceTexts.objects.create(
            site_id=row.site_id,
            locale=locale,
            translation_key=uuid.uuid4(),
            **{field: getattr(row, field) for field in FIELDS},
        )


def texts_to_settings(apps, schema_editor):
    AllianceSettings = apps.get_model("core", "AllianceSettings")
    AllianceTexts = apps.get_model("core", "AllianceTexts")
    locale = default_locale(apps)
    for texts in AllianceTexts.objects.filter(locale=locale):
        AllianceSettings.objects.filter(site_id=texts.site_id).update(
            **{field: getattr(texts, field) for field in FIELDS}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_page_roots_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="AllianceTexts",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "name",
                    models.CharField(
                        help_text=(
                            "The alliance's full name, e.g. “International Migrants Alliance”."
                        ),
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                (
                    "acronym",
                    models.CharField(
                        blank=True,
                        help_text="Short name, e.g. “IMA”.",
                        max_length=30,
                        verbose_name="acronym",
                    ),
                ),
                (
                    "tagline",
                    models.CharField(
                        blank=True,
                        help_text="One line under the name in the header and in share previews.",
                        max_length=255,
                        verbose_name="tagline",
                    ),
                ),
                (
                    "secretariat_city",
                    models.CharField(
                        blank=True,
                        help_text="Where the secretariat is based, e.g. “Hong Kong”.",
                        max_length=100,
                        verbose_name="secretariat city",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        help_text="The site these texts belong to (Settings › Sites).",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.site",
                        verbose_name="site",
                    ),
                ),
            ],
            options={
                "verbose_name": "name and tagline",
                "verbose_name_plural": "names and taglines",
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("site", "locale"), name="one_alliance_texts_per_language"
                    )
                ],
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.RunPython(settings_to_texts, texts_to_settings),
        migrations.RemoveField(
            model_name="alliancesettings",
            name="acronym",
        ),
        migrations.RemoveField(
            model_name="alliancesettings",
            name="name",
        ),
        migrations.RemoveField(
            model_name="alliancesettings",
            name="secretariat_city",
        ),
        migrations.RemoveField(
            model_name="alliancesettings",
            name="tagline",
        ),
    ]
