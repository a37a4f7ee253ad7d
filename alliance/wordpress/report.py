"""What an import did, item by item, and everything it could not carry over, by kind and count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import wxr

OUTCOMES = ("imported", "updated", "unchanged", "skipped", "conflict", "failed")


class ImportRefused(Exception):
    """The file cannot be imported at all; nothing was written."""


@dataclass
class Line:
    outcome: str  # imported, updated, unchanged, skipped, conflict, failed
    kind: str
    wp_id: int
    title: str
    reason: str = ""


@dataclass
class ImportReport:
    lines: list[Line] = field(default_factory=list)
    # Every comment in the file: none is imported, whatever became of its item.
    comments: int = 0
    sticky: list[str] = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    unsafe_removed: int = 0
    missing_media: list[str] = field(default_factory=list)
    redirects: int = 0
    links_rewritten: int = 0
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    topics_created: list[str] = field(default_factory=list)
    # (the WordPress name, the name here) where another topic already had the name.
    topics_renamed: list[tuple[str, str]] = field(default_factory=list)
    people_created: list[str] = field(default_factory=list)
    subcategories: int = 0
    menu_entries: list[str] = field(default_factory=list)
    # What has no place on this site, by kind (already translated), with how many there were.
    not_imported: Counter = field(default_factory=Counter)

    def add(self, outcome: str, kind: str, item: wxr.Item, reason: str = "") -> None:
        self.add_line(outcome, kind, item.wp_id, item.title, reason)

    def add_line(self, outcome: str, kind: str, wp_id: int, title: str, reason: str = "") -> None:
        self.lines.append(Line(outcome, kind, wp_id, title or f"#{wp_id}", reason))

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    def summary(self) -> dict[str, int]:
        counts = Counter(line.outcome for line in self.lines)
        return {outcome: counts[outcome] for outcome in OUTCOMES}

    def details(self) -> list[str]:
        """One sentence for each thing an editor should know beyond the item lines."""
        out = []
        if self.topics_created:
            out.append(
                _("Topics created: %(count)s (%(names)s).")
                % {"count": len(self.topics_created), "names": _names(self.topics_created)}
            )
        for wordpress_name, name in self.topics_renamed:
            out.append(
                _("Topic “%(old)s” was imported as “%(new)s”: another topic has that name.")
                % {"old": wordpress_name, "new": name}
            )
        if self.subcategories:
            out.append(
                _(
                    "Category hierarchy: %(count)s subcategories became topics of their own "
                    "(topics have no parents here)."
                )
                % {"count": self.subcategories}
            )
        if self.people_created:
            out.append(
                _("People created: %(count)s (%(names)s).")
                % {"count": len(self.people_created), "names": _names(self.people_created)}
            )
        if self.menu_entries:
            out.append(
                _("Shown in the site's menu: %(names)s.") % {"names": _names(self.menu_entries)}
            )
        if self.not_imported:
            kinds = ", ".join(f"{kind} ×{n}" for kind, n in sorted(self.not_imported.items()))
            out.append(_("Not imported: %(kinds)s.") % {"kinds": kinds})
        return out


def _names(names: list[str], shown: int = 10) -> str:
    listed = ", ".join(names[:shown])
    return f"{listed}, …" if len(names) > shown else listed
