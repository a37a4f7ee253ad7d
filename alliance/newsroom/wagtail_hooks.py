from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from alliance.core.admin_menu import ADD, PageShortcut
from alliance.core.explorer import TreeCountedExplorerView

from .models import Person, StatementIndexPage, StatementPage, Topic

ALL_STATEMENTS = PageShortcut(
    name="statements",
    label=_("All statements"),
    parent_model=StatementIndexPage,
    icon="list-ul",
    order=0,
)
WRITE_STATEMENT = PageShortcut(
    name="write-statement",
    label=_("Write a statement"),
    parent_model=StatementIndexPage,
    action=ADD,
    child_model=StatementPage,
    icon="edit",
    order=1,
)


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_order = 10
    list_display = ["name", "role", "organization"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_order = 11
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NewsroomGroup(SnippetViewSetGroup):
    """Statements, with the people who speak in them and their topics."""

    menu_label = _("Statements")
    menu_name = "statements-menu"
    menu_icon = "doc-full"
    menu_order = 200
    items = (PersonViewSet, TopicViewSet)
    submenu_hook = "register_statements_menu_item"


register_snippet(NewsroomGroup)


class StatementPageViewSet(PageViewSet):
    """Wagtail's views of statements; the explorer of their index counts from the tree.

    The index holds every statement (100,000 and more): see ``core.explorer``.
    """

    model = StatementPage
    index_view_class = TreeCountedExplorerView
    filterset_class = GenericPageFilterSet  # the explorer's own filters, as for any page

    def get_index_view_kwargs(self, **kwargs) -> dict:
        # The explorer's query on pages, as for any page: on statements it would join
        # their table, and sort 100,000 joined rows (three times slower).
        return super().get_index_view_kwargs(**kwargs, model=Page)


@hooks.register("register_admin_viewset")
def register_statement_page_viewset():
    return StatementPageViewSet("statements")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [ALL_STATEMENTS.urlpattern(), WRITE_STATEMENT.urlpattern()]


@hooks.register("register_statements_menu_item")
def all_statements_menu_item():
    return ALL_STATEMENTS.menu_item()


@hooks.register("register_statements_menu_item")
def write_statement_menu_item():
    return WRITE_STATEMENT.menu_item()


@hooks.register("register_dashboard_shortcut")
def write_statement_shortcut():
    return WRITE_STATEMENT
