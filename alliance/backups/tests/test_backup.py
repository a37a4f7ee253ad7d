"""Backups of database and media, and restoring them, on SQLite and PostgreSQL."""

import io
import json
import random
import sys
import tarfile
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Revision

from alliance.backups.archive import DATABASE_FILES, FORMAT_NAME, FORMAT_VERSION, backup_create
from alliance.events.models import EventPage, Rsvp
from alliance.events.replies import rsvp_create
from alliance.events.tests.factories import EventPageFactory
from alliance.newsroom.models import StatementPage
from alliance.newsroom.tests.factories import StatementPageFactory

# Backups read committed data only (pg_dump uses connections of its own), and a
# restore replaces the whole database: these tests commit for real, and
# Wagtail's initial data is put back afterwards for the tests that follow.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def other_vendor() -> str:
    return "postgresql" if connection.vendor == "sqlite" else "sqlite"


def forge_archive(path: Path, *, vendor: str | None = None, extra=()) -> Path:
    """A well-formed archive by hand; ``extra`` is (TarInfo, bytes or None) pairs."""
    vendor = vendor or connection.vendor
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created_at": "2026-01-01T00:00:00+00:00",
        "database": {"vendor": vendor, "file": DATABASE_FILES[vendor]},
        "migrations": {"applied": 0, "latest": {}},
        "counts": {},
    }
    with tarfile.open(path, "w:gz") as tar:
        for name, data in (
            ("manifest.json", json.dumps(manifest).encode()),
            (DATABASE_FILES[vendor], b"never loaded"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info, data in extra:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def media_member(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


@pytest.fixture
def kept_media() -> Path:
    path = Path(settings.MEDIA_ROOT) / "documents" / "kept.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"the site's own file")
    return path


@committed
def test_restore_brings_back_pages_revisions_images_and_rsvps(
    statement_index, event_index, tmp_path
):
    statement = StatementPageFactory(parent=statement_index, title="Housing is a right")
    statement.save_revision().publish()
    statement.title = "Housing is a right, edited"
    statement.save_revision()
    image = get_image_model().objects.create(title="Banner", file=get_test_image_file())
    image_pk, image_name = image.pk, image.file.name
    image_path = Path(settings.MEDIA_ROOT) / image_name
    image_bytes = image_path.read_bytes()
    event = EventPageFactory(parent=event_index, rsvp_enabled=True, title="Assembly")
    rsvp_pk = rsvp_create(event, name="Rosa", party_size=2).rsvp.pk

    out = io.StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=out)
    archive = Path(out.getvalue().strip())
    assert archive.parent == tmp_path / "backups"
    assert archive.name.startswith("alliance-") and archive.name.endswith(".tar.gz")

    StatementPage.objects.get(pk=statement.pk).delete()
    image.delete()
    image_path.unlink(missing_ok=True)
    Rsvp.objects.filter(pk=rsvp_pk).delete()
    EventPage.objects.filter(pk=event.pk).update(title="Renamed since the backup")

    report = io.StringIO()
    call_command("restore", str(archive), yes=True, stdout=report)
    connections.close_all()

    restored = StatementPage.objects.get(pk=statement.pk)
    assert restored.title == "Housing is a right"
    assert Revision.page_revisions.filter(object_id=str(statement.pk)).count() == 2
    assert restored.get_latest_revision().content["title"] == "Housing is a right, edited"
    assert restored.has_unpublished_changes
    assert get_image_model().objects.get(pk=image_pk).file.name == image_name
    assert image_path.read_bytes() == image_bytes
    assert Rsvp.objects.get(pk=rsvp_pk).name == "Rosa"
    assert EventPage.objects.get(pk=event.pk).title == "Assembly"
    assert "RSVPs: 1" in report.getvalue()


@committed
def test_backup_during_writes_holds_a_consistent_snapshot(tmp_path):
    started = threading.Event()
    stop = threading.Event()
    failures: list[BaseException] = []

    def write_rows() -> None:
        try:
            number = 0
            while not stop.is_set():
                Group.objects.create(name=f"writer {number:06d}")
                number += 1
                if number == 20:
                    started.set()
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            failures.append(error)
            started.set()
        finally:
            connections.close_all()

    writer = threading.Thread(target=write_rows)
    writer.start()
    try:
        assert started.wait(timeout=10)
        archive = backup_create(tmp_path)
    finally:
        stop.set()
        writer.join(timeout=10)
    assert not failures
    written = Group.objects.filter(name__startswith="writer ").count()

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    connections.close_all()

    names = set(Group.objects.filter(name__startswith="writer ").values_list("name", flat=True))
    # A snapshot holds every row written before some moment and none after it.
    assert 20 <= len(names) <= written
    assert names == {f"writer {number:06d}" for number in range(len(names))}


def damaged_archive(tmp_path: Path, how: str) -> Path:
    if how == "not an archive":
        path = tmp_path / "notes.tar.gz"
        path.write_text("These are meeting notes, not a backup.")
        return path
    # Random bytes do not compress, so the cut or the flipped byte lands in them.
    noise = random.Random(7).randbytes(256 * 1024)
    path = forge_archive(
        tmp_path / "damaged.tar.gz",
        extra=[
            media_member("media/documents/kept.txt", b"from the archive"),
            media_member("media/noise.bin", noise),
        ],
    )
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(data)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["not an archive", "truncated", "flipped byte"])
def test_damaged_archive_is_refused_and_nothing_changes(statement_index, kept_media, tmp_path, how):
    statement = StatementPageFactory(parent=statement_index, title="Still here")
    archive = damaged_archive(tmp_path, how)

    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(archive), yes=True, stdout=io.StringIO())

    assert StatementPage.objects.get(pk=statement.pk).title == "Still here"
    assert kept_media.read_bytes() == b"the site's own file"
    assert not (Path(settings.MEDIA_ROOT) / "noise.bin").exists()


