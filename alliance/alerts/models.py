"""Who asked to be told of new statements and events, and what was sent to whom.

A subscriber is an e-mail address with its language and choices, nothing more:
no IP address, no opens, no clicks. The private links a subscriber holds (to
confirm, to manage, to leave) are never stored; only their SHA-256 fingerprint
is, as for every private link of the site (``core.spam.secret_fingerprint``).

A mailing is one item (a statement, an event, a day of action, in all its
languages) announced once; a delivery is that item for one subscriber. The
delivery's unique pair (mailing, subscriber) is what makes a fan-out safe to
run again after a crash: an address with a delivery marked sent is never sent
the item again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from alliance.members.models import Region
from alliance.newsroom.models import Topic


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Each time something is published")
    WEEKLY = "weekly", _("A weekly digest")


class ItemKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    EVENT = "event", _("Event")
    DAY_OF_ACTION = "day_of_action", _("Day of action")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriberQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def reachable(self) -> SubscriberQuerySet:
        """Confirmed addresses that have not bounced too often."""
        return self.confirmed().filter(bounce_count__lt=settings.ALERTS_BOUNCE_LIMIT)

    def wanting(
        self,
        kind: str,
        topic_ids: list[int] | None = None,
        region_ids: list[int] | None = None,
    ) -> SubscriberQuerySet:
        """Who asked for this kind of item with these topics (statements) or regions (events).

        A subscriber who chose no topic receives every topic; one who chose no
        region receives every region's events.
        """
        if kind == ItemKind.STATEMENT:
            chosen = Subscriber.topics.through.objects.filter(subscriber=OuterRef("pk"))
            return self.filter(wants_statements=True).filter(
                ~Exists(chosen) | Exists(chosen.filter(topic_id__in=topic_ids or []))
            )
        if kind == ItemKind.EVENT:
            chosen = Subscriber.regions.through.objects.filter(subscriber=OuterRef("pk"))
            return self.filter(wants_events=True).filter(
                ~Exists(chosen) | Exists(chosen.filter(region_id__in=region_ids or []))
            )
        if kind == ItemKind.DAY_OF_ACTION:
            return self.filter(wants_days_of_action=True)
        return self.none()

    def unconfirmed_before(self, moment) -> SubscriberQuerySet:
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Subscriber(models.Model):
    email = models.EmailField(
        _("e-mail address"),
        max_length=254,
        unique=True,
        help_text=_("Where alerts go. Stored in lower case; shown to administrators only."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        help_text=_("The language of the alerts, when the item is translated into it."),
    )
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_(
            "Statements on these topics (Snippets › Topics); none chosen means every topic."
        ),
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
        help_text=_(
            "Events in these regions (Snippets › Regions); none chosen means every region."
        ),
    )
    wants_statements = models.BooleanField(
        _("statements"), default=True, help_text=_("New statements on the chosen topics.")
    )
    wants_events = models.BooleanField(
        _("events in my regions"), default=True, help_text=_("New events in the chosen regions.")
    )
    wants_days_of_action = models.BooleanField(
        _("days of action"), default=True, help_text=_("New days of action.")
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATELY,
        help_text=_("One mail per item, or one digest a week."),
    )
    created_at = models.DateTimeField(
        _("subscribed"), auto_now_add=True, help_text=_("When the address was entered.")
    )
    confirmed_at = models.DateTimeField(
        _("confirmed"),
        null=True,
        blank=True,
        help_text=_(
            "When the link in the confirmation mail was followed. Nothing is sent before; "
            "unconfirmed addresses are deleted after seven days."
        ),
    )
    confirmation_sent_at = models.DateTimeField(
        _("confirmation mail sent"),
        null=True,
        blank=True,
        help_text=_("At most one confirmation mail a day goes to an address."),
    )
    link_salt = models.CharField(
        _("link salt"),
        max_length=64,
        help_text=_("With the site's secret key, makes the private links; no link on its own."),
    )
    token_hash = models.CharField(
        _("private link fingerprint"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the manage and unsubscribe link's secret."),
    )
    confirm_token_hash = models.CharField(
        _("confirmation link fingerprint"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("SHA-256 of the confirmation link's secret; empty once used."),
    )
    bounce_count = models.PositiveSmallIntegerField(
        _("bounces"),
        default=0,
        help_text=_(
            "Hard bounces reported by the mail server (manage.py alerts_bounces); at "
            "ALERTS_BOUNCE_LIMIT the address stops receiving."
        ),
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return _("Subscriber %(id)s") % {"id": self.pk}


class Mailing(models.Model):
    """One item announced to its subscribers: the sending log's line."""

    translation_key = models.UUIDField(
        _("item"),
        unique=True,
        help_text=_("The page and all its translations are one item, announced once."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page whose first publication started it."),
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("The page's title when it was published.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ItemKind.choices, help_text=_("What was announced.")
    )
    created_at = models.DateTimeField(_("published"), auto_now_add=True, help_text=_("When."))
    send_after = models.DateTimeField(
        _("sends from"),
        help_text=_("Translations published before this time go to their languages' readers."),
    )
    started_at = models.DateTimeField(
        _("started"), null=True, blank=True, help_text=_("When sending began.")
    )
    finished_at = models.DateTimeField(
        _("finished"), null=True, blank=True, help_text=_("When every address was handled.")
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("Runs of the sending task, retries included.")
    )
    sent = models.PositiveIntegerField(_("sent"), default=0, help_text=_("Mails accepted."))
    failed = models.PositiveIntegerField(
        _("failed"), default=0, help_text=_("Addresses the mail server refused.")
    )
    last_error = models.CharField(
        _("last error"),
        max_length=255,
        blank=True,
        help_text=_("The mail server's last answer when a run stopped early."),
    )

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Refused")


class Delivery(models.Model):
    """One item for one subscriber: the idempotency record of a fan-out."""

    mailing = models.ForeignKey(
        Mailing,
        verbose_name=_("mailing"),
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text=_("The item."),
    )
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text=_("Deleted with the subscriber; the mailing's counts remain."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        help_text=_("Whether the mail server accepted the mail."),
    )
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("The language of what was sent.")
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, help_text=_("When."))

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="alerts_one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["mailing", "status"], name="alerts_delivery_status")]

    def __str__(self) -> str:
        return f"{self.mailing_id}:{self.subscriber_id}"


class Digest(models.Model):
    """One week's digest for one subscriber: the idempotency record of a digest run.

    The unique pair (subscriber, week) means that however often ``alerts_digest``
    runs, and whatever crashed in between, an address gets one digest a week.
    """

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="digests",
        help_text=_("Deleted with the subscriber."),
    )
    week = models.DateField(
        _("week"), help_text=_("The Monday the week began (UTC); the digest covers seven days.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        help_text=_("Whether the mail server accepted the digest."),
    )
    items = models.PositiveSmallIntegerField(
        _("items"), default=0, help_text=_("How many statements and events it listed.")
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, help_text=_("When."))

    class Meta:
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "week"], name="alerts_one_digest_per_week"
            )
        ]
        indexes = [models.Index(fields=["week", "status"], name="alerts_digest_status")]

    def __str__(self) -> str:
        return f"{self.week}:{self.subscriber_id}"


class Withheld(models.Model):
    """An item its editor chose to publish without alerts (Publish without alerts)."""

    translation_key = models.UUIDField(
        _("item"),
        unique=True,
        help_text=_("The page and all its translations: none of them sends alerts."),
    )
    created_at = models.DateTimeField(_("chosen"), auto_now_add=True, help_text=_("When."))

    class Meta:
        verbose_name = _("item published without alerts")
        verbose_name_plural = _("items published without alerts")

    def __str__(self) -> str:
        return str(self.translation_key)
