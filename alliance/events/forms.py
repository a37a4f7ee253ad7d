"""Public forms of the events app: replying and proposing a local action."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance.core.models import phone_validator
from alliance.core.spam import HumanCheckForm

from .models import MAX_PARTY_SIZE, EventKind
from .schedule import event_instants
from .zones import zone_choices, zone_for_venue


class RsvpForm(HumanCheckForm):
    # rsvp_create spends the nonce itself and points to the private link from the first time.
    one_time_token = False
    throttle_scope = "rsvp"
    name = forms.CharField(
        label=_("Name or nickname"),
        max_length=100,
        help_text=_("Any name the organizers will recognise; it need not be your real one."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    party_size = forms.TypedChoiceField(
        label=_("How many people, including you?"),
        choices=[(n, str(n)) for n in range(1, MAX_PARTY_SIZE + 1)],
        coerce=int,
        initial=1,
    )
    email = forms.EmailField(
        max_length=254,
        label=_("E-mail for a reminder"),
        required=False,
        help_text=_("Optional. Used once for a reminder, deleted after the event."),
    )
    phone = forms.CharField(
        label=_("Phone for a reminder"),
        required=False,
        max_length=40,
        validators=[phone_validator],
        help_text=_("Optional. Deleted after the event."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    field_order = ["name", "party_size", "email", "phone", "fax", "token"]

    def __init__(self, *args, reminders: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not reminders:
            # Nothing is asked that will not be used.
            del self.fields["email"]
            del self.fields["phone"]


class PartySizeForm(forms.Form):
    party_size = forms.TypedChoiceField(
        label=_("How many people, including you?"),
        choices=[(n, str(n)) for n in range(1, MAX_PARTY_SIZE + 1)],
        coerce=int,
    )


class LocalActionForm(HumanCheckForm):
    """A member organization or ally proposes its local action for a day of action."""

    throttle_scope = "local_action"

    organization = forms.CharField(label=_("Organization"), max_length=255)
    proposer_name = forms.CharField(
        label=_("Your name"), max_length=150, help_text=_("Not published.")
    )
    proposer_email = forms.EmailField(
        max_length=254,
        label=_("Your e-mail"),
        help_text=_("Not published. We write to you when the action is approved."),
    )
    title = forms.CharField(label=_("Name of the action"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of action"), choices=EventKind.choices)
    summary = forms.CharField(
        label=_("What will happen"), max_length=400, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("YYYY-MM-DD")
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Local time, e.g. 16:00. Leave empty for all day."),
    )
    end_time = forms.TimeField(
        label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    # No zone is preselected: the first in the list (Africa/Abidjan) would
    # silently put an action in Manila or Mexico City at the wrong hour. Left
    # empty, it is the country's, where the country has only one (zones.py).
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=zone_choices,
        required=False,
        help_text=_(
            "Leave empty for the country's own time zone; needed only where a country has "
            "several, e.g. Mexico or the United States."
        ),
    )
    venue_name = forms.CharField(label=_("Venue or meeting place"), max_length=255, required=False)
    street_address = forms.CharField(label=_("Street address"), max_length=255, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *countries])
    online_url = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", max_length=200
    )
    field_order = [
        "organization",
        "proposer_name",
        "proposer_email",
        "title",
        "kind",
        "summary",
        "start_date",
        "start_time",
        "end_time",
        "time_zone",
        "venue_name",
        "street_address",
        "city",
        "country",
        "online_url",
        "fax",
        "token",
    ]

    def __init__(self, *args, day: dt.date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if day is not None and not self.is_bound:
            self.fields["start_date"].initial = day
        if self.is_bound:
            # Shown again after an error: the zones of the country given first.
            country = self.data.get(self.add_prefix("country"), "")
            self.fields["time_zone"].choices = zone_choices(country)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.is_spam or self.errors:
            return cleaned
        try:
            cleaned["time_zone"] = zone_for_venue(cleaned.get("time_zone"), cleaned["country"])
        except ValidationError as error:
            self.add_error(None, error)
            return cleaned
        try:
            event_instants(
                cleaned["start_date"],
                cleaned.get("start_time"),
                cleaned["start_date"],
                cleaned.get("end_time"),
                cleaned["time_zone"],
            )
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return cleaned
