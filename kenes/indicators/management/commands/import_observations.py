"""``kenes manage import_observations FILE``: the import page's check and import, from the command line.

A preview by default; ``--apply`` imports. Exit status 0 when the file is fine (or was
imported), 1 when rows are bad and nothing was written, 2 for a usage error (no such file,
indicator or account, a file that cannot be read).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kenes.core.models import Visibility
from kenes.indicators import importing
from kenes.indicators.models import Indicator, format_value


class Command(BaseCommand):
    help = "Check a CSV or XLSX table of reported figures row by row, print the preview; --apply imports it."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the table: CSV (comma, semicolon or tab) or .xlsx")
        parser.add_argument("--indicator", type=int, help="the indicator every row is for (its number)")
        parser.add_argument("--apply", action="store_true", help="import (without it nothing is written)")
        parser.add_argument("--only-valid", action="store_true", help="import the valid rows even if others are bad")
        parser.add_argument("--visibility", choices=Visibility.values, default=Visibility.INTERNAL,
                            help="visibility of the imported figures (default: internal)")
        parser.add_argument("--as", dest="username", default="", metavar="USERNAME",
                            help="the secretariat account the figures are imported as (needed with --apply)")

    def handle(self, *args, **options):
        indicator, actor = self._indicator(options["indicator"]), None
        if options["apply"]:
            actor = self._actor(options["username"])
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}", returncode=2) from None
        checked = importing.check(content, indicator=indicator)
        if checked.problem:
            raise CommandError(f"{path}: {checked.problem}", returncode=2)
        self._print(checked)
        written = 0
        if options["apply"]:
            try:
                result = importing.apply(actor, checked, only_valid=options["only_valid"],
                                         visibility=options["visibility"])
            except ValidationError as exc:
                self.stderr.write(" ".join(exc.messages))
            else:
                written = result.created
                self.stdout.write(result.message())
        if checked.bad and not written:
            sys.exit(1)

    def _indicator(self, pk):
        if pk is None:
            return None
        indicator = Indicator.objects.live().filter(pk=pk).first()
        if indicator is None:
            raise CommandError(_("There is no indicator %(pk)s.") % {"pk": pk}, returncode=2)
        return indicator

    def _actor(self, username: str):
        from kenes.accounts.models import User

        if not username:
            raise CommandError(_("--apply needs --as USERNAME: the secretariat account the figures are imported "
                                 "as (it signs their history)."), returncode=2)
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not user.is_secretariat:
            raise CommandError(_("%(username)s is not an active secretariat account.") % {"username": username},
                               returncode=2)
        return user

    def _print(self, checked) -> None:
        lines = [(_("row"), _("period"), _("reporter"), _("value"), _("unit"), _("outcome"))]
        for row in checked.rows:
            value = row.data.get("value")
            lines.append((str(row.number), row.data.get("period") or row.cells.get("period") or "",
                          row.party.code if row.party else row.cells.get("party", ""),
                          format_value(value) if value is not None else row.cells.get("value", ""),
                          row.unit, (_("ERROR:") + " " if row.errors else "") + row.describe()))
        widths = [max(len(line[index]) for line in lines) for index in range(5)]
        for line in lines:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False))
                              + "  " + line[5])
        self.stdout.write(checked.summary())
        if checked.ignored:
            self.stdout.write(_("Columns not used:") + " " + ", ".join(checked.ignored))
