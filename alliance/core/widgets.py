"""Admin form widgets."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.html import format_html


class CheckboxesWithAdd(forms.CheckboxSelectMultiple):
    """Tick boxes for a many-to-many choice, with a link to add a new choice.

    A multiple select cleared every other choice on a click without Ctrl; boxes
    do not. The link opens the snippet's "add" form in a new tab, so the page
    being edited stays as it is; the new choice appears once the page is reloaded.
    """

    def __init__(self, *, add_url_name: str = "", add_label: str = "", attrs=None) -> None:
        super().__init__(attrs={"class": "alliance-checkboxes", **(attrs or {})})
        self.add_url_name = add_url_name
        self.add_label = add_label

    def render(self, name, value, attrs=None, renderer=None):
        boxes = super().render(name, value, attrs, renderer)
        if not self.add_url_name:
            return boxes
        return format_html(
            '{}<p class="help"><a href="{}" target="_blank" rel="noopener">{}</a></p>',
            boxes,
            reverse(self.add_url_name),
            self.add_label,
        )
