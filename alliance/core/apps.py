from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "alliance.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import history, pagecache
        from .database import sqlite_statistics_refresh
        from .personal_data import ContactMessages, register

        history.connect()
        pagecache.connect()
        post_migrate.connect(sqlite_statistics_refresh, sender=self)
        register(ContactMessages)
