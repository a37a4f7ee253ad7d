import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alliance.alerts"
    label = "alerts"
    verbose_name = _("Alerts")
    # Readers never see these (alliance.core.pagecache): a fan-out's thousands of
    # writes must not empty the page cache.
    reader_invisible_models = [
        "Subscriber",
        "Subscriber_topics",
        "Subscriber_regions",
        "Mailing",
        "Delivery",
        "Digest",
        "Withheld",
    ]

    def ready(self) -> None:
        # Imported once the models are loaded: these modules use them.
        from alliance.core import clock
        from alliance.core.personal_data import register

        from . import panels, receivers
        from .personal_data import Subscribers

        register(Subscribers)
        receivers.connect()
        panels.register()
        # Hourly rather than at Monday 00:00: a machine that was off then still sends the week.
        clock.register("alerts_digest", "alerts_digest", every=dt.timedelta(hours=1))
