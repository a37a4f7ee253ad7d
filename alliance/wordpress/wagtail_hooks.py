from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("wordpress-import/", admin_views.import_view, name="wordpress_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_settings_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("WordPress import"), reverse("wordpress_import"), icon_name="download", order=900
    )
