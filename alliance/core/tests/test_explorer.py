"""The page explorer keeps wagtail-localize's translation actions without their per-row queries."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

from alliance.core.explorer import LISTING_HOOK, listing_buttons, with_translation_actions
from alliance.newsroom.tests.factories import StatementPageFactory

pytestmark = pytest.mark.django_db

NEXT = "/admin/pages/"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="pw-root-123456789")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def other_locales():
    return Locale.objects.exclude(pk=Locale.get_default().pk)


def source_of(page, *, enabled: bool = True) -> TranslationSource:
    """``page`` submitted for translation into Spanish, the translation enabled or not."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    spanish = Locale.objects.get(language_code="es")
    Translation.objects.create(source=source, target_locale=spanish, enabled=enabled)
    return source


def statements_in_every_state(index) -> dict[str, Page]:
    untranslated, synced, disabled, everywhere, aliased = StatementPageFactory.create_batch(
        5, parent=index
    )
    source_of(synced)
    source_of(disabled, enabled=False)
    for locale in other_locales():
        everywhere.copy_for_translation(locale, copy_parents=True)
    # An alias in every other language counts as untranslated, for wagtail-localize.
    for locale in other_locales():
        aliased.copy_for_translation(locale, copy_parents=True, alias=True)
    return {
        "untranslated": untranslated,
        "synced": synced,
        "disabled": disabled,
        "everywhere": everywhere,
        "aliased": aliased,
    }


def described(buttons) -> list[tuple[str, str, int, str]]:
    return [(str(b.label), b.url, b.priority, b.icon_name) for b in buttons]


def test_wagtail_localizes_listing_hook_is_replaced():
    registered = hooks.get_hooks(LISTING_HOOK)
    assert listing_buttons in registered
    assert localize_hooks.page_listing_more_buttons not in registered


def test_the_explorers_buttons_are_those_wagtail_localize_would_show(superuser, statement_index):
    made = statements_in_every_state(statement_index)
    listed = with_translation_actions(Page.objects.child_of(statement_index)).specific()
    shown = {page.pk: described(listing_buttons(page, superuser, next_url=NEXT)) for page in listed}
    for name, page in made.items():
        expected = localize_hooks.page_listing_more_buttons(page, superuser, next_url=NEXT)
        assert shown[page.pk] == described(expected), name


def test_the_states_differ(superuser, statement_index):
    """The comparison above sees both buttons shown and both left out."""
    made = statements_in_every_state(statement_index)
    listed = with_translation_actions(Page.objects.child_of(statement_index)).specific()
    labels = {
        page.pk: [label for label, *_ in described(listing_buttons(page, superuser))]
        for page in listed
    }
    assert labels[made["untranslated"].pk] == ["Translate this page"]
    assert labels[made["synced"].pk] == ["Translate this page", "Sync translated pages"]
    assert labels[made["disabled"].pk] == ["Translate this page"]
    assert labels[made["everywhere"].pk] == []
    assert labels[made["aliased"].pk] == ["Translate this page"]


def test_pages_without_the_annotations_get_wagtail_localizes_answer(superuser, statement_index):
    page = StatementPageFactory(parent=statement_index)
    source = source_of(page)
    labels = [label for label, *_ in described(listing_buttons(page, superuser, next_url=NEXT))]
    assert labels == ["Translate this page", "Sync translated pages"]
    assert f"/{source.pk}/" in described(listing_buttons(page, superuser))[1][1]


def test_the_explorer_links_to_translate_and_to_sync(admin_client, statement_index):
    page = StatementPageFactory(parent=statement_index)
    source = source_of(page)
    url = reverse("wagtailadmin_explore", args=(statement_index.pk,))
    content = admin_client.get(url).content.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=(page.pk,)) in content
    sync = reverse("wagtail_localize:update_translations", args=(source.pk,))
    assert f"{sync}?next=" in content


def explorer_queries(client, index, **params) -> list[str]:
    url = reverse("wagtailadmin_explore", args=(index.pk,))
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize(
    "params", [{}, {"ordering": "title"}, {"ordering": "-latest_revision_created_at"}, {"p": 2}]
)
def test_explorer_queries_do_not_grow_with_the_statements(
    admin_client, statement_index, params, django_assert_max_num_queries
):
    """The budget holds with a few rows and with full pages of rows in every state."""
    StatementPageFactory.create_batch(3, parent=statement_index)
    statements_in_every_state(statement_index)
    few = explorer_queries(
        admin_client, statement_index, p=1, **{k: v for k, v in params.items() if k != "p"}
    )
    StatementPageFactory.create_batch(45, parent=statement_index)  # two pages of 50
    for page in StatementPageFactory.create_batch(5, parent=statement_index):
        source_of(page)
    url = reverse("wagtailadmin_explore", args=(statement_index.pk,))
    admin_client.get(url, params)
    with django_assert_max_num_queries(min(len(few), 45), info=url):
        response = admin_client.get(url, params)
    assert response.status_code == 200


def page_counts(sql: list[str]) -> list[str]:
    return [query for query in sql if "COUNT(*)" in query and '"wagtailcore_page"' in query]


def test_the_statements_index_is_counted_from_the_tree(admin_client, statement_index):
    StatementPageFactory.create_batch(53, parent=statement_index)
    sql = explorer_queries(admin_client, statement_index)
    assert page_counts(sql) == []
    url = reverse("wagtailadmin_explore", args=(statement_index.pk,))
    assert "1-50 of 53 pages" in admin_client.get(url).content.decode()


def test_a_search_in_the_statements_index_is_counted(admin_client, statement_index):
    for number in range(3):
        StatementPageFactory(parent=statement_index, title=f"Justice now {number}")
    StatementPageFactory.create_batch(2, parent=statement_index)
    sql = explorer_queries(admin_client, statement_index, q="justice")
    assert len(page_counts(sql)) == 1
    url = reverse("wagtailadmin_explore", args=(statement_index.pk,))
    content = admin_client.get(url, {"q": "justice"}).content.decode()
    assert "1-3 of 3 pages" in content


def test_an_editor_who_is_not_a_superuser_gets_wagtails_own_count(
    client, django_user_model, statement_index
):
    """Wagtail limits the listing to the pages an editor may explore, and counts them."""
    editor = django_user_model.objects.create_user("editor", password="pw-editor-123456789")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    StatementPageFactory.create_batch(3, parent=statement_index)
    sql = explorer_queries(client, statement_index)
    assert len(page_counts(sql)) == 1
    url = reverse("wagtailadmin_explore", args=(statement_index.pk,))
    assert "3 pages" in client.get(url).content.decode()


def query_plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return str(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_root_of_the_tree_is_found_from_an_index(home):
    """The admin menu looks it up on every admin page (core migration 0008)."""
    assert "core_page_roots" in query_plan(Page.objects.filter(depth=1).order_by("path"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_newest_children_are_read_from_an_index(statement_index):
    """The explorer's default order (core migration 0007), not a sort of every child."""
    StatementPageFactory.create_batch(3, parent=statement_index)
    latest = F("latest_revision_created_at").desc(nulls_last=True)  # as Wagtail orders
    newest = Page.objects.child_of(statement_index).order_by(latest)[:50]
    assert "core_page_latest_revision_created_at" in query_plan(newest)
