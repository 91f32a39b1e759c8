"""``kenes reextract``: run the current engine over stored documents, keeping every review decision."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from kenes.documents import services, workers
from kenes.documents.tasks import worker_name


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(value) from None


class Command(BaseCommand):
    help = ("Re-extract documents read by another engine version (or all, or those ingested since a date): "
            "decided mentions stay, only new or changed findings are proposed.")

    def add_arguments(self, parser):
        parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                            help="documents ingested on or after this day, whatever engine read them")
        parser.add_argument("--all", action="store_true", dest="everything", help="every extracted document")

    def handle(self, *args, since, everything, **options):
        documents = list(workers.documents_to_reextract(since=since, everything=everything))
        if not documents:
            self.stdout.write(f"Nothing to re-extract: every document was read by engine {services.ENGINE_VERSION}.")
            return
        worker = worker_name()
        new = failed = 0
        for document in documents:
            outcome = workers.reextract(document, worker)
            if outcome.error:
                failed += 1
                self.stderr.write(f"{document.pk}\t{document}\t{outcome.error}")
            else:
                new += outcome.new
                if options["verbosity"] > 1:
                    self.stdout.write(f"{document.pk}\t{document}\t{outcome.new} new")
        self.stdout.write(f"Re-extracted {len(documents) - failed} document(s) with engine {services.ENGINE_VERSION}: "
                          f"{new} new proposal(s), {failed} failed.")
        if failed:
            raise CommandError(f"{failed} document(s) could not be re-extracted")
