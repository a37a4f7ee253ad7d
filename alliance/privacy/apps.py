import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "alliance.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        # Imported once the models are loaded: the clock keeps its runs in a model.
        from alliance.core import clock

        # Retention (docs/privacy.md) over every app's registered personal data.
        clock.register("purge_personal_data", "purge_personal_data", every=dt.timedelta(days=1))
