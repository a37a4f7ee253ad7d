"""The public site search: pages matching every word, best matches first.

Wagtail's database search backend ranks every match in SQL to show ten, so
its cost grows with the number of matches: a word found on every page did not
answer within two minutes on SQLite at 100,000 statements, and took 0.75-2 s
on PostgreSQL at 10,000, which also made search an easy way to tie up every
worker. Each database therefore gets a search of its own, with the same index,
the same words and the same meaning:

- SQLite: ``RankedMatches`` asks SQLite's FTS5 index in a single pass over the
  matches, ranking them by BM25 (title matches counting more).
- PostgreSQL: ``NewestRankedMatches`` ranks, as Wagtail does (``ts_rank``),
  only the newest ``POSTGRES_RANKED_LIMIT`` matching pages.

On both, when the words are very common (each class says when), only the
newest matches are considered (each class's ``limit``), title matches first,
and the results page says so (adding a word finds older pages). Any other
search backend (OpenSearch, Elasticsearch) is Wagtail's own ``.search()``.
"""

from __future__ import annotations

import json
import math
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
# PostgreSQL reads each match's body to rank it, so it ranks fewer
# (NewestRankedMatches; bench/README.md, "PostgreSQL: search").
POSTGRES_RANKED_LIMIT = 500


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

    @property
    def limit(self) -> int:
        """How many of the newest matches are considered when the words are very common."""
        return RANKED_LIMIT

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
    """PostgreSQL: the newest ``limit`` matching pages, ranked as Wagtail ranks them.

    Wagtail's backend ranks every match with ``ts_rank`` and sorts them all to
    show ten: a word on every page cost a second at 10,000 statements, and
    more with each statement. Here one query takes the newest matches (by
    index entry, newest first) of live, public pages in the language, at most
    ``limit`` and one more to know whether there are more, and ranks
    only those, with Wagtail's ``ts_rank`` expression and weights. When there
    are more (``narrowed``), the oldest is left out and pages with every word
    in their title come first, as on SQLite and as the results page says.

    Reading an entry's body costs as much as reading several entries (it is
    stored apart, TOAST), and the planner does not count that: left to
    itself it read all 50,000 entries of a test site, body and all, for a
    word in 2 % of them (bench/README.md, "PostgreSQL: search"). So the way
    is chosen here, from the planner's estimate of the matches M among N
    entries. Reading entries newest first until ``limit`` match reads about
    ``limit * N / M`` of them, bodies and all; taking every match from
    Wagtail's full-text indexes on the title and the body (no body read)
    reads M rows. The first is chosen when M is at least ``sqrt(limit * N)``,
    where both cost the same: a word on most pages reads about ``limit``
    entries, a rare one its few matches, and the costliest search, of a word
    on about ``sqrt(limit / N)`` of the pages, reads ``sqrt(limit * N)``.
    """

    def __init__(self, query: str, locale: Locale, root: Page | None) -> None:
        self.query = query
        self.locale = locale
        self.root_path = root.path if root is not None else ""

    @property
    def limit(self) -> int:
        """How many of the newest matches are ranked, at most."""
        return POSTGRES_RANKED_LIMIT

    @cached_property
    def _normalised(self) -> tuple[list[str], float]:
        """Each word of the search as a ``tsquery``, as Wagtail's backend would read it,
        and the planner's count of index entries.

        Wagtail splits the search at spaces and hyphens, quotes each word and
        lets ``to_tsquery`` stem it with the search configuration; a word that
        is only a stop word ("the") is dropped. Normalised here once, each is
        passed back as a constant, not parsed again for every index entry.
        """
        terms = [term for term in re.split(r"[\s\-]+", self.query) if term]
        if not terms:
            return [], 0.0
        config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
        one = "to_tsquery(%s::regconfig, %s)::text" if config else "to_tsquery(%s)::text"
        params: list = []
        for term in terms:
            quoted = "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"
            params += [config, quoted] if config else [quoted]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples, "  # noqa: S608 (placeholders only)
                + ", ".join([one] * len(terms))
                + " FROM pg_class WHERE oid = 'wagtailsearch_indexentry'::regclass",
                params,
            )
            entries, *words = cursor.fetchone()
        return [word for word in words if word], entries

    def _matching(self) -> tuple[str, list]:
        """The index entries of pages holding every word, in the title or the body.

        That is what Wagtail's ``(title || body) @@ query`` asks, without
        joining the two for every entry read (the join cost three times the
        match); each word can be answered by Wagtail's index on either.
        """
        words = self._normalised[0]
        content_types = sorted(
            {ContentType.objects.get_for_model(model).pk for model in _page_models()}
        )
        conditions = [
            f"entry.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
            *["(entry.title @@ %s::tsquery OR entry.body @@ %s::tsquery)"] * len(words),
        ]
        params = [*content_types, *[word for word in words for _column in "tb"]]
        # Only fixed fragments and placeholders are formatted in; every value,
        # the reader's words included, is a parameter.
        return (
            "SELECT entry.id, entry.object_id, entry.title, entry.body, entry.title_norm "  # noqa: S608
            f"FROM wagtailsearch_indexentry AS entry WHERE {' AND '.join(conditions)}",
            params,
        )

    def _newest_first(self) -> bool:
        """Are the words common enough to read the entries newest first (see the class)?"""
        entries = self._normalised[1]
        if entries <= 0:  # never analysed: no estimate to go by
            return False
        sql, params = self._matching()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            found = cursor.fetchone()[0]
        estimate = (json.loads(found) if isinstance(found, str) else found)[0]["Plan"]
        return estimate["Plan Rows"] >= math.sqrt(self.limit * entries)

    @cached_property
    def _newest(self) -> list[tuple[int, int, bool]]:
        """(page id, index entry id, every word in the title) of the newest matches, best first."""
        words = self._normalised[0]
        if not words:  # no words, or only stop words: nothing matches (as in Wagtail)
            return []
        matching, params = self._matching()
        if not self._newest_first():
            # OFFSET 0 keeps the planner from reading entries newest first.
            matching += " OFFSET 0"
        restricted = restricted_paths()
        # Each match's page is looked up by its id (index entries of pages
        # hold the page's integer id) and its conditions checked on that row.
        # Joined, the planner read every page of the site to match a few
        # thousand; without statistics it walked the language's pages for each.
        page_conditions = [
            "page.live",
            "page.locale_id = %s",
            "page.path LIKE %s",
            *["page.path NOT LIKE %s"] * len(restricted),
        ]
        # Tree paths are digits and capitals: nothing in them is a LIKE pattern.
        params += [self.locale.pk, self.root_path + "%", *[path + "%" for path in restricted]]
        everything = " & ".join(f"({word})" for word in words)
        sql = (
            "SELECT page_id, entry_id, title @@ %s::tsquery FROM ("  # noqa: S608
            "SELECT entry.id AS entry_id, page.id AS page_id, entry.title, entry.body, "
            f"entry.title_norm FROM ({matching}) AS entry CROSS JOIN LATERAL ("
            f"SELECT page.id, ({' AND '.join(page_conditions)}) AS shown "
            "FROM wagtailcore_page AS page WHERE page.id = CAST(entry.object_id AS integer) "
            "LIMIT 1) AS page WHERE page.shown ORDER BY entry.id DESC LIMIT %s) AS newest "
            "ORDER BY ts_rank(%s::float4[], title, %s::tsquery) * title_norm "
            "+ ts_rank(%s::float4[], body, %s::tsquery) DESC, page_id DESC"
        )
        weights = get_sql_weights()
        params = [everything, *params, self.limit + 1, *[weights, everything] * 2]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @property
    def narrowed(self) -> bool:
        """Were older matches left out (see the class)?"""
        return len(self._newest) > self.limit

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
