from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "alliance.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from . import panels  # the models must be loaded first

        panels.register()
