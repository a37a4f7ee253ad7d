from django.apps import AppConfig
from django.db.models import Model
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "alliance.members"
    label = "members"
    verbose_name = _("Members")
    # Readers never see these (alliance.core.pagecache): saving one keeps stored pages.
    reader_invisible_models = ["MembershipApplication"]

    def reader_sees(self, instance: Model) -> bool:
        """An endorsement waiting for its signer or for review is shown nowhere.

        The statuses are EndorsementStatus's (the models cannot be imported here).
        """
        if instance._meta.model_name == "endorsement":
            return instance.status not in ("unconfirmed", "pending")
        return True
