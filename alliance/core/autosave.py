"""A late autosave must not overwrite a draft saved after it was sent (issue 17).

Wagtail's editor autosaves by posting the form with the id of the revision it
wrote last (``overwrite_revision_id``); "Save draft" overwrites that same
revision. Wagtail (8.0) accepts an autosave whenever that id is still the latest
revision's, so an autosave sent before "Save draft" and answered after it wrote
the older form over the saved draft: the topics and regions ticked just before
were lost (alliance/newsroom/tests/test_autosave.py reproduces it).

Each overwrite gives the revision a new ``created_at``, and the editor sends the
``created_at`` it last knew (``loaded_revision_created_at``); an autosave whose
value is not the revision's any more was overtaken, and is refused like Wagtail
refuses any other outdated autosave.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from wagtail.models import Page


def stale_autosave(request: HttpRequest, page: Page) -> bool:
    """Whether this is an autosave about to overwrite a revision saved since it was sent."""
    if request.method != "POST" or request.accepts("text/html"):
        return False
    revision_id = request.POST.get("overwrite_revision_id")
    known_at = request.POST.get("loaded_revision_created_at")
    if not revision_id or not known_at or not revision_id.isdigit():
        return False
    revision = page.revisions.filter(pk=revision_id).only("created_at").first()
    return revision is not None and revision.created_at.isoformat() != known_at


def refuse_stale_autosave(request: HttpRequest, page: Page) -> JsonResponse | None:
    """For Wagtail's ``before_edit_page`` hook: the same answer as its own outdated check."""
    if not stale_autosave(request, page):
        return None
    return JsonResponse(
        {
            "success": False,
            "error_code": "invalid_revision",
            "error_message": _("Saving will overwrite a newer version."),
        },
        status=400,
    )
