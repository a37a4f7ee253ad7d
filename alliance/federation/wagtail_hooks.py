"""The fediverse in the admin: blocked domains (Settings › Blocked domains)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .blocks import normalize
from .models import DomainBlock


class DomainBlockForm(forms.ModelForm):
    def clean_domain(self) -> str:
        domain = normalize(self.cleaned_data["domain"])
        if "/" in domain or ":" in domain or "." not in domain:
            raise forms.ValidationError(
                _("Enter a host name only, e.g. “spam.example”, without https:// or a path.")
            )
        return domain


class DomainBlockViewSet(SnippetViewSet):
    model = DomainBlock
    icon = "cross"
    menu_label = _("Blocked domains")
    menu_name = "fediverse-blocked-domains"
    add_to_settings_menu = True
    list_display = ["domain", "reason", "created_at"]
    search_fields = ["domain"]
    panels = [FieldPanel("domain"), FieldPanel("reason")]

    def get_form_class(self, for_update: bool = False):
        base = super().get_form_class(for_update)
        return type("DomainBlockAdminForm", (DomainBlockForm, base), {})


register_snippet(DomainBlockViewSet)
