"""The project's own Spanish and Arabic versions of a few demo pages, marked as such."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Locale, Page

from alliance.accounts.roles import translators_grant
from alliance.core.models import AboutPage, HomePage
from alliance.newsroom.models import StatementIndexPage, StatementPage

from .statement_pages import statement_body
from .translations import TRANSLATIONS


def translations_load(home: HomePage, statements: dict[str, StatementPage]) -> None:
    """Translate the home, about and statements index pages and one statement."""
    enabled = {code for code, _name in settings.LANGUAGES}
    about = AboutPage.objects.get(locale=home.locale)
    index = StatementIndexPage.objects.get(locale=home.locale)
    for code, data in TRANSLATIONS.items():
        if code not in enabled:
            continue
        locale = Locale.objects.get(language_code=code)
        note = ("paragraph", f"<p><em>{data['note']}</em></p>")
        translated_home = _translate(
            home, locale, title=data["home"]["title"], intro=data["home"]["intro"]
        )
        translators_grant(translated_home)
        _translate(
            about,
            locale,
            title=data["about"]["title"],
            intro=data["about"]["intro"],
            body=[note, *data["about"]["body"]],
        )
        _translate(
            index,
            locale,
            title=data["statements_index"]["title"],
            intro=data["statements_index"]["intro"],
        )
        statement = data["statement"]
        _translate(
            statements[statement["slug"]],
            locale,
            title=statement["title"],
            deck=statement["deck"],
            summary=statement["summary"],
            body=[note, *statement_body(statement["body"])],
            signature=statement["signature"],
        )


def _translate(page: Page, locale: Locale, **fields) -> Page:
    translation = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation
