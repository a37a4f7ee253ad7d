"""People and pages the security tests share."""

from __future__ import annotations

import pytest

from alliance.members.tests.factories import (
    MemberDirectoryPageFactory,
    MemberOrganizationFactory,
    representative,
    staff_user,
)

from .public_forms import build


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "boss", "boss@example.org", "pw-superuser-123456"
    )


@pytest.fixture
def editor():
    return staff_user("Editors", "editor")


@pytest.fixture
def member():
    return MemberOrganizationFactory(name="Migrante Hong Kong", slug="migrante-hk")


@pytest.fixture
def rep(member):
    return representative(member)


@pytest.fixture
def directory(home):
    return MemberDirectoryPageFactory(parent=home, title="Members", slug="members")


@pytest.fixture
def public_form(request):
    """The public form named by the test's ``public_form`` parameter, on a fresh page."""
    return build(request.param, request)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Accounts are made in most tests here; a slow hash would be most of their time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
