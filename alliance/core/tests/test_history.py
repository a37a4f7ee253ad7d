"""The site history names erasable records by kind and number, whoever writes the entry."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from alliance.core.history import history_label, relabel_history
from alliance.core.models import ContactMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def message():
    return ContactMessage.objects.create(
        name="Rosa Dela Cruz",
        email="rosa@example.org",
        subject="Help for Rosa Dela Cruz",
        message="Please call me.",
    )


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("root", password="pw-root-1234567")


def test_marking_a_message_handled_in_the_admin_leaves_no_name_in_the_history(
    client, superuser, message
):
    client.force_login(superuser)
    url = f"/admin/snippets/core/contactmessage/edit/{message.pk}/"
    response = client.post(url, {"handled": "on"})
    assert response.status_code == 302
    [entry] = ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(message.pk))
    assert entry.label == f"Contact message #{message.pk}"
    client.get("/admin/")  # shows (and so ends) the "… updated" message, which names it
    assert "Rosa" not in client.get("/admin/reports/site-history/").content.decode()


def test_any_entry_about_an_erasable_record_is_labelled_by_number(superuser, message):
    entry = log(instance=message, action="wagtail.delete", user=superuser)
    assert entry.label == history_label(ContactMessage, message.pk)
    assert entry.label == f"Contact message #{message.pk}"


def test_migration_relabels_entries_written_before(superuser, message):
    entry = log(instance=message, action="wagtail.edit", user=superuser)
    ModelLogEntry.objects.filter(pk=entry.pk).update(label="Help for Rosa Dela Cruz")
    relabel_history(apps, "core", ["contactmessage"])
    entry.refresh_from_db()
    assert entry.label == f"Contact message #{message.pk}"


def test_entries_about_other_records_keep_their_names(superuser, home):
    entry = log(instance=home, action="wagtail.edit", user=superuser)
    assert entry.label == home.title
