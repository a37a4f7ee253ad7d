"""Public views of the newsroom: the statements listing and its feeds.

The statements index's routes hand off to these functions (see
``StatementIndexPage``), as the events and members pages do to theirs.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from alliance.core.listing import CountedPaginator

from .feeds import StatementAtomFeed, StatementRssFeed
from .filters import StatementFilter
from .models import StatementIndexPage, Topic

FEEDS = {"atom": StatementAtomFeed, "rss": StatementRssFeed}


def statement_listing(index: StatementIndexPage, request: HttpRequest) -> HttpResponse:
    statement_filter = StatementFilter(request.GET, index.statements())
    paginator = CountedPaginator(statement_filter.qs.for_listing(), index.page_size)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        raise Http404(_("The page number must be a whole number.")) from None
    except EmptyPage:
        raise Http404(_("There is no such page of statements.")) from None
    return index.render(
        request,
        context_overrides={
            "filter": statement_filter.form,
            "statements": page,
            "paginator": paginator,
        },
    )


def statement_feed(
    index: StatementIndexPage, request: HttpRequest, kind: str, topic_slug: str | None = None
) -> HttpResponse:
    """The Atom or RSS feed (``kind``) of every statement, or of one topic's."""
    topic = (
        get_object_or_404(Topic.objects.originals(), slug=topic_slug)
        if topic_slug is not None
        else None
    )
    return FEEDS[kind](index, topic=topic)(request)
