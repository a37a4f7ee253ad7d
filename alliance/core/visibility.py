"""What the public may see: live pages outside any section behind a view restriction.

Wagtail's ``PageQuerySet.public()`` reads the restrictions table on every call,
and a statement page asked it three times (related statements, language links,
search). Restrictions change rarely, and adding or removing one starts a new
content generation (``alliance.core.generation``), so each process keeps the
restricted sections for the current generation and asks again after a change.
"""

from __future__ import annotations

import threading

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from . import generation

_lock = threading.Lock()
_known: dict[str, tuple[str, ...]] = {}


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages behind a view restriction (their descendants too)."""
    current = generation.current()
    paths = _known.get(current)
    if paths is None:
        # Two small queries: as one join, SQLite once walked every page.
        page_ids = list(PageViewRestriction.objects.values_list("page_id", flat=True))
        # An alias of a restricted page is restricted too (Wagtail applies the
        # source's restrictions to it), and so is what lies below the alias.
        paths = tuple(
            Page.objects.filter(Q(pk__in=page_ids) | Q(alias_of_id__in=page_ids))
            .order_by()
            .values_list("path", flat=True)
            if page_ids
            else ()
        )
        with _lock:
            _known.clear()
            _known[current] = paths
    return paths


def public_q() -> Q:
    """A condition on pages: not inside a restricted section (as ``.public()``)."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(path__startswith=path)
    return condition


def is_public(page: Page) -> bool:
    return not any(page.path.startswith(path) for path in restricted_paths())


class KnownRestrictions:
    """Page mixin: no query for the view restrictions of a page outside every restricted section.

    Wagtail checks a page's restrictions before serving it (its
    ``check_view_restrictions`` hook), reading the page's ancestors and then
    the restrictions table, two queries on every page served. A page whose
    path starts with none of ``restricted_paths()`` has no restriction of its
    own nor above it, so the answer is known without asking. An alias is
    asked the long way, as Wagtail would (its source's restrictions apply).
    """

    def get_view_restrictions(self):
        if self.alias_of_id is None and is_public(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
