"""The admin queue of a reviewed kind, on Wagtail's generic views.

``ReviewQueueView`` is Wagtail's generic ``IndexView`` (its table, pagination and
page furniture) listing what waits, each row with its decision forms, then the
latest decisions. ``ReviewDecisionView`` takes one decision through
``core.review``. ``ReviewQueue`` puts a kind's URLs, menu entry and history
actions together for the app's ``wagtail_hooks.py``.

The number of queries of a queue page does not grow with its rows: the kind's
policy fetches related rows with the records and narrows the queue to what the
reviewer may decide in the same query (``ReviewPolicy.reviewable``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import BaseOperationView

from .review import (
    AlreadyDecided,
    ReviewDecision,
    ReviewError,
    ReviewPolicy,
    ReviewStatus,
    review_approve,
    review_decline,
)

REASON_MAX_LENGTH = 2000


class TemplateColumn(BaseColumn):
    """A cell drawn by a template of the kind's app, given the record as ``instance``."""

    def __init__(self, name: str, template: str, **kwargs) -> None:
        super().__init__(name, **kwargs)
        self.cell_template_name = template


class DecisionColumn(BaseColumn):
    """The approve and decline forms of a row."""

    cell_template_name = "core/review/decision_cell.html"

    def __init__(self, view: ReviewQueueView) -> None:
        super().__init__("decision", label=_("Decision"))
        self.view = view

    def get_cell_context_data(self, instance, parent_context) -> dict:
        context = super().get_cell_context_data(instance, parent_context)
        view = self.view
        context.update(
            approve_url=reverse(view.decide_url_name, args=(instance.pk, "approve")),
            decline_url=reverse(view.decide_url_name, args=(instance.pk, view.decline_slug)),
            approve_label=view.approve_label,
            confirms=view.policy.confirmation_form is not None,
            decline_label=view.decline_label,
            reason_label=view.reason_label,
            reason_required=view.policy.reason_required,
            csrf_token=get_token(view.request),
        )
        return context


