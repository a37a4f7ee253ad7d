from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "alliance.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from alliance.core.personal_data import register

        from .personal_data import LocalActionProposals, Rsvps

        register(Rsvps, LocalActionProposals)
