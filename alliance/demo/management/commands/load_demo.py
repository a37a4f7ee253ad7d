from django.core.management.base import BaseCommand

from alliance.demo.loader import DemoNotLoaded, demo_load


class Command(BaseCommand):
    help = "Load the International Migrants Alliance demo content into an empty site (never twice)."

    def handle(self, *args, **options) -> None:
        try:
            home = demo_load()
        except DemoNotLoaded:
            self.stdout.write("The site already has content; the demo content was not loaded.")
            return
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo content: “{home.title}”."))
