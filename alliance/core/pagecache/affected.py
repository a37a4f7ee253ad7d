"""Which stored pages a published page shows on: the tags a publish stamps (``tags``).

A page changed while public shows on:

- itself and its translations (each names the others in its language links);
- the pages above it and their translations: the listings, their feeds and
  calendars (served by the same pages), the home page;
- the pages and records that refer to it, as Wagtail's reference index knows
  them (a statement picked as related, a link in a body, an event's day of
  action);
- what it refers to, before and after the change, by a reference or a
  many-to-many field: those pages list what refers to them (a day of action
  its events, an organization's profile its events, a topic's statements in
  "related"), and note it with ``tags.depends_on``;
- ``tags.ANY``: what no page serves (search, the sitemap).

What it referred to before is read as the publish saves the page, from the
reference index as it stood then (Wagtail brings the index up to date in a
background task; this module does it at once, so the next publish reads it
current).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from . import tags

# Set on a page about to be saved whole (a publish): the tags of what it referred to until then.
_BEFORE = "_alliance_pagecache_references"


def _label(content_type_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def _indexed_references(page: Page) -> set[str]:
    """What the reference index says ``page`` refers to."""
    rows = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
    ).values_list("to_content_type_id", "to_object_id")
    return {f"{_label(type_id)}:{pk}" for type_id, pk in rows}


def _stored_many_to_many(page: Page) -> set[str]:
    found = set()
    for field in page._meta.many_to_many:
        through = field.remote_field.through.objects.filter(**{field.m2m_field_name(): page.pk})
        for pk in through.values_list(field.m2m_reverse_name(), flat=True):
            found.add(tags.tag_for(field.related_model, pk))
    return found


def _current_many_to_many(page: Page) -> set[str]:
    return {
        tags.tag_for(field.related_model, related.pk)
        for field in page._meta.many_to_many
        for related in getattr(page, field.name).all()
    }


def remember_references(sender, instance, update_fields=None, **kwargs) -> None:
    """``pre_save``: note what a page about to be published referred to until now."""
    if isinstance(instance, Page) and instance.pk and update_fields is None:
        setattr(instance, _BEFORE, _indexed_references(instance) | _stored_many_to_many(instance))


def _page_tags(page_ids: Iterable[int]) -> set[str]:
    return {tags.tag_for(Page, pk) for pk in page_ids}


def _referring(page: Page) -> set[str]:
    rows = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Page), to_object_id=str(page.pk)
    ).values_list("base_content_type_id", "object_id")
    return {f"{_label(type_id)}:{pk}" for type_id, pk in rows}


def _referred_to(page: Page) -> set[str]:
    before = getattr(page, _BEFORE, set())
    ReferenceIndex.create_or_update_for_object(page)
    return before | _indexed_references(page) | _current_many_to_many(page)


def tags_shown_with(page: Page) -> set[str]:
    """The tags of every stored page that may show ``page`` (see the module docstring)."""
    ancestors = page.get_ancestors().filter(depth__gt=1)
    keys = {page.translation_key, *ancestors.values_list("translation_key", flat=True)}
    family = Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
    return {
        tags.ANY,
        *_page_tags([page.pk, *family]),
        *_referring(page),
        *_referred_to(page),
    }
