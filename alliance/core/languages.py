"""Moving between languages: the same page in another language where it exists."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from .visibility import is_public


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    translated: bool  # False: the page has no version in this language (link goes home)


# Each language under its own name, so readers find theirs whatever page they are on.
_ENDONYMS = {"tl": "Filipino"}


def endonym(code: str) -> str:
    if code in _ENDONYMS:
        return _ENDONYMS[code]
    try:
        return translation.get_language_info(code)["name_local"]
    except KeyError:
        return dict(settings.LANGUAGES)[code]


def language_links(request: HttpRequest, page: Page | None) -> list[LanguageLink]:
    current = translation.get_language()
    names = {code: endonym(code) for code, _name in settings.LANGUAGES}
    site = Site.find_for_request(request)
    if page is None or not isinstance(page, Page):
        # A page of a view (search, sign-in): the same address in each language the site
        # has a home page in, as the switcher of every other page offers.
        path = request.get_full_path()
        offered = _site_languages(site) if site is not None else set(names)
        return [
            LanguageLink(code, str(names[code]), translate_url(path, code), code == current, True)
            for code in names
            if code in offered or code == current
        ]
    home = site.root_page if site is not None else None
    keys = [page.translation_key] + ([home.translation_key] if home is not None else [])
    # The page's translations and the home pages in one query, as plain
    # pages: a link needs the address, not a statement's body.
    found = list(
        Page.objects.filter(translation_key__in=keys)
        .live()
        .order_by()
        .select_related("locale")
        .only("path", "url_path", "translation_key", "locale__language_code")
    )
    # A translation inside a section behind a view restriction gets no link.
    translations = {
        p.locale.language_code: p
        for p in found
        if p.translation_key == page.translation_key and is_public(p)
    }
    homes = {
        p.locale.language_code: p
        for p in found
        if home is not None and p.translation_key == home.translation_key
    }
    links = []
    for code in names:
        target = translations.get(code)
        if target is not None:
            links.append(
                LanguageLink(code, str(names[code]), target.get_url(request), code == current, True)
            )
        elif code in homes:
            links.append(
                LanguageLink(
                    code, str(names[code]), homes[code].get_url(request), code == current, False
                )
            )
    return links


def _site_languages(site: Site) -> set[str]:
    return set(
        site.root_page.get_translations(inclusive=True)
        .live()
        .values_list("locale__language_code", flat=True)
    )


def active_locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def default_language_page(request: HttpRequest) -> Page | None:
    """The default-language page at the same address, for a page missing in this language."""
    site = Site.find_for_request(request)
    language = translation.get_language()
    prefix = f"/{language}/"
    if site is None or not request.path.startswith(prefix) or language == settings.LANGUAGE_CODE:
        return None
    root = (
        site.root_page.get_translations(inclusive=True)
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    if root is None:
        return None
    components = [part for part in request.path[len(prefix) :].split("/") if part]
    try:
        result = root.specific.route(request, components)
    except Exception:  # noqa: BLE001 - any routing failure simply means: no fallback
        return None
    page = result.page if hasattr(result, "page") else result[0]
    return page if page.live else None


def localized_first(pages):
    """The page of this kind in the reader's language, else in any language."""
    return pages.filter(locale=active_locale()).first() or pages.first()