def escaping_member(kind: str) -> tuple[tarfile.TarInfo, bytes | None]:
    if kind == "parent folder":
        return media_member("../evil", b"escaped")
    if kind == "inside media, then up":
        return media_member("media/../../evil", b"escaped")
    if kind == "absolute path":
        return media_member(str(Path(settings.MEDIA_ROOT).parent / "evil"), b"escaped")
    link = tarfile.TarInfo("media/evil")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    return link, None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind", ["parent folder", "inside media, then up", "absolute path", "symbolic link"]
)
def test_archive_with_paths_outside_the_media_folder_is_refused(kept_media, tmp_path, kind):
    archive = forge_archive(
        tmp_path / "hostile.tar.gz",
        extra=[
            media_member("media/documents/kept.txt", b"from the archive"),
            escaping_member(kind),
        ],
    )

    with pytest.raises(CommandError, match="nothing was restored"):
        call_command("restore", str(archive), yes=True, stdout=io.StringIO())

    assert not (Path(settings.MEDIA_ROOT).parent / "evil").exists()
    assert not (Path(settings.MEDIA_ROOT) / "evil").exists()
    assert kept_media.read_bytes() == b"the site's own file"


@pytest.mark.django_db
def test_restore_without_yes_and_without_a_terminal_refuses(kept_media, tmp_path, monkeypatch):
    archive = forge_archive(
        tmp_path / "backup.tar.gz",
        extra=[media_member("media/documents/kept.txt", b"from the archive")],
    )
    # Even an answer piped in is not taken for a confirmation.
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert kept_media.read_bytes() == b"the site's own file"


@pytest.mark.django_db
def test_archive_from_another_database_vendor_is_refused(kept_media, tmp_path):
    vendor = other_vendor()
    archive = forge_archive(
        tmp_path / "elsewhere.tar.gz",
        vendor=vendor,
        extra=[media_member("media/documents/kept.txt", b"from the archive")],
    )

    with pytest.raises(CommandError, match=f"holds a {vendor} database"):
        call_command("restore", str(archive), yes=True, stdout=io.StringIO())

    assert kept_media.read_bytes() == b"the site's own file"