class ReviewQueueView(IndexView):
    """What waits for the reviewer's decision, then the latest decisions."""

    policy: ReviewPolicy
    kind_columns: tuple[BaseColumn, ...] = ()
    template_name = "core/review/queue.html"
    paginate_by = 20
    # Who may open the queue is the policy's to say (``may_open``), not model permissions.
    any_permission_required = None
    permission_policy = None
    decide_url_name = ""
    decline_slug = "decline"
    approve_label = _("Approve")
    decline_label = _("Decline")
    reason_label = _("Reason for declining")
    empty_message = _("Nothing waits for review.")
    show_decided = True
    decided_shown = 20

    @property
    def model(self) -> type[ReviewDecision]:
        return self.policy.model

    def may_open(self, user) -> bool:
        return self.policy.may_review(user)

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self.may_open(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return self.policy.reviewable(self.policy.queryset().pending(), self.request.user)

    @cached_property
    def columns(self) -> list[BaseColumn]:
        return [*self.kind_columns, DecisionColumn(self)]

    @cached_property
    def no_results_message(self) -> str:
        return self.empty_message

    def decided(self) -> list[dict]:
        """The latest decisions on records this reviewer may decide on, and who took them."""
        if not self.show_decided:
            return []
        policy = self.policy
        records = policy.reviewable(
            policy.queryset().decided().select_related("decided_by"), self.request.user
        ).order_by("-decided_at")[: self.decided_shown]
        return [
            {
                "title": policy.title(record),
                "status": record.get_status_display(),
                "decided_by": record.decided_by,
            }
            for record in records
        ]

    def get_context_data(self, *args, **kwargs) -> dict:
        context = super().get_context_data(*args, **kwargs)
        context["decided"] = self.decided()
        return context


class ReviewDecisionView(BaseOperationView):
    """One decision, posted from a queue row; back to the queue with a message.

    Where the kind asks for a confirmation (``ReviewPolicy.confirmation_form``), the
    queue's "Approve" opens a page with that form (GET); posting it approves.
    """

    policy: ReviewPolicy
    queue_url_name = ""
    decline_slug = "decline"
    declined_message = _("Declined; the person concerned has been told why.")

    @property
    def model(self) -> type[ReviewDecision]:
        return self.policy.model

    def get_base_object_queryset(self):
        return self.policy.queryset()

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self.policy.may_decide(request.user, self.object):
            raise PermissionDenied
        if kwargs["decision"] not in ("approve", self.decline_slug):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def approved_message(self, record: ReviewDecision) -> str | None:
        return None

    def confirms(self, kwargs: dict) -> bool:
        return kwargs["decision"] == "approve" and self.policy.confirmation_form is not None

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self.confirms(kwargs):
            return HttpResponseNotAllowed(["POST"])
        if self.object.status != ReviewStatus.PENDING:
            return self.already_decided()
        return self.confirmation_page(self.policy.confirmation_form(self.object))

    def already_decided(self) -> HttpResponse:
        messages.warning(self.request, str(self.policy.already_decided_message))
        return redirect(self.queue_url_name)

    def confirmation_page(self, form) -> HttpResponse:
        title = self.policy.confirmation_title % {"title": self.policy.title(self.object)}
        context = {
            "record": self.object,
            "form": form,
            "page_title": title,
            "header_title": title,
            "header_icon": "form",
            "confirm_label": self.policy.confirm_label,
            "queue_url": reverse(self.queue_url_name),
            "action_url": self.request.path,
        }
        return TemplateResponse(self.request, self.policy.confirmation_template, context)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        choices = {}
        if self.confirms(kwargs):
            if self.object.status != ReviewStatus.PENDING:
                return self.already_decided()
            form = self.policy.confirmation_form(self.object, request.POST)
            if not form.is_valid():
                return self.confirmation_page(form)
            choices = form.cleaned_data
        try:
            if kwargs["decision"] == "approve":
                record = review_approve(self.policy, self.object, request.user, choices)
                message = self.approved_message(record)
            else:
                reason = request.POST.get("reason", "").strip()[:REASON_MAX_LENGTH]
                review_decline(self.policy, self.object, request.user, reason)
                message = self.declined_message
        except AlreadyDecided:
            return self.already_decided()
        except ReviewError as refused:
            messages.error(request, str(refused))
        else:
            if message:
                messages.success(request, message)
        return redirect(self.queue_url_name)


class ReviewMenuItem(MenuItem):
    """A queue's entry in the "Review" menu, its label followed by how many records wait."""

    def __init__(
        self,
        *args,
        shown: Callable[[HttpRequest], bool],
        policy: ReviewPolicy,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.shown = shown
        self.policy = policy

    def is_shown(self, request: HttpRequest) -> bool:
        return self.shown(request)

    def count(self, request: HttpRequest) -> int:
        """What waits for this reviewer's decision; counted once a request (menu, dashboard)."""
        counts = request.__dict__.setdefault("_alliance_review_counts", {})
        if self.name not in counts:
            policy = self.policy
            counts[self.name] = policy.reviewable(policy.queryset().pending(), request.user).count()
        return counts[self.name]

    def render_component(self, request: HttpRequest):
        component = super().render_component(request)
        count = self.count(request)
        if count:
            component.label = _("%(label)s (%(count)d)") % {"label": self.label, "count": count}
        return component


class ReviewQueue:
    """A kind's queue for ``wagtail_hooks.py``: URLs, menu entry, history actions.

    The menu entry goes in the "Review" menu (``core.admin_menu``): register
    ``menu_item`` with the ``register_review_menu_item`` hook.

    URL names, from ``name``: ``<name>_queue``, ``<name>_decide`` (with the decision),
    and ``<name>_approve`` and ``<name>_decline`` for each decision alone.
    """

    def __init__(
        self,
        *,
        name: str,
        url_prefix: str,
        queue_view: type[ReviewQueueView],
        decision_view: type[ReviewDecisionView],
        menu_label: str,
        icon: str,
        order: int,
        menu_shown: Callable[[HttpRequest], bool] | None = None,
    ) -> None:
        self.name = name
        self.url_prefix = url_prefix
        self.queue_view = queue_view
        self.decision_view = decision_view
        self.policy = queue_view.policy
        self.menu_label = menu_label
        self.icon = icon
        self.order = order
        self.menu_shown = menu_shown or (lambda request: self.policy.may_review(request.user))

    @property
    def queue_url_name(self) -> str:
        return f"{self.name}_queue"

    def urls(self) -> list[URLPattern]:
        decline = self.decision_view.decline_slug
        queue = self.queue_view.as_view(
            index_url_name=self.queue_url_name,
            decide_url_name=f"{self.name}_decide",
            decline_slug=decline,
        )
        decide = self.decision_view.as_view(queue_url_name=self.queue_url_name)
        record = f"{self.url_prefix}/<int:pk>"
        name = self.name
        return [
            path(f"{self.url_prefix}/", queue, name=self.queue_url_name),
            path(f"{record}/approve/", decide, {"decision": "approve"}, name=f"{name}_approve"),
            path(f"{record}/{decline}/", decide, {"decision": decline}, name=f"{name}_decline"),
            path(f"{record}/<slug:decision>/", decide, name=f"{name}_decide"),
        ]

    def menu_item(self) -> MenuItem:
        return ReviewMenuItem(
            self.menu_label,
            reverse(self.queue_url_name),
            name=self.name,
            icon_name=self.icon,
            order=self.order,
            shown=self.menu_shown,
            policy=self.policy,
        )

    def register_log_actions(self, actions) -> None:
        for action, (label, message) in self.policy.log_actions().items():
            actions.register_action(action, label, message)
