from django.core.management.base import BaseCommand, CommandError

from kenes.accounts import two_factor
from kenes.accounts.models import User


class Command(BaseCommand):
    help = ("Turn off two-factor sign-in for a user who lost both their phone and their recovery codes "
            "(a secretariat account sets it up again at its next sign-in). Recorded as a security event.")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        if two_factor.remove(user, detail="reset from the command line"):
            self.stdout.write(f"two-factor sign-in reset for {username}")
        else:
            self.stdout.write(f"{username} had no two-factor sign-in set up; nothing changed")
