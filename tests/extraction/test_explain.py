"""`kenes extract --explain`: each record, the rule that made it and the words that set it off, for a terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from kenes.extraction.cli import main

KENES = [sys.executable, "-m", "kenes", "extract"]
ENGLISH = ("Astana, 3 April 2025. The Minister of Trade of Kazakhstan, Aidar Sembekov, proposed opening a joint "
           "trade house in Tashkent. The ministers agreed to raise trade to $10 billion by 2030.\n")
RUSSIAN = "Министр торговли Казахстана Айдар Сембеков предложил открыть совместный торговый дом в Ташкенте.\n"
CUE = re.compile(r"\"([^\"]*)\" \[(\d+), (\d+)\]")


def _explained(capsys, path, *options) -> list[str]:
    assert main(["--explain", *options, str(path)]) == 0
    return capsys.readouterr().out.splitlines()


def _record(lines: list[str], kind: str, label_part: str) -> tuple[str, str]:
    """(the record's line, its cue line) for the first record of ``kind`` whose line holds ``label_part``."""
    k = next(k for k, line in enumerate(lines) if line.split()[:1] == [kind] and label_part in line)
    return lines[k], lines[k + 1]


def test_it_prints_each_record_with_its_confidence_rule_and_cue_words(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    lines = _explained(capsys, path, "--published", "2025-04-03")
    assert re.fullmatch(rf"{re.escape(str(path))}: en, published 2025-04-03, \d+ records", lines[0])
    person, cues = _record(lines, "person", "Aidar Sembekov")
    assert re.search(r"\s0\.\d\d  en\.people\.title_before_name$", person)
    assert [m.group(1) for m in CUE.finditer(cues)] == ["Minister"]  # the entry of titles.tsv it matched
    measure, cues = _record(lines, "measure", "opening a joint trade house")
    assert measure.endswith("en.measures.proposed_cue")
    assert [m.group(1) for m in CUE.finditer(cues)] == ["proposed"]
    target, cues = _record(lines, "target", "10000000000 USD")
    assert "en.targets." in target and CUE.search(cues)


def test_the_offsets_of_the_cue_words_point_into_the_text(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(ENGLISH + RUSSIAN, encoding="utf-8")
    for text, lang in ((ENGLISH, "en"), (RUSSIAN, "ru")):
        path.write_text(text, encoding="utf-8")
        lines = _explained(capsys, path, "--lang", lang)
        found = [m for line in lines for m in CUE.finditer(line)]
        assert found
        for m in found:
            assert text[int(m.group(2)) : int(m.group(3))] == m.group(1)


def test_it_shows_what_a_new_lexicon_entry_changes(tmp_path):
    document = tmp_path / "note.txt"
    text = "The meeting was opened by Chief Hydrologist Aibek Nurlanov, who presented the spring forecast.\n"
    document.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KENES_LEXICONS"}

    def explained() -> str:
        done = subprocess.run([*KENES, "--explain", str(document)], capture_output=True, text=True, env=env,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Chief Hydrologist" not in explained()
    mine = tmp_path / "lexicons"
    mine.mkdir()
    (mine / "titles.tsv").write_text("en\tchief hydrologist\n", encoding="utf-8")
    env["KENES_LEXICONS"] = str(mine)
    start = text.index("Chief")
    assert f'cue: "Chief Hydrologist" [{start}, {start + len("Chief Hydrologist")}]' in explained()


def test_it_explains_several_documents_one_after_the_other(tmp_path, capsys):
    first, second, empty = tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "empty.txt"
    first.write_text(ENGLISH, encoding="utf-8")
    second.write_text(RUSSIAN, encoding="utf-8")
    empty.write_text("", encoding="utf-8")
    assert main(["--explain", str(first), str(second), str(empty)]) == 0
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert [h.split(":")[0] for h in headers] == [str(first), str(second), str(empty)]
    assert headers[2] == f"{empty}: und, 0 records"
    assert "\n\n" in out  # a blank line between documents
    assert "ru.people.title_before_name" in out


def test_a_record_named_many_times_shows_its_first_cues_and_how_many_more(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text("The Ministry of Energy of Kazakhstan met the Ministry of Energy of Kazakhstan again. " * 7,
                    encoding="utf-8")
    lines = _explained(capsys, path)
    _organization, cues = _record(lines, "organization", "Ministry of Energy")
    assert len(CUE.findall(cues)) == 4 and cues.endswith("; 10 more")
