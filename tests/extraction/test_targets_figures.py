"""Targets with deadlines and figures with periods, as exact decimals."""

from kenes.extraction.pipeline import extract


def test_it_tells_a_target_from_a_figure():
    text = "Trade reached $2.1 billion in 2023. The sides aim to increase trade to $5 billion by 2030."
    result = extract(text, lang="en")
    assert [(f.value, f.unit, f.period) for f in result.figures] == [("2100000000", "USD", "2023")]
    assert [(t.value, t.deadline) for t in result.targets] == [("5000000000", "2030")]


def test_it_reads_russian_targets_and_periods():
    text = "За 2024 год товарооборот составил 185,1 млрд тенге. Стороны намерены увеличить его до 300 млрд тенге."
    result = extract(text, lang="ru")
    assert [(f.value, f.unit, f.period) for f in result.figures] == [("185100000000", "KZT", "2024")]
    assert [t.value for t in result.targets] == ["300000000000"]
