"""The public site search: pages matching every word, best matches first.

With PostgreSQL (or any search backend but the embedded one) this is Wagtail's
own ``.search()``. On SQLite, Wagtail's database backend ranks each matching
page with a subquery that repeats the full-text match, so its cost grows with
the square of the number of matches: a word found in all of 100,000 statements
did not answer within two minutes, which also made search an easy way to tie up
every worker. ``RankedMatches`` asks SQLite's FTS5 index the same question in a
single pass over the matches: the same index, the same words, and a ranking
(BM25, title matches counting more) computed once per match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.conf import settings
from django.db import connection
from wagtail.models import Locale, Page

# FTS5 columns of Wagtail's index table: autocomplete, body, title. A word in
# the title counts five times a word in the body; autocomplete is not searched.
_WEIGHTS = (0.0, 1.0, 5.0)
_WORD = re.compile(r"\w+", re.UNICODE)


def search_pages(query: str, locale: Locale, root: Page | None) -> Sequence[Page]:
    """Live, public pages in ``locale`` (below ``root``) containing every word of ``query``."""
    if _embedded_backend():
        return RankedMatches(query, locale, root)
    pages = Page.objects.live().public().filter(locale=locale)
    if root is not None:
        pages = pages.descendant_of(root, inclusive=True)
    return pages.specific().search(query)


def _embedded_backend() -> bool:
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return connection.vendor == "sqlite" and backend == "wagtail.search.backends.database"


def match_expression(query: str) -> str | None:
    """An FTS5 query that finds every word, each quoted so nothing typed is syntax."""
    words = _WORD.findall(query.lower())
    if not words:
        return None
    return "{body title}: (" + " AND ".join(f'"{word}"' for word in words) + ")"


class RankedMatches(Sequence):
    """A lazy, sliceable list of matching pages for the paginator: one count, one page.

    Each match is joined to its page by primary key, and the page's conditions
    (live, language, site, not behind a view restriction) are checked on that
    row: cheap for a rare word, and one pass for a common one.
    """

    def __init__(self, query: str, locale: Locale, root: Page | None) -> None:
        self.expression = match_expression(query)
        self.locale = locale
        self.root_path = root.path if root is not None else ""
        self._count: int | None = None

    def _matching_sql(self, select: str, tail: str = "") -> tuple[str, list]:
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import PageViewRestriction

        content_types = [ContentType.objects.get_for_model(model).pk for model in _page_models()]
        restricted = list(
            PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
        )
        conditions = [
            "wagtailsearch_indexentry_fts MATCH %s",
            f"entry.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
            "page.live",
            "page.locale_id = %s",
            "substr(page.path, 1, %s) = %s",
            *["substr(page.path, 1, %s) != %s"] * len(restricted),
        ]
        params: list = [self.expression, *content_types, self.locale.pk]
        params += [len(self.root_path), self.root_path]
        for path in restricted:
            params += [len(path), path]
        # Only fixed fragments and placeholders are formatted in; every value,
        # the reader's words included, is a parameter.
        sql = (
            f"SELECT {select} FROM wagtailsearch_indexentry_fts "  # noqa: S608
            "JOIN wagtailsearch_indexentry AS entry "
            "ON entry.id = wagtailsearch_indexentry_fts.rowid "
            "JOIN wagtailcore_page AS page ON page.id = CAST(entry.object_id AS INTEGER) "
            f"WHERE {' AND '.join(conditions)} {tail}"
        )
        return sql, params

    def count(self) -> int:
        if self._count is None:
            if self.expression is None:
                self._count = 0
            else:
                sql, params = self._matching_sql("COUNT(*)")
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        if self.expression is None or stop <= start:
            return []
        weights = ", ".join(str(weight) for weight in _WEIGHTS)
        # bm25() is lower for better matches; ties go to the newer page.
        sql, params = self._matching_sql(
            "page.id",
            f"ORDER BY bm25(wagtailsearch_indexentry_fts, {weights}), page.id DESC "
            "LIMIT %s OFFSET %s",
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, stop - start, start])
            ids = [row[0] for row in cursor.fetchall()]
        found = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        return [found[pk] for pk in ids if pk in found]


def _page_models() -> list[type[Page]]:
    from wagtail.models import get_page_models

    return [Page, *get_page_models()]
