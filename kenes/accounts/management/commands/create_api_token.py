from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kenes.accounts.models import ApiToken, User
from kenes.accounts.services import create_api_token, default_token_days


class Command(BaseCommand):
    help = "Create an API token for a user and print its key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ,
                            help="read (the default) or write: whether the token may change records")
        parser.add_argument("--days", type=int, default=None,
                            help=f"how long it lasts (default {default_token_days()}; at most KENES_TOKEN_MAX_DAYS)")

    def handle(self, *args, username, name, scope, days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        try:
            token, key = create_api_token(user, name, scope=scope, days=days)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stderr.write(f"{scope} token, expires {token.expires_at:%Y-%m-%d %H:%M} UTC")
        self.stdout.write(key)
