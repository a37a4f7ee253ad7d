"""Local wall-clock times in an event's own time zone, and the instants they name.

Editors type times as the people at the venue read them on their clocks. The
instants (UTC) are derived from those, so listings can order events held in
different zones, and calendars can show them in each reader's zone.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones() - {"Factory", "localtime"}))


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone we know. Choose one such as “Asia/Hong_Kong”."),
            params={"value": value},
            code="unknown_time_zone",
        )


def local_instant(day: dt.date, time: dt.time, zone_name: str) -> dt.datetime:
    """The instant a local wall-clock time names in a zone.

    A time skipped when clocks go forward does not exist and is refused; a time
    that happens twice when clocks go back means its first occurrence.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    local = dt.datetime.combine(day, time, tzinfo=zone)
    instant = local.astimezone(dt.UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValidationError(
            _(
                "%(time)s does not exist on %(date)s in %(zone)s: the clocks change that "
                "night. Choose a time before or after the change."
            ),
            params={"time": time.strftime("%H:%M"), "date": day.isoformat(), "zone": zone_name},
            code="nonexistent_local_time",
        )
    return instant


def event_instants(
    start_date: dt.date,
    start_time: dt.time | None,
    end_date: dt.date | None,
    end_time: dt.time | None,
    zone_name: str,
) -> tuple[dt.datetime, dt.datetime]:
    """Start and end instants; an all-day event runs from midnight to the next midnight."""
    validate_time_zone(zone_name)
    end_date = end_date or start_date
    if end_date < start_date:
        raise ValidationError(
            {"end_date": _("The event cannot end before it starts.")}, code="end_before_start"
        )
    if (start_time is None) != (end_time is None) and end_time is not None:
        raise ValidationError(
            {
                "start_time": _(
                    "Give a start time too, or leave both times empty for an all-day event."
                )
            }
        )
    if start_time is None:
        zone = zoneinfo.ZoneInfo(zone_name)
        start = dt.datetime.combine(start_date, dt.time(0), tzinfo=zone)
        end = dt.datetime.combine(end_date + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    start = local_instant(start_date, start_time, zone_name)
    if end_time is None:
        if end_date > start_date:
            # Several days without an end time: it lasts until its last day is over.
            zone = zoneinfo.ZoneInfo(zone_name)
            end = dt.datetime.combine(end_date + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
            return start, end.astimezone(dt.UTC)
        # No end given: an evening meeting or a march is assumed to last two hours.
        return start, start + dt.timedelta(hours=2)
    end = local_instant(end_date, end_time, zone_name)
    if end <= start:
        raise ValidationError(
            {"end_time": _("The event must end after it starts.")}, code="end_before_start"
        )
    return start, end
