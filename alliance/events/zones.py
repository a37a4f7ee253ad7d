"""Time zones as editors and proposers choose them: by the venue's country.

The tz database's ``zone.tab`` says which zones each country uses (one for most,
several for, say, the United States or Mexico). The list offered holds its
canonical names only, not the old aliases the database keeps for compatibility
("Hongkong", "Asia/Asmera"), plus UTC for online events; each is shown with its
current offset from UTC. A zone left empty is the venue country's, when that
country has only one.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import zoneinfo
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

UTC = "UTC"


def _zone_tab() -> str:
    """The text of ``zone.tab``: from the system's tz database, or the tzdata package."""
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return (importlib.resources.files("tzdata.zoneinfo") / "zone.tab").read_text("utf-8")


@functools.cache
def zones_by_country() -> dict[str, tuple[str, ...]]:
    """ISO 3166 code → the canonical zones used there, most populous region first."""
    zones: dict[str, list[str]] = {}
    for line in _zone_tab().splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, name = line.split("\t")[:3]
            zones.setdefault(code, []).append(name)
    return {code: tuple(names) for code, names in zones.items()}


@functools.cache
def canonical_zones() -> tuple[str, ...]:
    names = {name for names in zones_by_country().values() for name in names}
    return tuple(sorted(names & zoneinfo.available_timezones())) + (UTC,)


def country_zones(code: str) -> tuple[str, ...]:
    return zones_by_country().get(str(code or "").upper(), ())


def zone_label(name: str, now: dt.datetime | None = None) -> str:
    """E.g. "Asia/Hong Kong (UTC+08:00)", the offset as it is now."""
    offset = (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{name.replace('_', ' ')} (UTC{sign}{hours:02d}:{minutes:02d})"


def zone_choices(country: str = "") -> list:
    """Choices for a zone field: empty first, the country's zones, then every zone."""
    now = timezone.now()
    every = [(name, zone_label(name, now)) for name in canonical_zones()]
    local = country_zones(country)
    empty = [("", _("— the venue country's zone —"))]
    if not local:
        return [*empty, *every]
    named = [(name, zone_label(name, now)) for name in local]
    return [
        *empty,
        (_("In %(country)s") % {"country": countries.name(country)}, named),
        (_("All time zones"), every),
    ]


def zone_for_venue(chosen: str, country: str) -> str:
    """The zone chosen, or else the venue country's only one; asks when there are several."""
    if chosen:
        return chosen
    local = country_zones(country)
    if len(local) == 1:
        return local[0]
    if local:
        raise ValidationError(
            {
                "time_zone": _(
                    "%(country)s has several time zones: choose the venue's, e.g. %(example)s."
                )
                % {"country": countries.name(country), "example": local[0]}
            },
            code="several_time_zones",
        )
    raise ValidationError(
        {"time_zone": _("Choose a time zone (UTC for an online event).")},
        code="no_time_zone",
    )
