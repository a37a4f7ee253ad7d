import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create an administrator account with a generated password, printed once. "
        "Administrators can create editor and moderator accounts under Settings › Users."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin", help="Account name (default: admin).")
        parser.add_argument("--email", default="", help="E-mail address for password resets.")

    def handle(self, *args, username: str, email: str, **options) -> None:
        User = get_user_model()  # noqa: N806
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The account “{username}” already exists. To set a new password: "
                f"python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created the administrator “{username}”."))
        self.stdout.write(f"Password (shown only now, write it down): {password}")
