"""The database half of a backup: copy it out and load it back, for SQLite and PostgreSQL.

SQLite is copied with its online backup API, which reads one consistent
snapshot even while other connections write. PostgreSQL is dumped by
``pg_dump`` inside an exported snapshot, so the counts in the manifest describe
exactly the rows in the dump; it is loaded back by ``pg_restore`` in one
transaction.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.translation import gettext as _

from .errors import BackupError

COUNTED_MODELS = {
    "pages": "wagtailcore.Page",
    "revisions": "wagtailcore.Revision",
    "images": "wagtailimages.Image",
    "documents": "wagtaildocs.Document",
    "rsvps": "events.Rsvp",
}


def database_vendor() -> str:
    engine = connections[DEFAULT_DB_ALIAS].settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        return "postgresql"
    raise BackupError(
        _("Backups support SQLite and PostgreSQL only, not %(engine)s.") % {"engine": engine}
    )


def database_dump(vendor: str, dump: Path) -> tuple[dict, dict[str, int]]:
    """Copy the live database to ``dump``; return its applied migrations and row counts."""
    if vendor == "sqlite":
        return _sqlite_dump(dump)
    return _postgresql_dump(dump)


def database_load(vendor: str, dump: Path) -> None:
    """Replace the live database with ``dump``, which is checked first."""
    if vendor == "sqlite":
        _sqlite_check(dump)
        _sqlite_load(dump)
    else:
        _postgresql_load(dump)


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
