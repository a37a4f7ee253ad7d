from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "alliance.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from alliance.core.personal_data import register

        from .personal_data import FailedSignIns, UserAccounts

        register(UserAccounts, FailedSignIns)
