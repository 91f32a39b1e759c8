"""People with their titles, in English and Russian, from examples written for these tests."""

from kenes.extraction.pipeline import extract


def _people(text, lang):
    return {p.name: p for p in extract(text, lang=lang).people}


def test_it_reads_title_and_organisation_from_an_apposition():
    text = ("The Director of the Institute for Regional Studies under the Government of Kyrgyzstan, "
            "Almaz Sultanov, opened the session. Sultanov thanked the guests.")
    people = _people(text, "en")
    assert list(people) == ["Almaz Sultanov"]
    role = people["Almaz Sultanov"].roles[0]
    assert role.title == "Director"
    assert role.organization.startswith("Institute for Regional Studies")
    assert len(people["Almaz Sultanov"].spans) == 2  # the surname alone is the same person


def test_it_keeps_a_portfolio_in_the_title_and_finds_the_country():
    text = "Uzbek Minister of Energy Jurabek Mirzamakhmudov met Minister Saidov in Tashkent."
    person = _people(text, "en")["Jurabek Mirzamakhmudov"]
    assert person.roles[0].title == "Minister of Energy"
    assert person.country == "UZ"


def test_it_gives_two_titles_to_one_person():
    text = "Kazakhstan’s Deputy Prime Minister and Minister of Finance, Serik Zhumangarin, spoke first."
    titles = [r.title for r in _people(text, "en")["Serik Zhumangarin"].roles]
    assert titles == ["Deputy Prime Minister", "Minister of Finance"]


def test_it_reduces_russian_names_to_the_nominative():
    text = "Состоялась встреча министра энергетики Казахстана Алмасадама Саткалиева и Шавката Мирзиёева."
    people = _people(text, "ru")
    assert "Шавкат Мирзиёев" in people
    assert any(name.endswith("Саткалиев") for name in people)


def test_it_gives_one_title_to_two_named_presidents():
    text = "Президенты Касым-Жомарт Токаев и Шавкат Мирзиёев подписали заявление."
    people = _people(text, "ru")
    assert {r.title for p in people.values() for r in p.roles} == {"президент"}
    assert set(people) == {"Касым-Жомарт Токаев", "Шавкат Мирзиёев"}


def test_it_finds_nobody_in_text_without_people():
    assert extract("Trade grew in the first quarter of the year.", lang="en").people == []
