import pytest
from django.contrib.auth.models import Group

from .helpers import PASSWORD


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Sign-ins happen in most tests here; a slow hash would only slow them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def person(home, django_user_model):
    """Someone with an account and a password, and no second factor yet."""
    return django_user_model.objects.create_user(
        "rosa", email="rosa@example.org", password=PASSWORD
    )


@pytest.fixture
def make_user(django_user_model):
    def make(username: str, *groups: str, superuser: bool = False):
        user = django_user_model.objects.create_user(
            username, email=f"{username}@example.org", password=PASSWORD
        )
        if superuser:
            user.is_superuser = True
            user.is_staff = True
            user.save()
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def superuser(make_user):
    return make_user("root", superuser=True)


@pytest.fixture
def editor(make_user):
    return make_user("editor", "Editors")


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", "Moderators")
