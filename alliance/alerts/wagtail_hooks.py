from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_see_subscriber_counts


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("alerts/", admin_views.subscribers, name="alerts_admin_subscribers"),
        path("alerts/export/", admin_views.export, name="alerts_admin_export"),
    ]


class SubscribersMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_see_subscriber_counts(request.user)


@hooks.register("register_admin_menu_item")
def register_subscribers_menu_item():
    return SubscribersMenuItem(
        _("Alert subscribers"),
        reverse("alerts_admin_subscribers"),
        name="alert-subscribers",
        icon_name="mail",
        order=850,
    )


@hooks.register("register_log_actions")
def register_alerts_log_actions(actions):
    actions.register_action(
        admin_views.EXPORT_ACTION, _("Export alert subscribers"), _("Alert subscribers exported")
    )
