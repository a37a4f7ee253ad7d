"""Replies to events. Personal data: the least possible, kept briefly."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.core.models import phone_validator

MAX_PARTY_SIZE = 10


class RsvpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RsvpQuerySet(models.QuerySet):
    def confirmed(self) -> RsvpQuerySet:
        return self.filter(status=RsvpStatus.CONFIRMED)

    def waitlisted(self) -> RsvpQuerySet:
        return self.filter(status=RsvpStatus.WAITLISTED).order_by("created_at", "pk")

    def with_personal_data(self) -> RsvpQuerySet:
        return self.filter(anonymized_at=None)

    def due_for_anonymizing(self, days_after_event: int, now: dt.datetime | None = None):
        """Replies whose event ended more than the given number of days ago."""
        cutoff = (now or timezone.now()) - dt.timedelta(days=days_after_event)
        return self.with_personal_data().filter(event__ends_at__lt=cutoff)


class Rsvp(models.Model):
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="rsvps",
        help_text=_("The event replied to."),
    )
    name = models.CharField(
        _("name or nickname"), max_length=100, blank=True, help_text=_("As the person gave it.")
    )
    party_size = models.PositiveSmallIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTY_SIZE)],
        help_text=_("Including the person replying."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Only for reminders, only if given.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[phone_validator],
        help_text=_("Only for reminders, only if given."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RsvpStatus.choices,
        default=RsvpStatus.CONFIRMED,
        help_text=_("Confirmed, waiting for a place, or cancelled."),
    )
    # Only a hash of the private link's secret is stored: the database alone
    # cannot be used to change or cancel anyone's reply.
    token_hash = models.CharField(
        _("link fingerprint"), max_length=64, unique=True, help_text=_("Internal.")
    )
    created_at = models.DateTimeField(
        _("replied"), default=timezone.now, help_text=_("When the reply arrived.")
    )
    reminded_at = models.DateTimeField(
        _("reminded"), null=True, blank=True, help_text=_("When a reminder was sent.")
    )
    anonymized_at = models.DateTimeField(
        _("personal data removed"),
        null=True,
        blank=True,
        help_text=_("After this, only the number of people remains."),
    )

    objects = RsvpQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        permissions = [("export_rsvp", _("Can see and export RSVP lists"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(party_size__gte=1) & models.Q(party_size__lte=MAX_PARTY_SIZE),
                name="rsvp_party_size_in_range",
            )
        ]

    def __str__(self) -> str:
        return self.name or str(_("(removed)"))


class RsvpTally(models.Model):
    """Seats taken by confirmed replies, one row per event.

    The row is the lock that serialises replies to one event, and its check
    constraint is the database's own guard against going below zero. It is
    kept apart from the page because publishing a page revision rewrites
    every column of the page.
    """

    event = models.OneToOneField(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tally",
        help_text=_("The event counted."),
    )
    confirmed_seats = models.PositiveIntegerField(
        _("confirmed places"), default=0, help_text=_("People with a confirmed place.")
    )

    class Meta:
        verbose_name = _("RSVP tally")
        verbose_name_plural = _("RSVP tallies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confirmed_seats__gte=0), name="tally_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.confirmed_seats}"
