"""What every public listing shares: a filter that reports bad criteria without failing and
carries the valid ones into pagination links, selects written out in Python, and answers
(totals, choices) remembered until content next changes.

A listing declares a ``ListingFilterSet`` (django-filter) and reads its ``qs``; its template
gets the filter's ``form``, which knows whether any criterion was asked for (``active``) and
the valid ones as a query string (``querystring``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

import django_filters
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
from alliance.core.translated import ReaderLanguageChoices

T = TypeVar("T")


class FilterSelect(forms.Select):
    """A select written out in Python rather than with one template per option.

    A filter may offer a thousand organizers, and rendering Django's option
    template for each was most of the events listing's time (bench/README.md).
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


class ListingForm(forms.Form):
    """The form of a ``ListingFilterSet``, as the listing templates use it."""

    @property
    def active(self) -> bool:
        """Whether the reader asked for any criterion, valid or not."""
        return any(self.data.get(name) for name in self.fields)

    def querystring(self) -> str:
        """The valid criteria, for pagination links."""
        self.is_valid()
        return urlencode(
            {
                name: self.data.get(name)
                for name in self.fields
                if self.data.get(name) and name in self.cleaned_data
            }
        )


class ListingFilterSet(django_filters.FilterSet):
    """A GET filter over a public listing: ``Filter(request.GET, queryset).qs``.

    A criterion that does not validate is reported on the form and not
    applied (django-filter leaves it out of ``cleaned_data``), so a stale or
    mistyped link still shows a listing. "page" and unknown parameters are no
    filter's business and are not errors. Selects are ``FilterSelect``s.
    """

    class Meta:
        form = ListingForm

    def __init__(self, data, queryset, **kwargs) -> None:
        super().__init__(data, queryset, **kwargs)
        for listing_filter in self.filters.values():
            if issubclass(listing_filter.field_class, forms.ChoiceField):
                listing_filter.extra.setdefault("widget", FilterSelect)


def countries_present(queryset) -> list[str]:
    """The country codes the rows of ``queryset`` have, for a country filter that offers
    only countries with something to show."""
    codes = queryset.order_by().values_list("country", flat=True).distinct()
    return sorted(code for code in codes if code)


class PairedChoices(ModelChoiceIterator):
    """A model select's choices from its queryset's ``choice_pairs()``: (value, label)
    pairs read as values, where Django builds a model instance for every option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # The question (which organizations have events here) is the same for
        # every reader until something is published.
        yield from remembered("choices", self.queryset, lambda: list(self.queryset.choice_pairs()))


class PairedChoiceField(django_filters.fields.ModelChoiceField):
    iterator = PairedChoices


class PairedChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of model instances whose queryset has ``choice_pairs()``: the options are
    read as pairs and remembered until content next changes; the chosen one is looked up."""

    field_class = PairedChoiceField


class TranslatedChoiceField(django_filters.fields.ModelChoiceField):
    iterator = ReaderLanguageChoices


class TranslatedChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of translatable snippets (topics, regions): the originals, each labelled in
    the reader's language where translated (``core.translated``), in one more query."""

    field_class = TranslatedChoiceField


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

    Counting every published statement is a full scan, on every page of every
    filter, though the total changes only when something is published.
    """

    @cached_property
    def count(self) -> int:
        return remembered("count", self.object_list, lambda: Paginator.count.func(self))
