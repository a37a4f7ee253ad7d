"""Where pages sit in the tree, asked in a way SQLite answers from an index.

Wagtail's ``child_of`` is a ``LIKE 'path%'`` on the tree path, which SQLite
cannot read from the path index. Asked for a day of action's local actions in
date order, it walked all 10,000 events by date and tested each path (6.5 ms);
by a range of paths it reads the day's six children (0.1 ms, bench/README.md).

Only for a parent with few of the pages asked for: when they are all below
it (every statement under the statements index), the range tempts SQLite to
read them all by path and sort them, where ``child_of`` lets it read the
newest ten from the date index.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page


def children_of(page: Page) -> Q:
    """A condition on pages: the direct children of ``page``."""
    first, last = page.alphabet[0] * page.steplen, page.alphabet[-1] * page.steplen
    return Q(depth=page.depth + 1, path__range=(page.path + first, page.path + last))
