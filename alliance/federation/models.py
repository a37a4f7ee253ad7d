"""The alliance's one fediverse account: its key, its followers, what it sent and to whom.

A follower is stored minimally: the address of its actor and of its inbox (the
server's shared inbox when it has one), nothing else. Deliveries go to inboxes,
one per server that shares one, however many followers it holds there.

An activity is stored once, as the JSON sent; a delivery is that activity for
one inbox. The unique pair (activity, inbox) makes a fan-out safe to run again:
an inbox that took the activity is never sent it twice.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActorKey(models.Model):
    """The actor's RSA key pair, generated once (``keys.actor_key``)."""

    private_key_pem = models.TextField(
        _("private key"), help_text=_("Signs what the alliance sends; never shown.")
    )
    public_key_pem = models.TextField(
        _("public key"), help_text=_("Published on the actor, for other servers to check.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, help_text=_("When."))

    class Meta:
        verbose_name = _("actor key")
        verbose_name_plural = _("actor keys")

    def __str__(self) -> str:
        return _("Actor key %(id)s") % {"id": self.pk}


class InboxQuerySet(models.QuerySet):
    def unreachable_since(self, moment: dt.datetime) -> InboxQuerySet:
        return self.filter(failing_since__lt=moment)


class Inbox(models.Model):
    """Where a server receives activities: its shared inbox, or one follower's own."""

    url = models.URLField(
        _("address"), max_length=500, unique=True, help_text=_("The inbox's address.")
    )
    domain = models.CharField(
        _("domain"), max_length=255, db_index=True, help_text=_("The server's host name.")
    )
    failing_since = models.DateTimeField(
        _("unreachable since"),
        null=True,
        blank=True,
        help_text=_(
            "The first failed delivery since the last one that went through. After "
            "FEDERATION_UNREACHABLE_DAYS its followers are dropped."
        ),
    )

    objects = InboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("inbox")
        verbose_name_plural = _("inboxes")

    def __str__(self) -> str:
        return self.url


class Follower(models.Model):
    actor = models.URLField(
        _("actor"), max_length=500, unique=True, help_text=_("The follower's address.")
    )
    inbox = models.ForeignKey(
        Inbox,
        verbose_name=_("inbox"),
        on_delete=models.CASCADE,
        related_name="followers",
        help_text=_("Where activities for this follower go (its server's shared inbox)."),
    )
    created_at = models.DateTimeField(
        _("followed"), default=timezone.now, help_text=_("When the follow was accepted.")
    )

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.actor


class DomainBlock(models.Model):
    domain = models.CharField(
        _("domain"),
        max_length=255,
        unique=True,
        help_text=_(
            "A server's host name, e.g. “spam.example”; its subdomains are blocked too. "
            "Its followers are removed and nothing it sends is accepted."
        ),
    )
    reason = models.CharField(
        _("reason"),
        max_length=255,
        blank=True,
        help_text=_("For the other administrators; never published."),
    )
    created_at = models.DateTimeField(_("blocked"), auto_now_add=True, help_text=_("When."))

    class Meta:
        verbose_name = _("blocked domain")
        verbose_name_plural = _("blocked domains")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain


class ActivityKind(models.TextChoices):
    CREATE = "Create", _("Created")
    UPDATE = "Update", _("Updated")
    DELETE = "Delete", _("Deleted")
    ACCEPT = "Accept", _("Follow accepted")


#: What the outbox lists and every follower's server receives; an Accept goes to one.
PUBLIC_KINDS = (ActivityKind.CREATE, ActivityKind.UPDATE, ActivityKind.DELETE)


class Activity(models.Model):
    """One activity of the alliance's outbox, stored as sent."""

    uuid = models.UUIDField(
        _("identifier"), default=uuid.uuid4, unique=True, editable=False, help_text=_("Its id.")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ActivityKind.choices, help_text=_("What happened.")
    )
    translation_key = models.UUIDField(
        _("item"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The statement or event, in all its languages."),
    )
    payload = models.JSONField(_("activity"), help_text=_("The JSON sent to followers."))
    created_at = models.DateTimeField(
        _("sent"), default=timezone.now, db_index=True, help_text=_("When.")
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.uuid}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text=_("What is delivered."),
    )
    inbox = models.ForeignKey(
        Inbox,
        verbose_name=_("inbox"),
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text=_("Where."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        help_text=_("Pending until the inbox accepts it, or until the last attempt."),
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times it was tried.")
    )
    next_attempt_at = models.DateTimeField(
        _("next attempt"), default=timezone.now, help_text=_("Not tried again before.")
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["activity", "inbox"], name="federation_one_delivery")
        ]
        indexes = [models.Index(fields=["activity", "status", "id"])]

    def __str__(self) -> str:
        return _("Delivery %(id)s") % {"id": self.pk}
