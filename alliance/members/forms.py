"""Public and member-area forms of the members app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance.core.fields import plain_text_fields
from alliance.core.spam import HumanCheckForm

from .models import (
    VISIBILITY_DEFAULTS,
    MemberOrganization,
    MembershipApplication,
    Visibility,
)

COUNTRY_CHOICES = [("", "—"), *countries]


class ApplicationForm(HumanCheckForm, forms.ModelForm):
    throttle_scope = "application"
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", help_text=_("If any.")
    )
    agrees_basis_of_unity = forms.BooleanField(
        label=_("Our organization agrees with the alliance's Basis of Unity."),
        required=True,
        error_messages={"required": _("Membership requires agreeing with the Basis of Unity.")},
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "organization_name",
            "acronym",
            "kind",
            "country",
            "city",
            "sectors",
            "description",
            "website",
            "contact_name",
            "contact_email",
            "contact_phone",
            "agrees_basis_of_unity",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields([*self.Meta.fields, "fax", "token"])

    def submitted_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class EndorsementForm(HumanCheckForm):
    throttle_scope = "endorsement"
    name = forms.CharField(label=_("Your name"), max_length=150)
    organization = forms.CharField(
        label=_("Organization"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to sign as an individual."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRY_CHOICES)
    email = forms.EmailField(
        max_length=254,
        label=_("E-mail"),
        required=False,
        help_text=_("Optional. If given, we send a link to confirm; it is never shown."),
    )
    field_order = ["name", "organization", "country", "email", "fax", "token"]


class ProfileForm(forms.ModelForm):
    """What a representative may change about their own organization, and who sees it."""

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Its public website, if it has one."),
    )

    class Meta:
        model = MemberOrganization
        fields = [
            "city",
            "sectors",
            "founded_year",
            "website",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_text_fields(self)
        for field in VISIBILITY_DEFAULTS:
            self.fields[f"show_{field}"] = forms.ChoiceField(
                label=_("Who sees “%(field)s”") % {"field": _field_label(field)},
                choices=Visibility.choices,
                initial=self.instance.visibility_of(field),
            )

    def save(self, commit: bool = True) -> MemberOrganization:
        organization = super().save(commit=False)
        organization.visibility = {
            field: self.cleaned_data[f"show_{field}"] for field in VISIBILITY_DEFAULTS
        }
        if commit:
            organization.save()
        return organization


def _field_label(field: str) -> str:
    if field == "social_links":
        return str(_("social links"))
    return str(MemberOrganization._meta.get_field(field).verbose_name)


# What an application tells about the organization that may be shown once it is a member.
APPLICATION_SHOWN_FIELDS = (
    "city",
    "sectors",
    "description",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
)


class ApprovalForm(forms.Form):
    """The moderator's choices before an applicant becomes a member: named or not, who sees what.

    Nothing is chosen for "listed or unlisted": the moderator decides each time, as an
    organization at risk must never be named by default.
    """

    listing = forms.ChoiceField(
        label=_("Name it in public?"),
        choices=[
            ("listed", _("Listed: named in the member directory, with the fields shown below")),
            ("unlisted", _("Unlisted (at risk): counted in the figures, never named in public")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the organization is named in public.")},
    )

    def __init__(self, application: MembershipApplication, data=None) -> None:
        super().__init__(data)
        self.application = application
        for field in APPLICATION_SHOWN_FIELDS:
            value = getattr(application, field)
            if not value:
                continue
            self.fields[f"show_{field}"] = forms.ChoiceField(
                label=_("Who sees “%(field)s”") % {"field": _field_label(field)},
                choices=Visibility.choices,
                initial=VISIBILITY_DEFAULTS[field],
                help_text=value,
                # Left out, a field keeps its default (contact details hidden).
                required=False,
            )

    def clean(self) -> dict:
        data = super().clean()
        return {
            "unlisted": data.get("listing") == "unlisted",
            "visibility": {
                name.removeprefix("show_"): value
                for name, value in data.items()
                if name.startswith("show_") and value
            },
        }
