import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import ModelLogEntry

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    user = User.objects.create_user("moderator", password="x" * 16)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_moderators_see_counts_and_no_addresses(client, moderator):
    SubscriberFactory(email="secret@example.net", language="es")
    client.force_login(moderator)
    response = client.get("/admin/alerts/")
    assert response.status_code == 200
    assert b"secret@example.net" not in response.content
    refused = client.get("/admin/alerts/export/")  # Wagtail turns a refusal into a redirect
    assert refused.status_code in (302, 403) and b"secret@example.net" not in refused.content


def test_administrators_export_and_it_is_recorded(client, admin_user):
    SubscriberFactory(email="secret@example.net")
    client.force_login(admin_user)
    response = client.get("/admin/alerts/export/")
    assert b"secret@example.net" in b"".join(response)
    assert ModelLogEntry.objects.filter(action="alliance.alerts_subscribers_export").exists()
