import time

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from alliance.core.spam import form_token
from alliance.members import models
from alliance.members.permissions import REPRESENTATIVES_GROUP


class MemberOrganizationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Member organization {n}")
    slug = factory.Sequence(lambda n: f"member-{n}")
    status = models.MembershipStatus.MEMBER
    country = "HK"
    city = "Hong Kong"

    class Meta:
        model = models.MemberOrganization


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")

    class Meta:
        model = models.Region


class MemberDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Members"
    slug = "members"
    intro = "The organizations of the alliance."

    class Meta:
        model = models.MemberDirectoryPage


class JoinPageFactory(wagtail_factories.PageFactory):
    title = "Join"
    slug = "join"
    intro = "Grassroots organizations may apply."

    class Meta:
        model = models.JoinPage


def representative(organization, username: str | None = None, *, in_group: bool = True):
    """A user account acting for ``organization``, in the "Member representatives" group."""
    username = username or f"rep-{organization.slug}"
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="pw-representative-123456"
    )
    if in_group:
        user.groups.add(Group.objects.get(name=REPRESENTATIVES_GROUP))
    models.MemberRepresentative.objects.create(user=user, organization=organization)
    return user


def staff_user(group: str, username: str | None = None):
    """A user in one of Wagtail's groups ("Editors", "Moderators")."""
    user = get_user_model().objects.create_user(
        username or group.lower(), password=f"pw-{group.lower()}-123456"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def human(**data) -> dict:
    """What a person sends through a public form: the fields, the spam token, no honeypot."""
    return {**data, "token": form_token(time.time() - 30), "fax": ""}
