"""Every record says which rule produced it, from which words, and how sure the engine is."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kenes.extraction import provenance
from kenes.extraction.pipeline import extract

HERE = Path(__file__).parent
REGRESSION_SETS = sorted(HERE.glob("heldout*")) + [HERE / "samples"]
KENES = [sys.executable, "-m", "kenes", "extract"]
RULE = re.compile(r"(?:en|ru|kk|uz)\.(?P<kind>[a-z]+)\.[a-z_]+")


def _by_name(result, kind, name):
    return next(r for r in getattr(result, kind) if name in (getattr(r, "name", None) or getattr(r, "text", "")))


@pytest.mark.parametrize("folder", REGRESSION_SETS, ids=lambda p: p.name)
def test_it_stamps_every_record_of_the_regression_samples(folder):
    texts = sorted(folder.glob("*.txt"))
    assert texts, folder
    for path in texts:
        text = path.read_text(encoding="utf-8")
        result = extract(text)
        for kind, record in result.records():
            found = RULE.fullmatch(record.rule or "")
            assert found and found.group("kind") == kind, (path.name, kind, record.rule)
            assert provenance.FLOOR <= record.confidence <= provenance.CEILING
            assert record.cues, (path.name, record.rule)
            assert all(0 <= a < b <= len(text) for a, b in record.cues)


def test_it_puts_rule_and_confidence_in_the_json_but_not_the_cues():
    text = "The Minister of Trade of Kazakhstan, Aidar Sembekov, proposed opening a joint trade house.\n"
    data = extract(text).to_json_dict()
    person = data["people"][0]
    assert person["rule"] == "en.people.title_before_name"
    assert 0 < person["confidence"] <= 1
    assert "cues" not in person
    # What a record is comes first, where it was read and how last.
    assert list(person)[-3:] == ["spans", "rule", "confidence"]


def test_a_titled_known_person_is_surer_than_a_bare_capitalised_name():
    result = extract("President Kassym-Jomart Tokayev received the delegation. "
                     "Aidar Sembekov and Nurlan Bekzhanov were also in Astana.\n")
    titled = _by_name(result, "people", "Tokayev")
    bare = _by_name(result, "people", "Sembekov")
    assert titled.rule == "en.people.title_before_name"
    assert bare.rule in {"en.people.given_name", "en.people.surname_ending"}
    assert titled.confidence > bare.confidence + 0.1


def test_a_measure_after_a_strong_cue_is_surer_than_after_a_weak_one():
    result = extract("The ministers agreed to build a new border crossing point near the river. "
                     "The talks also focused on building a new logistics centre near the border.\n")
    strong = _by_name(result, "measures", "crossing")
    weak = _by_name(result, "measures", "logistics")
    assert strong.rule == "en.measures.agreed_cue" and weak.rule == "en.measures.weak_discussed_cue"
    assert strong.confidence > weak.confidence


def test_the_cues_are_the_words_that_set_the_rule_off():
    text = "The ministers agreed to build a new border crossing point near the river.\n"
    measure = extract(text).measures[0]
    assert [text[a:b] for a, b in measure.cues] == ["agreed to"]


def test_the_most_specific_row_of_the_table_wins():
    assert provenance.base("en.people.title_before_name") == provenance.base("people.title_before_name")
    assert provenance.base("xx.people.a_rule_nobody_wrote") == provenance.base("people")
    assert provenance.base("xx.nothing.at_all") == provenance.base("*")
    # Signals move the number, within bounds.
    plain = provenance.confidence("en.people.given_name")
    assert provenance.confidence("en.people.given_name", {"one_word_name"}) < plain
    assert provenance.confidence("en.people.gazetteer", {"known_person", "has_role", "repeated"}) <= provenance.CEILING


def _extract_with(tmp_path, table: str) -> subprocess.CompletedProcess:
    mine = tmp_path / "lexicons"
    mine.mkdir(exist_ok=True)
    (mine / "confidence.tsv").write_text(table, encoding="utf-8")
    document = tmp_path / "note.txt"
    document.write_text("The ministers agreed to build a new border crossing point near the river.\n", encoding="utf-8")
    env = {**os.environ, "KENES_LEXICONS": str(mine)}
    return subprocess.run([*KENES, str(document)], capture_output=True, text=True, env=env, timeout=60)


def test_a_users_table_changes_a_rules_confidence(tmp_path):
    done = _extract_with(tmp_path, "# ours\nen.measures.agreed_cue\t0.5\twe check every one\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["measures"][0]["confidence"] == 0.5


def test_a_broken_users_table_is_named_by_file_and_line(tmp_path):
    done = _extract_with(tmp_path, "# ours\nen.measures.agreed_cue\tsure\n")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == (f"kenes extract: lexicon {tmp_path / 'lexicons' / 'confidence.tsv'} line 2: "
                                   "expected a rule, a tab and a number")
