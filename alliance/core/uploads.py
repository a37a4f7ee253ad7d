"""What editors upload is checked before it is kept.

Images are decoded and written out again with Pillow, so what is stored is
exactly the pixels, in one of the allowed formats, without anything a file
might smuggle (scripts in an SVG or HTML polyglot, trailing archives) and
without metadata such as the GPS position a phone writes into a photo of a
march. Documents are limited by extension (``WAGTAILDOCS_EXTENSIONS``) and
size, must look like what their extension says, and are always served as
downloads. Every stored file name is reduced to safe characters.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

# Pillow's format name -> the extension and options a re-encoded file gets.
IMAGE_FORMATS = {
    "JPEG": ("jpg", {"quality": 90, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
    "GIF": ("gif", {}),
    "WEBP": ("webp", {"quality": 90}),
}
# What the first bytes of a document must be, per extension. Formats built on
# ZIP (Office, OpenDocument) share one signature.
_ZIP = (b"PK\x03\x04",)
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "odt": _ZIP,
    "zip": _ZIP,
    "rtf": (b"{\\rtf",),
}
# Plain-text formats must not be HTML in disguise.
_MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml")


def safe_file_name(name: str, extension: str | None = None, default: str = "file") -> str:
    """A file name of ASCII letters, digits, dashes and one extension."""
    path = PurePosixPath(name.replace("\\", "/")).name
    stem, dot, ext = path.rpartition(".")
    if not dot:
        stem, ext = path, ""
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = slugify(stem)[:80] or default
    ext = (extension or slugify(ext))[:10]
    return get_valid_filename(f"{stem}.{ext}" if ext else stem)


def image_reencode(upload: UploadedFile) -> SimpleUploadedFile:
    """Decode an uploaded image and write it out again; ValidationError if it is not one."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            source_format = image.format
            if source_format not in IMAGE_FORMATS:
                raise forms.ValidationError(
                    _("This is not a JPEG, PNG, GIF or WebP image."), code="image_format"
                )
            # Every frame of an animation is decoded and encoded again: Wagtail's own check
            # counts one frame, so a 370 KB GIF of 200 frames of 1000 x 1000 took 15 s.
            frames = getattr(image, "n_frames", 1)
            if image.width * image.height * frames > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError(frames)
            image.load()  # decodes every pixel: truncated or bogus data fails here
            extension, options = IMAGE_FORMATS[source_format]
            # Text a camera or an editor wrote into the file (a JPEG or GIF comment,
            # EXIF, XMP) is not part of the picture; Pillow would copy it over.
            for key in ("comment", "exif", "xmp", "XML:com.adobe.xmp"):
                image.info.pop(key, None)
            output = io.BytesIO()
            if frames > 1 and source_format in ("GIF", "WEBP"):
                image.save(output, format=source_format, save_all=True, **options)
            else:
                # Turn the picture upright before the orientation tag is dropped.
                upright = ImageOps.exif_transpose(image)
                for key in ("comment", "exif", "xmp", "XML:com.adobe.xmp"):
                    upright.info.pop(key, None)
                if source_format == "JPEG" and upright.mode not in ("RGB", "L"):
                    upright = upright.convert("RGB")
                upright.save(output, format=source_format, **options)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise forms.ValidationError(
            _("This file could not be read as an image. Please upload a JPEG, PNG, GIF or WebP."),
            code="image_unreadable",
        ) from error
    except Image.DecompressionBombError as error:
        raise forms.ValidationError(
            _("This image has too many pixels to be processed safely."), code="image_too_large"
        ) from error
    content_type = f"image/{'jpeg' if extension == 'jpg' else extension}"
    return SimpleUploadedFile(
        safe_file_name(upload.name or "image", extension, "image"),
        output.getvalue(),
        content_type=content_type,
    )


def document_check(upload: UploadedFile) -> UploadedFile:
    """Refuse a document whose content does not match its extension; tidy its name."""
    name = upload.name or "document"
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    signatures = DOCUMENT_SIGNATURES.get(extension)
    if signatures is not None and not head.startswith(signatures):
        raise forms.ValidationError(
            _("This file's content is not a .%(extension)s document."),
            params={"extension": extension},
            code="document_mismatch",
        )
    if extension in ("txt", "csv") and head.lstrip().lower().startswith(_MARKUP):
        raise forms.ValidationError(
            _("This file contains web page markup, not plain text."), code="document_markup"
        )
    upload.name = safe_file_name(name, extension, "document")
    return upload


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            # Wagtail's field reads the image's size first and can fail on a
            # damaged file with an error of its own; that is a refusal, not a crash.
            checked = field.clean

            def clean(*args, **kwargs):
                try:
                    return checked(*args, **kwargs)
                except (OSError, SyntaxError, ValueError, EOFError) as error:
                    raise forms.ValidationError(
                        _(
                            "This file could not be read as an image. "
                            "Please upload a JPEG, PNG, GIF or WebP."
                        ),
                        code="image_unreadable",
                    ) from error

            field.clean = clean

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return image_reencode(upload)
        return upload


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return document_check(upload)
        return upload
