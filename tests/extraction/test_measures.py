"""Measures: triggers, coordination split, stance, proposers, topics."""

from kenes.extraction.pipeline import extract


def test_it_splits_coordinated_proposals_and_names_the_proposer():
    text = ("The Rector of the Eurasian University, Aliya Bekova, spoke. "
            "Aliya Bekova proposed opening joint master's programmes and establishing a student exchange fund.")
    measures = extract(text, lang="en").measures
    assert [m.text for m in measures] == ["opening joint master's programmes",
                                          "establishing a student exchange fund"]
    assert all(m.stance == "proposed" and m.proposers == ["Aliya Bekova"] for m in measures)
    assert "education" in measures[0].topics


def test_it_gives_a_passive_suggestion_to_the_last_speaker():
    text = "Director Timur Nazarov presented the report. It was suggested to hold an annual energy dialogue."
    measure = extract(text, lang="en").measures[0]
    assert measure.proposers == ["Timur Nazarov"]
    assert "energy" in measure.topics


def test_it_reads_russian_agreements_with_their_stance():
    text = "Стороны договорились открыть новые авиарейсы и провести форум регионов в 2026 году."
    measures = extract(text, lang="ru").measures
    assert [m.stance for m in measures] == ["agreed", "agreed"]
    assert measures[0].text.startswith("открыть новые авиарейсы")
