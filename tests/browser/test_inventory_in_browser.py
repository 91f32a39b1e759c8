"""The inventory and the work plan as their users meet them in a real browser: the secretariat filters the
inventory to water, opens a measure, adopts it with a reason and adds it to the work plan with a responsible
organisation on each side; a member of one of them reports progress and sees it on the dashboard; an
anonymous visitor sees only what is published."""

import pytest
from playwright.sync_api import expect

from kenes.directory import services as directory_services
from kenes.workplan import services as workplan_services
from kenes.workplan.models import WorkItem
from tests.browser.conftest import sign_in, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(alice, mark, inventory, parties):
    isrs = directory_services.create_organization(alice, name_en="Institute for Strategic and Regional Studies",
                                                  acronym="ISRS", party=parties["UZ"], visibility="public")
    plan = workplan_services.create_plan(alice, title_en="Work plan 2025–2026", period_start="2025",
                                         period_end="2026", status="approved", visibility="public")
    mark.person = directory_services.create_person(alice, name_en="Mark Member", party=parties["KZ"],
                                                   visibility="public")
    mark.save()
    directory_services.add_membership(alice, mark.person, title_en="Researcher", organization=inventory["kaziss"],
                                      visibility="public")
    return {"plan": plan, "isrs": isrs, **inventory}


def test_a_measure_goes_from_the_inventory_through_the_work_plan_to_a_members_progress_report(
        new_page, live_server, council):
    page = new_page(viewport={"width": 1366, "height": 900})
    problems = watch_console(page)
    sign_in(page, live_server, "alice")

    page.goto(f"{live_server.url}/inventory/")
    page.select_option("select[name=topic]", "water")
    results = page.locator("#results")
    # The list is swapped in after the response arrives: wait for the swap, not for the response.
    expect(results.get_by_text("Develop mechanisms to reach $10 billion")).to_have_count(0)
    expect(results.get_by_text("Strengthen water and climate security cooperation")).to_be_visible()
    assert "topic=water" in page.url  # the filtered list has an address of its own, to save or share

    results.get_by_role("link", name="Strengthen water and climate security cooperation").click()
    page.select_option("#id_status", label="Adopted")
    page.fill("#id_reason", "Adopted at the third meeting of the council")
    page.get_by_role("button", name="Change status").click()
    assert page.get_by_text("Status changed to “Adopted”.").is_visible()
    assert page.get_by_text("Status from “Proposed” to “Adopted”").is_visible()

    page.goto(f"{live_server.url}{council['plan'].get_absolute_url()}")
    page.get_by_role("link", name="Add a measure").click()
    page.select_option("#id_measure", label="Strengthen water and climate security cooperation")
    page.fill("#id_due", "2026-06-30")
    page.select_option("#id_org_KZ", label="Kazakhstan Institute for Strategic Studies (KazISS)")
    page.select_option("#id_org_UZ", label="Institute for Strategic and Regional Studies (ISRS)")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Work item created.").is_visible()
    item = WorkItem.objects.get(measure=council["water"])
    assert {row.party.code for row in item.responsibilities.all()} == {"KZ", "UZ"}

    member = new_page(viewport={"width": 390, "height": 844})
    member_problems = watch_console(member)
    sign_in(member, live_server, "mark")
    member.goto(f"{live_server.url}{item.get_absolute_url()}")
    member.fill("#id_text", "Joint seminar on transboundary rivers held in Astana")
    member.fill("#id_percent", "40")
    member.get_by_role("button", name="Post the update").click()
    assert member.get_by_text("Progress update posted.").is_visible()
    member.goto(f"{live_server.url}/")
    mine = member.locator("section.card", has=member.get_by_role("heading", name="My work items"))
    assert mine.get_by_text("Strengthen water and climate security cooperation").is_visible()
    assert mine.locator(".count").first.inner_text() == "40"

    page.goto(f"{live_server.url}/")
    latest = page.locator("section.card", has=page.get_by_role("heading", name="Latest progress"))
    assert latest.get_by_text("Joint seminar on transboundary rivers").is_visible()
    page.goto(f"{live_server.url}{council['water'].get_absolute_url()}")
    # One work item of weight 1 at 40 %: the measure is 40 % done, and the item is listed as its part.
    assert page.locator("#progress + p strong").inner_text() == "40 %"
    assert page.get_by_role("link", name="Work item in Work plan 2025–2026").is_visible()
    assert problems == [] and member_problems == []


def test_an_anonymous_visitor_sees_only_what_is_published(new_page, live_server, council):
    page = new_page()
    problems = watch_console(page)
    page.goto(f"{live_server.url}/inventory/")
    assert page.get_by_text("Strengthen water and climate security cooperation").is_visible()
    assert page.get_by_text("Internal note on transboundary water data").count() == 0
    assert page.get_by_role("link", name="New measure").count() == 0
    page.goto(f"{live_server.url}{council['water'].get_absolute_url()}")
    assert page.get_by_text("Change the status").count() == 0
    assert problems == []
    response = page.goto(f"{live_server.url}{council['internal'].get_absolute_url()}")
    assert response.status == 404  # an internal measure does not exist for a visitor
