"""Snippets with names in several languages (topics, regions, people): issue 17.

Such a snippet is wagtail-localize's: one row per language, sharing a
``translation_key`` (``TranslatableMixin``). Pages, filters, feeds, alerts and the
API refer to the row in the site's default language, the *original*; its
translations only give it names in other languages. So a statement translated
into Spanish keeps the same topics, and ``?topic=refugees`` filters in every
language (the slug is synchronized, the same in each row).

``TranslatedQuerySet.originals`` is what lists and look-ups by slug read;
``in_reader_language`` swaps originals for their translations in the active
language, falling back to the original where there is none, in one query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils import translation
from wagtail.models import Locale, TranslatableMixin
from wagtail.models.i18n import get_supported_content_language_variant


def default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def reader_language() -> str:
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return default_language()


class TranslatedQuerySet(models.QuerySet):
    def originals(self) -> TranslatedQuerySet:
        """The rows in the site's default language, which everything else refers to."""
        return self.filter(locale__language_code=default_language())


def originals_only() -> dict:
    """``limit_choices_to`` of a field that refers to a translated snippet."""
    return {"locale__language_code": default_language()}


def in_reader_language(items: Iterable[TranslatableMixin]) -> list[TranslatableMixin]:
    """Each item's translation in the active language, or the item itself if it has none."""
    items = list(items)
    language = reader_language()
    if not items or language == default_language():
        return items
    model = type(items[0]).get_translation_model()
    translated = {
        row.translation_key: row
        for row in model._default_manager.filter(
            translation_key__in=[item.translation_key for item in items],
            locale_id=Locale.objects.filter(language_code=language).values("pk")[:1],
        )
    }
    return [translated.get(item.translation_key, item) for item in items]
