from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordpressConfig(AppConfig):
    name = "alliance.wordpress"
    label = "wordpress"
    verbose_name = _("WordPress import")
    # Readers never see these (alliance.core.pagecache): saving one keeps stored pages.
    reader_invisible_models = ["ImportedItem"]
