"""``kenes ingest PATH…``: files and folders in, through ``services.ingest``, with a closing summary.

Thin over plain functions (``collect_files``, ``ingest_files``, ``wait_for``, ``summary``) that the
tests call directly. Exit status: 0 when nothing failed, 1 when a file was refused (or, with
``--wait``, a document failed extraction or did not finish in time), 2 for a usage or configuration
error. Never a traceback: the person at the terminal cannot act on one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PROG = "kenes ingest"
# Still being worked on: --wait waits until none of the new documents is in one of these.
PENDING_STATES = ("queued", "extracting")
NAME_WIDTH = 48
DOCUMENT_WIDTH = 40


class UsageError(Exception):
    """Wrong arguments or configuration: one line on stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print and sys.exit(2) itself
        raise UsageError(message)


def parser() -> argparse.ArgumentParser:
    from kenes.documents.models import Document

    p = _Parser(prog=PROG, description="Ingest documents (.txt, .html, .pdf, .docx) into Kenes: files, "
                                       "or folders searched recursively. Each new document is queued for extraction.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a document, or a folder of documents")
    p.add_argument("--title", default="", help="the title of every document given (default: its first line)")
    p.add_argument("--kind", default="", choices=Document.Kind.values, help="what kind of document they are")
    p.add_argument("--visibility", default="internal", choices=["public", "internal", "restricted"],
                   help="who may read them (default internal)")
    p.add_argument("--published", default="", metavar="YYYY-MM-DD",
                   help="their publication date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--source-url", default="", metavar="URL", help="where they were published")
    p.add_argument("--party", action="append", default=[], metavar="CODE",
                   help="a party they concern, by code (KZ, UZ); repeat for several")
    p.add_argument("--language", default="", choices=["", "en", "ru", "kk", "uz"],
                   help="their language (default: detected)")
    p.add_argument("--as", dest="username", default="", metavar="USERNAME",
                   help="the secretariat account they are ingested as (default: the system account)")
    p.add_argument("--wait", action="store_true", help="wait until every new document is extracted")
    p.add_argument("--timeout", type=float, default=600.0, metavar="S",
                   help="with --wait, give up after S seconds (default 600)")
    return p


# --- the pieces ----------------------------------------------------------------------------

