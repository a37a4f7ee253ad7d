import datetime as dt

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .database import sqlite_statistics_refresh


class CoreConfig(AppConfig):
    name = "alliance.core"
    label = "core"
    verbose_name = _("Core")
    # Readers never see these (alliance.core.pagecache): saving one keeps stored pages.
    reader_invisible_models = ["ContactMessage", "ClockRun"]

    def ready(self) -> None:
        # The one import inside a function: these modules import models, and
        # this file is loaded before the app registry may hand any out.
        from . import clock, history, publishing, translating
        from .pagecache import invalidation
        from .personal_data import ContactMessages, register

        translating.slug_left_out()
        history.connect()
        publishing.connect()
        invalidation.connect()
        post_migrate.connect(sqlite_statistics_refresh, sender=self)
        register(ContactMessages)
        # Wagtail publishes scheduled pages only when this runs; a minute late at most.
        clock.register("publish_scheduled", "publish_scheduled", every=dt.timedelta(minutes=1))
        clock.register("clearsessions", "clearsessions", every=dt.timedelta(days=1))
