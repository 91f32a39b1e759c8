from django.core.management.base import BaseCommand

from kenes.portal import opendata


class Command(BaseCommand):
    help = "Build the portal's open-data files for the data as it is now (they are otherwise built on first request)."

    def handle(self, *args, **options):
        folder = opendata.current(rebuild=True)
        for item in opendata.files(folder):
            self.stdout.write(f"{item['path']}\t{item['size']} bytes")
        self.stdout.write(self.style.SUCCESS(f"Open data built in {folder}"))
