"""``kenes briefing MEETING --lang en|ru --format pdf|docx [-o FILE]``: a meeting's briefing pack as a file.

The pack is made as the secretariat sees it (``--as`` names another account, whose
view it then holds). Exit status 0 when the file is written, 2 for a usage error, an
unknown meeting or a file that cannot be written — always one line on stderr, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

PROG = "kenes briefing"


class UsageError(Exception):
    """One line on stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print the usage and exit itself
        raise UsageError(message)


def parser() -> argparse.ArgumentParser:
    from kenes.council.briefing import FORMATS, LANGUAGES

    p = _Parser(prog=PROG, description="Write the briefing pack for a meeting: agenda, measures proposed since "
                                       "the last meeting, work plan, decisions, targets, participants.")
    p.add_argument("meeting", metavar="MEETING", help="the meeting's id (the number in its address)")
    p.add_argument("--lang", default="en", choices=LANGUAGES, help="the pack's language (default en)")
    p.add_argument("--format", default="pdf", choices=list(FORMATS), help="pdf or docx (default pdf)")
    p.add_argument("-o", "--output", default="", metavar="FILE",
                   help="where to write it (default: briefing-meeting-ID-DATE-LANG.FORMAT here; - for stdout)")
    p.add_argument("--as", dest="username", default="", metavar="USERNAME",
                   help="make the pack as this account sees it (default: the secretariat's view)")
    return p


def reader(username: str):
    """The account the pack is made for: a named active member or secretariat account, else the secretariat's."""
    from kenes.accounts.models import User

    if not username:
        from kenes.web.demo import _system_user

        return _system_user()
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise UsageError(_("There is no active account %(username)s.") % {"username": username})
    if not user.is_council_member:
        raise UsageError(_("%(username)s is neither a council member nor the secretariat; briefing packs are "
                           "for them.") % {"username": username})
    return user


def write(data: bytes, output: str, stdout) -> str:
    """Write the file (``-`` is stdout); the reason in one line when it cannot be written."""
    if output == "-":
        stream = getattr(stdout, "buffer", stdout)
        stream.write(data)
        stream.flush()
        return "-"
    path = Path(output)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(_("%(path)s cannot be written: %(reason)s") % {
            "path": output, "reason": exc.strerror or exc.__class__.__name__}) from None
    return str(path)


def main(argv: list[str], *, stdout=None, stderr=None) -> int:
    from kenes.documents.cli import _language_from_environment

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    with translation.override(_language_from_environment()):
        return _main(argv, stdout, stderr)


def _main(argv: list[str], stdout, stderr) -> int:
    from django.db import DatabaseError

    from kenes.council import briefing

    try:
        options = parser().parse_args(argv)
        user = reader(options.username)
        try:
            meeting = briefing.find_meeting(user, options.meeting)
        except briefing.NotAvailable:
            raise UsageError(_("There is no meeting %(id)s (or this account may not see it).") % {
                "id": options.meeting}) from None
        with translation.override(options.lang):
            # The command's default account is a technical one: the title page names the secretariat instead.
            for_whom = "" if options.username else _("the secretariat")
        pack = briefing.build(meeting, user, options.lang, prepared_for=for_whom)
        data = briefing.render(pack, options.format)
        written = write(data, options.output or briefing.filename(pack, options.format), stdout)
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    except DatabaseError as exc:
        text = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
        print(f"{PROG}: " + _("the database is not usable: %(reason)s") % {"reason": text}, file=stderr)
        return 2
    if written != "-":
        print(_("Briefing pack written to %(path)s") % {"path": written}, file=stdout)
    return 0
