"""The published-content seam: one signal whenever what the public can read changes.

Mail alerts, federation, the API's caches and the page cache all need to know
when a page goes live for the first time, changes while live, or leaves; no
domain app should know they exist. Wagtail tells of each part in its own terms
(``page_published``; ``page_unpublished``, also sent as a live page is deleted;
``post_page_move``; saved view restrictions); here they become one signal,
``content_changed``, sent with:

- ``page``: the page concerned, as its specific class (which is also the sender);
- ``change``: what happened, a :class:`Change`;
- ``subtree``: True when it happened to the live pages below ``page`` as well
  (a move, a publish that changed its slug and so its descendants' addresses,
  a view restriction added or removed);
- ``origin``: None for an editor's work, or the reason given to :func:`quietly`
  for content written in bulk (``"import"``, ``"demo"``). Channels ignore
  those: a WordPress import must not mail every subscriber once per post.

The public is a reader who is not signed in; what it sees is a live page
outside any section behind a view restriction (``alliance.core.visibility``).

PUBLISHED is sent once in a page's life: at its first publication (the page
was stored neither live nor ever published before it), or when a page is
created live without a publish (a copy, an alias, a script).
Alerts go out on it. A page that comes back (republished after an unpublish,
moved out of a restricted section, its restriction removed) is CHANGED: a
receiver that gets CHANGED for a page it does not hold treats it as new.

Receivers run inside the editor's transaction, before it commits: work that
must not happen for a change rolled back goes through
``transaction.on_commit`` (or a task enqueued on commit). A receiver that
raises is logged, and the publish goes on.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from enum import StrEnum

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import visibility

logger = logging.getLogger(__name__)


class Change(StrEnum):
    #: Public for the first time.
    PUBLISHED = "published"
    #: Changed while public (republished, moved, reordered), or public again.
    CHANGED = "changed"
    #: No longer public: unpublished, deleted, moved under a view restriction or behind a new one.
    LEFT = "left"
    #: Happened out of the public's sight (behind a view restriction, a page scheduled for
    #: later, a page not live moved): channels ignore it, the page cache does not.
    UNSEEN = "unseen"


content_changed = Signal()

_origin: ContextVar[str | None] = ContextVar("alliance_publishing_origin", default=None)

# Set on a page instance created live, so that the publish Wagtail may send for
# the same instance right after (a copy) does not announce it a second time.
_ANNOUNCED = "_alliance_announced"
# Set by pre_save on a live page about to be saved whole (as a publish does):
# (live, first_published_at, url_path) as stored until then.
_STORED = "_alliance_stored_state"


@contextlib.contextmanager
def quietly(origin: str) -> Iterator[None]:
    """Mark what is published inside as written in bulk, for ``origin`` (``"import"``).

    A ``with`` block, or a decorator on an entry point (``@publishing.quietly("demo")``).
    """
    token = _origin.set(origin)
    try:
        yield
    finally:
        _origin.reset(token)


def _send(page: Page, change: Change, subtree: bool = False) -> None:
    page = page.specific
    answers = content_changed.send_robust(
        sender=type(page), page=page, change=change, subtree=subtree, origin=_origin.get()
    )
    # A channel that fails must not stop an editor from publishing.
    for receiver, answer in answers:
        if isinstance(answer, Exception):
            logger.error("%s failed on %s of page %s.", receiver, change, page.pk, exc_info=answer)


def _behind_restriction(path: str, excluding: int | None = None) -> bool:
    """Is the page at ``path``, or one above it, behind a view restriction? Read afresh.

    Moves and restrictions change what ``visibility`` remembers, so they ask here.
    """
    paths = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    restrictions = PageViewRestriction.objects.filter(page__path__in=paths)
    if excluding is not None:
        restrictions = restrictions.exclude(pk=excluding)
    return restrictions.exists()


def _live_within(page: Page) -> bool:
    return page.live or page.get_descendants().live().exists()


def _moved_or_exposed(was_public: bool, is_public: bool) -> Change:
    if was_public:
        return Change.CHANGED if is_public else Change.LEFT
    return Change.CHANGED if is_public else Change.UNSEEN


def _page_created(sender, instance, created: bool = False, **kwargs) -> None:
    if not (created and isinstance(instance, Page) and instance.live):
        return
    setattr(instance, _ANNOUNCED, True)
    _send(instance, Change.PUBLISHED if visibility.is_public(instance) else Change.UNSEEN)


def _page_saving(sender, instance, update_fields=None, **kwargs) -> None:
    # A publish saves the whole page; drafts, copies and moves save some fields.
    if isinstance(instance, Page) and instance.pk and instance.live and update_fields is None:
        stored = Page.objects.filter(pk=instance.pk).values_list(
            "live", "first_published_at", "url_path"
        )
        setattr(instance, _STORED, stored.first())


def _first_publication(page: Page) -> bool:
    """Was this page never public before the publish now under way?

    Read from the row as it was stored before the publish saved it: Wagtail
    sets ``first_published_at`` on a page's first publication, but it also
    sets it again when a revision is published from a page object loaded
    before an earlier publish (a script, an import), which would announce a
    page a second time.
    """
    stored = getattr(page, _STORED, None)
    if stored is None:  # saved without pre_save seeing it whole: Wagtail's own mark
        return bool(page.first_published_at) and page.first_published_at == page.last_published_at
    was_live, first_published_at, _url_path = stored
    return not was_live and first_published_at is None


def _page_published(sender, instance: Page, alias: bool = False, **kwargs) -> None:
    if not instance.live:
        change = Change.UNSEEN  # scheduled: Wagtail tells now, the page goes live later
    elif not visibility.is_public(instance):
        change = Change.UNSEEN
    elif alias or getattr(instance, _ANNOUNCED, False):
        change = Change.CHANGED
    else:
        change = Change.PUBLISHED if _first_publication(instance) else Change.CHANGED
    _send(instance, change, subtree=_readdressed(instance))


def _readdressed(page: Page) -> bool:
    """Did this publish change the page's slug, and so the addresses of the pages below it?"""
    stored = getattr(page, _STORED, None)
    return stored is not None and stored[2] != page.url_path


