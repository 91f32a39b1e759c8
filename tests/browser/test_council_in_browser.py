"""A council meeting as the secretariats run it in a real browser: schedule the next meeting, build its
agenda from the inventory, record two decisions (one becomes a work item), draft and circulate the
minutes, a member comments, both sides' secretariats approve, the minutes are published, and the
briefing pack downloads."""

import pytest

from kenes.council.models import Decision, Meeting, Minutes
from kenes.directory import services as directory_services
from kenes.workplan import services as workplan_services
from kenes.workplan.models import WorkItem
from tests.browser.conftest import sign_in, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(alice, bob, mark, inventory, parties):
    body = directory_services.create_organization(alice, name_en="Kazakhstan-Uzbekistan Expert Council",
                                                  kind="council", visibility="public")
    plan = workplan_services.create_plan(alice, title_en="Work plan 2025–2026", body=body, status="approved",
                                         visibility="public")
    mark.person = inventory["tokayev"]
    mark.save()
    return {"body": body, "plan": plan, **inventory}


def _sign_out(page, live_server):
    page.context.clear_cookies()


def test_the_secretariats_run_a_meeting_from_agenda_to_published_minutes(new_page, live_server, council, tmp_path):
    page = new_page(viewport={"width": 1366, "height": 900})
    problems = watch_console(page)
    sign_in(page, live_server, "alice")

    # Schedule: the time is typed on Tashkent's clock.
    page.goto(f"{live_server.url}/council/meetings/new/")
    page.fill("#id_title_en", "Third meeting of the Expert Council")
    page.select_option("#id_body", label="Kazakhstan-Uzbekistan Expert Council")
    page.select_option("#id_time_zone", "Asia/Tashkent")
    page.fill("#id_starts_at", "2027-03-12T10:00")
    page.fill("#id_ends_at", "2027-03-12T13:00")
    page.select_option("#id_participants", label="Kassym-Jomart Tokayev")
    page.select_option("#id_visibility", "internal")
    page.get_by_role("button", name="Save").click()
    meeting = Meeting.objects.get(title_en="Third meeting of the Expert Council")
    assert meeting.starts_at.isoformat() == "2027-03-12T05:00:00+00:00"
    assert page.get_by_role("heading", name="Third meeting of the Expert Council").is_visible()

    # The agenda from the inventory.
    page.get_by_role("link", name="Add measures from the inventory").click()
    page.get_by_label("Strengthen water and climate security cooperation").check()
    page.get_by_label("Develop mechanisms to reach $10 billion mutual trade").check()
    page.get_by_role("button", name="Add to the agenda").click()
    agenda = page.locator("#agenda")
    assert agenda.get_by_role("heading", name="Strengthen water and climate security cooperation").is_visible()
    assert agenda.get_by_role("heading", name="Develop mechanisms to reach $10 billion mutual trade").is_visible()

    # Two decisions; the action item becomes a work item.
    for kind, text in (("decision", "Hold the water conference in Tashkent"),
                       ("action", "Prepare a note on transboundary water data")):
        page.get_by_role("link", name="Record a decision").click()
        page.select_option("#id_kind", kind)
        page.fill("#id_text_en", text)
        if kind == "action":
            page.select_option("#id_owner", label="Kassym-Jomart Tokayev")
            page.fill("#id_due", "2027-06-30")
        page.get_by_role("button", name="Save").click()
    row = page.locator("tr", has_text="Prepare a note on transboundary water data")
    row.get_by_role("link", name="Make it a work item").click()
    page.get_by_role("button", name="Create the work item").click()
    assert page.get_by_text("The decision is now a work item.").is_visible()
    item = WorkItem.objects.get()
    assert Decision.objects.get(text_en="Prepare a note on transboundary water data").work_item == item

    # Minutes: drafted from the agenda, circulated.
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("button", name="Draft the minutes from the agenda").click()
    assert page.get_by_text("Hold the water conference in Tashkent").is_visible()
    page.get_by_role("button", name="Circulate to the participants").click()
    assert page.get_by_text("The minutes were circulated to the participants.").is_visible()

    # A member who took part comments.
    _sign_out(page, live_server)
    sign_in(page, live_server, "mark")
    page.goto(f"{live_server.url}/council/meetings/{meeting.pk}/minutes/")
    page.fill("#id_text", "Please add that the chair thanked both institutes.")
    page.get_by_role("button", name="Send the comment").click()
    assert page.get_by_text("Your comment was sent to the secretariat.").is_visible()

    # The Kazakh side resolves it and approves; the Uzbek side approves; then it is published.
    _sign_out(page, live_server)
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/council/meetings/{meeting.pk}/minutes/")
    page.select_option("select[name=resolution]", "noted")
    page.get_by_role("button", name="Resolve").click()
    page.get_by_role("button", name="Approve for Kazakhstan").click()
    assert page.get_by_text("Your side's approval is recorded.").is_visible()
    _sign_out(page, live_server)
    sign_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/council/meetings/{meeting.pk}/minutes/")
    page.get_by_role("button", name="Approve for Uzbekistan").click()
    assert page.get_by_text("Approved by both sides: the minutes are locked.").is_visible()
    page.get_by_role("button", name="Publish").click()
    assert Minutes.objects.get(meeting=meeting).state == "published"

    # The briefing pack downloads.
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_text("Briefing pack").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF · English").click()
    path = tmp_path / "pack.pdf"
    download.value.save_as(path)
    assert path.read_bytes()[:5] == b"%PDF-"
    assert problems == []
