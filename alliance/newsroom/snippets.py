"""The newsroom's snippets: people who speak for the alliance, and topics.

Both are translatable (``core.translated``): statements refer to the originals,
and show them in the reader's language where a translator has translated them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance.core.translated import TranslatedQuerySet


class Person(TranslatableMixin, index.Indexed, models.Model):
    """Someone who speaks for the alliance or signs its statements.

    Translatable (``core.translated``): the role and organization in each language;
    the name is the same in all.
    """

    name = models.CharField(
        _("name"), max_length=150, help_text=_("Full name as it should appear.")
    )
    role = models.CharField(
        _("role"), max_length=150, blank=True, help_text=_("Their usual role, e.g. “Chairperson”.")
    )
    organization = models.CharField(
        _("organization"),
        max_length=200,
        blank=True,
        help_text=_("Whom they speak for, if not the alliance itself."),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organization")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        TranslatableField("organization"),
    ]

    objects = TranslatedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """Translatable (``core.translated``): the name in each language, the slug the same in all."""

    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. “Refugees”."))
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in web addresses and feeds.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    objects = TranslatedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        # One name and one slug per language: the translations share the original's slug.
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="newsroom_topic_slug_locale"),
            models.UniqueConstraint(fields=["name", "locale"], name="newsroom_topic_name_locale"),
        ]

    def __str__(self) -> str:
        return self.name
