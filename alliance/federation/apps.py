from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "alliance.federation"
    label = "federation"
    verbose_name = _("Fediverse")
    # Readers never see these (alliance.core.pagecache): followers arriving and
    # thousands of deliveries must not empty the page cache.
    reader_invisible_models = [
        "ActorKey",
        "Inbox",
        "Follower",
        "Activity",
        "Delivery",
        "DomainBlock",
    ]

    def ready(self) -> None:
        # Imported once the models are loaded: these modules use them.
        from alliance.core.personal_data import register

        from . import receivers
        from .personal_data import Followers

        register(Followers)
        receivers.connect()
