"""The admin menu and dashboard speak the alliance's words, and lead where editors work."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.menu import admin_menu, settings_menu
from wagtail.admin.ui.sidebar import SubMenuItem

from alliance.events.tests.factories import DayOfActionPageFactory
from alliance.events.tests.test_proposal_queue import propose
from alliance.members.tests.test_review_queues import application

pytestmark = pytest.mark.django_db

# What the sidebar shows without cutting: a link has room for a little more than a
# menu, whose arrow takes space.
LINK_ROOM, MENU_ROOM = 18, 12


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="pw-root-123456789")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def menu_for(user, menu=admin_menu):
    request = RequestFactory().get("/admin/")
    request.user = user
    return menu.render_component(request)


def labels(components) -> dict[str, object]:
    return {str(item.label): item for item in components}


def test_main_menu_has_statements_events_members_and_review(superuser, home):
    top = labels(menu_for(superuser))
    assert {"Statements", "Events", "Members", "Review"} <= set(top)
    assert {"All statements", "Write a statement", "People", "Topics"} <= set(
        labels(top["Statements"].menu_items)
    )
    assert {"All events", "Add an event", "New day of action"} <= set(
        labels(top["Events"].menu_items)
    )
    assert set(labels(top["Review"].menu_items)) == {
        "Applications",
        "Endorsements",
        "Local actions",
    }
    assert "Organizations" in labels(top["Members"].menu_items)


def _all_items(components, depth=0):
    # Wagtail's own help menu ("What's new in Wagtail 8.0") is not ours to word.
    for item in (item for item in components if item.name != "help"):
        yield item, depth
        if isinstance(item, SubMenuItem):
            yield from _all_items(item.menu_items, depth + 1)


@pytest.mark.parametrize("menu", [admin_menu, settings_menu], ids=["main", "settings"])
def test_no_menu_label_is_cut(superuser, home, menu):
    for item, _depth in _all_items(menu_for(superuser, menu)):
        room = MENU_ROOM if isinstance(item, SubMenuItem) else LINK_ROOM
        assert len(str(item.label)) <= room, item.label


def test_review_menu_counts_what_waits(superuser, home, event_index):
    application("One")
    application("Two")
    propose(DayOfActionPageFactory(parent=event_index))
    top = labels(menu_for(superuser))
    assert "Review (3)" in top
    queues = labels(top["Review (3)"].menu_items)
    assert {"Applications (2)", "Local actions (1)", "Endorsements"} <= set(queues)


def test_all_statements_opens_the_explorer_of_the_statements_index(admin_client, statement_index):
    response = admin_client.get(reverse("alliance_go_statements"))
    assert response.url == reverse("wagtailadmin_explore", args=(statement_index.pk,))


def test_write_a_statement_opens_a_new_statement_under_the_index(admin_client, statement_index):
    response = admin_client.get(reverse("alliance_go_write-statement"), follow=True)
    add = reverse("wagtailadmin_pages:add", args=("newsroom", "statementpage", statement_index.pk))
    assert response.redirect_chain[0][0] == add
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "model"),
    [("add-event", "eventpage"), ("add-day-of-action", "dayofactionpage")],
)
def test_event_shortcuts_open_a_new_page_under_the_events_index(
    admin_client, event_index, name, model
):
    response = admin_client.get(reverse(f"alliance_go_{name}"), follow=True)
    add = reverse("wagtailadmin_pages:add", args=("events", model, event_index.pk))
    assert response.redirect_chain[0][0] == add
    assert response.status_code == 200


def test_a_shortcut_without_its_page_says_so(admin_client, home):
    response = admin_client.get(reverse("alliance_go_write-statement"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_explore_root")
    assert "There is no" in response.content.decode()


def dashboard(client):
    return client.get(reverse("wagtailadmin_home"))


def test_dashboard_offers_to_write_add_and_start(admin_client, home):
    content = dashboard(admin_client).content.decode()
    for name, label in [
        ("write-statement", "Write a statement"),
        ("add-event", "Add an event"),
        ("add-day-of-action", "Start a day of action"),
    ]:
        assert f'href="{reverse(f"alliance_go_{name}")}"' in content
        assert label in content


def test_dashboard_shows_what_waits_for_review(admin_client, home):
    application("One")
    content = dashboard(admin_client).content.decode()
    assert f'href="{reverse("members_application_queue")}"' in content
    assert "1 waits" in content


def test_dashboard_queries_do_not_grow_with_what_waits(
    admin_client, home, event_index, django_assert_max_num_queries
):
    day = DayOfActionPageFactory(parent=event_index)
    dashboard(admin_client)
    with CaptureQueriesContext(connection) as few:
        dashboard(admin_client)
    for number in range(5):
        application(f"Group {number}")
        propose(day, title=f"Picket {number}", name=f"Rosa{number}")
    with django_assert_max_num_queries(len(few)):
        dashboard(admin_client)
