"""Every scheduled removal of personal data, as each app declares it for its kinds."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from alliance.core.personal_data import registry


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Read from the registry, so the help names every rule an app declares.
        rules = [kind.retention for kind in registry.kinds() if kind.retention]
        return (
            "Run every scheduled removal of personal data in one go: "
            + "; ".join(rules)
            + ". Prints one line per kind. Run it daily; running it again removes nothing more."
        )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        for kind in registry.kinds():
            for line in kind.expire(now):
                self.stdout.write(line)
