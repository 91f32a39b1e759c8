"""The quick checks (kenes.extraction.quick) only skip work: whatever the text, a cue found with them is
found without them, and none is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kenes.extraction import lexicons, measures, occasions
from kenes.extraction.quick import Needled, lowered, needles, without_case

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"


def _corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert len(texts) >= 30, f"the shared dev corpus is missing from {CORPUS}"
    return texts


def test_every_cue_found_in_the_corpus_begins_with_one_of_its_needles():
    """The needles are a necessary condition: each match of each measure cue, in every dev document,
    starts with one of them (in the lower-cased text, as the cue ignores case)."""
    checked = 0
    for text in _corpus_texts():
        lower = lowered(text)
        assert lower is not None
        for lang in ("en", "ru"):
            for _stance, _side, rx, _weak in measures._trigger_res(lang):
                found = needles(rx)
                if found is None:
                    continue
                for m in rx.finditer(text):
                    checked += 1
                    assert lower.startswith(found, m.start()), (rx.pattern[:80], m.group(), found)
    assert checked > 100  # the corpus does hold cues: the check checked something


def test_every_kazakh_and_uzbek_cue_found_in_the_corpus_begins_with_one_of_its_needles():
    """The same for the Kazakh and Uzbek measure cues, which are tried only where their needles are."""
    from kenes.extraction.turkic import TurkicRules

    checked = 0
    for text in _corpus_texts():
        flat = lexicons.canon(text)
        lower = lowered(flat)
        for lang in ("kk", "uz"):
            rules = TurkicRules(lang)
            for (_stance, rx), starts in zip(rules._measure_cues, rules._cue_needles, strict=True):
                for m in rx.finditer(flat):
                    checked += 1
                    assert starts is None or starts.match(lower, m.start()), (rx.pattern[:80], m.group())
    assert checked > 20  # the Kazakh and Uzbek documents do hold cues


def test_needles_follow_optional_openings_and_give_up_where_letters_cannot_be_listed():
    assert needles(re.compile(r"(?<![\w\-])(?:(?:also )?(?:discussed|considered))", re.I)) == (
        "also ", "consid", "discus")
    assert needles(re.compile(r"(?:shall|will)(?: also)? take")) == ("shall also", "shall take", "will also", "will take")
    assert needles(re.compile(r"[А-ЯЁ]\w+ встретился", re.I)) is None  # a capital of any letter opens it
    assert needles(re.compile(r"(?:a|an|the)\s+meeting")) is None  # "a" tells nothing
    assert needles(re.compile(r"(?:a|the) meeting")) == ("a meet", "the meet")
    assert needles(re.compile(r"\w*agreed")) is None


def test_without_case_lowers_letters_but_not_escapes_and_keeps_the_matches():
    [plain] = without_case([re.compile(r"(?<!\w)[А-ЯЁ]\w+ (?:Совет|\S+ council)\W", re.I)])
    assert plain.pattern == r"(?<!\w)[а-яё]\w+ (?:совет|\S+ council)\W"
    text = "Заседание Межправительственный Совет. The Joint Intergovernmental Council, and more"
    assert [m.span() for m in plain.finditer(lowered(text))] == [
        m.span() for m in re.finditer(r"(?<!\w)[А-ЯЁ]\w+ (?:Совет|\S+ council)\W", text, re.I)] != []
    # Lower case would change what these mean: they are left to IGNORECASE.
    assert without_case([re.compile(r"met (?-i:[A-Z])", re.I)]) is None
    assert without_case([re.compile(r"(?P<Noun>talks)", re.I)]) is None
    assert without_case([re.compile(r"talks")]) is None  # not IGNORECASE: case already matters


@pytest.mark.parametrize("pattern", [occasions._MET_WITH, *[t[2] for t in measures._trigger_res("ru")[:12]]])
def test_a_needled_search_finds_what_the_pattern_finds_in_every_sentence(pattern):
    checked = Needled(pattern)
    for text in _corpus_texts():
        for start in range(0, len(text), 97):  # windows of all sizes and places
            end = min(len(text), start + 240)
            found, quick = pattern.search(text, start, end), checked.search(text, start, end)
            assert (quick.span() if quick else None) == (found.span() if found else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"metwihMETİıſ hadlsRCpV.", "встретился с ", "Met with ", "held talks with ",
                                 "ПРИНЯЛ ", "rece\u0130ved "]), max_size=30).map("".join))
def test_a_needled_search_loses_nothing_whatever_the_letters(text):
    """Dotted and dotless i, long s, capitals: the needles are read as IGNORECASE reads the pattern."""
    found = occasions._MET_WITH.search(text)
    quick = Needled(occasions._MET_WITH).search(text)
    assert (quick.span() if quick else None) == (found.span() if found else None)
