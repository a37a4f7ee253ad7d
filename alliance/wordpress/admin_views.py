"""The editors' screen for importing a WordPress export without a terminal."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .importer import ImportRefused, wordpress_import

MAX_UPLOAD = 200 * 1024 * 1024


def can_import(user) -> bool:
    return user.has_perm("wordpress.import_wordpress")


class ImportForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export (.xml)"),
        help_text=_("Made with Tools › Export in WordPress. Media are not imported from here."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would happen, change nothing"), required=False, initial=True
    )

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than 200 MB; use the import_wordpress command instead.")
            )
        return upload


def import_view(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    report = None
    error = ""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "export.xml"
                with path.open("wb") as handle:
                    for chunk in form.cleaned_data["export"].chunks():
                        handle.write(chunk)
                try:
                    report = wordpress_import(path, dry_run=form.cleaned_data["dry_run"])
                except ImportRefused as refused:
                    error = str(refused)
    else:
        form = ImportForm()
    return TemplateResponse(
        request,
        "wordpress/import.html",
        {"form": form, "report": report, "error": error},
        status=400 if error else 200,
    )
