"""The editors' screens for every model open without error."""

import pytest
from django.urls import reverse

from alliance.core.models import ContactMessage
from alliance.newsroom.tests.factories import StatementPageFactory

from .factories import AboutPageFactory, ContactPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", password="pw-root-123456789")
    client.force_login(user)
    return client


def test_every_page_type_opens_in_the_editor(admin_client, home, statement_index):
    pages = [
        home,
        statement_index,
        StatementPageFactory(parent=statement_index),
        AboutPageFactory(parent=home),
        ContactPageFactory(parent=home),
        StandardPageFactory(parent=home),
    ]
    for page in pages:
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200, type(page).__name__


def test_alliance_settings_open_in_the_admin(admin_client, home, site):
    url = reverse("wagtailsettings:edit", args=("core", "alliancesettings", site.pk))
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Contact persons" in response.content.decode()


@pytest.mark.parametrize(
    "model",
    [
        "newsroom/person",
        "newsroom/topic",
        "members/region",
        "members/country",
        "members/partnerorganization",
        "core/contactmessage",
    ],
)
def test_snippet_listings_open(admin_client, home, model):
    app_label, model_name = model.split("/")
    url = reverse(f"wagtailsnippets_{app_label}_{model_name}:list")
    assert admin_client.get(url).status_code == 200


def test_contact_message_can_be_read_in_the_admin(admin_client, home):
    message = ContactMessage.objects.create(name="Ana", email="ana@example.org", message="Hello")
    url = reverse("wagtailsnippets_core_contactmessage:inspect", args=(message.pk,))
    assert "Hello" in admin_client.get(url).content.decode()
