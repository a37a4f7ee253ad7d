"""Who acts for which organization, and who sees what of it. One place, tested.

Roles are Django groups: "Member representatives" carry the
``members.represent_organization`` permission; a representative's account is
tied to exactly one organization through ``MemberRepresentative``.
"""

from __future__ import annotations

from .models import MemberOrganization, MembershipStatus

REPRESENTATIVES_GROUP = "Member representatives"


def represented_organization(user) -> MemberOrganization | None:
    """The member organization this user may act for, if any (members in good standing only)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not user.has_perm("members.represent_organization"):
        return None
    link = getattr(user, "representative", None)
    if link is None or link.organization.status != MembershipStatus.MEMBER:
        return None
    return link.organization


def can_edit_organization(user, organization: MemberOrganization) -> bool:
    if user.is_authenticated and user.has_perm("members.change_memberorganization"):
        return True
    own = represented_organization(user)
    return own is not None and own.pk == organization.pk


def audience_for(user, organization: MemberOrganization) -> str:
    """Which of an organization's fields a viewer may see: "public", "members" or "secretariat"."""
    if can_edit_organization(user, organization):
        return "secretariat"
    if represented_organization(user) is not None:
        return "members"
    return "public"


def can_review_applications(user) -> bool:
    return user.has_perm("members.change_membershipapplication")


def can_review_endorsements(user) -> bool:
    return user.has_perm("members.change_endorsement")
