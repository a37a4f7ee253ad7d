from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_menu import DashboardPanel, review_menu
from .autosave import refuse_stale_autosave
from .explorer import replace_localize_listing_hook, with_translation_actions
from .models import AllianceTexts, ContactMessage
from .pagecache import tags
from .translating import refuse_incomplete_publish


class ContactMessageFilterSet(WagtailFilterSet):
    class Meta:
        model = ContactMessage
        fields = ["handled"]


class ContactMessageViewSet(SnippetViewSet):
    """The inbox of the contact form: read, mark as handled, delete."""

    model = ContactMessage
    icon = "mail"
    # Short: longer labels are cut in the sidebar.
    menu_label = _("Messages")
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["__str__", "name", "email", "created_at", "handled"]
    filterset_class = ContactMessageFilterSet
    search_fields = ["name", "email", "subject", "message"]
    search_backend_name = None  # plain database lookups: messages stay out of the search index
    inspect_view_enabled = True
    copy_view_enabled = False


register_snippet(ContactMessageViewSet)


class AllianceTextsViewSet(SnippetViewSet):
    """The alliance's name, short name, tagline and city, one row per language (core/texts.py),
    next to the alliance settings, translated with wagtail-localize's "Translate"."""

    model = AllianceTexts
    icon = "site"
    menu_label = _("Name and tagline")
    menu_order = 10
    add_to_settings_menu = True
    list_display = ["name", "tagline", "locale"]
    copy_view_enabled = False


register_snippet(AllianceTextsViewSet)


@hooks.register("register_admin_menu_item")
def register_review_menu():
    return review_menu()


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    panels.insert(0, DashboardPanel())


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))


@hooks.register("before_edit_page")
def refuse_late_autosave(request, page):
    return refuse_stale_autosave(request, page)


# Before wagtail-localize's own hooks (order 0), which publish the translation.
@hooks.register("before_edit_page", order=-1)
def refuse_incomplete_page_translation(request, page):
    return refuse_incomplete_publish(request, page)


@hooks.register("before_edit_snippet", order=-1)
def refuse_incomplete_snippet_translation(request, instance):
    return refuse_incomplete_publish(request, instance)


replace_localize_listing_hook()


@hooks.register("construct_explorer_page_queryset")
def explorer_translation_actions(parent_page, pages, request):
    return with_translation_actions(pages)


@hooks.register("before_serve_page")
def note_page_shown(page, request, serve_args, serve_kwargs) -> None:
    """A stored copy of this response shows ``page`` (``core.pagecache.tags``)."""
    tags.depends_on(request, page)
