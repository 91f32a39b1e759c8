"""The joint fund in a real browser: the secretariat opens a call, an applicant submits (on a phone), two
experts score while a conflicted third is blocked, the secretariat selects within the budget and publishes,
the selected application becomes a project, and an anonymous visitor sees the published decision only."""

from decimal import Decimal

import pytest

from kenes.fund import services
from kenes.fund.models import Application, Call, Grant
from tests.browser.conftest import sign_in, watch_console
from tests.fund.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fund(alice, parties):
    return build_world(alice, parties, open_call=False)


def _other_application(world):
    """A second, weaker application, so that the budget decides between two."""
    application = services.create_application(
        world["applicant"], call=world["call"], title_en="Roadside cafés survey", summary_en="Demo: a weak one.",
        lead_organization=world["org"]["kz_lab"], partner_organizations=[world["org"]["uz_inst"]],
        requested_amount=Decimal("250000"), duration_months=6)
    return services.submit_application(world["applicant"], application, version=application.version)


def _score(page, live_server, username, relevance, feasibility):
    page.context.clear_cookies()
    sign_in(page, live_server, username)
    page.goto(f"{live_server.url}/fund/reviews/")
    page.get_by_role("link", name="Solar pumps for the Fergana valley").click()
    page.get_by_label("Relevance (0–10)").fill(str(relevance))
    page.get_by_label("Feasibility (0–5)").fill(str(feasibility))
    page.get_by_role("button", name="Submit review").click()
    assert page.get_by_text("Review submitted. Thank you.").is_visible()


def test_a_call_from_opening_to_a_published_decision(new_page, live_server, fund, alice):
    page = new_page(viewport={"width": 1366, "height": 900})
    problems = watch_console(page)
    call = fund["call"]

    # The secretariat opens the call.
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}{call.get_absolute_url()}")
    page.get_by_role("button", name="Set to: Open for applications").click()
    assert Call.objects.get(pk=call.pk).state == Call.State.OPEN

    # An applicant applies on a phone: a draft first, then the reasons, then the submission.
    phone = new_page(viewport={"width": 390, "height": 844})
    phone_problems = watch_console(phone)
    sign_in(phone, live_server, "amir")
    phone.goto(f"{live_server.url}{call.get_absolute_url()}")
    phone.get_by_role("link", name="Apply").click()
    phone.fill("#id_title_en", "Solar pumps for the Fergana valley")
    phone.fill("#id_summary_en", "Demo: solar pumps on farms of both sides.")
    phone.select_option("#id_lead_organization", label="Al-Farabi Kazakh National University (KZ)")
    phone.fill("#id_requested_amount", "200000")
    phone.fill("#id_duration_months", "24")
    phone.get_by_role("button", name="Save draft").click()
    assert phone.get_by_text("Add at least one partner organisation from the other side.").is_visible()
    phone.get_by_role("link", name="Edit").click()
    phone.select_option("#id_partner_organizations", label="Tashkent State Technical University (UZ)")
    phone.get_by_role("button", name="Save draft").click()
    phone.get_by_role("button", name="Submit the application").click()
    assert phone.get_by_text("Your application was submitted.").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    application = Application.objects.get(title_en="Solar pumps for the Fergana valley")
    assert application.state == Application.State.SUBMITTED
    weaker = _other_application(fund)

    # The secretariat closes the call and assigns two experts; the third works at the lead organisation.
    page.goto(f"{live_server.url}{call.get_absolute_url()}")
    page.get_by_role("button", name="Set to: Closed").click()
    page.goto(f"{live_server.url}/fund/applications/{application.pk}/reviewers/")
    blocked = page.locator("tr", has_text="Dana Omarova")
    assert blocked.get_by_text("Blocked").is_visible()
    assert blocked.get_by_role("button", name="Assign").count() == 0
    for name in ("Aigerim Sadykova", "Bakhtiyor Karimov"):
        page.locator("tr", has_text=name).get_by_role("button", name="Assign").click()
    assert application.assignments.count() == 2
    for key in ("aigerim", "bakhtiyor"):
        services.assign_reviewer(alice, weaker, fund["people"][key])

    # Two experts score; the conflicted one has nothing to review and cannot open the review.
    _score(page, live_server, "aigerim", 9, 5)
    _score(page, live_server, "bakhtiyor", 8, 4)
    relevance, feasibility = fund["criteria"]
    for key, assignment in ((k, weaker.assignments.get(reviewer=fund["people"][k])) for k in ("aigerim", "bakhtiyor")):
        services.save_review(fund["reviewers"][key], assignment, scores={relevance: 3, feasibility: 2}, submit=True)
    page.context.clear_cookies()
    sign_in(page, live_server, "dana")
    page.goto(f"{live_server.url}/fund/reviews/")
    assert page.get_by_text("Nothing is assigned to you.").is_visible()
    assert problems == [] and phone_problems == []
    response = page.goto(f"{live_server.url}/fund/reviews/{application.assignments.first().pk}/")
    assert response.status == 403
    problems.clear()  # the refusal just asked for is logged by the browser as a failed load

    # The secretariat selects within a budget that fits one, and publishes.
    page.context.clear_cookies()
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/fund/calls/{call.pk}/selection/")
    page.fill("#id_budget", "300000")
    page.get_by_role("button", name="Run the selection").click()
    chosen = page.locator("tr", has_text="Solar pumps for the Fergana valley")
    assert chosen.get_by_text("Selected").first.is_visible()
    assert page.locator("tr", has_text="Roadside cafés survey").get_by_text("Would have needed").is_visible()
    page.get_by_role("button", name="Publish the decision").click()
    assert Grant.objects.get().application == application
    assert Call.objects.get(pk=call.pk).state == Call.State.PUBLISHED

    # An anonymous visitor sees the published decision, and nothing else of the call's applications.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/fund/decisions/")
    assert page.get_by_role("link", name="Solar pumps for the Fergana valley").is_visible()
    assert page.get_by_text("200,000").or_(page.get_by_text("200000")).first.is_visible()
    assert page.get_by_text("Roadside cafés survey").count() == 0
    # The selected application is now a project of the portfolio.
    page.goto(f"{live_server.url}/projects/")
    assert page.get_by_role("link", name="Solar pumps for the Fergana valley").is_visible()
    assert problems == []
    assert page.goto(f"{live_server.url}/fund/applications/{weaker.pk}/").status == 404
    problems.clear()

    # The secretariat's pages fit a phone's width.
    narrow = new_page(viewport={"width": 390, "height": 844})
    narrow_problems = watch_console(narrow)
    sign_in(narrow, live_server, "alice")
    for path in ("/fund/", fund["fund"].get_absolute_url(), call.get_absolute_url(), f"/fund/calls/{call.pk}/ranking/",
                 f"/fund/calls/{call.pk}/selection/", f"/fund/calls/{call.pk}/applications/",
                 f"/fund/calls/{call.pk}/reviews/", f"/fund/applications/{application.pk}/",
                 f"/fund/applications/{weaker.pk}/reviewers/", "/fund/decisions/"):
        narrow.goto(f"{live_server.url}{path}")
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 390, path
    assert narrow_problems == []
