"""Pages of a list by position (a cursor), not by number.

A page number makes the database count every matching row for the total and skip every row
before the page: at 100,000 statements that was most of an answer's time (bench/README.md).
Here a page is asked for by the last item its reader already has, so each page reads only its
own rows from the ordering's index, however deep it is, and an item published meanwhile never
shifts a page by one (no item repeated or skipped while a partner walks the list).

The position is the values of the list's ordering keys (``order_by`` of the view's queryset,
its last key the primary key, so that it is unique), in an opaque token: partners follow the
``next`` and ``previous`` links and never build one.
"""

from __future__ import annotations

import base64
import binascii
import json
from functools import reduce
from operator import or_
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError as FieldValidationError
from django.db.models import BooleanField, Func, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

FORWARD, BACKWARD = "n", "p"


class Position:
    """Where a page starts: after (forward) or before (backward) the item with these keys."""

    def __init__(self, direction: str, values: list) -> None:
        self.direction = direction
        self.values = values

    def encode(self) -> str:
        raw = json.dumps([self.direction, *self.values], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, fields: list) -> Position:
        """The position in ``token``, its values read as ``fields`` read them; NotFound if
        it is not one this API gave out for this list."""
        try:
            padded = token + "=" * (-len(token) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            direction, *texts = data
            if direction not in (FORWARD, BACKWARD) or len(texts) != len(fields):
                raise ValueError(direction)
            values = [field.to_python(text) for field, text in zip(fields, texts, strict=True)]
            if any(value is None for value in values):
                raise ValueError(texts)
        except (ValueError, TypeError, UnicodeError, binascii.Error, FieldValidationError):
            raise NotFound(_("This cursor is not one this list gave out.")) from None
        return cls(direction, values)


class Selective(Func):
    """A condition, marked for SQLite's query planner as true of few rows.

    SQLite's statistics are refreshed by every ``migrate`` (``alliance.core.database``). A
    site that grew since then (a WordPress import, or bench/large_site.py) still has the
    statistics of a small one, and SQLite then read every page and sorted them for the
    first page of statements (21 ms at 10,000 statements) instead of reading the newest
    from the date index (0.7 ms). ``likelihood()`` changes only that estimate, never the
    result; with current statistics the index is read either way. Other databases get the
    condition as it is.
    """

    # SQLite takes only a literal probability, not a parameter.
    template = "likelihood(%(expressions)s, 0.001)"
    output_field = BooleanField()

    def __init__(self, condition: Q) -> None:
        super().__init__(condition)

    def as_sql(self, compiler, connection, **extra):
        return compiler.compile(self.get_source_expressions()[0])

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, **extra)


def _after(keys: list[tuple[str, bool]], values: list, forward: bool) -> Q:
    """Rows that come after (or, not ``forward``, before) ``values`` in the order of ``keys``.

    Lexicographic: the first key beyond, or equal on it and beyond on the next, and so on.
    The first key is also bounded on its own, so that the database starts reading its index
    at the position instead of filtering from the top.
    """
    branches = []
    for i, (name, descending) in enumerate(keys):
        lookup = "lt" if descending == forward else "gt"
        equal = {keys[j][0]: values[j] for j in range(i)}
        branches.append(Q(**equal, **{f"{name}__{lookup}": values[i]}))
    first, descending = keys[0]
    bound = Q(**{f"{first}__{'lte' if descending == forward else 'gte'}": values[0]})
    return Q(Selective(bound)) & reduce(or_, branches)


class CursorPagination(BasePagination):
    """``?cursor=`` and ``?page_size=``; answers ``{"next", "previous", "results"}``."""

    page_size = 20
    max_page_size = 100
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def get_page_size(self, request) -> int:
        # Strict where DRF is forgiving: a page size that is not 1 to 100 is an error,
        # not quietly the default, so that a partner's mistake shows.
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not given.isascii() or not given.isdigit() or not 1 <= int(given) <= 100:
            raise ValidationError(
                {self.page_size_query_param: [_("A whole number from 1 to 100.")]}
            )
        return int(given)

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        size = self.get_page_size(request)
        self.request = request
        self.keys = ordering_keys(queryset)
        self.fields = [queryset.model._meta.get_field(name) for name, _desc in self.keys]
        token = request.query_params.get(self.cursor_query_param)
        position = Position.decode(token, self.fields) if token is not None else None
        forward = position is None or position.direction == FORWARD
        if position is not None:
            queryset = queryset.filter(_after(self.keys, position.values, forward))
        if not forward:
            queryset = queryset.reverse()
        rows = list(queryset[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if not forward:
            rows.reverse()
        # Forward: a next page if a row was left over, a previous one if this is not the
        # first. Backward the other way round.
        self.next = rows[-1] if rows and (more if forward else True) else None
        self.previous = rows[0] if rows and position is not None and (forward or more) else None
        return rows

    def _link(self, item, direction: str) -> str | None:
        if item is None:
            return None
        values = [field.value_to_string(item) for field in self.fields]
        token = Position(direction, values).encode()
        scheme, netloc, path, query, fragment = urlsplit(self.request.build_absolute_uri())
        params = [(k, v) for k, v in parse_qsl(query, True) if k != self.cursor_query_param]
        params.append((self.cursor_query_param, token))
        return urlunsplit((scheme, netloc, path, urlencode(params), fragment))

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "next": self._link(self.next, FORWARD),
                "previous": self._link(self.previous, BACKWARD),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": _("The following page, or null at the end.")},
                "previous": {
                    **link,
                    "description": _("The page before, or null on the first page."),
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Where the page starts: copy it from a “next” or “previous” link.")
                ),
                # Base64url without padding, as ``Position.encode`` writes it.
                "schema": {"type": "string", "minLength": 1, "pattern": "^[A-Za-z0-9_-]+$"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(_("How many items a page holds (default 20).")),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


def ordering_keys(queryset: QuerySet) -> list[tuple[str, bool]]:
    """The queryset's ordering as (field, descending) pairs, its primary key last.

    Only plain fields of the model: a cursor holds their values.
    """
    keys = []
    for term in queryset.query.order_by:
        name = str(term)
        descending = name.startswith("-")
        name = name.removeprefix("-")
        if name == "pk":
            name = queryset.model._meta.pk.name
        keys.append((name, descending))
    if not keys or keys[-1][0] != queryset.model._meta.pk.name:
        raise ValueError(f"{queryset.model.__name__}: a cursor needs an ordering ending in pk.")
    return keys
