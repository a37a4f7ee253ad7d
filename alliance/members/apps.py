from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "alliance.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        # Imported once the models are loaded: these modules use them.
        from alliance.core.personal_data import register

        from . import panels
        from .personal_data import Endorsements, MemberOrganizations, MembershipApplications

        register(MembershipApplications, Endorsements, MemberOrganizations)
        panels.register()
