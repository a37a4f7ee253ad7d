import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_create_admin_prints_a_working_password_once():
    out = io.StringIO()
    call_command("create_admin", stdout=out)
    password = out.getvalue().split("Password (shown only now, write it down): ")[1].strip()
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(password)


def test_create_admin_does_not_touch_an_existing_account():
    call_command("create_admin", stdout=io.StringIO())
    before = get_user_model().objects.get(username="admin").password
    out = io.StringIO()
    call_command("create_admin", stdout=out)
    assert "already exists" in out.getvalue()
    assert "Password" not in out.getvalue()
    assert get_user_model().objects.get(username="admin").password == before
