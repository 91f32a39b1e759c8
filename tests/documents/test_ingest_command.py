"""``kenes ingest``: files and folders, the summary table, --wait, the acting account and exit statuses."""

from __future__ import annotations

import io

import pytest

from kenes.cli import COMMANDS
from kenes.documents import cli
from kenes.documents.models import Document
from kenes.documents.services import IngestOutcome
from tests.documents.samples import ARTICLE, RUSSIAN, TRUNCATED

pytestmark = pytest.mark.django_db


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "deeper").mkdir()
    (tmp_path / "news" / "deeper" / "russian.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "news" / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return tmp_path / "news"


def test_it_is_a_kenes_command():
    assert "ingest" in COMMANDS


def test_it_ingests_a_folder_recursively_as_the_system_account(folder, parties):
    status, out, err = run(str(folder), "--kind", "article", "--party", "kz", "--published", "2025-03")
    assert status == 0, err
    documents = Document.objects.order_by("pk")
    assert documents.count() == 2
    assert {d.original_name for d in documents} == {"article.txt", "russian.txt"}
    assert all(d.kind == "article" and d.published == "2025-03" for d in documents)
    assert [p.code for p in documents[0].parties.all()] == ["KZ"]
    assert documents[0].uploaded_by.username == "demo-loader"
    assert "2 files: 2 new, 0 duplicate, 0 near-duplicate, 0 failed" in out
    assert "article.txt" in out and "russian.txt" in out
    assert "Ingesting" in err  # the progress bar is on stderr, the table on stdout


def test_it_says_which_document_a_copy_repeats(tmp_path, alice):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.txt").write_text(TRUNCATED, encoding="utf-8")
    status, out, _err = run(str(tmp_path), "--as", "alice")
    assert status == 0
    original = Document.objects.get(original_name="a.txt")
    assert original.uploaded_by == alice
    lines = {line.split()[0].rsplit("/", 1)[-1]: line for line in out.splitlines() if ".txt" in line}
    assert " new " in lines["a.txt"]
    assert "duplicate" in lines["b.txt"] and f"#{original.pk}" in lines["b.txt"]
    assert "near-duplicate" in lines["c.txt"] and f"of #{original.pk}" in lines["c.txt"]
    assert "3 files: 1 new, 1 duplicate, 1 near-duplicate, 0 failed" in out


def test_it_exits_1_when_a_file_is_refused_and_says_why(tmp_path, db):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    status, out, _err = run(str(tmp_path))
    assert status == 1
    assert "The document has no text to read." in out
    assert "1 new, 0 duplicate, 0 near-duplicate, 1 failed" in out


@pytest.mark.parametrize("argv, message", [
    (["/no/such/place"], "does not exist"),
    (["{folder}", "--kind", "poem"], "invalid choice"),
    (["{folder}", "--published", "2025-13"], "no month 13"),
    (["{folder}", "--party", "XX"], "Unknown party codes: XX"),
    (["{folder}", "--as", "nobody"], "no active account nobody"),
    (["{folder}", "--as", "rita"], "not a secretariat account"),
    (["{folder}", "--source-url", "not a url"], "not a web address"),
    (["{folder}", "--wait", "--timeout", "0"], "--timeout"),
])
def test_it_exits_2_on_a_usage_error_and_writes_nothing(folder, rita, argv, message):
    status, out, err = run(*[arg.replace("{folder}", str(folder)) for arg in argv])
    assert status == 2
    assert message in err and "Traceback" not in err
    assert not Document.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_waits_for_extraction_and_reports_what_awaits_review(folder):
    # Committed for real, so the (immediate) task queue extracts as a worker would.
    status, out, _err = run(str(folder / "article.txt"), "--wait", "--timeout", "30")
    assert status == 0, out
    assert Document.objects.get().state == Document.State.AWAITING_REVIEW
    assert "1 document is awaiting review." in out


def test_it_reports_documents_still_queued_when_the_wait_ends(folder):
    # No worker runs here (on_commit callbacks are not executed): the document stays queued.
    status, out, _err = run(str(folder / "article.txt"), "--wait", "--timeout", "0.2")
    assert status == 1
    assert "1 document was still being extracted when the wait ended." in out


def test_it_reports_extraction_failures_after_the_wait(folder):
    assert run(str(folder / "article.txt"))[0] == 0
    document = Document.objects.get()
    Document.objects.filter(pk=document.pk).update(state=Document.State.FAILED, failure_reason="engine exploded")
    report = cli.wait_for([IngestOutcome("article.txt", "new", document=document)], timeout=1)
    assert not report.ok
    assert "engine exploded" in cli.wait_summary(report)


def test_it_speaks_the_terminals_language(folder, monkeypatch):
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    status, out, err = run("/no/such/place")
    assert status == 2
    assert "не существует" in err or "does not exist" in err  # the catalogue may not have it yet


def test_it_runs_through_the_kenes_command(folder, capsys):
    from kenes.cli import main as kenes_main

    assert kenes_main(["ingest", str(folder / "article.txt"), "--kind", "article"]) == 0
    assert "1 file: 1 new" in capsys.readouterr().out
    assert Document.objects.get().kind == "article"
