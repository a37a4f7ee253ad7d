"""Adding a demo page to the tree, published, as an editor would."""

from __future__ import annotations

from wagtail.models import Page


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
