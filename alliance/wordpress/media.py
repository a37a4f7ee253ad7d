"""Attachments: files read from a copy of wp-content/uploads (never downloaded).

Images become Wagtail images and other files documents; both are remembered by
their old addresses so that posts point at them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from django.core.files import File
from wagtail.documents.models import Document
from wagtail.images.models import Image

from . import wxr
from .models import ImportedItem, ImportedKind
from .report import ImportReport

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
DOCUMENT_EXTENSIONS = {
    *(".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".csv", ".zip"),
}


@dataclass
class Images:
    """Imported images by old address and by attachment id."""

    by_url: dict[str, Image] = field(default_factory=dict)
    by_id: dict[int, Image] = field(default_factory=dict)

    def remember(self, item: wxr.Item, image: Image) -> None:
        self.by_id[item.wp_id] = image
        for url in (item.attachment_url, item.link):
            if url:
                self.by_url[url_key(url)] = image

    def for_url(self, url: str) -> Image | None:
        return self.by_url.get(url_key(url))

    def for_ids(self, ids: list[int]) -> list[Image]:
        return [self.by_id[i] for i in ids if i in self.by_id]


def url_key(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path
    # WordPress links resized copies (photo-300x200.jpg) of the same upload.
    stem, dot, extension = path.rpartition(".")
    if dot:
        stem = re.sub(r"-\d+x\d+$", "", stem)
        path = f"{stem}.{extension}"
    return path.rstrip("/").lower()


def uploads_path(url: str) -> str:
    path = urlsplit(url).path
    marker = "/wp-content/uploads/"
    return path.split(marker, 1)[1] if marker in path else PurePosixPath(path).name


def inside(root: Path, relative: str) -> Path | None:
    """The file under the media folder, never outside it (no ../ escapes)."""
    if not relative:
        return None
    candidate = (root / relative).resolve()
    return candidate if candidate.is_relative_to(root.resolve()) else None


def import_attachment(
    item: wxr.Item,
    *,
    source: str,
    media_dir: Path | None,
    images: Images,
    report: ImportReport,
    dry_run: bool,
) -> None:
    existing = ImportedItem.objects.filter(source=source, wp_id=item.wp_id).first()
    if existing and (existing.image or existing.document):
        if existing.image:
            images.remember(item, existing.image)
        report.add("unchanged", "attachment", item)
        return
    relative = item.meta.get("_wp_attached_file") or uploads_path(item.attachment_url)
    if media_dir is None:
        report.add("skipped", "attachment", item, "no media folder given (--media-dir)")
        return
    file_path = inside(media_dir, relative)
    if file_path is None or not file_path.is_file():
        report.missing_media.append(relative or item.attachment_url)
        report.add("skipped", "attachment", item, f"file not found in the media folder: {relative}")
        return
    extension = file_path.suffix.lower()
    if extension not in IMAGE_EXTENSIONS | DOCUMENT_EXTENSIONS:
        report.add("skipped", "attachment", item, f"file type {extension} is not imported")
        return
    if dry_run:
        report.add("imported", "attachment", item, "dry run: the file was found")
        return
    title = (item.title or file_path.stem)[:255]
    record = existing or ImportedItem(source=source, wp_id=item.wp_id)
    record.kind = ImportedKind.ATTACHMENT
    record.permalink = item.link[:1000]
    record.content_hash = hashlib.sha256(relative.encode()).hexdigest()
    with file_path.open("rb") as handle:
        if extension in IMAGE_EXTENSIONS:
            image = Image(title=title)
            image.file.save(file_path.name, File(handle), save=False)
            image.save()
            record.image = image
            images.remember(item, image)
        else:
            document = Document(title=title)
            document.file.save(file_path.name, File(handle), save=False)
            document.save()
            record.document = document
    record.save()
    report.add("imported", "attachment", item)
