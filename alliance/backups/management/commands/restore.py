import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.backups.archive import BackupError, RestoreSummary, backup_restore


class Command(BaseCommand):
    help = gettext_lazy(
        "Replace the database with the one saved in a backup archive and put its uploaded "
        "files back. Meant for a fresh install or for recovery: changes made since the "
        "backup are lost."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "archive", type=Path, help=gettext_lazy("The .tar.gz made by `manage.py backup`.")
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help=gettext_lazy("Do not ask for confirmation (needed when not run in a terminal)."),
        )

    def handle(self, *args, archive: Path, yes: bool, **options) -> None:
        if not archive.is_file():
            raise CommandError(_("There is no file at %(path)s.") % {"path": archive})
        if not yes:
            self._confirm(archive)
        try:
            summary = backup_restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self._report(summary)

    def _confirm(self, archive: Path) -> None:
        # A restore from cron or a script that forgot --yes must not wait for
        # an answer nobody will type, nor take one from piped input.
        if not sys.stdin.isatty():
            raise CommandError(
                _("Nothing was restored: add --yes to restore without a terminal to confirm in.")
            )
        answer = input(
            _(
                "This replaces the whole database and the saved media files with the contents "
                "of %(path)s. Type yes to continue: "
            )
            % {"path": archive}
        )
        if answer.strip().lower() != "yes":
            raise CommandError(_("Nothing was restored."))

    def _report(self, summary: RestoreSummary) -> None:
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                _("Restored the %(vendor)s database saved at %(created)s from %(path)s.")
                % {"vendor": summary.vendor, "created": summary.created_at, "path": summary.archive}
            )
        )
        labels = {
            "pages": _("pages"),
            "revisions": _("page revisions"),
            "images": _("images"),
            "documents": _("documents"),
            "rsvps": _("RSVPs"),
        }
        for key, count in summary.counts.items():
            write(f"  {labels.get(key, key)}: {count}")
        write(f"  {_('media files')}: {summary.media_files}")
