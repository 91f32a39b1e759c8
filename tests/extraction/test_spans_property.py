"""Whatever the text, every span the engine returns lies inside it, and nothing raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kenes.extraction.dates import find_dates
from kenes.extraction.money import find_quantities
from kenes.extraction.pipeline import extract

# Text biased towards what the rules look at: numbers, currencies, months, names.
FRAGMENTS = st.sampled_from([
    "$", "1", "10", "1,5", "4.4", " ", "\n", ".", ",", "-", "–", "%", "млрд", "billion",
    "долларов", "тенге", "more than", "свыше", "August", "августа", "2024", "28", "года",
    "President", "Президент", "Tokayev", "Токаев", "Kazakhstan", "agreed", "договорились",
    "Minister", "Council", "Совет", "\u00a0", "\ufeff", "\r\n", "Ә", "ў", "soʻm", "mlrd",
])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(FRAGMENTS, max_size=80).map("".join),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=60).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, lang=st.sampled_from([None, "en", "ru", "kk", "uz"]))
def test_it_keeps_every_span_of_a_result_inside_the_text(text, lang):
    result = extract(text, lang=lang, published="2024-08-28")
    assert result.spans_out_of_range(len(text)) == []


@settings(max_examples=200, deadline=None)
@given(text=TEXTS, lang=st.sampled_from(["en", "ru", "kk", "uz"]))
def test_it_keeps_quantities_and_dates_in_range_sorted_and_apart(text, lang):
    for found in (find_quantities(text, lang), find_dates(text, lang, "2024-08-28"),
                  find_dates(text, lang)):
        for item in found:
            assert 0 <= item.start < item.end <= len(text)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    for quantity in find_quantities(text, lang):
        assert quantity.start <= quantity.number_start < quantity.number_end <= quantity.end
