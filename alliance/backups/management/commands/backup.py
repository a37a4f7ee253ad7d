from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.backups.archive import BackupError, backup_create


class Command(BaseCommand):
    help = gettext_lazy(
        "Save the database and every uploaded file into one .tar.gz archive while the site "
        "keeps running, and print the archive's path. Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            metavar="DIR_OR_FILE",
            help=gettext_lazy(
                "A folder for alliance-YYYYmmdd-HHMMSS.tar.gz, or a file name ending in "
                ".tar.gz (default: the backups folder in the data directory)."
            ),
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        destination = Path(settings.DATA_DIR) / "backups" if output is None else output
        try:
            archive = backup_create(destination)
        except BackupError as error:
            raise CommandError(_("No backup was made: %(error)s") % {"error": error}) from None
        # Only the path on standard output, so scripts can use it directly.
        self.stdout.write(str(archive))
