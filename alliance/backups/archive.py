"""Backups of the whole site (database and uploaded media) into one ``.tar.gz`` file.

An archive holds ``manifest.json`` (what was saved, and from which kind of
database), the database copy (``database.sqlite3`` or ``database.pgdump``) and
every uploaded file under ``media/``. Backups are taken while the site runs:

* SQLite is copied with its online backup API, which reads one consistent
  snapshot even while other connections write.
* PostgreSQL is dumped by ``pg_dump`` inside an exported snapshot, so the
  counts in the manifest describe exactly the rows in the dump.

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
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT_NAME = "alliance-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FILE_NAME_FORMAT = "alliance-%Y%m%d-%H%M%S.tar.gz"
COUNTED_MODELS = {
    "pages": "wagtailcore.Page",
    "revisions": "wagtailcore.Revision",
    "images": "wagtailimages.Image",
    "documents": "wagtaildocs.Document",
    "rsvps": "events.Rsvp",
}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""


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
        if vendor == "sqlite":
            migrations, counts = _sqlite_dump(dump)
        else:
            migrations, counts = _postgresql_dump(dump)
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


def database_vendor() -> str:
    engine = connections[DEFAULT_DB_ALIAS].settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        return "postgresql"
    raise BackupError(
        _("Backups support SQLite and PostgreSQL only, not %(engine)s.") % {"engine": engine}
    )


def _sqlite_dump(dump: Path) -> tuple[dict, dict[str, int]]:
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        # One step (pages=-1) copies everything under a single read snapshot.
        connection.connection.backup(copy)
        # A copy of a WAL database would otherwise need its -wal file next to it.
        copy.execute("PRAGMA journal_mode=DELETE")
        # Counted from the copy itself, so the manifest matches what was saved.
        return _summarise(copy.cursor())
    finally:
        copy.close()


def _postgresql_dump(dump: Path) -> tuple[dict, dict[str, int]]:
    connection = connections[DEFAULT_DB_ALIAS]
    pg_dump = _client_program("pg_dump")
    with transaction.atomic(using=DEFAULT_DB_ALIAS), connection.cursor() as cursor:
        # pg_dump joins this snapshot, so it sees exactly the rows counted here.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        summary = _summarise(cursor)
        _run(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={dump}",
                *_postgresql_arguments(),
            ]
        )
    return summary


def _summarise(cursor) -> tuple[dict, dict[str, int]]:
    """Applied migrations and row counts, read through a DB-API cursor."""
    cursor.execute("SELECT app, name FROM django_migrations")
    latest: dict[str, str] = {}
    applied = 0
    for app, name in cursor.fetchall():
        applied += 1
        latest[app] = max(name, latest.get(app, ""))
    counts = {}
    for key, label in COUNTED_MODELS.items():
        table = apps.get_model(label)._meta.db_table
        # Table names come from the models, never from input.
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
        counts[key] = cursor.fetchone()[0]
    return {"applied": applied, "latest": dict(sorted(latest.items()))}, counts


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
        if vendor == "sqlite":
            _sqlite_check(dump)
            _sqlite_load(dump)
        else:
            _postgresql_load(dump)
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


def _sqlite_check(dump: Path) -> None:
    try:
        copy = sqlite3.connect(f"{dump.as_uri()}?mode=ro", uri=True)
        try:
            result = copy.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("The database copy in the archive is damaged (%(error)s); nothing was restored.")
            % {"error": error}
        ) from error
    if result != "ok":
        raise BackupError(
            _("The database copy in the archive is damaged (%(error)s); nothing was restored.")
            % {"error": result}
        )


def _sqlite_load(dump: Path) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    copy = sqlite3.connect(f"{dump.as_uri()}?mode=ro", uri=True)
    try:
        # Written through Django's own connection, so an in-memory database
        # (as in tests) is replaced too; the copy is one atomic step.
        copy.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("The database could not be replaced (%(error)s); it was left as it was.")
            % {"error": error}
        ) from error
    finally:
        copy.close()
    # Django's connections may hold statements prepared against the old schema.
    connections.close_all()


def _postgresql_load(dump: Path) -> None:
    pg_restore = _client_program("pg_restore")
    # Checks the dump is readable before anything is dropped.
    _run(
        [pg_restore, "--list", str(dump)], refused=_("The database copy in the archive is damaged")
    )
    # An idle connection of ours could otherwise keep a lock pg_restore waits for.
    connections.close_all()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *_postgresql_arguments(),
            str(dump),
        ],
        refused=_("The database could not be restored; it was left as it was"),
    )
    connections.close_all()


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


# -- PostgreSQL client programs ---------------------------------------------------


def _client_program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            _(
                "%(program)s was not found. Install the PostgreSQL client programs "
                "(the same major version as the server, e.g. apt-get install postgresql-client)."
            )
            % {"program": name}
        )
    return program


def _postgresql_arguments() -> list[str]:
    database = connections[DEFAULT_DB_ALIAS].settings_dict
    arguments = [f"--dbname={database['NAME']}"]
    if database.get("USER"):
        arguments.append(f"--username={database['USER']}")
    if database.get("HOST"):
        arguments.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        arguments.append(f"--port={database['PORT']}")
    return [*arguments, "--no-password"]


def _postgresql_environment() -> dict[str, str]:
    database = connections[DEFAULT_DB_ALIAS].settings_dict
    environment = dict(os.environ)
    # In the environment rather than the arguments, where other users could read it.
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    sslmode = (database.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = str(sslmode)
    return environment


def _run(command: list[str], refused: str | None = None) -> None:
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
        command,
        env=_postgresql_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-5:]
        message = refused or _("%(program)s failed") % {"program": Path(command[0]).name}
        raise BackupError(f"{message}: {' '.join(detail)}")
