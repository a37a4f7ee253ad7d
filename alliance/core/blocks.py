"""Body blocks shared by every page type that carries long-form text."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        label=_("Quotation"), help_text=_("The words quoted, without quotation marks.")
    )
    attribution = blocks.CharBlock(
        label=_("Said by"), required=False, help_text=_("Who said it, e.g. “Eni Lestari”.")
    )
    role = blocks.CharBlock(
        label=_("Role"), required=False, help_text=_("Their role, e.g. “IMA Chairperson”.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        help_text=_("Shown under the image; credit the photographer here."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/figure.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(
        label=_("Description"), required=False, help_text=_("One line on what the document is.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "core/blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        icon="title",
        form_classname="title",
        template="core/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    quote = QuoteBlock()
    image = FigureBlock()
    document = DocumentBlock()

    class Meta:
        label = _("Body")
