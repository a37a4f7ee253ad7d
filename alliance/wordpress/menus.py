"""WordPress menus (``nav_menu_item``) as the site's menu, where they can be.

The site's menu lists the top-level pages marked "show in menus", in tree
order. So one WordPress menu is chosen (the one named, or else the one with
the most entries for top-level pages), and its top-level entries for pages
mark those pages; every other entry is reported with the reason it is not
shown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import wxr
from .links import Links
from .report import ImportReport


@dataclass
class MenuItem:
    wp_id: int
    title: str
    menu: str  # the menu's slug
    parent: int  # the menu entry it is under, 0 at the top
    object: str  # page, post, category, custom, ...
    object_id: int
    url: str


def menu_item(item: wxr.Item) -> MenuItem:
    meta = item.meta
    menu = next((term.slug for term in item.terms if term.kind == "nav_menu"), "")
    return MenuItem(
        wp_id=item.wp_id,
        title=item.title,
        menu=menu,
        parent=_int(meta.get("_menu_item_menu_item_parent", "")),
        object=meta.get("_menu_item_object", "") or meta.get("_menu_item_type", ""),
        object_id=_int(meta.get("_menu_item_object_id", "")),
        url=meta.get("_menu_item_url", ""),
    )


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


@dataclass
class Menu:
    """The chosen menu and the WordPress pages it puts in the site's menu."""

    items: list[MenuItem]
    top_pages: set[int]  # WordPress ids of pages without a parent
    chosen: str = ""

    def choose(self, wanted: str | None, links: Links) -> None:
        counts = Counter(
            entry.menu for entry in self.items if self._target(entry, links) in self.top_pages
        )
        if wanted:
            self.chosen = wanted
        elif counts:
            self.chosen = max(counts, key=lambda menu: (counts[menu], -self._first(menu)))

    def _first(self, menu: str) -> int:
        return next(n for n, entry in enumerate(self.items) if entry.menu == menu)

    def _target(self, entry: MenuItem, links: Links) -> int | None:
        if entry.object in ("page", "post"):
            return entry.object_id
        if entry.object == "custom" and entry.url:
            return links.target(entry.url)
        return None

    def shows(self, links: Links) -> set[int]:
        """WordPress ids of the pages to show in the site's menu."""
        return {
            target
            for entry in self.items
            if entry.menu == self.chosen
            and entry.parent == 0
            and (target := self._target(entry, links)) in self.top_pages
        }

    def report(self, report: ImportReport, links: Links, written: dict[int, str]) -> None:
        """A line for each entry: shown, or why not. ``written``: WordPress id -> title of the
        menu's pages written in this run (the others were in the menu already)."""
        shows = self.shows(links)
        for entry in self.items:
            target = self._target(entry, links)
            if entry.menu == self.chosen and entry.parent == 0 and target in shows:
                if target in written:
                    title = entry.title or written[target]
                    shown_here = _("in the site's menu")
                    report.add_line("imported", "nav_menu_item", entry.wp_id, title, shown_here)
                    report.menu_entries.append(written[target])
                    continue
                if target in links.pages:
                    report.add_line("unchanged", "nav_menu_item", entry.wp_id, entry.title)
                    continue
            reason = self._reason(entry, target, links)
            report.add_line("skipped", "nav_menu_item", entry.wp_id, entry.title, reason)
            report.not_imported[_("menu entries")] += 1

    def _reason(self, entry: MenuItem, target: int | None, links: Links) -> str:
        if entry.menu != self.chosen:
            return _("in the menu “%(menu)s”; the site shows “%(chosen)s”") % {
                "menu": entry.menu,
                "chosen": self.chosen or "-",
            }
        if entry.parent:
            return _("under another entry: the site's menu has one level")
        if target is None:
            return _("links to a %(kind)s, not to a page") % {"kind": entry.object or "?"}
        if target not in links.pages:
            return _("its page was not imported")
        return _("its page is not at the top of the site")
