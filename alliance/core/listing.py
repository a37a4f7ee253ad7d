"""What every public listing's filter form shares: reporting bad criteria without failing,
and carrying the valid ones into pagination links."""

from __future__ import annotations

from django import forms
from django.utils.http import urlencode


class ListingFilter(forms.Form):
    """A GET filter over a listing. Subclasses declare the fields and apply them."""

    filter_fields: tuple[str, ...] = ()

    def __init__(self, data, *args, **kwargs) -> None:
        # Only the filter's own keys: "page" and unknown parameters are not errors.
        super().__init__(
            {key: data.get(key) for key in self.filter_fields if data.get(key)}, *args, **kwargs
        )

    @property
    def active(self) -> bool:
        return bool(self.data)

    def querystring(self) -> str:
        """The valid criteria, for pagination links."""
        self.is_valid()
        return urlencode({key: self.data[key] for key in self.data if key in self.cleaned_data})


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading = + - @ would run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
