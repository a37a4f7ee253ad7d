"""The site's main menu: the home page's sections, in the reader's language where they exist.

A section not translated yet stays in the menu under its default-language title, with a
note naming that language, and leads to the default-language page: an Arabic reader still
finds the events, in English, rather than a menu with a hole where they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Page


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    current: str  # aria-current: "page", "true" (inside the section) or ""
    language: str  # the title's language
    fallback: bool  # no version in the reader's language: the default language's page


def _sections(root: Page) -> list[Page]:
    return list(root.get_children().live().public().in_menu().select_related("locale"))


def main_menu(request: HttpRequest | None, root: Page, page: Page | None) -> list[MenuItem]:
    """The menu for ``root`` (the home page in the reader's language) seen from ``page``."""
    own = _sections(root)
    default_root = None
    if root.locale.language_code != settings.LANGUAGE_CODE:
        default_root = (
            root.get_translations()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .live()
            .first()
        )
    if default_root is None:
        return [_item(request, section, page, fallback=False) for section in own]
    by_key = {section.translation_key: section for section in own}
    items = []
    # The default language's order, which the translations follow.
    for section in _sections(default_root):
        translated = by_key.pop(section.translation_key, None)
        if translated is not None:
            items.append(_item(request, translated, page, fallback=False))
        else:
            items.append(_item(request, section, page, fallback=True))
    items.extend(_item(request, section, page, fallback=False) for section in by_key.values())
    return items


def _item(
    request: HttpRequest | None, section: Page, page: Page | None, *, fallback: bool
) -> MenuItem:
    url = section.get_url(request) or "/"
    current = ""
    if isinstance(page, Page) and page.path.startswith(section.path):
        current = "page" if page.pk == section.pk else "true"
    return MenuItem(section.title, url, current, section.locale.language_code, fallback)
