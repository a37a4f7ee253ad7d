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
from uuid import UUID

from django import forms
from django.conf import settings
from django.db import models
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import translation
from wagtail.models import TranslatableMixin
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


def translations_by_key(
    model: type[TranslatableMixin], keys: Iterable[UUID], languages: Iterable[str]
) -> dict[tuple[UUID, str], TranslatableMixin]:
    """The rows of ``model`` with these translation keys in ``languages``, by (translation
    key, language code), in one query; none for the default language."""
    keys = set(keys)
    wanted = {language for language in languages if language != default_language()}
    if not keys or not wanted:
        return {}
    rows = model._default_manager.filter(
        translation_key__in=keys, locale__language_code__in=wanted
    ).select_related("locale")
    return {(row.translation_key, row.locale.language_code): row for row in rows}


def translations_into(
    items: Iterable[TranslatableMixin], languages: Iterable[str]
) -> dict[tuple[UUID, str], TranslatableMixin]:
    """The translations of ``items`` (all of one model) into ``languages``, by
    (translation key, language code), in one query; none for the default language."""
    items = list(items)
    if not items:
        return {}
    model = type(items[0]).get_translation_model()
    return translations_by_key(model, (item.translation_key for item in items), languages)


def in_language(items: Iterable[TranslatableMixin], language: str) -> list[TranslatableMixin]:
    """Each item's translation into ``language``, or the item itself if it has none."""
    items = list(items)
    found = translations_into(items, [language])
    return [found.get((item.translation_key, language), item) for item in items]


def in_reader_language(items: Iterable[TranslatableMixin]) -> list[TranslatableMixin]:
    """Each item's translation in the active language, or the item itself if it has none."""
    return in_language(items, reader_language())


class ReaderLanguageChoices(ModelChoiceIterator):
    """A model choice's options labelled in the reader's language, in one more query.

    The values stay the originals' (their slug or primary key), so a choice means the
    same in every language; only what the reader reads is translated.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        originals = list(self.queryset)
        for original, shown in zip(originals, in_reader_language(originals), strict=True):
            yield (
                ModelChoiceIteratorValue(self.field.prepare_value(original), original),
                self.field.label_from_instance(shown),
            )


class ReaderLanguageMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ReaderLanguageChoices
