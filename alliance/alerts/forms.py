"""The subscribe form (public, with the project's spam checks) and the choices form."""

from __future__ import annotations

import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from alliance.core.spam import HumanCheckForm
from alliance.core.translated import ReaderLanguageMultipleChoiceField
from alliance.members.models import Region
from alliance.newsroom.models import Topic

from .models import Frequency, Subscriber


def single_line_field(value: str) -> None:
    """No control characters (CR and LF among them) in a one-line field."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(_("This field must be a single line of text."), code="control")


class ChoicesMixin(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the alerts"),
        choices=settings.LANGUAGES,
        help_text=_(
            "When an item is not translated into it, you receive it in the site's main language."
        ),
    )
    wants_statements = forms.BooleanField(label=_("Statements"), required=False, initial=True)
    topics = ReaderLanguageMultipleChoiceField(
        label=_("Only statements on these topics"),
        queryset=Topic.objects.originals(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive every topic."),
    )
    wants_events = forms.BooleanField(label=_("Events"), required=False, initial=True)
    regions = ReaderLanguageMultipleChoiceField(
        label=_("Only events in these regions"),
        queryset=Region.objects.originals(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive every region."),
    )
    wants_days_of_action = forms.BooleanField(
        label=_("Days of action"), required=False, initial=True
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATELY,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("A weekly digest arrives on Mondays with the past week's items."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        wanted = ("wants_statements", "wants_events", "wants_days_of_action")
        if not any(cleaned.get(field) for field in wanted) and not self.errors:
            raise ValidationError(_("Choose at least one kind of alert."), code="nothing")
        return cleaned

    def clean_frequency(self) -> str:
        # Left out (the compact forms on the site's pages offer no choice): each item as it comes.
        return self.cleaned_data.get("frequency") or Frequency.IMMEDIATELY

    def choices(self) -> dict:
        return {
            field: self.cleaned_data[field]
            for field in (
                "language",
                "wants_statements",
                "topics",
                "wants_events",
                "regions",
                "wants_days_of_action",
                "frequency",
            )
        }


class SubscribeForm(ChoicesMixin, HumanCheckForm):
    throttle_scope = "alerts"
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        validators=[single_line_field],
        help_text=_("We send a link to confirm; nothing else until you do."),
    )
    field_order = ["email", "language"]

    @classmethod
    def initial_from(cls, data, language: str) -> dict:
        """What the compact form or a link fills in: the address, a topic, a region.

        Anything that does not fit is left out, quietly: the person sees the full form
        and what they would send, and nothing is kept before they press its button.
        """
        initial: dict = {"language": language}
        email = data.get("email", "")
        if 0 < len(email) <= 254 and not any(unicodedata.category(c) == "Cc" for c in email):
            initial["email"] = email.strip()
        for name, model in (("topics", Topic), ("regions", Region)):
            ids = [value for value in data.getlist(name) if value.isdigit()][:20]
            if ids:
                initial[name] = list(model.objects.filter(pk__in=ids))
        return initial


class ManageForm(ChoicesMixin):
    """The choices behind a subscriber's private link (no address: it cannot change)."""

    @classmethod
    def for_subscriber(cls, subscriber: Subscriber, data=None) -> ManageForm:
        initial = {
            "language": subscriber.language,
            "wants_statements": subscriber.wants_statements,
            "topics": list(subscriber.topics.all()),
            "wants_events": subscriber.wants_events,
            "regions": list(subscriber.regions.all()),
            "wants_days_of_action": subscriber.wants_days_of_action,
            "frequency": subscriber.frequency,
        }
        return cls(data, initial=initial)
