from .applications import ApplicationStatus, MembershipApplication
from .endorsements import Endorsement, EndorsementStatus
from .organizations import (
    VISIBILITY_DEFAULTS,
    MemberOrganization,
    MemberRepresentative,
    MembershipStatus,
    MemberSocialLink,
    OrganizationKind,
    PartnerOrganization,
    Visibility,
)
from .pages import JoinPage, MemberDirectoryPage
from .places import Country, Region

__all__ = [
    "VISIBILITY_DEFAULTS",
    "ApplicationStatus",
    "Country",
    "Endorsement",
    "JoinPage",
    "MemberDirectoryPage",
    "EndorsementStatus",
    "MemberOrganization",
    "MemberRepresentative",
    "MemberSocialLink",
    "MembershipApplication",
    "MembershipStatus",
    "OrganizationKind",
    "PartnerOrganization",
    "Region",
    "Visibility",
]
