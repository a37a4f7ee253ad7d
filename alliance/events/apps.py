import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "alliance.events"
    label = "events"
    verbose_name = _("Events")
    # Readers never see these (alliance.core.pagecache): saving one keeps stored pages,
    # or a flood of RSVPs would keep emptying the cache.
    reader_invisible_models = ["LocalActionProposal", "Rsvp", "RsvpTally"]

    def offline_urls(self) -> list[str]:
        """The listings of coming events, in every language: kept ready for reading offline."""
        index = self.get_model("EventIndexPage")
        return [page.url for page in index.objects.live().public().order_by("path") if page.url]

    def ready(self) -> None:
        # Imported once the models are loaded: these modules use them.
        from alliance.core import clock
        from alliance.core.personal_data import register

        from . import panels
        from .personal_data import LocalActionProposals, Rsvps

        register(Rsvps, LocalActionProposals)
        panels.register()
        # Reminders cover events starting within 24 hours; each person is reminded once.
        clock.register("send_rsvp_reminders", "send_rsvp_reminders", every=dt.timedelta(hours=1))
