from django.apps import AppConfig
from django.db.models import Model
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "alliance.members"
    label = "members"
    verbose_name = _("Members")
    # Readers never see these (alliance.core.pagecache): saving one keeps stored pages.
    reader_invisible_models = ["MembershipApplication"]

    def ready(self) -> None:
        # Imported once the models are loaded: these modules use them.
        from alliance.core.personal_data import register

        from . import panels
        from .personal_data import Endorsements, MemberOrganizations, MembershipApplications

        register(MembershipApplications, Endorsements, MemberOrganizations)
        panels.register()

    def reader_sees(self, instance: Model) -> bool:
        """An endorsement waiting for its signer or for review is shown nowhere.

        The statuses are EndorsementStatus's (the models cannot be imported here).
        """
        if instance._meta.model_name == "endorsement":
            return instance.status not in ("unconfirmed", "pending")
        return True
