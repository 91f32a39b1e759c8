"""The platform core as two secretariat users meet it in a real browser: no lost update,
duplicates warned about and merged (and un-merged), a role deleted and restored, Russian titles."""

import pytest

from kenes.directory import services
from kenes.directory.models import Organization, Person
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_page(new_page):
    return new_page()


def test_it_refuses_the_second_of_two_simultaneous_edits_and_keeps_its_input(page, second_page, live_server,
                                                                            alice, bob, directory):
    person = directory["tokayev"]
    edit = f"{live_server.url}/directory/people/{person.pk}/edit/"
    sign_in(page, live_server, "alice")
    sign_in(second_page, live_server, "bob")
    page.goto(edit)
    second_page.goto(edit)

    page.fill("#id_biography_en", "President of Kazakhstan since 2019.")
    page.fill("#id_aliases", "Toqaev\nТокаева")
    page.click("main form.stacked button[type=submit]")
    page.wait_for_selector("text=Changes saved.")

    second_page.fill("#id_name_uz", "Qasim-Jomart Toqayev")
    second_page.click("main form.stacked button[type=submit]")
    notice = second_page.locator(".notice.conflict")
    notice.wait_for()
    assert "Alice changed this record" in notice.inner_text()
    assert "President of Kazakhstan since 2019." in notice.inner_text()
    assert second_page.input_value("#id_name_uz") == "Qasim-Jomart Toqayev"

    person.refresh_from_db()
    assert person.biography_en == "President of Kazakhstan since 2019."
    assert set(person.aliases.values_list("name", flat=True)) == {"Toqaev", "Токаева"}
    assert person.name_uz == ""


def test_it_warns_about_a_duplicate_organisation_then_merges_and_unmerges_it(page, live_server, alice, directory):
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/directory/organisations/new/")
    page.fill("#id_name_ru", "Казахстанский институт стратегических исследований")
    page.fill("#id_acronym", "КИСИ")
    page.fill("#id_description_ru", "Аналитический центр при Президенте.")
    page.select_option("#id_visibility", "public")
    page.click("main form.stacked button[type=submit]")
    warning = page.locator(".notice.duplicates")
    warning.wait_for()
    assert "Kazakhstan Institute for Strategic Studies" in warning.inner_text()

    page.click("button[name=confirm_new]")
    page.wait_for_selector("h1:has-text('Казахстанский институт')")
    duplicate = Organization.objects.get(acronym="КИСИ")

    page.goto(f"{live_server.url}/directory/organisations/{directory['kaziss'].pk}/")
    page.click("text=Merge a duplicate")
    page.click(f"a[href='?other={duplicate.pk}']")
    page.click("main form.stacked button[type=submit]")
    page.wait_for_selector(".messages >> text=Merged")
    kaziss = Organization.objects.get(pk=directory["kaziss"].pk)
    assert kaziss.description_ru == "Аналитический центр при Президенте."
    assert "КИСИ" in kaziss.aliases.values_list("name", flat=True)

    page.click(".messages button:has-text('Undo')")
    page.wait_for_selector("text=The merge was undone")
    duplicate.refresh_from_db()
    kaziss.refresh_from_db()
    assert duplicate.merged_into is None and kaziss.description_ru == ""


def test_it_deletes_a_role_after_asking_and_restores_it_with_undo(page, live_server, alice, directory):
    sign_in(page, live_server, "alice")
    person_url = f"{live_server.url}/directory/people/{directory['tokayev'].pk}/"
    page.goto(person_url)
    row = page.locator("tr", has_text="Honorary Chair")
    row.locator("text=Remove").click()
    page.wait_for_selector("h1:has-text('Delete')")
    page.click("main button.danger")
    page.wait_for_url(person_url)
    assert "Honorary Chair" not in page.locator("main table").first.inner_text()
    page.click(".messages button:has-text('Undo')")
    page.wait_for_selector("text=Restored")
    page.goto(person_url)
    assert "Honorary Chair" in page.locator("main table").first.inner_text()


def test_it_shows_role_titles_in_russian(page, live_server, alice, directory):
    person = Person.objects.get(pk=directory["tokayev"].pk)
    services.add_membership(alice, person, title_en="President of the Republic of Kazakhstan",
                            title_ru="Президент Республики Казахстан", visibility="public")
    page.goto(f"{live_server.url}/directory/people/{person.pk}/")
    page.select_option("#language", "ru")
    page.wait_for_selector("html[lang=ru]")
    body = page.locator("main").inner_text()
    assert "Президент Республики Казахстан" in body
    assert "President of the Republic of Kazakhstan" not in body
