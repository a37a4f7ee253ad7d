"""The Subscribers screen (counts only) and the administrators' export (audited)."""

from __future__ import annotations

import csv

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from alliance.accounts.audit import log_about_person
from alliance.members.models import Region
from alliance.newsroom.models import Topic

from .models import Mailing, Subscriber
from .permissions import can_export_subscribers, can_see_subscriber_counts

EXPORT_ACTION = "alliance.alerts_subscribers_export"


def subscribers(request: HttpRequest) -> HttpResponse:
    if not can_see_subscriber_counts(request.user):
        raise PermissionDenied
    confirmed = Subscriber.objects.confirmed()
    languages = dict(settings.LANGUAGES)
    by_language = [
        (languages.get(row["language"], row["language"]), row["count"])
        for row in confirmed.values("language").annotate(count=Count("pk")).order_by("language")
    ]
    context = {
        "confirmed": confirmed.count(),
        "unconfirmed": Subscriber.objects.filter(confirmed_at__isnull=True).count(),
        "by_language": by_language,
        "by_topic": _counts(Topic, "topics"),
        "by_region": _counts(Region, "regions"),
        "mailings": Mailing.objects.all()[:50],
        "can_export": can_export_subscribers(request.user),
    }
    return TemplateResponse(request, "alerts/admin/subscribers.html", context)


def _counts(model, field: str) -> list[tuple[str, int]]:
    through = getattr(Subscriber, field).through
    column = f"{model._meta.model_name}_id"
    counted = dict(
        through.objects.filter(subscriber__confirmed_at__isnull=False)
        .values(column)
        .annotate(count=Count("pk"))
        .values_list(column, "count")
    )
    return [(item.name, counted.get(item.pk, 0)) for item in model.objects.originals()]


def export(request: HttpRequest) -> HttpResponse:
    if not can_export_subscribers(request.user):
        raise PermissionDenied
    rows = Subscriber.objects.confirmed().order_by("pk").values_list("email", "language")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(["email", "language"])
    count = 0
    for row in rows.iterator():
        writer.writerow(row)
        count += 1
    log_about_person(request.user, EXPORT_ACTION, by=request.user, data={"count": count})
    return response
