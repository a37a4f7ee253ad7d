"""Backups of the whole site (database and uploaded media) into one ``.tar.gz`` file.

An archive holds ``manifest.json`` (what was saved, and from which kind of
database), the database copy (``database.sqlite3`` or ``database.pgdump``) and
every uploaded file under ``media/``. Backups are taken while the site runs
(how each kind of database is copied: ``database.py``).

The database is saved before the media: an upload writes its file before its
row is committed, so every row in the copy finds its file in the archive.

A restore reads and checks the whole archive before it changes anything, so a
damaged or hostile file leaves the site as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from .database import database_dump, database_load, database_vendor
from .errors import BackupError

__all__ = ["BackupError", "RestoreSummary", "backup_create", "backup_restore"]

FORMAT_NAME = "alliance-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FILE_NAME_FORMAT = "alliance-%Y%m%d-%H%M%S.tar.gz"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class RestoreSummary:
    archive: Path
    created_at: str
    vendor: str
    counts: dict[str, int]
    media_files: int
    migrations: dict


# -- backup ---------------------------------------------------------------------


def _file_name(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(FILE_NAME_FORMAT)


def backup_create(destination: Path) -> Path:
    """Write a backup archive and return its path.

    ``destination`` is either the archive's file name (ending in ``.tar.gz``)
    or a folder, created if needed, that receives ``alliance-YYYYmmdd-HHMMSS.tar.gz``.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    vendor = database_vendor()
    if connection.in_atomic_block:
        raise BackupError(
            _("A backup cannot be taken inside a transaction: its changes would be missing.")
        )
    created_at = timezone.now()
    destination = Path(destination)
    if destination.name.endswith(".tar.gz"):
        target = destination.resolve()
    else:
        target = destination.resolve() / _file_name(created_at)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if target.is_relative_to(media_root):
        # Media is served to the public; an archive there would publish
        # everyone's personal data.
        raise BackupError(
            _("Backups cannot be written inside the media folder (%(path)s).")
            % {"path": media_root}
        )
    if target.exists():
        raise BackupError(_("%(path)s already exists; nothing was overwritten.") % {"path": target})
    # The archive holds personal data and password hashes: readable by the owner only.
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix=".alliance-backup-", dir=target.parent) as work:
        dump = Path(work) / DATABASE_FILES[vendor]
        migrations, counts = database_dump(vendor, dump)
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "created_at": created_at.astimezone(dt.UTC).isoformat(),
            "database": {"vendor": vendor, "file": DATABASE_FILES[vendor]},
            "migrations": migrations,
            "counts": counts,
        }
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, MANIFEST_NAME, json.dumps(manifest, indent=2).encode())
            tar.add(dump, arcname=DATABASE_FILES[vendor], recursive=False)
            _add_media(tar, media_root)
        partial.chmod(0o600)
        # Renamed only once complete, so a file with the final name is never half written.
        os.replace(partial, target)
    return target


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _add_media(tar: tarfile.TarFile, media_root: Path) -> None:
    if not media_root.is_dir():
        return
    for folder, dirs, files in os.walk(media_root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            # Links could point anywhere on the server; only real uploads are saved.
            if path.is_symlink() or not path.is_file():
                continue
            arcname = PurePosixPath(MEDIA_PREFIX, *path.relative_to(media_root).parts)
            try:
                tar.add(path, arcname=str(arcname), recursive=False)
            except FileNotFoundError:
                # Deleted by an editor since the walk began; the copied
                # database may still mention it, as the live site did.
                continue


# -- restore --------------------------------------------------------------------


def backup_restore(archive: Path) -> RestoreSummary:
    """Replace the database and put back the media files saved in ``archive``.

    Files under MEDIA_ROOT that the archive does not hold are left in place.
    Raises BackupError, with nothing changed, when the archive is damaged,
    unsafe, from another kind of database or from a newer version of the site.
    """
    archive = Path(archive)
    connection = connections[DEFAULT_DB_ALIAS]
    vendor = database_vendor()
    if not archive.is_file():
        raise BackupError(_("There is no file at %(path)s.") % {"path": archive})
    media_root = Path(settings.MEDIA_ROOT).resolve()
    media_root.mkdir(parents=True, exist_ok=True)

    # Unpacked next to the media folder, so files move in by renaming.
    with tempfile.TemporaryDirectory(prefix=".alliance-restore-", dir=media_root.parent) as work:
        staging = Path(work)
        manifest = _unpack(archive, staging, vendor)
        # Checked after the archive, which is only read: its problems come first.
        if connection.in_atomic_block:
            raise BackupError(_("A restore cannot run inside a transaction."))
        dump = staging / manifest["database"]["file"]
        if not dump.is_file():
            raise BackupError(_("The archive has no database copy; nothing was restored."))
        database_load(vendor, dump)
        media_files = _move_media(staging / MEDIA_PREFIX, media_root)
    # Cached pages and site roots describe the database that was just replaced.
    cache.clear()
    return RestoreSummary(
        archive=archive,
        created_at=manifest["created_at"],
        vendor=vendor,
        counts=manifest["counts"],
        media_files=media_files,
        migrations=manifest["migrations"],
    )


def _damaged(archive: Path) -> BackupError:
    return BackupError(
        _("%(path)s is not a readable backup archive (damaged or of another kind).")
        % {"path": archive}
    )


def _unpack(archive: Path, staging: Path, vendor: str) -> dict:
    """Check every member and unpack the archive into ``staging``; return the manifest."""
    manifest = None
    allowed_top = {MANIFEST_NAME, *DATABASE_FILES.values()}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                parts = _safe_parts(member)
                if not parts:
                    continue
                if parts[0] != MEDIA_PREFIX and (len(parts) > 1 or parts[0] not in allowed_top):
                    raise BackupError(
                        _("The archive holds an unexpected entry %(name)s; nothing was restored.")
                        % {"name": member.name}
                    )
                target = staging.joinpath(*parts)
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out, _CHUNK)
                if parts == [MANIFEST_NAME]:
                    manifest = _read_manifest(target)
                    # Before the rest is unpacked: a wrong archive is refused quickly.
                    _check_compatible(manifest, vendor)
            # tarfile stops at the end-of-archive marker; reading on to the end
            # of the gzip stream is what verifies its checksum.
            while tar.fileobj.read(_CHUNK):
                pass
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        # Other OSErrors (a full disk while unpacking) are not the archive's fault
        # and keep their own message.
        raise _damaged(archive) from error
    if manifest is None:
        raise _damaged(archive)
    return manifest


