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
        paths = tuple(
            Page.objects.filter(pk__in=page_ids).order_by().values_list("path", flat=True)
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
