"""One review workflow: a record waits, a reviewer approves it or declines it with a reason.

Local-action proposals (events), membership applications and public endorsements
(members) are each a ``ReviewDecision``: the status, who decided, when, and why
not. What approving *does* differs (publish the draft event, create the member
organization, list the signature); each kind says so in a ``ReviewPolicy``.
The rest is the same for all and lives here: one decision at a time (the row is
locked), a required reason for declining, an entry in Wagtail's history that
names the record by kind and number only, and the e-mail to the person concerned.

Core knows no kind: the apps above hand their policies to ``review_approve`` and
``review_decline``, and to the admin queue in ``review_admin.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .history import log_about_record, unwrapped


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class ReviewQuerySet(models.QuerySet):
    def pending(self) -> ReviewQuerySet:
        return self.filter(status=ReviewStatus.PENDING)

    def decided(self) -> ReviewQuerySet:
        """Decided by a reviewer (not, say, an endorsement confirmed at once for a member)."""
        return self.filter(decided_at__isnull=False)


class ReviewDecision(models.Model):
    """Where a record's review stands. Kinds may narrow ``status`` to their own choices."""

    # Erasable on request: the site history names it by kind and number (core/history.py).
    named_by_id_in_history = True

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
        help_text=_("Where the review stands."),
    )
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        help_text=_("Sent to the person concerned with the decision."),
    )
    decided_at = models.DateTimeField(
        _("decided"), null=True, blank=True, help_text=_("When a reviewer decided.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The reviewer who decided."),
    )

    class Meta:
        abstract = True


class ReviewError(Exception):
    """The decision was not taken; ``str()`` says why, for the reviewer."""


class AlreadyDecided(ReviewError):
    pass


class ReasonMissing(ReviewError):
    pass


class ReviewRefused(ReviewError):
    """The kind's own refusal (a name taken meanwhile, say); nothing was changed."""


class ReviewPolicy:
    """What one kind of record does when it is reviewed. Subclass per kind; one instance each."""

    model: type[ReviewDecision]
    # Names the history actions: alliance.<name>_approved and alliance.<name>_declined.
    name: str
    approved_status: str = ReviewStatus.APPROVED
    declined_status: str = ReviewStatus.DECLINED
    decline_word = "declined"
    reason_required = True
    # (template, subject) of the e-mail for each decision; None sends nothing.
    approved_mail: tuple[str, str] | None = None
    declined_mail: tuple[str, str] | None = None
    # What the e-mail templates call the record.
    context_name = "record"
    # Related rows the queue and the e-mails read, fetched with the record.
    related: tuple[str, ...] = ()
    # How the site history names each decision: (label of the action, message of an entry).
    approve_history: tuple[str, str] = (_("Approve"), _("Approved"))
    decline_history: tuple[str, str] = (_("Decline"), _("Declined"))
    # A form the reviewer fills in before approving (what becomes public, say), or None
    # when approving is one click. Built as ``form(record, data)``; its cleaned data is
    # handed to ``approve`` as ``choices``.
    confirmation_form = None
    confirmation_template = "core/review/confirm.html"
    confirmation_title = _("Approve “%(title)s”")
    confirm_label = _("Approve")
    already_decided_message = _("Someone already decided on this.")
    reason_missing_message = _("Please give a reason; it is sent with the decision.")

    @property
    def approve_action(self) -> str:
        return f"alliance.{self.name}_approved"

    @property
    def decline_action(self) -> str:
        return f"alliance.{self.name}_{self.decline_word}"

    def log_actions(self) -> dict[str, tuple[str, str]]:
        """The history actions of this kind, for Wagtail's ``register_log_actions`` hook."""
        return {
            self.approve_action: self.approve_history,
            self.decline_action: self.decline_history,
        }

    # -- who may -------------------------------------------------------------------------

    def may_review(self, user) -> bool:
        """Whether ``user`` reviews this kind at all (the menu entry and the queue)."""
        raise NotImplementedError

    def may_decide(self, user, record: ReviewDecision) -> bool:
        """Whether ``user`` may decide on this very record."""
        return self.may_review(user)

    def reviewable(self, queryset: models.QuerySet, user) -> models.QuerySet:
        """``queryset`` narrowed to the records ``user`` may decide on, in one query."""
        return queryset if self.may_review(user) else queryset.none()

    # -- what deciding does -----------------------------------------------------------------

    def approve(self, record: ReviewDecision, user, choices: dict) -> None:
        """The kind's own work, in the decision's transaction; may raise ReviewRefused.

        ``choices`` is the confirmation form's cleaned data ({} without a form).
        """

    def decline(self, record: ReviewDecision, user) -> None:
        """The kind's own work on declining, in the decision's transaction."""

    def title(self, record: ReviewDecision) -> str:
        """How the queue names a decided record to its reviewers."""
        return str(record)

    # -- the e-mail ---------------------------------------------------------------------

    def recipient(self, record: ReviewDecision) -> str:
        """The person concerned's address, or "" when there is none."""
        return ""

    def mail_context(self, record: ReviewDecision) -> dict:
        return {self.context_name: record}

    def queryset(self) -> ReviewQuerySet:
        return self.model.objects.select_related(*self.related)


def review_approve(
    policy: ReviewPolicy, record: ReviewDecision, user, choices: dict | None = None
) -> ReviewDecision:
    """Approve a record waiting for review: the kind's work, the decision, history, e-mail."""
    with transaction.atomic():
        record = _locked_pending(policy, record)
        policy.approve(record, user, choices or {})
        _decide(policy, record, policy.approved_status, policy.approve_action, user)
    _mail(policy, record, policy.approved_mail)
    return record


def review_decline(
    policy: ReviewPolicy, record: ReviewDecision, user, reason: str = ""
) -> ReviewDecision:
    """Decline a record waiting for review, with the reason the person concerned is sent."""
    reason = (reason or "").strip()
    if policy.reason_required and not reason:
        raise ReasonMissing(policy.reason_missing_message)
    with transaction.atomic():
        record = _locked_pending(policy, record)
        record.decline_reason = reason
        policy.decline(record, user)
        _decide(policy, record, policy.declined_status, policy.decline_action, user)
    _mail(policy, record, policy.declined_mail)
    return record


def notify(policy: ReviewPolicy, record: ReviewDecision, template: str, subject) -> None:
    """E-mail the person concerned (nothing when there is no address)."""
    address = policy.recipient(record)
    if not address:
        return
    body = render_to_string(template, policy.mail_context(record))
    send_mail(str(subject), body, settings.DEFAULT_FROM_EMAIL, [address])


def _locked_pending(policy: ReviewPolicy, record: ReviewDecision) -> ReviewDecision:
    # The row lock makes two reviewers deciding at once decide once.
    locked = policy.queryset().select_for_update(of=("self",)).get(pk=record.pk)
    if locked.status != ReviewStatus.PENDING:
        raise AlreadyDecided(policy.already_decided_message)
    return locked


def _decide(policy: ReviewPolicy, record: ReviewDecision, status: str, action: str, user) -> None:
    reviewer = unwrapped(user)
    record.status = status
    record.decided_at = timezone.now()
    record.decided_by = reviewer if reviewer is not None and reviewer.is_authenticated else None
    record.save()
    log_about_record(record, action, by=record.decided_by)


def _mail(policy: ReviewPolicy, record: ReviewDecision, mail: tuple[str, str] | None) -> None:
    if mail is not None:
        template, subject = mail
        notify(policy, record, template, subject)
