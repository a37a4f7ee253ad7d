from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(
        "alliance.two_factor_enabled", _("Set up a second factor"), _("Second factor set up")
    )
    actions.register_action(
        "alliance.recovery_codes_renewed",
        _("Renew recovery codes"),
        _("Recovery codes renewed"),
    )
    actions.register_action(
        "alliance.two_factor_reset",
        _("Reset a second factor"),
        _("Second factor reset by an administrator"),
    )
    actions.register_action(
        "alliance.sign_in_unlocked", _("Lift a sign-in pause"), _("Sign-in pause lifted")
    )