def _safe_parts(member: tarfile.TarInfo) -> list[str]:
    """The member's path as parts, refusing anything that could land outside the folder."""
    name = member.name
    path = PurePosixPath(name)
    if path.is_absolute() or name.startswith(("/", "\\")) or ".." in path.parts:
        raise BackupError(
            _("The archive holds an unsafe path %(name)s; nothing was restored.") % {"name": name}
        )
    if not (member.isfile() or member.isdir()):
        # Links and device files could redirect writes outside the media folder.
        raise BackupError(
            _("The archive holds %(name)s, which is not a plain file; nothing was restored.")
            % {"name": name}
        )
    return [part for part in path.parts if part not in ("", ".")]


def _read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        valid = (
            manifest["format"] == FORMAT_NAME
            and isinstance(manifest["database"]["vendor"], str)
            and manifest["database"]["file"] in DATABASE_FILES.values()
            and isinstance(manifest["counts"], dict)
        )
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid:
        raise BackupError(_("The archive's manifest is not readable; nothing was restored."))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("The archive has format version %(found)s; this site reads version %(known)s.")
            % {"found": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    return manifest


def _check_compatible(manifest: dict, vendor: str) -> None:
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            _(
                "This archive holds a %(archived)s database but this site runs on "
                "%(current)s; nothing was restored."
            )
            % {"archived": manifest["database"]["vendor"], "current": vendor}
        )
    # A database made by newer code has tables this code cannot work with.
    latest = manifest.get("migrations", {}).get("latest", {})
    loader = MigrationLoader(None, ignore_no_migrations=True)
    installed = {config.label for config in apps.get_app_configs()}
    unknown = sorted(
        f"{app}.{name}"
        for app, name in latest.items()
        if app in installed and (app, name) not in loader.disk_migrations
    )
    if unknown:
        raise BackupError(
            _(
                "The archive comes from a newer version of the site (migrations %(names)s "
                "are unknown here). Update the code first; nothing was restored."
            )
            % {"names": ", ".join(unknown)}
        )


def _move_media(source: Path, media_root: Path) -> int:
    if not source.is_dir():
        return 0
    moved = 0
    for folder, _dirs, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (media_root / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            # A rename: readers see the old file or the new one, never half of one.
            os.replace(Path(folder) / name, media_root / relative / name)
            moved += 1
    return moved
