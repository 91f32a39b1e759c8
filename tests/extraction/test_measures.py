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


def test_it_reads_passive_triggers_and_resolves_russian_surnames():
    text = ("A feasibility study for the Naryn cascade is to be drafted by May. "
            "The reconstruction of the Osh bypass was also discussed.")
    result = extract(text, lang="en")
    assert {(m.text, m.stance) for m in result.measures} >= {
        ("A feasibility study for the Naryn cascade", "planned"),
        ("The reconstruction of the Osh bypass", "discussed")}
    ru = extract("В заседании участвовал министр энергетики Бакыт Осмонов. Осмонов предложил создать общий "
                 "диспетчерский центр. Кроме того, обсуждено создание резерва мощностей.", lang="ru")
    by_text = {m.text: (m.stance, m.proposers) for m in ru.measures}
    assert by_text["создать общий диспетчерский центр"] == ("proposed", ["Бакыт Осмонов"])
    assert by_text["создание резерва мощностей"][0] == "discussed"


def test_it_keeps_noun_coordination_in_one_measure_and_drops_the_next_subject():
    text = ("Ibraimov, Minister of Energy, and Saidov, Minister of Trade, met in Osh. Ibraimov proposed harmonising "
            "fees for coal and cement shipments, and Saidov called for opening a joint trading house.")
    result = extract(text, lang="en")
    texts = [m.text for m in result.measures]
    assert "harmonising fees for coal and cement shipments" in texts
    assert "opening a joint trading house" in texts


def test_it_matches_topics_on_whole_words():
    from kenes.extraction.measures import _topics
    assert "energy" not in _topics("перейти на электронные накладные")
    assert "culture" not in _topics("поставки семян кормовых культур")
    assert "agriculture" not in _topics("building a wind farm near Issyk-Kul")
    assert "energy" in _topics("building a wind farm near Issyk-Kul")
