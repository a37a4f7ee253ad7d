import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alliance.wordpress.importer import ImportRefused, wordpress_import


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR): posts become statements, pages become pages, "
        "The Events Calendar's events become events; old addresses redirect to the new pages. "
        "Running it again on the same file updates what it imported and creates no duplicates."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "file", type=Path, help="The .xml export (Tools › Export in WordPress)."
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of wp-content/uploads; attachments are read from here, never downloaded.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )
        parser.add_argument(
            "--menu",
            metavar="SLUG",
            help="The WordPress menu to show as the site's menu (by default the one with the "
            "most top-level pages).",
        )
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            metavar="CATEGORY=KIND",
            help="Map a WordPress category slug to a statement kind, e.g. press=press_release.",
        )

    def handle(self, *args, file: Path, media_dir, dry_run, kind, menu, **options) -> None:
        kind_map = {}
        for pair in kind:
            category, _, statement_kind = pair.partition("=")
            if not category or not statement_kind:
                raise CommandError(f"--kind expects CATEGORY=KIND, not {pair!r}.")
            kind_map[category] = statement_kind
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"The media folder {media_dir} does not exist.")
        if not file.is_file():
            raise CommandError(f"There is no file at {file}.")
        try:
            report = wordpress_import(
                file,
                media_dir=media_dir,
                dry_run=dry_run,
                kind_map=kind_map,
                menu=menu,
                on_progress=self._progress,
            )
        except ImportRefused as error:
            self._end_progress()
            raise CommandError(f"Nothing was imported: {error}") from None
        self._end_progress()
        self._summary(report)

    def _progress(self, stage: str, fraction: float) -> None:
        if not sys.stderr.isatty():
            return
        width = 30
        done = int(fraction * width)
        sys.stderr.write(f"\r{stage:<9} [{'#' * done}{'.' * (width - done)}] {fraction:4.0%}")
        sys.stderr.flush()

    def _end_progress(self) -> None:
        if sys.stderr.isatty():
            sys.stderr.write("\n")

    def _summary(self, report) -> None:
        write = self.stdout.write
        if report.dry_run:
            write(self.style.WARNING("Dry run: nothing was saved."))
        for warning in report.warnings:
            write(self.style.WARNING(warning))
        counts = report.summary()
        write(
            "Imported {imported}, updated {updated}, unchanged {unchanged}, skipped {skipped}, "
            "conflicts {conflict}, failed {failed}.".format(**counts)
        )
        write(
            f"Redirects: {report.redirects}. Internal links rewritten: {report.links_rewritten}. "
            f"Comments not imported: {report.comments}. "
            f"Unsafe HTML removed: {report.unsafe_removed}."
        )
        if report.sticky:
            write(f"Sticky in WordPress: {', '.join(report.sticky)}")
        if report.shortcodes:
            removed = ", ".join(f"[{name}] ×{n}" for name, n in report.shortcodes.most_common())
            write(f"Shortcodes removed: {removed}")
        if report.missing_media:
            write(f"Media files not found: {len(report.missing_media)}")
        for detail in report.details():
            write(detail)
        for line in report.lines:
            if line.outcome in ("failed", "conflict", "skipped") or line.reason:
                title = line.title[:60]
                write(f"  {line.outcome:<9} {line.kind:<10} #{line.wp_id} {title}: {line.reason}")
