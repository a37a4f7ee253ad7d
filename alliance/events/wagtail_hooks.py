from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import admin_views
from .models import EventPage, LocalActionProposal
from .permissions import can_see_rsvps


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("events/<int:page_id>/rsvps/", admin_views.rsvp_list, name="events_rsvp_list"),
        path("events/<int:page_id>/rsvps.csv", admin_views.rsvp_export, name="events_rsvp_export"),
        path("local-actions/", admin_views.proposal_queue, name="events_proposal_queue"),
        path(
            "local-actions/<int:proposal_id>/approve/",
            admin_views.proposal_approve,
            name="events_proposal_approve",
        ),
        path(
            "local-actions/<int:proposal_id>/decline/",
            admin_views.proposal_decline,
            name="events_proposal_decline",
        ),
    ]


class ProposalMenuItem(MenuItem):
    def is_shown(self, request):
        return LocalActionProposal.objects.pending().exists() or request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_proposals_menu_item():
    return ProposalMenuItem(
        _("Local actions to review"),
        reverse("events_proposal_queue"),
        icon_name="tasks",
        order=250,
    )


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
