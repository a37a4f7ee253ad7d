from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Person, Topic


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role", "organization"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NewsroomGroup(SnippetViewSetGroup):
    menu_label = _("Newsroom")
    menu_icon = "doc-full"
    menu_order = 200
    items = (PersonViewSet, TopicViewSet)


register_snippet(NewsroomGroup)
