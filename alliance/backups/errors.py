"""The one error of backups and restores."""


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""