def _page_unpublished(sender, instance: Page, **kwargs) -> None:
    # Also as a live page is deleted: Wagtail unpublishes it first (pre_delete).
    _send(instance, Change.LEFT if visibility.is_public(instance) else Change.UNSEEN)


def _page_moved(
    sender,
    instance: Page,
    parent_page_before: Page,
    url_path_before: str,
    url_path_after: str,
    **kwargs,
) -> None:
    if not _live_within(instance):
        _send(instance, Change.UNSEEN, subtree=True)
        return
    own_restriction = PageViewRestriction.objects.filter(page_id=instance.pk).exists()
    was_public = not own_restriction and not _behind_restriction(parent_page_before.path)
    is_public = not _behind_restriction(instance.path)
    moved = url_path_before != url_path_after  # else reordered among its siblings
    change = _moved_or_exposed(was_public, is_public)
    _send(instance, change, subtree=moved or was_public != is_public)


def _restriction_added(
    sender, instance: PageViewRestriction, created: bool = False, **kwargs
) -> None:
    if not created:
        return  # a password or the groups changed: hidden before and after
    page = instance.page
    hidden_already = _behind_restriction(page.path, excluding=instance.pk)
    change = Change.UNSEEN if hidden_already or not _live_within(page) else Change.LEFT
    _send(page, change, subtree=True)


def _restriction_removed(sender, instance: PageViewRestriction, origin=None, **kwargs) -> None:
    removed_itself = isinstance(origin, PageViewRestriction) or (
        isinstance(origin, QuerySet) and origin.model is PageViewRestriction
    )
    if not removed_itself:
        return  # it goes with its page, which is deleted and says so itself
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    exposed = not _behind_restriction(page.path) and _live_within(page)
    _send(page, Change.CHANGED if exposed else Change.UNSEEN, subtree=True)


def connect() -> None:
    """Translate Wagtail's signals into ``content_changed`` (from ``CoreConfig.ready``)."""
    pre_save.connect(_page_saving, dispatch_uid="publishing-page-saving")
    post_save.connect(_page_created, dispatch_uid="publishing-page-created")
    page_published.connect(_page_published, dispatch_uid="publishing-page-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="publishing-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="publishing-page-moved")
    post_save.connect(
        _restriction_added, sender=PageViewRestriction, dispatch_uid="publishing-restricted"
    )
    post_delete.connect(
        _restriction_removed, sender=PageViewRestriction, dispatch_uid="publishing-unrestricted"
    )
