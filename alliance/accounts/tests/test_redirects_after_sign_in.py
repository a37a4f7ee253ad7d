"""Where the sign-in page leads when no ``next`` address was given."""

from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long and unusual password 42"  # noqa: S105 (a test account's)


def sign_in(client, user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return client.post(
        "/en/account/login/",
        {"username": user.username, "password": PASSWORD, "code": f"{totp(device.bin_key):06d}"},
    )


def test_editor_lands_in_the_admin(client, home, django_user_model):
    editor = django_user_model.objects.create_user("editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    response = sign_in(client, editor)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_member_representative_lands_on_the_account_page(client, home, django_user_model):
    representative = django_user_model.objects.create_user("rep", password=PASSWORD)
    representative.groups.add(Group.objects.get(name="Member representatives"))
    response = sign_in(client, representative)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
