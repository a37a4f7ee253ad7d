from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "alliance.events"
    label = "events"
    verbose_name = _("Events")
    # Readers never see these (alliance.core.pagecache): saving one keeps stored pages,
    # or a flood of RSVPs would keep emptying the cache.
    reader_invisible_models = ["LocalActionProposal", "Rsvp", "RsvpTally"]

    def ready(self) -> None:
        # Imported once the models are loaded: these modules use them.
        from alliance.core.personal_data import register

        from . import panels
        from .personal_data import LocalActionProposals, Rsvps

        register(Rsvps, LocalActionProposals)
        panels.register()
