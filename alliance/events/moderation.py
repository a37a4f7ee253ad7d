"""Local actions proposed by the public: held as draft pages until an editor decides."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    DayOfActionPage,
    EventIndexPage,
    EventPage,
    LocalActionProposal,
    ProposalStatus,
)

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


class ProposalAlreadyDecided(Exception):
    pass


def can_moderate_local_actions(user, day: DayOfActionPage) -> bool:
    """Editors who may publish under the day of action decide on its local actions."""
    return bool(user.is_authenticated and day.permissions_for_user(user).can_publish_subpage())


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
    _notify(proposal, "events/email/proposal_received.txt", _("We received your local action"))
    return proposal


def local_action_approve(proposal: LocalActionProposal, user) -> LocalActionProposal:
    """Publish the local action (as the editor last saved it) and tell the proposer."""
    with transaction.atomic():
        proposal = LocalActionProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PENDING:
            raise ProposalAlreadyDecided
        event = EventPage.objects.get(pk=proposal.event_id)
        revision = event.latest_revision or event.save_revision(user=user)
        revision.publish(user=user)
        proposal.status = ProposalStatus.APPROVED
        proposal.decided_at = timezone.now()
        proposal.decided_by = user
        proposal.save()
    _notify(proposal, "events/email/proposal_approved.txt", _("Your local action is published"))
    return proposal


def local_action_decline(proposal: LocalActionProposal, user, reason: str) -> LocalActionProposal:
    """Record the reason and tell the proposer; the draft stays unpublished."""
    with transaction.atomic():
        proposal = LocalActionProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PENDING:
            raise ProposalAlreadyDecided
        proposal.status = ProposalStatus.DECLINED
        proposal.decline_reason = reason
        proposal.decided_at = timezone.now()
        proposal.decided_by = user
        proposal.save()
    _notify(proposal, "events/email/proposal_declined.txt", _("About your local action"))
    return proposal


def _notify(proposal: LocalActionProposal, template: str, subject: str) -> None:
    event = EventPage.objects.get(pk=proposal.event_id)
    body = render_to_string(
        template,
        {
            "proposal": proposal,
            "event": event,
            "event_url": event.full_url if event.live else "",
        },
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [proposal.proposer_email])