def collect_files(paths: list[str]) -> list[Path]:
    """The files named and those inside the folders named (recursively, hidden ones left out), in order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
                found.extend(Path(folder) / name for name in sorted(names) if not name.startswith("."))
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise UsageError(_("%(path)s is neither a file nor a folder.") % {"path": raw})
        else:
            raise UsageError(_("%(path)s does not exist.") % {"path": raw})
    # The same file named twice (a file and its folder) is ingested once.
    return list(dict.fromkeys(found))


def acting_user(username: str = ""):
    """The secretariat account named, or the system account the demo also writes as."""
    from kenes.accounts.models import User

    if not username:
        from kenes.web.demo import _system_user

        return _system_user()
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise UsageError(_("There is no active account %(username)s.") % {"username": username})
    if not user.is_secretariat:
        raise UsageError(_("%(username)s is not a secretariat account; only the secretariat can ingest documents.")
                         % {"username": username})
    return user


def parties_for(codes: list[str]) -> list:
    from kenes.directory.models import Party

    wanted = [code.strip().upper() for code in codes if code.strip()]
    found = {party.code: party for party in Party.objects.filter(code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise UsageError(_("Unknown party codes: %(codes)s") % {"codes": ", ".join(missing)})
    return [found[code] for code in dict.fromkeys(wanted)]


def check_published(value: str) -> str:
    from django.core.exceptions import ValidationError

    from kenes.core.dates import validate_partial_date

    try:
        validate_partial_date(value.strip())
    except ValidationError as exc:
        raise UsageError("--published: " + " ".join(exc.messages)) from None
    return value.strip()


def ingest_file(actor, path: Path, **metadata):
    """One file through ``services.ingest``; a file too large is refused before it is read."""
    from kenes.documents import services

    limit = services.max_upload_bytes()
    try:
        if path.stat().st_size > limit:
            return services.IngestOutcome(path.name, "failed", reason=_("The file is larger than %(limit)s MB.")
                                          % {"limit": limit // (1024 * 1024)})
        data = path.read_bytes()
    except OSError as exc:
        return services.IngestOutcome(path.name, "failed", reason=_("The file cannot be read: %(reason)s")
                                      % {"reason": exc.strerror or exc})
    return services.ingest(actor, data, name=path.name, **metadata)


def ingest_files(actor, files: list[Path], *, progress=None, **metadata) -> list:
    """Every file in turn; one that breaks is reported as failed and the others still run."""
    from django.core.exceptions import ValidationError

    from kenes.documents import services

    outcomes = []
    items = files
    if progress is not None:
        from tqdm import tqdm

        items = tqdm(files, file=progress, unit=_("file"), desc=_("Ingesting"), leave=False, dynamic_ncols=True)
    for path in items:
        try:
            outcome = ingest_file(actor, path, **metadata)
        except ValidationError as exc:
            outcome = services.IngestOutcome(path.name, "failed", reason=" ".join(exc.messages))
        except Exception as exc:  # a database hiccup on one file must not lose the report on the others
            text = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
            outcome = services.IngestOutcome(path.name, "failed", reason=text[:300])
        outcome.details["path"] = str(path)
        outcomes.append(outcome)
    return outcomes


@dataclass
class WaitReport:
    awaiting_review: int = 0
    reviewed: int = 0
    still_pending: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # [(document, reason)]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.still_pending


def wait_for(outcomes: list, *, timeout: float = 600.0, poll: float = 0.5, clock=time.monotonic,
             sleep=time.sleep) -> WaitReport:
    """Wait until no new document is queued or extracting (or ``timeout`` passes); what became of them."""
    from kenes.documents.models import Document

    ids = [o.document.pk for o in outcomes if o.status == "new" and o.document is not None]
    deadline = clock() + timeout
    while True:
        documents = list(Document.objects.filter(pk__in=ids).order_by("pk"))
        pending = [d for d in documents if d.state in PENDING_STATES]
        if not pending or clock() >= deadline:
            break
        sleep(poll)
    return WaitReport(
        awaiting_review=sum(1 for d in documents if d.state == Document.State.AWAITING_REVIEW),
        reviewed=sum(1 for d in documents if d.state == Document.State.REVIEWED),
        still_pending=pending,
        failed=[(d, d.failure_reason) for d in documents if d.state == Document.State.FAILED],
    )


def status_label(status: str) -> str:
    return {"new": _("new"), "duplicate": _("duplicate"), "near_duplicate": _("near-duplicate"),
            "failed": _("failed")}.get(status, status)


def _cut(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _cut_path(text: str, width: int) -> str:
    # The end of a path names the file: cut from the left.
    return text if len(text) <= width else "…" + text[-(width - 1):]


def _document_cell(outcome) -> str:
    document = outcome.original if outcome.status in {"duplicate", "near_duplicate"} else outcome.document
    if document is None:
        return ""
    return f"#{document.pk} {document}"


def _note(outcome) -> str:
    if outcome.status == "near_duplicate":
        return _("copy #%(id)s of #%(original)s (%(share)s%% contained)") % {
            "id": outcome.document.pk, "original": outcome.original.pk, "share": round((outcome.similarity or 0) * 100)}
    if outcome.status == "duplicate":
        return _("same text as #%(id)s; nothing changed") % {"id": outcome.original.pk}
    if outcome.status == "failed":
        return outcome.reason
    return ""


def summary(outcomes: list) -> str:
    """One line per file (what became of it, which document, why), then the totals."""
    headers = [_("File"), _("Result"), _("Document"), _("Note")]
    rows = [[_cut_path(o.details.get("path", o.name), NAME_WIDTH), status_label(o.status),
             _cut(_document_cell(o), DOCUMENT_WIDTH), " ".join(_note(o).split())] for o in outcomes]
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(3)]
    lines = []
    for row in [headers, *rows]:
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row[:3], widths, strict=True))
                     + "  " + str(row[3]))
    lines.insert(1, "  ".join("-" * width for width in widths) + "  " + "-" * len(headers[3]))
    lines.append("")
    lines.append(totals(outcomes))
    return "\n".join(line.rstrip() for line in lines)


def totals(outcomes: list) -> str:
    count = {status: sum(1 for o in outcomes if o.status == status)
             for status in ("new", "duplicate", "near_duplicate", "failed")}
    files = ngettext("%(count)s file", "%(count)s files", len(outcomes)) % {"count": len(outcomes)}
    return _("%(files)s: %(new)s new, %(duplicate)s duplicate, %(near)s near-duplicate, %(failed)s failed") % {
        "files": files, "new": count["new"], "duplicate": count["duplicate"],
        "near": count["near_duplicate"], "failed": count["failed"]}


def wait_summary(report: WaitReport) -> str:
    lines = [ngettext("%(count)s document is awaiting review.", "%(count)s documents are awaiting review.",
                      report.awaiting_review) % {"count": report.awaiting_review}]
    for document, reason in report.failed:
        lines.append(_("Extraction failed for #%(id)s %(title)s: %(reason)s")
                     % {"id": document.pk, "title": _cut(str(document), DOCUMENT_WIDTH), "reason": reason})
    if report.still_pending:
        lines.append(ngettext("%(count)s document was still being extracted when the wait ended.",
                              "%(count)s documents were still being extracted when the wait ended.",
                              len(report.still_pending)) % {"count": len(report.still_pending)})
    return "\n".join(lines)


# --- the command ---------------------------------------------------------------------------

def _language_from_environment() -> str:
    """The terminal's language (LANG=ru_RU.UTF-8 → ru) when Kenes speaks it, else English."""
    from django.conf import settings

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        code = os.environ.get(name, "").split(".")[0].split("_")[0].lower()
        if code:
            return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def main(argv: list[str], *, stdout=None, stderr=None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    with translation.override(_language_from_environment()):
        return _main(argv, stdout, stderr)


def _main(argv: list[str], stdout, stderr) -> int:
    from django.db import DatabaseError

    try:
        options = parser().parse_args(argv)
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        if options.timeout <= 0:
            raise UsageError(_("--timeout must be more than 0 seconds."))
        files = collect_files(options.paths)
        actor = acting_user(options.username)
        metadata = {
            "title": options.title, "kind": options.kind, "visibility": options.visibility,
            "published": check_published(options.published), "source_url": options.source_url.strip(),
            "parties": parties_for(options.party), "language": options.language,
        }
        if metadata["source_url"]:
            from django.core.exceptions import ValidationError
            from django.core.validators import URLValidator

            try:
                URLValidator()(metadata["source_url"])
            except ValidationError:
                raise UsageError(_("--source-url is not a web address.")) from None
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=stderr)
        return 2
    except DatabaseError as exc:
        print(f"{PROG}: " + _("the database is not usable: %(reason)s") % {"reason": _first_line(exc)}, file=stderr)
        return 2
    if not files:
        print(f"{PROG}: " + _("no files found in %(paths)s") % {"paths": " ".join(options.paths)}, file=stderr)
        return 2

    outcomes = ingest_files(actor, files, progress=stderr, **metadata)
    print(summary(outcomes), file=stdout)
    failed = any(o.status == "failed" for o in outcomes)
    if options.wait and any(o.status == "new" for o in outcomes):
        report = wait_for(outcomes, timeout=options.timeout)
        print("", file=stdout)
        print(wait_summary(report), file=stdout)
        failed = failed or not report.ok
    return 1 if failed else 0


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
