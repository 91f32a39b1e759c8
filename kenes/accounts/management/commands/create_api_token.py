from django.core.management.base import BaseCommand, CommandError

from kenes.accounts.models import User
from kenes.accounts.services import create_api_token


class Command(BaseCommand):
    help = "Create an API token for a user and print its key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        _token, key = create_api_token(user, name)
        self.stdout.write(key)
