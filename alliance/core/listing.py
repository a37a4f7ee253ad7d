"""What every public listing's filter form shares: reporting bad criteria without failing,
and carrying the valid ones into pagination links."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from alliance.core import generation

T = TypeVar("T")


class FilterSelect(forms.Select):
    """A select written out in Python rather than with one template per option.

    A filter may offer a thousand organizers; Django's template for each
    option cost 90 µs, and the events listing spent most of its time there.
    """

    def render(self, name, value, attrs=None, renderer=None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>']
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(f'<optgroup label="{escape(group)}">')
            for option in options:
                parts.append(
                    f'<option value="{escape(option["value"])}"{flatatt(option["attrs"])}>'
                    f"{escape(option['label'])}</option>"
                )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        # Every value and label above is escaped, and flatatt escapes attributes.
        return mark_safe("".join(parts))  # noqa: S308


class PairedChoices(ModelChoiceIterator):
    """A model select's choices from its queryset's ``choice_pairs()``: (value, label)
    pairs read as values, where Django builds a model instance for every option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # Which organizations have events here took 8 ms at 10,000 events.
        yield from remembered("choices", self.queryset, lambda: list(self.queryset.choice_pairs()))


class ListingFilter(forms.Form):
    """A GET filter over a listing. Subclasses declare the fields and apply them."""

    filter_fields: tuple[str, ...] = ()

    def __init__(self, data, *args, **kwargs) -> None:
        # Only the filter's own keys: "page" and unknown parameters are not errors.
        super().__init__(
            {key: data.get(key) for key in self.filter_fields if data.get(key)}, *args, **kwargs
        )
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                choices = field.widget.choices
                field.widget = FilterSelect(attrs=field.widget.attrs)
                field.widget.choices = choices

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


def remembered(name: str, queryset, compute: Callable[[], T]) -> T:
    """``compute()``, an answer about ``queryset``, kept until content next changes.

    Listings ask the same questions of every reader (how many statements,
    which organizers have events here); the answers change only when
    something is published, which starts a new content generation and so
    a new key here.
    """
    query = queryset.query
    sql, params = query.sql_with_params()
    digest = hashlib.sha256(f"{query.model._meta.label}|{sql}|{params!r}".encode()).hexdigest()
    key = f"listing-{name}:{generation.current()}:{digest}"
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        cache.set(key, answer, 3600)
    return answer


class CountedPaginator(Paginator):
    """A paginator that remembers each listing's total until content next changes.

    Counting every published statement costs a full scan (0.17 s at 100,000).
    """

    @cached_property
    def count(self) -> int:
        return remembered("count", self.object_list, lambda: Paginator.count.func(self))
