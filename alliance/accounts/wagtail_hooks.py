from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_manage_sign_ins

# The audit trail's own entries, beside Wagtail's (publish, unpublish, delete,
# create and edit of pages, snippets, users and groups). None carries personal data.
# Decisions on reviewed records are registered by their queues (core/review_admin.py).
AUDIT_ACTIONS = {
    "alliance.two_factor_enabled": (_("Set up a second factor"), _("Second factor set up")),
    "alliance.recovery_codes_renewed": (
        _("Renew recovery codes"),
        _("Recovery codes renewed"),
    ),
    "alliance.two_factor_reset": (
        _("Reset a second factor"),
        _("Second factor reset by an administrator"),
    ),
    "alliance.sign_in_unlocked": (_("Lift a sign-in pause"), _("Sign-in pause lifted")),
    "alliance.rsvps_viewed": (_("View RSVPs"), _("RSVP list viewed")),
    "alliance.rsvps_exported": (_("Export RSVPs"), _("RSVP list exported")),
    "alliance.endorsements_exported": (
        _("Export endorsements"),
        _("Endorsements exported"),
    ),
}


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, (label, message) in AUDIT_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("sign-ins/", admin_views.sign_in_overview, name="accounts_sign_ins"),
        path(
            "sign-ins/<int:attempt_id>/unlock/",
            admin_views.sign_in_unlock,
            name="accounts_sign_in_unlock",
        ),
        path(
            "sign-ins/users/<int:user_id>/reset-second-factor/",
            admin_views.second_factor_reset,
            name="accounts_second_factor_reset",
        ),
    ]


class SignInsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_sign_ins(request.user)


@hooks.register("register_settings_menu_item")
def register_sign_ins_menu_item():
    return SignInsMenuItem(_("Sign-ins"), reverse("accounts_sign_ins"), icon_name="lock", order=900)
