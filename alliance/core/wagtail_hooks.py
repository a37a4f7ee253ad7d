from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactMessage


class ContactMessageFilterSet(WagtailFilterSet):
    class Meta:
        model = ContactMessage
        fields = ["handled"]


class ContactMessageViewSet(SnippetViewSet):
    """The inbox of the contact form: read, mark as handled, delete."""

    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["__str__", "name", "email", "created_at", "handled"]
    filterset_class = ContactMessageFilterSet
    search_fields = ["name", "email", "subject", "message"]
    search_backend_name = None  # plain database lookups: messages stay out of the search index
    inspect_view_enabled = True
    copy_view_enabled = False


register_snippet(ContactMessageViewSet)
