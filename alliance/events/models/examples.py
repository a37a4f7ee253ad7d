"""Example content: local actions of a day of action marked as an example."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When

from .day_of_action import DayOfActionPage
from .queryset import EventQuerySet


def examples_last(events: EventQuerySet) -> EventQuerySet:
    """``events`` in their order, except that the examples come after every real event."""
    # Few days of action exist, and fewer examples: one condition each on the tree path.
    paths = list(DayOfActionPage.objects.filter(is_example=True).values_list("path", flat=True))
    if not paths:
        return events
    below_example = Q()
    for path in paths:
        below_example |= Q(path__startswith=path)
    rank = Case(When(below_example, then=Value(1)), default=Value(0), output_field=IntegerField())
    order = [str(field) for field in events.query.order_by] or ["starts_at", "pk"]
    return events.alias(example_rank=rank).order_by("example_rank", *order)
