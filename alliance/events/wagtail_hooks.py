from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from alliance.core.admin_menu import ADD, PageShortcut, shortcut_submenu
from alliance.core.review_admin import ReviewQueue

from . import admin_views
from .models import DayOfActionPage, EventIndexPage, EventPage, LocalActionProposal
from .permissions import can_see_rsvps


def _proposals_menu_shown(request) -> bool:
    return LocalActionProposal.objects.pending().exists() or request.user.is_superuser


LOCAL_ACTION_QUEUE = ReviewQueue(
    name="events_proposal",
    url_prefix="local-actions",
    queue_view=admin_views.ProposalQueueView,
    decision_view=admin_views.ProposalDecisionView,
    menu_label=_("Local actions"),
    icon="tasks",
    order=10,
    menu_shown=_proposals_menu_shown,
)

# Events and days of action live under the events index.
SHORTCUTS = (
    PageShortcut(
        name="events", label=_("All events"), parent_model=EventIndexPage, icon="date", order=0
    ),
    PageShortcut(
        name="add-event",
        label=_("Add an event"),
        parent_model=EventIndexPage,
        action=ADD,
        child_model=EventPage,
        icon="calendar-alt",
        order=2,
    ),
    PageShortcut(
        name="add-day-of-action",
        label=_("Start a day of action"),
        menu_label=_("New day of action"),
        parent_model=EventIndexPage,
        action=ADD,
        child_model=DayOfActionPage,
        icon="calendar-check",
        order=3,
    ),
)
ADD_EVENT, START_DAY_OF_ACTION = SHORTCUTS[1], SHORTCUTS[2]


@hooks.register("register_admin_menu_item")
def register_events_menu():
    return shortcut_submenu(
        _("Events"), "register_events_menu_item", icon="date", order=210, name="events-menu"
    )


def _shortcut_menu_item(shortcut: PageShortcut):
    return lambda: shortcut.menu_item()


for _shortcut in SHORTCUTS:
    hooks.register("register_events_menu_item", _shortcut_menu_item(_shortcut))


@hooks.register("register_dashboard_shortcut")
def add_event_shortcut():
    return ADD_EVENT


@hooks.register("register_dashboard_shortcut")
def start_day_of_action_shortcut():
    return START_DAY_OF_ACTION


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("events/<int:page_id>/rsvps/", admin_views.rsvp_list, name="events_rsvp_list"),
        path("events/<int:page_id>/rsvps.csv", admin_views.rsvp_export, name="events_rsvp_export"),
        *LOCAL_ACTION_QUEUE.urls(),
        *(shortcut.urlpattern() for shortcut in SHORTCUTS),
    ]


@hooks.register("register_review_menu_item")
def register_proposals_menu_item():
    return LOCAL_ACTION_QUEUE.menu_item()


@hooks.register("register_log_actions")
def register_review_actions(actions):
    LOCAL_ACTION_QUEUE.register_log_actions(actions)


def _rsvp_button(page, user):
    specific = page.specific_deferred
    if isinstance(specific, EventPage) and specific.rsvp_enabled and can_see_rsvps(user, specific):
        yield Button(
            _("RSVPs"),
            reverse("events_rsvp_list", args=(page.pk,)),
            icon_name="group",
            priority=55,
        )


@hooks.register("register_page_listing_more_buttons")
def rsvp_listing_button(page, user, next_url=None):
    yield from _rsvp_button(page, user)


@hooks.register("register_page_header_buttons")
def rsvp_header_button(page, user, view_name, next_url=None):
    yield from _rsvp_button(page, user)


@hooks.register("insert_editor_js")
def zone_suggest_js():
    return format_html('<script src="{}" defer></script>', static("events/zone-suggest.js"))
