"""Projects (aggregate), events and agreements."""

from kenes.extraction.pipeline import extract


def test_it_reads_an_aggregate_project_statement():
    text = "The partners have implemented 8 joint projects worth $90 million."
    project = extract(text, lang="en").projects[0]
    assert (project.count, project.value, project.unit, project.status) == (8, "90000000", "USD", "implemented")


def test_it_finds_a_planned_event():
    text = "The Central Asian Tourism Forum will be held in Samarkand in October."
    event = extract(text, lang="en").events[0]
    assert event.name == "Central Asian Tourism Forum"
    assert event.status == "planned"


def test_it_splits_agreements_on_two_subjects():
    text = "The ministers signed agreements on customs cooperation and veterinary control in Bishkek."
    titles = [a.title for a in extract(text, lang="en").agreements]
    assert titles == ["agreement on customs cooperation", "agreement on veterinary control"]


def test_it_finds_a_signed_russian_agreement():
    text = "Стороны подписали меморандум о сотрудничестве в сфере туризма."
    agreement = extract(text, lang="ru").agreements[0]
    assert agreement.status == "signed"
    assert agreement.title.startswith("меморандум о сотрудничестве")
