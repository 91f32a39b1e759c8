"""Organisations: generic name patterns, acronyms, stated status, Russian bodies."""

from kenes.extraction.pipeline import extract


def test_it_finds_an_institute_with_its_acronym():
    text = "Experts of the Center for Economic Research under the Ministry of Economy of Tajikistan (CER) met."
    orgs = extract(text, lang="en").organizations
    assert orgs[0].acronym == "CER"
    assert orgs[0].name.startswith("Center for Economic Research")


def test_it_reads_the_stated_status():
    text = "The ministers welcomed the establishment of the Joint Investment Council. Plans are underway for a Council of Transport Ministers."
    status = {o.name: o.status for o in extract(text, lang="en").organizations}
    assert status["Joint Investment Council"] == "established"
    assert status["Council of Transport Ministers"] == "planned"


def test_it_finds_a_russian_body_in_the_nominative():
    text = "Состоялось третье заседание совместной межправительственной комиссии по торговле."
    names = [o.name for o in extract(text, lang="ru").organizations]
    assert names == ["совместная межправительственная комиссия по торговле"]


def test_every_organisation_span_shows_its_name():
    text = "The Ministry of Agriculture of Kyrgyzstan and the National Bank of Tajikistan signed it."
    result = extract(text, lang="en")
    for org in result.organizations:
        assert any(org.name.split()[-1] in text[a:b] for a, b in org.spans)
