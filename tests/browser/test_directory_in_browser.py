"""A secretariat user's first morning: sign in, add an organisation and a person with a role,
switch the interface to Russian and read the person's page."""

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_the_secretariat_build_the_directory_and_read_it_in_russian(page, live_server, alice):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator(".account").inner_text().startswith("Alice")

    # An organisation.
    page.goto(f"{live_server.url}/directory/organisations/")
    page.click("text=New organisation")
    page.fill("#id_name_en", "Institute for Water Diplomacy")
    page.fill("#id_name_ru", "Институт водной дипломатии")
    page.fill("#id_acronym", "IWD")
    page.select_option("#id_kind", "think_tank")
    page.select_option("#id_visibility", "public")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Institute for Water Diplomacy')")

    # A person.
    page.goto(f"{live_server.url}/directory/people/new/")
    page.fill("#id_name_en", "Dilnoza Karimova")
    page.fill("#id_name_ru", "Дилноза Каримова")
    page.select_option("#id_visibility", "public")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Dilnoza Karimova')")

    # A role, added through the htmx form on the person's page.
    page.click("#membership-form summary")
    page.fill("#id_title_en", "Senior Fellow")
    page.select_option("#id_organization", label="Institute for Water Diplomacy (IWD)")
    page.fill("#id_start_date", "2024-09")
    page.select_option("#membership-form #id_visibility", "public")
    page.click("#membership-form button[type=submit]")
    page.wait_for_selector("td:has-text('Senior Fellow')")
    person_url = page.url

    # Switch the interface to Russian with the language menu.
    page.select_option("#language", "ru")
    page.wait_for_selector("html[lang=ru]")
    page.goto(person_url)
    assert page.locator("h1").inner_text() == "Дилноза Каримова"
    body = page.locator("main").inner_text()
    assert "Должности во времени" in body
    assert "Senior Fellow" in body
    assert "Институт водной дипломатии" in body
    assert "сентябрь 2024" in body.lower()
    assert page.locator("header nav").inner_text().count("Справочник") == 1


def test_it_shows_an_anonymous_visitor_only_public_people(page, live_server, directory):
    page.goto(f"{live_server.url}/directory/people/")
    body = page.locator("main").inner_text()
    assert "Kassym-Jomart Tokayev" in body
    assert "Ivan Internal" not in body and "Sabina Secret" not in body
    page.fill("main input[name=q]", "Токаев")
    page.wait_for_url("**q=*")
    assert "Kassym-Jomart Tokayev" in page.locator("#results").inner_text()
