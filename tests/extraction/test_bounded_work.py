"""Bounded work per document: pathological text finishes with valid output, the budget stops it with a
reason, nothing of a document stays cached after it. (Speed itself is measured by benchmarks/.)"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kenes.extraction.budget import OverBudget, budget_for
from kenes.extraction.pipeline import extract
from kenes.extraction.segment import MAX_SENTENCE, sentences
from kenes.extraction.spans import Cover, whole_words

PATHOLOGICAL = {
    "legal forms": "LLP " * 5_000,
    "triggers": "agreed to establish " * 1_000,
    "one long line": " ".join(["the council and ministry of trade agreed with Kazakhstan on energy"] * 1_500),
    "marks": "!" * 20_000 + "x",
    "initials": "А. Б. " * 4_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_it_finishes_pathological_text_with_spans_in_range(text):
    result = extract(text, lang="en", time_budget=None)
    assert not result.spans_out_of_range(len(text))


def test_no_sentence_is_longer_than_the_cap():
    text = "word, " * 2_000 + "end. " + "x" * 5_000
    spans = sentences(text, "en")
    assert max(b - a for a, b in spans) <= MAX_SENTENCE
    # The pieces cover the text in order, and cut after a comma when there is one.
    assert all(a < b <= c for (a, b), (c, _d) in zip(spans, spans[1:], strict=False))
    assert text[spans[0][1] - 1] == ","


def test_it_stops_over_its_time_budget_with_a_readable_reason():
    with pytest.raises(OverBudget, match=r"^extraction stopped after its time budget of 1e-06 s"):
        extract("The ministers agreed to establish a council. " * 2_000, lang="en", time_budget=0.000001)


def test_the_default_budget_grows_with_the_text():
    assert budget_for("word") == 10.0
    assert budget_for("word " * 1_000_000) == pytest.approx(150.0, rel=0.01)


def test_nothing_of_a_document_stays_cached_after_it():
    from kenes.extraction import en

    extract("Mr. Yerkin Tukumov, Director of KazISS, met the Minister of Trade.", lang="en")
    assert en.tokenize.cache_info().currsize == 0


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=12), st.integers(-5, 90))
def test_cover_answers_as_a_scan_would(raw, pos):
    spans = [(a, a + n) for a, n in raw]
    cover = Cover(spans)
    assert cover.covers(pos) == any(a <= pos < b for a, b in spans)
    assert cover.overlaps(pos, pos + 3) == any(a < pos + 3 and pos < b for a, b in spans)
    assert cover.contains(pos, pos + 2) == any(a <= pos and pos + 2 <= b for a, b in spans)


@given(st.text(alphabet="abАБ-' \n", max_size=60), st.lists(st.text(alphabet="abАБ-'", min_size=1, max_size=3), max_size=4))
def test_whole_words_finds_what_a_search_per_stem_finds(text, stems):
    ending = r"\w{0,3}"
    found = whole_words(text, stems, ending)
    for stem in stems:
        expected = [m.span() for m in re.finditer(r"(?<![\w\-])" + re.escape(stem) + "(?:" + ending + r")(?![\w\-])", text)]
        assert found[stem] == expected
