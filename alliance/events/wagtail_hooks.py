from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from alliance.core.review_admin import ReviewQueue

from . import admin_views
from .models import EventPage, LocalActionProposal
from .permissions import can_see_rsvps


def _proposals_menu_shown(request) -> bool:
    return LocalActionProposal.objects.pending().exists() or request.user.is_superuser


LOCAL_ACTION_QUEUE = ReviewQueue(
    name="events_proposal",
    url_prefix="local-actions",
    queue_view=admin_views.ProposalQueueView,
    decision_view=admin_views.ProposalDecisionView,
    menu_label=_("Local actions to review"),
    icon="tasks",
    order=250,
    menu_shown=_proposals_menu_shown,
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("events/<int:page_id>/rsvps/", admin_views.rsvp_list, name="events_rsvp_list"),
        path("events/<int:page_id>/rsvps.csv", admin_views.rsvp_export, name="events_rsvp_export"),
        *LOCAL_ACTION_QUEUE.urls(),
    ]


@hooks.register("register_admin_menu_item")
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
