"""axe-core (shipped inside axe-playwright-python) finds no serious or critical problem on the main pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()


def _serious_violations(page):
    violations = AXE.run(page).response["violations"]
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in violations if violation["impact"] in ("serious", "critical")
    ]


def test_it_passes_axe_on_the_public_pages(page, live_server, directory):
    for path in ["/", "/directory/people/", "/directory/organisations/",
                 directory["tokayev"].get_absolute_url(), directory["kaziss"].get_absolute_url(),
                 "/accounts/login/", "/no-such-page/"]:
        page.goto(live_server.url + path)
        assert _serious_violations(page) == [], path


def test_it_passes_axe_on_the_secretariats_pages_and_forms(page, live_server, directory):
    sign_in(page, live_server, "alice")
    for path in ["/", "/directory/people/", "/directory/organisations/",
                 directory["tokayev"].get_absolute_url(), directory["kaziss"].get_absolute_url(),
                 "/directory/people/new/", "/directory/organisations/new/", "/accounts/"]:
        page.goto(live_server.url + path)
        assert _serious_violations(page) == [], path


def test_it_passes_axe_on_a_form_showing_errors(page, live_server, alice):
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/directory/organisations/new/")
    page.evaluate("document.querySelector('main form[method=post]').noValidate = true")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector(".errorlist")
    assert _serious_violations(page) == []
