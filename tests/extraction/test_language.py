"""Language identification and sentence segmentation, and the evidence of every record."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kenes.extraction.language import detect
from kenes.extraction.pipeline import extract
from kenes.extraction.segment import sentences

SAMPLES = Path(__file__).parent / "samples"


def test_it_tells_the_four_languages_apart():
    assert detect("The ministers discussed trade and transport in Astana.") == "en"
    assert detect("Министры обсудили торговлю и транспорт в Астане.") == "ru"
    assert detect("Қазақстан мен Өзбекстан арасындағы сауда көлемі өсті және бұл жылы екі ел") == "kk"
    assert detect("Oʻzbekiston va Qozogʻiston oʻrtasidagi savdo hajmi oshdi hamda bu yil") == "uz"
    assert detect("Ўзбекистон ва Қозоғистон ўртасидаги савдо ҳажми ошди ҳамда бу йил") == "uz"


def test_it_does_not_end_sentences_at_abbreviations_and_initials():
    text = "Mr. Smith arrived on Jan. 5. К.-Ж. Токаев прибыл в 2024 г. в Ташкент. Next."
    assert [text[a:b] for a, b in sentences(text, "en")] == [
        "Mr. Smith arrived on Jan. 5.", "К.-Ж. Токаев прибыл в 2024 г. в Ташкент.", "Next."]


def test_it_scores_its_own_samples_well_enough():
    from kenes.extraction.schema import RECORD_TYPES

    for txt in SAMPLES.glob("*.txt"):
        text = txt.read_text(encoding="utf-8")
        result = extract(text)
        assert result.language in {"en", "ru"}
        assert sum(len(getattr(result, k)) for k in RECORD_TYPES) >= 8
        assert result.spans_out_of_range(len(text)) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc XYZ Минист.,$1 0бн President of Kazakhstan\n")), max_size=300))
def test_every_span_is_inside_the_text(text):
    result = extract(text)
    assert result.spans_out_of_range(len(text)) == []
