"""The last line of defence for rich text that did not come from the editor.

Wagtail's editor stores only what its features allow. HTML from elsewhere (a
WordPress import) is rebuilt from an allow-list first; this pass through nh3
(the Ammonia sanitizer) guarantees that whatever that code missed, only these
tags, attributes and link schemes reach the database.
"""

from __future__ import annotations

import nh3

RICH_TEXT_TAGS = {"p", "a", "ul", "ol", "li", "strong", "em", "b", "i", "br", "h2", "h3", "h4"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}


def rich_text_clean(value: str) -> str:
    """``value`` with everything outside the rich text allow-list removed."""
    return nh3.clean(
        value,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
