"""Topics and people become translatable (issue 17): each existing row gets the
site's default language and a translation key of its own. No copies are made in
other languages: until a translator translates one, pages show the original."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel
from wagtail.models.i18n import BootstrapLocaleField, BootstrapTranslationKeyField


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0007_statementpage_licence"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        BootstrapTranslationKeyField("newsroom.topic"),
        BootstrapLocaleField("newsroom.topic"),
        BootstrapTranslationKeyField("newsroom.person"),
        BootstrapLocaleField("newsroom.person"),
        BootstrapTranslatableModel("newsroom.topic"),
        BootstrapTranslatableModel("newsroom.person"),
    ]
