"""Backups of the whole site: ``manage.py backup`` and ``manage.py restore``.

``archive.py`` writes and reads the one ``.tar.gz`` (manifest, database copy, media) and checks
an archive before a restore changes anything; ``database.py`` copies SQLite and PostgreSQL out
and back in; ``errors.py`` holds the one error both raise.

Why not django-dbbackup (tried in 2026, version 5.4): it copies SQLite with the same online backup
API, but restores by writing over the database file under the running site. In WAL mode (ours)
the edits still in the ``-wal`` file then survive the "restore" (tried: exit status 0, every page
still carried the edit made after the backup). It writes the database and the media as two files
from two commands at two moments, holds the whole SQLite copy in memory (peak 360 MB for a 225 MB
database, against 124 MB here), leaves its files readable by all (0644) unless configured, and
does not refuse a database from newer code (unknown migrations). CPU time is the same: gzip
dominates both. What it has and this does not: remote storages, GPG encryption, rotation; copy
our archive with a tool made for that (restic, rclone) if the alliance needs it.
"""
