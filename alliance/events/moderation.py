"""Local actions proposed by the public: held as draft pages until a moderator decides.

The decision follows the one review workflow (core/review.py); what is particular
to local actions is here: approving publishes the draft event as a moderator last
saved it, and the proposer is written to at each step.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from alliance.core.history import unwrapped
from alliance.core.review import ReviewPolicy, notify, review_approve, review_decline

from .models import DayOfActionPage, EventIndexPage, EventPage, LocalActionProposal
from .permissions import can_moderate_local_actions, local_actions_moderated_by

EVENT_FIELDS = (
    "title",
    "kind",
    "summary",
    "start_date",
    "start_time",
    "end_time",
    "time_zone",
    "venue_name",
    "street_address",
    "city",
    "country",
    "online_url",
)


class LocalActionReview(ReviewPolicy):
    model = LocalActionProposal
    name = "local_action"
    context_name = "proposal"
    related = ("event",)
    approved_mail = ("events/email/proposal_approved.txt", _("Your local action is published"))
    declined_mail = ("events/email/proposal_declined.txt", _("About your local action"))
    approve_history = (_("Approve a local action"), _("Local action approved"))
    decline_history = (_("Decline a local action"), _("Local action declined"))
    already_decided_message = _("Someone already decided on this proposal.")
    reason_missing_message = _("Please give a reason; it is sent to the proposer.")

    def may_review(self, user) -> bool:
        # Anyone in the admin may open the queue: it lists only what they may decide.
        return bool(user.is_authenticated)

    def may_decide(self, user, record: LocalActionProposal) -> bool:
        return can_moderate_local_actions(user, record.event.get_parent().specific)

    def reviewable(self, queryset, user):
        return local_actions_moderated_by(user, queryset)

    def approve(self, record: LocalActionProposal, user, choices: dict) -> None:
        event = EventPage.objects.get(pk=record.event_id)
        revision = event.latest_revision or event.save_revision(user=unwrapped(user))
        revision.publish(user=unwrapped(user))

    def title(self, record: LocalActionProposal) -> str:
        return record.event.title

    def recipient(self, record: LocalActionProposal) -> str:
        return record.proposer_email

    def mail_context(self, record: LocalActionProposal) -> dict:
        # Read afresh: approving has just published it.
        event = EventPage.objects.get(pk=record.event_id)
        return {
            "proposal": record,
            "event": event,
            "event_url": event.full_url if event.live else "",
        }


LOCAL_ACTIONS = LocalActionReview()


def local_action_propose(
    day: DayOfActionPage | EventIndexPage, data: dict, organizer=None
) -> LocalActionProposal:
    """Save a proposal as a draft event under a day of action (or the calendar itself,
    for a member organization's own event); nothing becomes public."""
    with transaction.atomic():
        values = {field: data.get(field) or "" for field in EVENT_FIELDS}
        values["start_time"] = data.get("start_time")
        values["end_time"] = data.get("end_time")
        event = EventPage(
            live=False,
            organizer=organizer,
            organizer_name="" if organizer else data["organization"],
            **values,
        )
        day.add_child(instance=event)
        event.save_revision(log_action=True)
        proposal = LocalActionProposal.objects.create(
            event=event,
            proposer_name=data["proposer_name"],
            proposer_email=data["proposer_email"],
            organization=data["organization"],
        )
    notify(
        LOCAL_ACTIONS,
        proposal,
        "events/email/proposal_received.txt",
        _("We received your local action"),
    )
    return proposal


def local_action_approve(proposal: LocalActionProposal, user) -> LocalActionProposal:
    """Publish the local action (as a moderator last saved it) and tell the proposer."""
    return review_approve(LOCAL_ACTIONS, proposal, user)


def local_action_decline(proposal: LocalActionProposal, user, reason: str) -> LocalActionProposal:
    """Record the reason and tell the proposer; the draft stays unpublished."""
    return review_decline(LOCAL_ACTIONS, proposal, user, reason)
