"""The admin's event form: the time zone follows the venue's country."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from .zones import zone_choices, zone_for_venue, zones_by_country


class EventPageForm(WagtailAdminPageForm):
    """Offers the venue country's zones first; left empty, the zone is the country's only one."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("time_zone")
        if field is None:
            return
        if self.is_bound:
            country = self.data.get(self.add_prefix("country"), "")
        else:
            country = self.instance.country
            if not self.instance.pk:
                # Not UTC by default: an editor who skips the field gets the venue's zone.
                self.initial["time_zone"] = ""
        field.required = False
        field.widget.choices = zone_choices(str(country or ""))
        # For zone-suggest.js: the zones of each country, to suggest on choosing one.
        field.widget.attrs["data-country-zones"] = json.dumps(
            zones_by_country(), separators=(",", ":")
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if "time_zone" in self.fields and "time_zone" in cleaned:
            try:
                cleaned["time_zone"] = zone_for_venue(
                    cleaned.get("time_zone"), cleaned.get("country", "")
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned
