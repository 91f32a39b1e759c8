from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kenes.search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from every registered record (after a restore or an import)."

    def handle(self, *args, **options):
        written = rebuild()
        self.stdout.write(_("Search index rebuilt: %(count)d entries.") % {"count": written})
