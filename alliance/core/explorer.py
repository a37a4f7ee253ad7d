"""The page explorer at 100,000 children (issue 17).

Counting the children
---------------------
Wagtail's explorer counts the listed pages for its paginator: at 100,000 statements a
scan of the page table on every request. ``TreeCountedExplorerView`` takes the count
from the parent's ``numchild`` (kept by the tree on every add, move and delete) when
the listing is every child: not searching or filtering, and the user may explore every
page (a superuser; for others Wagtail limits the listing to what they may explore, and
counts it). The listing's query then also leaves out Wagtail's filter by the pages the
user may explore (all of them), so that the newest children are read from an index
rather than all of them sorted. A page model's viewset uses it for the explorer of its
parent (in newsroom, the statements index).

Translation actions
-------------------
wagtail-localize adds "Translate this page" and "Sync translated pages" to the "More"
menu of each row of the explorer. To decide, its hook asks the database twice per row
(is there a locale without a translation? is this page the source of enabled
translations?): 100 of the 141 queries of a listing of 50 statements.

Here the explorer's query answers both questions for every row it lists, as two
annotations (``with_translation_actions``, from the ``construct_explorer_page_queryset``
hook), and wagtail-localize's listing hook is replaced by ``listing_buttons``, which
reads them: the same buttons with the same links, in two queries fewer per row. Pages
listed elsewhere (the whole-site page listing, a page's own header) carry no
annotations and get wagtail-localize's hook itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

LISTING_HOOK = "register_page_listing_more_buttons"
# Set on each page of the explorer's listing by ``with_translation_actions``.
UNTRANSLATED = "_alliance_has_untranslated_locale"
SOURCE = "_alliance_translation_source_to_sync"


def with_translation_actions(pages: QuerySet[Page]) -> QuerySet[Page]:
    """``pages``, each annotated with what its translation actions need.

    - ``UNTRANSLATED``: some locale has no translation of the page other than an alias
      (wagtail-localize's condition for "Translate this page");
    - ``SOURCE``: the id of the page's translation source, if it has enabled
      translations (its condition for "Sync translated pages"), else None.
    """
    translated = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    source = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(
        **{
            UNTRANSLATED: Exists(Locale.objects.exclude(id__in=translated)),
            SOURCE: Subquery(source),
        }
    )


def listing_buttons(
    page: Page, user, view_name: str | None = None, next_url: str | None = None
) -> Iterator[Button]:
    """wagtail-localize's "More" buttons of a listed page, from the annotations if present."""
    if not hasattr(page, UNTRANSLATED):
        yield from localize_hooks.page_listing_more_buttons(page, user, view_name, next_url)
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if getattr(page, UNTRANSLATED):
        # For an alias, wagtail-localize translates the page it is an alias of.
        url = reverse(
            "wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.pk]
        )
        yield Button(
            _("Translate this page"), url, priority=60, icon_name="wagtail-localize-language"
        )
    source = getattr(page, SOURCE)
    if source is not None:
        url = reverse("wagtail_localize:update_translations", args=[source])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def replace_localize_listing_hook() -> Callable:
    """Put ``listing_buttons`` in the place of wagtail-localize's listing hook.

    Wagtail has no way to unregister a hook: the entry is swapped in its registry, in
    the same position. Raises LookupError if wagtail-localize no longer registers it
    (an upgrade renamed it), so that its per-row queries do not come back unnoticed.
    """
    entries = hooks._hooks.get(LISTING_HOOK, [])  # noqa: SLF001 - no public way to unregister
    for position, (function, order) in enumerate(entries):
        if function is localize_hooks.page_listing_more_buttons:
            entries[position] = (listing_buttons, order)
            return listing_buttons
        if function is listing_buttons:
            return listing_buttons
    raise LookupError(f"wagtail-localize registers no {LISTING_HOOK} hook to replace")


class TreeCountedExplorerView(ExplorableIndexView):
    """Wagtail's explorer, with the count of an unfiltered listing taken from the tree."""

    def lists_every_child(self) -> bool:
        user = self.request.user
        explores_everything = user.is_active and user.is_superuser
        return explores_everything and not (self.is_searching or self.is_filtering)

    def get_base_queryset(self) -> QuerySet[Page]:
        if not self.lists_every_child():
            return super().get_base_queryset()
        # Wagtail's query less its filter by the pages the user may explore, all of
        # them here: with that filter SQLite walks the ids of every page in the tree
        # instead of reading the newest children from an index (core migration 0007).
        return self.annotate_queryset(self.model._default_manager.child_of(self.parent_page))

    def get_paginator(self, queryset, per_page, *args, **kwargs) -> Paginator:
        paginator = super().get_paginator(queryset, per_page, *args, **kwargs)
        if self.lists_every_child():
            paginator.count = self.parent_page.numchild  # a cached_property: set, not counted
        return paginator
