from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_handle_personal_data


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("personal-data/", admin_views.search, name="privacy_search"),
        path("personal-data/export/", admin_views.export, name="privacy_export"),
        path("personal-data/erase/", admin_views.erase, name="privacy_erase"),
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_handle_personal_data(request.user)


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Personal data"),
        reverse("privacy_search"),
        name="personal-data-requests",
        icon_name="lock",
        order=900,
    )


@hooks.register("register_log_actions")
def register_personal_data_log_actions(actions):
    actions.register_action(
        admin_views.EXPORT_ACTION, _("Export personal data"), _("Personal data exported")
    )
    actions.register_action(
        admin_views.ERASE_ACTION, _("Erase personal data"), _("Personal data erased")
    )
