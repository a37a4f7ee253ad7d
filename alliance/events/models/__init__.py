"""Events app models, one module per concern; import them from here."""

from .day_of_action import DayOfActionMaterial, DayOfActionPage
from .event import EventContact, EventPage, EventStatement
from .index import EventIndexPage
from .proposals import LocalActionProposal, ProposalStatus
from .queryset import EventKind, EventQuerySet, EventStatus
from .rsvps import MAX_PARTY_SIZE, Rsvp, RsvpStatus, RsvpTally

__all__ = [
    "MAX_PARTY_SIZE",
    "DayOfActionMaterial",
    "DayOfActionPage",
    "EventContact",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventQuerySet",
    "EventStatement",
    "EventStatus",
    "LocalActionProposal",
    "ProposalStatus",
    "Rsvp",
    "RsvpStatus",
    "RsvpTally",
]
