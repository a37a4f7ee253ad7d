from .pages import (
    DayOfActionMaterial,
    DayOfActionPage,
    EventContact,
    EventIndexPage,
    EventKind,
    EventPage,
    EventQuerySet,
    EventStatement,
    EventStatus,
)
from .proposals import LocalActionProposal, ProposalStatus
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
