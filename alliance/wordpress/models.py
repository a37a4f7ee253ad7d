"""What came from WordPress, so that importing the same export again updates, never duplicates."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportedKind(models.TextChoices):
    POST = "post", _("Post")
    PAGE = "page", _("Page")
    EVENT = "event", _("Event")
    ATTACHMENT = "attachment", _("Attachment")


class ImportedItem(models.Model):
    source = models.CharField(
        _("source site"), max_length=255, help_text=_("The exported site's address.")
    )
    wp_id = models.PositiveBigIntegerField(_("WordPress id"), help_text=_("The item's post id."))
    kind = models.CharField(
        _("kind"), max_length=12, choices=ImportedKind.choices, help_text=_("What it became.")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page made from it."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The image made from an attachment."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The document made from an attachment."),
    )
    permalink = models.URLField(
        _("old address"), max_length=1000, blank=True, help_text=_("Its WordPress permalink.")
    )
    content_hash = models.CharField(
        _("content fingerprint"), max_length=64, help_text=_("Of what was imported last time.")
    )
    imported_revision_id = models.PositiveBigIntegerField(
        _("imported revision"),
        null=True,
        blank=True,
        help_text=_("The page revision the import wrote; a later one means an editor changed it."),
    )
    author = models.CharField(
        _("WordPress author"),
        max_length=150,
        blank=True,
        help_text=_("Who wrote it in WordPress (pages here have no author of their own)."),
    )
    imported_at = models.DateTimeField(
        _("imported"), default=timezone.now, help_text=_("When it was last imported.")
    )

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        permissions = [("import_wordpress", _("Can import WordPress exports"))]
        constraints = [
            models.UniqueConstraint(fields=["source", "wp_id"], name="one_import_per_wp_item")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.wp_id} from {self.source}"
