"""What every public listing's filter form shares: reporting bad criteria without failing,
and carrying the valid ones into pagination links."""

from __future__ import annotations

import hashlib

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.http import urlencode

from alliance.core import pagecache


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


class CountedPaginator(Paginator):
    """A paginator that remembers each listing's total until content next changes.

    Counting every published statement costs a full scan (0.17 s at 100,000);
    the total only changes when something is published, which starts a new
    page-cache generation and so a new key here.
    """

    @cached_property
    def count(self) -> int:
        query = self.object_list.query
        sql, params = query.sql_with_params()
        digest = hashlib.sha256(f"{query.model._meta.label}|{sql}|{params!r}".encode()).hexdigest()
        key = f"listing-count:{pagecache.generation()}:{digest}"
        total = cache.get(key)
        if total is None:
            total = Paginator.count.func(self)
            cache.set(key, total, 3600)
        return total
