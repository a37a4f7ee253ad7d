from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem
from wagtail.admin.menu import MenuItem

from . import admin_views, editing
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


class PublishWithoutAlertsMenuItem(PublishMenuItem):
    """Beside Publish, for an item never published: the count of recipients, and opting out."""

    label = _("Publish without alerts")
    template_name = "alerts/admin/publish_without_alerts.html"
    icon_name = "mail"

    def is_shown(self, context) -> bool:
        if not super().is_shown(context):
            return False
        page = editing.page_in_editor(context)
        return page is not None and editing.recipients(page) is not None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        recipients = editing.recipients(editing.page_in_editor(parent_context))
        context["recipients"] = recipients
        context["languages"] = ", ".join(
            f"{name} {count}" for name, count in (recipients.by_language if recipients else [])
        )
        context["value"] = editing.WITHOUT_ALERTS
        return context


@hooks.register("register_page_action_menu_item")
def register_publish_without_alerts():
    return PublishWithoutAlertsMenuItem(order=15)


@hooks.register("before_create_page")
def note_choice_on_create(request, parent_page, page_class):
    editing.note_choice(request)


@hooks.register("before_edit_page")
def note_choice_on_edit(request, page):
    editing.note_choice(request)


@hooks.register("after_create_page")
def keep_choice_on_create(request, page):
    editing.keep_choice(request, page)


@hooks.register("after_edit_page")
def keep_choice_on_edit(request, page):
    editing.keep_choice(request, page)
