"""The roles an alliance gives its people, with the least each needs.

- Administrators (superusers): accounts, groups, settings, sign-in pauses.
- Moderators (Wagtail's group): publish after review, see RSVP lists of the
  events they may edit, review applications, endorsements and local actions.
- Editors (Wagtail's group): draft and submit pages for moderation.
- Translators: translate the language trees they are given; never publish.
- Member representatives: their own organization's profile, local actions
  and endorsements, from the public site; no admin access.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

TRANSLATORS = "Translators"


def translators_grant(language_root: Page) -> None:
    """Let Translators edit (not publish) the pages under one language's home page."""
    group = Group.objects.get(name=TRANSLATORS)
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.get_or_create(group=group, page=language_root, permission=change)
