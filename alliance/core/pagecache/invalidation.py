"""What ends stored pages, and what tells a reverse proxy in front to forget pages.

Pages, told by ``publishing.content_changed``: a page published or changed
in its place ends the stored pages that show it (``affected``, ``tags``); a
page gone, moved, restricted or in the menu (a child of a home page, shown in
every page's header) starts a new generation for the whole site. Other
records: saving or deleting one a reader can see, decided by
``affects_readers``, starts a new generation; the package docstring says how
an app declares the records its readers never see.
"""

from __future__ import annotations

import functools
import logging

from django.apps import AppConfig, apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from modelcluster.fields import ParentalKey
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from alliance.core import generation, publishing

from . import affected, tags

logger = logging.getLogger(__name__)

# The apps of this project, which speak for their own models (see the package docstring).
_PROJECT = __name__.split(".")[0]

# Models of the frameworks below the project that readers see. Renditions are
# made while a page renders for the first time; the image itself is watched.
FRAMEWORK_APPS_SEEN = {"wagtailimages", "wagtaildocs", "wagtailredirects"}
FRAMEWORK_MODELS_SEEN = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    # A view restriction added to a live page must hide its stored copy.
    "wagtailcore.pageviewrestriction",
}
FRAMEWORK_MODELS_UNSEEN = {"wagtailimages.rendition"}


@functools.cache
def project_apps() -> dict[str, AppConfig]:
    """The project's own apps by label: they speak for their models themselves."""
    return {
        config.label: config
        for config in apps.get_app_configs()
        if config.name.split(".")[0] == _PROJECT
    }


@functools.cache
def declared_unseen() -> frozenset[str]:
    """The models the project's apps declare in ``reader_invisible_models``.

    A name that is not a model of its app fails at start (LookupError), not
    silently at the first save.
    """
    return frozenset(
        config.get_model(name)._meta.label_lower
        for config in project_apps().values()
        for name in getattr(config, "reader_invisible_models", ())
    )


@functools.cache
def part_of_a_page(model: type) -> bool:
    """Is ``model`` an inline part of a page (a ``ParentalKey`` to one), written as it publishes?"""
    return any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
        for field in model._meta.fields
    )


def affects_readers(instance) -> bool:
    """Would saving or deleting ``instance`` change a page a reader can get?"""
    if isinstance(instance, Page) or part_of_a_page(type(instance)):
        # Drafts change nothing public; a page's inline parts (spokespersons, related
        # statements) are written as it publishes, which the publishing seam tells.
        return False
    meta = instance._meta
    # By label: a migration's historical models have no app config of their own.
    config = project_apps().get(meta.app_label)
    if config is None:
        return meta.label_lower in FRAMEWORK_MODELS_SEEN or (
            meta.app_label in FRAMEWORK_APPS_SEEN
            and meta.label_lower not in FRAMEWORK_MODELS_UNSEEN
        )
    if meta.label_lower in declared_unseen():
        return False
    reader_sees = getattr(config, "reader_sees", None)
    return reader_sees is None or reader_sees(instance)


def _saved(sender, instance, **kwargs) -> None:
    if affects_readers(instance):
        generation.pages_changed()


# The depth of a home page's children: the menu in every page's header lists them.
MENU_DEPTH = 3


def _content_changed(
    sender, page: Page, change: publishing.Change, subtree: bool = False, **kwargs
) -> None:
    if subtree or change == publishing.Change.LEFT or page.depth <= MENU_DEPTH:
        generation.pages_changed()
    else:
        shown = affected.tags_shown_with(page)
        generation.page_published()
        tags_changed(shown)
        transaction.on_commit(lambda: tags_changed(shown))
    if settings.WAGTAILFRONTENDCACHE:
        proxy_purge_ancestors(page)


def tags_changed(shown: set[str]) -> None:
    """Stamp ``shown``: the stored pages showing them are not served again."""
    try:
        tags.stamp(generation.store(), shown)
    except Exception:  # a cache outage must not stop an editor from publishing
        logger.warning("Could not stamp the changed pages in the page cache.", exc_info=True)


def proxy_purge_ancestors(page: Page) -> None:
    """Tell the reverse proxy that the listings above a changed page changed too.

    Wagtail's frontend cache app purges the page itself; its parents (the
    statements listing and its feeds, the home page) show it as well.
    """
    ancestors = page.get_ancestors().filter(depth__gt=1).live().specific()
    batch = PurgeBatch()
    batch.add_pages(ancestors)
    try:
        batch.purge()
    except Exception:  # the proxy's max-age bounds staleness if a purge is lost
        logger.warning("Could not purge the reverse proxy.", exc_info=True)


def connect() -> None:
    """Listen for changes (from ``CoreConfig.ready``, once every app is loaded)."""
    declared_unseen()  # a misspelt declaration stops the start
    pre_save.connect(affected.remember_references, dispatch_uid="pagecache-references")
    post_save.connect(_saved, dispatch_uid="pagecache-saved")
    post_delete.connect(_saved, dispatch_uid="pagecache-deleted")
    publishing.content_changed.connect(_content_changed, dispatch_uid="pagecache-content")
