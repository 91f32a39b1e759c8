"""Email the weekly digest of overdue and stalled work items to the secretariat (run it weekly from cron)."""

from django.core.management.base import BaseCommand

from kenes.workplan.services import send_digest


class Command(BaseCommand):
    help = "Email the digest of overdue and stalled work-plan items to every secretariat account with an address."

    def handle(self, *args, **options):
        sent = send_digest()
        self.stdout.write(f"digest sent to {sent} account(s)")
