"""The public site search: pages matching every word, best matches first.

With PostgreSQL (or any search backend but the embedded one) this is Wagtail's
own ``.search()``. On SQLite, Wagtail's database backend ranks each matching
page with a subquery that repeats the full-text match, so its cost grows with
the square of the number of matches: a word found in all of 100,000 statements
did not answer within two minutes, which also made search an easy way to tie up
every worker. ``RankedMatches`` asks SQLite's FTS5 index the same question in a
single pass over the matches: the same index, the same words, and a ranking
(BM25, title matches counting more) computed once per match.

Ranking has a cost that grows with how common the words are; see
``RankedMatches`` for how a search for a word found on nearly every page stays
as fast as one for a rare word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale, Page, get_page_models
from wagtail.search.backends.database.postgres.weights import get_sql_weights

from .visibility import restricted_paths

# FTS5 columns of Wagtail's index table: autocomplete, body, title. A word in
# the title counts five times a word in the body; autocomplete is not searched.
_WEIGHTS = (0.0, 1.0, 5.0)
_WORD = re.compile(r"\w+", re.UNICODE)
RANKED_LIMIT = 2000


def search_pages(query: str, locale: Locale, root: Page | None) -> Sequence[Page]:
    """Live, public pages in ``locale`` (below ``root``) containing every word of ``query``."""
    if _embedded_backend():
        return RankedMatches(query, locale, root)
    if _postgres_database_backend():
        return NewestRankedMatches(query, locale, root)
    pages = Page.objects.live().public().filter(locale=locale)
    if root is not None:
        pages = pages.descendant_of(root, inclusive=True)
    return pages.specific().search(query)


def _embedded_backend() -> bool:
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return connection.vendor == "sqlite" and backend == "wagtail.search.backends.database"


def _postgres_database_backend() -> bool:
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return connection.vendor == "postgresql" and backend == "wagtail.search.backends.database"


def match_expression(query: str, columns: str = "body title") -> str | None:
    """An FTS5 query that finds every word, each quoted so nothing typed is syntax."""
    words = _WORD.findall(query.lower())
    if not words:
        return None
    return "{" + columns + "}: (" + " AND ".join(f'"{word}"' for word in words) + ")"


class RankedMatches(Sequence):
    """A lazy, sliceable list of matching pages for the paginator: one count, one page.

    Each match's page is looked up by primary key, and its conditions (live,
    language, site, not behind a view restriction) are checked on that row.

    When every word is in at most ``RANKED_LIMIT`` pages, matches are ranked
    by BM25. BM25 first counts the pages holding each word, reading the whole
    index list of every word: 20 ms for a word found in 100,000 pages, before
    a single match is ranked. So when a word is that common, the pages with
    every word in their title come first, then the others, each newest first,
    and only the ``RANKED_LIMIT`` newest matches are considered (``narrowed``).
    """

    def __init__(self, query: str, locale: Locale, root: Page | None) -> None:
        self.query = query
        self.expression = match_expression(query)
        self.locale = locale
        self.root_path = root.path if root is not None else ""
        self._count: int | None = None

    @cached_property
    def common(self) -> bool:
        """Is any word of the search in more than ``RANKED_LIMIT`` pages?"""
        return any(
            self._newest_matches_end(f'{{body title}}: ("{word}")') is not None
            for word in _WORD.findall(self.query.lower())
        )

    @cached_property
    def oldest_considered(self) -> int | None:
        """The index entry before which matches are left out, if any are."""
        if self.expression is None or not self.common:
            return None
        return self._newest_matches_end(self.expression)

    @property
    def narrowed(self) -> bool:
        """Were older matches left out (see the class)?"""
        return self.oldest_considered is not None

    @staticmethod
    def _newest_matches_end(expression: str) -> int | None:
        # Read from the end of the index lists: cheap however common the words.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM wagtailsearch_indexentry_fts "
                "WHERE wagtailsearch_indexentry_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                [expression, RANKED_LIMIT - 1],
            )
            row = cursor.fetchone()
        return row[0] if row else None

    def _matching_sql(self, select: str, tail: str = "") -> tuple[str, list]:
        content_types = [ContentType.objects.get_for_model(model).pk for model in _page_models()]
        restricted = restricted_paths()
        page_conditions = [
            "page.id = CAST(entry.object_id AS INTEGER)",
            "page.live",
            "page.locale_id = %s",
            "substr(page.path, 1, %s) = %s",
            *["substr(page.path, 1, %s) != %s"] * len(restricted),
        ]
        page_params: list = [self.locale.pk, len(self.root_path), self.root_path]
        for path in restricted:
            page_params += [len(path), path]
        conditions = [
            "wagtailsearch_indexentry_fts MATCH %s",
            f"entry.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
            "wagtailsearch_indexentry_fts.rowid >= %s",
        ]
        params: list = [self.expression, *content_types, self.oldest_considered or 0]
        # The page's conditions as EXISTS rather than a join: with a join,
        # SQLite builds a Bloom filter of every page in the language first,
        # which costs more than looking up the few pages a rare word is in.
        conditions.append(
            "EXISTS (SELECT 1 FROM wagtailcore_page AS page WHERE "  # noqa: S608
            + " AND ".join(page_conditions)
            + ")"
        )
        params += page_params
        # Only fixed fragments and placeholders are formatted in; every value,
        # the reader's words included, is a parameter.
        sql = (
            f"SELECT {select} FROM wagtailsearch_indexentry_fts "  # noqa: S608
            "CROSS JOIN wagtailsearch_indexentry AS entry "
            "ON entry.id = wagtailsearch_indexentry_fts.rowid "
            f"WHERE {' AND '.join(conditions)} {tail}"
        )
        return sql, params

    @cached_property
    def _common_order(self) -> list[int]:
        """Page ids of a search with a common word: title matches first, each newest first."""
        sql, params = self._matching_sql(
            "entry.id, CAST(entry.object_id AS INTEGER)", "ORDER BY entry.id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            matches = cursor.fetchall()
            cursor.execute(
                "SELECT rowid FROM wagtailsearch_indexentry_fts "
                "WHERE wagtailsearch_indexentry_fts MATCH %s AND rowid >= %s",
                [match_expression(self.query, "title"), self.oldest_considered or 0],
            )
            in_title = {row[0] for row in cursor.fetchall()}
        matches.sort(key=lambda match: match[0] not in in_title)  # stable: newest first stays
        return [page_id for _entry, page_id in matches]

    def count(self) -> int:
        if self._count is None:
            if self.expression is None:
                self._count = 0
            elif self.common:
                self._count = len(self._common_order)
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
        if self.common:
            ids = self._common_order[start:stop]
        else:
            weights = ", ".join(str(weight) for weight in _WEIGHTS)
            # bm25() is lower for better matches; ties go to the newer entry.
            sql, params = self._matching_sql(
                "CAST(entry.object_id AS INTEGER)",
                f"ORDER BY bm25(wagtailsearch_indexentry_fts, {weights}), entry.id DESC "
                "LIMIT %s OFFSET %s",
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [*params, stop - start, start])
                ids = [row[0] for row in cursor.fetchall()]
        found = _specific_pages(ids)
        return [found[pk] for pk in ids if pk in found]


class NewestRankedMatches(Sequence):
    """PostgreSQL: the newest ``RANKED_LIMIT`` matching pages, ranked as Wagtail ranks them.

    Wagtail's backend ranks every match with ``ts_rank`` and sorts them all to
    show ten: a word on every page cost a second at 10,000 statements, and
    more with each statement. Here one query takes the newest matches (by
    index entry, newest first) of live, public pages in the language, at most
    ``RANKED_LIMIT`` and one more to know whether there are more, and ranks
    only those, with Wagtail's ``ts_rank`` expression and weights. When there
    are more (``narrowed``), the oldest is left out and pages with every word
    in their title come first, as on SQLite and as the results page says.

    The planner chooses how: for a word on most pages it reads the index
    entries newest first and stops at the limit; for a rarer one it asks the
    index on ``title || body`` (``core/0006``) for every match and sorts the
    few. Either way a search costs about the same at 1,000 or 100,000
    statements (bench/README.md, "PostgreSQL: search").
    """

    def __init__(self, query: str, locale: Locale, root: Page | None) -> None:
        self.query = query
        self.locale = locale
        self.root_path = root.path if root is not None else ""

    @cached_property
    def _words(self) -> list[str]:
        """Each word of the search as a ``tsquery``, as Wagtail's backend would read it.

        Wagtail splits the search at spaces and hyphens, quotes each word and
        lets ``to_tsquery`` stem it with the search configuration; a word that
        is only a stop word ("the") is dropped. Normalised here once, each is
        passed back as a constant, not parsed again for every index entry.
        """
        terms = [term for term in re.split(r"[\s\-]+", self.query) if term]
        if not terms:
            return []
        config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
        one = "to_tsquery(%s::regconfig, %s)::text" if config else "to_tsquery(%s)::text"
        params: list = []
        for term in terms:
            quoted = "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"
            params += [config, quoted] if config else [quoted]
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join([one] * len(terms)), params)
            return [word for word in cursor.fetchone() if word]

    @cached_property
    def _newest(self) -> list[tuple[int, int, bool]]:
        """(page id, index entry id, every word in the title) of the newest matches, best first."""
        if not self._words:  # no words, or only stop words: nothing matches (as in Wagtail)
            return []
        content_types = sorted(
            {ContentType.objects.get_for_model(model).pk for model in _page_models()}
        )
        restricted = restricted_paths()
        # Every word in the title or the body: what Wagtail's ``(title || body)
        # @@ query`` asks, without joining the two for every entry read (that
        # join cost three times the match). Each word is answered by Wagtail's
        # index on the title or the one on the body.
        conditions = [
            f"entry.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
            *["(entry.title @@ %s::tsquery OR entry.body @@ %s::tsquery)"] * len(self._words),
            "page.live",
            "page.locale_id = %s",
            "page.path LIKE %s",
            *["page.path NOT LIKE %s"] * len(restricted),
        ]
        params: list = [*content_types]
        for word in self._words:
            params += [word, word]
        # Tree paths are digits and capitals: nothing in them is a LIKE pattern.
        params += [self.locale.pk, self.root_path + "%", *[path + "%" for path in restricted]]
        everything = " & ".join(f"({word})" for word in self._words)
        weights = get_sql_weights()
        # Only fixed fragments and placeholders are formatted in; every value,
        # the reader's words included, is a parameter. The index entries of
        # pages hold the page's integer id (the content type is checked first).
        sql = (
            "SELECT page_id, entry_id, title @@ %s::tsquery FROM ("  # noqa: S608
            "SELECT entry.id AS entry_id, page.id AS page_id, entry.title, entry.body, "
            "entry.title_norm FROM wagtailsearch_indexentry AS entry "
            "JOIN wagtailcore_page AS page ON page.id = CAST(entry.object_id AS integer) "
            f"WHERE {' AND '.join(conditions)} "
            "ORDER BY entry.id DESC LIMIT %s) AS newest "
            "ORDER BY ts_rank(%s::float4[], title, %s::tsquery) * title_norm "
            "+ ts_rank(%s::float4[], body, %s::tsquery) DESC, page_id DESC"
        )
        params = [everything, *params, RANKED_LIMIT + 1, *[weights, everything] * 2]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @property
    def narrowed(self) -> bool:
        """Were older matches left out (see the class)?"""
        return len(self._newest) > RANKED_LIMIT

    @cached_property
    def _order(self) -> list[int]:
        matches = self._newest
        if self.narrowed:
            oldest = min(entry for _page, entry, _in_title in matches)
            matches = [match for match in matches if match[1] != oldest]
            matches.sort(key=lambda match: not match[2])  # stable: the ranking stays
        return [page for page, _entry, _in_title in matches]

    def count(self) -> int:
        return len(self._order)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self._order[index]
        found = _specific_pages(ids)
        return [found[pk] for pk in ids if pk in found]


def _specific_pages(ids: list[int]) -> dict[int, Page]:
    """The pages with these ids, each as its own type, in one query per type.

    Wagtail's ``.specific()`` keeps the tree order (by path), and to give it
    SQLite walked the whole page tree rather than sort ten rows.
    """
    by_type: dict[int, list[int]] = {}
    for pk, content_type in (
        Page.objects.filter(pk__in=ids).order_by().values_list("pk", "content_type")
    ):
        by_type.setdefault(content_type, []).append(pk)
    found: dict[int, Page] = {}
    for content_type, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class() or Page
        found.update((page.pk, page) for page in model.objects.filter(pk__in=pks).order_by())
    return found


def _page_models() -> list[type[Page]]:
    return [Page, *get_page_models()]
