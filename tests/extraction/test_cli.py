"""`kenes extract` as users run it: JSON Lines out, one-line errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kenes.extraction.cli import main

from .documents import make_docx, make_pdf

KENES = Path(sys.executable).with_name("kenes")
ENGLISH = (
    "Astana, 3 April 2022. The ministers of trade met in Astana and agreed to raise "
    "trade to $10 billion by 2030. Trade reached $4.2 billion in 2021.\n"
)


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(KENES), "extract", *args], input=stdin, capture_output=True, timeout=120
    )


def assert_no_traceback(done: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in done.stderr
    assert len(done.stderr.decode().strip().splitlines()) <= 1


def test_it_prints_one_contract_object_per_document(tmp_path):
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text(ENGLISH, encoding="utf-8")
    second.write_text("Министры встретились в Ташкенте 5 марта 2024 года.", encoding="utf-8")
    done = run(str(first), str(second), "--with-text")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == ["one.txt", "two.txt"]
    assert records[0]["schema"] == "kenes.extraction/1"
    assert records[0]["text"] == ENGLISH
    # Cyrillic is written as is, not as \u escapes.
    assert "Министры" in lines[1]


def test_it_reads_standard_input():
    done = run("-", stdin=ENGLISH.encode())
    assert done.returncode == 0
    assert json.loads(done.stdout)["source"] == "stdin"


def test_it_gives_an_empty_result_for_empty_input():
    done = run("-", stdin=b"")
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["people"] == [] and result["figures"] == []


def test_it_reports_binary_garbage_in_one_line_and_goes_on(tmp_path):
    garbage, good = tmp_path / "garbage.bin", tmp_path / "good.txt"
    garbage.write_bytes(bytes(range(256)) * 64)
    good.write_text(ENGLISH, encoding="utf-8")
    done = run(str(garbage), str(good))
    assert done.returncode == 2
    assert done.stderr.decode().startswith(f"kenes extract: {garbage}: looks binary")
    assert_no_traceback(done)
    assert json.loads(done.stdout)["source"] == "good.txt"


def test_it_reports_latin1_text(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Réunion à Tachkent".encode("latin-1"))
    done = run(str(path))
    assert done.returncode == 2
    assert "not UTF-8 text" in done.stderr.decode()
    assert_no_traceback(done)
    assert done.stdout == b""


def test_it_refuses_a_20_megabyte_text_with_one_line(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Trade grew. " * (20 * 1024 * 1024 // 12))
    done = run(str(path))
    assert done.returncode == 2
    assert "over the limit of 10,485,760 bytes" in done.stderr.decode()
    assert_no_traceback(done)
    assert done.stdout == b""


def test_it_lets_the_user_raise_or_lower_the_size_limit(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert main([str(path), "--max-bytes", "100"]) == 2
    assert "over the limit of 100 bytes" in capsys.readouterr().err
    assert main([str(path), "--max-bytes", "1K"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == "note.txt"


def test_it_reports_a_truncated_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    data = make_pdf("The council met in 2024.")
    path.write_bytes(data[: len(data) // 2])
    done = run(str(path))
    assert done.returncode == 2
    assert "truncated" in done.stderr.decode()
    assert_no_traceback(done)


def test_it_reads_html_with_scripts_pdf_and_docx(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(
        "<html><body><script>alert('x')</script><article><p>" + ENGLISH + "</p></article></body></html>",
        encoding="utf-8",
    )
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(make_pdf("Trade reached $4.2 billion in 2021."))
    docx = tmp_path / "minutes.docx"
    docx.write_bytes(make_docx([ENGLISH.strip()], [["Trade", "$4.2 billion"]]))
    done = run(str(html), str(pdf), str(docx), "--with-text")
    assert done.returncode == 0, done.stderr
    texts = [json.loads(line)["text"] for line in done.stdout.decode().splitlines()]
    assert "alert" not in texts[0] and "$10 billion" in texts[0]
    assert "$4.2 billion" in texts[1]
    assert "$4.2 billion" in texts[2]


def test_it_keeps_offsets_into_the_text_it_shows(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>" + ENGLISH + "</p>", encoding="utf-8")
    done = run(str(path), "--with-text")
    result = json.loads(done.stdout)
    for kind in ("people", "organizations", "targets", "figures", "meetings"):
        for record in result[kind]:
            for start, end in record["spans"]:
                assert 0 <= start < end <= len(result["text"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr", "x.txt"], "--lang must be one of en, ru, kk, uz"),
        (["--published", "2024-02-30", "x.txt"], "is not a real date"),
        (["--published", "yesterday", "x.txt"], "--published must be a date"),
        (["--max-bytes", "lots", "x.txt"], "--max-bytes must be a positive number"),
        ([], "required: PATH"),
    ],
)
def test_it_explains_bad_options(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_it_uses_the_given_publication_date_and_language(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text("The ministers met on 3 June.", encoding="utf-8")
    assert main([str(path), "--published", "2022-07-01", "--lang", "en"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["language"] == "en"
    assert result["published"] == "2022-07-01"


def test_it_reports_a_missing_file_and_exits_2(capsys, tmp_path):
    assert main([str(tmp_path / "absent.txt")]) == 2
    assert capsys.readouterr().err.strip() == f"kenes extract: {tmp_path / 'absent.txt'}: no such file"


def test_it_turns_an_unexpected_failure_into_one_line(monkeypatch, capsys, tmp_path):
    import kenes.extraction.pipeline as pipeline

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "extract", broken)
    path = tmp_path / "note.txt"
    path.write_text("text", encoding="utf-8")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"kenes extract: {path}: internal error: ValueError: boom"


def test_it_reads_a_file_whose_name_starts_with_a_dash_and_goes_on(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-x.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ENGLISH, encoding="utf-8")
    assert main(["-x.txt", "b.txt", "--lang", "en"]) == 0
    sources = [json.loads(line)["source"] for line in capsys.readouterr().out.splitlines()]
    assert sources == ["-x.txt", "b.txt"]


def test_it_refuses_a_named_pipe_in_one_line_and_goes_on(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    done = run(str(fifo), str(good))
    assert done.returncode == 2
    assert "pipe.txt: is not a regular file" in done.stderr.decode()
    assert_no_traceback(done)
    assert json.loads(done.stdout)["source"] == "good.txt"


def test_it_stops_a_document_over_its_time_budget_with_one_line(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text("LLP " * 20_000, encoding="utf-8")
    done = run(str(slow), "--time-budget", "0.001")
    assert done.returncode == 2
    assert "slow.txt: extraction stopped after its time budget of 0.001 s" in done.stderr.decode()
    assert_no_traceback(done)


def test_it_refuses_a_compressed_bomb_in_one_line(tmp_path):
    from tests.fuzz.inputs import docx_bomb, pdf_bomb

    (tmp_path / "bomb.pdf").write_bytes(pdf_bomb(20_000_000))
    (tmp_path / "bomb.docx").write_bytes(docx_bomb(10_000_000))
    done = run(str(tmp_path / "bomb.pdf"), str(tmp_path / "bomb.docx"))
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 2 and all("compressed bomb" in line for line in lines)
    assert b"Traceback" not in done.stderr


def test_it_lets_the_user_set_the_text_limit(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text("<p>" + ENGLISH * 20 + "</p>", encoding="utf-8")
    assert main([str(page), "--max-text", "1K"]) == 2
    assert "over the limit of 1,024 characters once unpacked" in capsys.readouterr().err
    assert main([str(page), "--max-text", "1M"]) == 0


@pytest.mark.parametrize("value", ["soon", "-1", "inf", "nan"])
def test_it_explains_a_bad_time_budget(capsys, value):
    assert main(["--time-budget", value, "x.txt"]) == 2
    assert "--time-budget must be a number of seconds" in capsys.readouterr().err
