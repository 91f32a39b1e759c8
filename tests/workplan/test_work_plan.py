"""The work plan: items with who answers on each side, progress updates by the people responsible,
roll-up into the measure, overdue and stalled items, and the spreadsheet import."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kenes.directory import services as directory_services
from kenes.inventory import services as inventory
from kenes.workplan import importing, services
from kenes.workplan.models import WorkItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(alice, inventory, parties):
    isrs = directory_services.create_organization(alice, name_en="Institute for Strategic and Regional Studies",
                                                  acronym="ISRS", party=parties["UZ"], visibility="public")
    body = directory_services.create_organization(alice, name_en="Kazakhstan-Uzbekistan Expert Council",
                                                  kind="council", visibility="public")
    plan = services.create_plan(alice, title_en="Work plan 2025–2026", body=body, period_start="2025",
                                period_end="2026", status="approved", visibility="public")
    return {"plan": plan, "isrs": isrs, "body": body, **inventory}


def _item(alice, plan, parties, measure, **extra):
    return services.create_item(alice, plan=plan["plan"], measure=measure, visibility="public",
                                responsibilities=[{"party": parties["KZ"], "organization": plan["kaziss"]},
                                                  {"party": parties["UZ"], "organization": plan["isrs"]}], **extra)


def test_items_roll_up_into_their_measure_by_weight(alice, plan, parties):
    water = plan["water"]
    first = _item(alice, plan, parties, water, weight=Decimal("3"))
    second_plan = services.create_plan(alice, title_en="Work plan 2027", visibility="public")
    second = services.create_item(alice, plan=second_plan, measure=water, weight=Decimal("1"), visibility="public")
    services.post_update(alice, first, text="Data exchange agreed", percent=40)
    services.post_update(alice, second, text="Started", percent=80)
    water.refresh_from_db()
    assert water.progress == Decimal("50.00")  # (3 × 40 + 1 × 80) ÷ 4
    parts = inventory.parts_of(water)
    assert [(part.weight, part.percent) for part in parts] == [(Decimal("3"), Decimal("40")), (Decimal("1"), Decimal("80"))]
    first.refresh_from_db()
    assert first.status == WorkItem.Status.IN_PROGRESS and first.progress == 40


def test_a_member_of_a_responsible_organisation_may_report_and_others_may_not(alice, mark, rita, plan, parties):
    item = _item(alice, plan, parties, plan["water"])
    with pytest.raises(PermissionDenied):
        services.post_update(mark, item, text="Not mine", percent=10)
    mark.person = directory_services.create_person(alice, name_en="Mark Member", party=parties["KZ"])
    mark.save()
    directory_services.add_membership(alice, mark.person, title_en="Researcher", organization=plan["kaziss"])
    update = services.post_update(mark, item, text="Joint seminar held", percent=25,
                                  evidence_url="https://example.org/seminar")
    assert update.party == parties["KZ"] and update.posted_by == mark
    with pytest.raises(PermissionDenied):
        services.post_update(rita, item, text="Readers cannot", percent=90)
    with pytest.raises(ValidationError):
        services.post_update(alice, item, text="Too much", percent=120)
    with pytest.raises(ValidationError):
        services.post_update(alice, item, text="  ", percent=10)


def test_the_same_measure_is_refused_twice_in_one_plan(alice, plan, parties):
    _item(alice, plan, parties, plan["water"])
    with pytest.raises(ValidationError):
        _item(alice, plan, parties, plan["water"])


def test_overdue_and_stalled_items_are_flagged(alice, plan, parties):
    today = timezone.localdate()
    late = _item(alice, plan, parties, plan["water"], due=today - datetime.timedelta(days=1))
    _item(alice, plan, parties, plan["trade"], due=today + datetime.timedelta(days=30))
    done = services.create_item(alice, plan=plan["plan"], measure=plan["internal"], status="done",
                                due=today - datetime.timedelta(days=90), visibility="public")
    attention = services.attention(alice)
    assert list(attention["overdue"]) == [late]
    assert done.progress == 100
    silent = WorkItem.objects.get(pk=late.pk)
    services.post_update(alice, silent, text="Started", percent=10)
    WorkItem.objects.filter(pk=late.pk).update(
        last_update_at=timezone.now() - datetime.timedelta(days=services.STALLED_AFTER_DAYS + 1))
    assert list(services.attention(alice)["stalled"]) == [late]


def _xlsx(rows) -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("plan.xlsx", data.getvalue())


HEADER = ["Measure", "Status", "Start", "Due", "Weight", "Organisation KZ", "Lead KZ", "Organisation UZ", "Lead UZ"]


def test_import_reports_every_bad_row_and_writes_nothing_until_fixed(alice, plan, parties):
    _item(alice, plan, parties, plan["trade"])
    upload = _xlsx([
        HEADER,
        [plan["water"].title_en, "in progress", datetime.date(2025, 3, 1), datetime.date(2025, 12, 31), 2,
         "KazISS", "Kassym-Jomart Tokayev", "ISRS", None],
        [str(plan["internal"].pk), "halfway", None, None, None, None, None, None, None],
        ["No such measure", None, None, None, None, None, None, None, None],
        [plan["trade"].title_en, None, None, None, None, None, None, None, None],
        [plan["water"].title_en, None, "2031-01-01", None, None, "Ministry of Nowhere", None, None, None],
    ])
    checked = importing.check(plan["plan"], upload)
    reasons = {row.number: " ".join(row.errors) for row in checked.rows}
    assert reasons[2] == ""
    assert "Unknown status" in reasons[3]
    assert "No measure" in reasons[4]
    assert "already in the work plan" in reasons[5]
    assert "twice in the file" in reasons[6] and "outside the plan's period" in reasons[6]
    assert "No organisation “Ministry of Nowhere”" in reasons[6]
    before = WorkItem.objects.count()
    with pytest.raises(ValidationError):
        importing.apply(alice, plan["plan"], checked)
    assert WorkItem.objects.count() == before
    assert importing.apply(alice, plan["plan"], checked, only_valid=True) == 1
    item = WorkItem.objects.get(measure=plan["water"])
    assert (item.status, item.weight, item.due) == ("in_progress", Decimal("2"), datetime.date(2025, 12, 31))
    sides = {row.party.code: (row.organization, row.lead) for row in item.responsibilities.all()}
    assert sides == {"KZ": (plan["kaziss"], plan["tokayev"]), "UZ": (plan["isrs"], None)}


def test_import_refuses_a_file_that_is_not_a_workbook(alice, plan):
    checked = importing.check(plan["plan"], SimpleUploadedFile("plan.xlsx", b"\x00\x01 not a zip"))
    assert checked.problem and not checked.rows
    checked = importing.check(plan["plan"], _xlsx([["Title", "Due"], ["x", None]]))
    assert "measure" in checked.problem


def test_the_weekly_digest_is_emailed_to_the_secretariat_with_something_to_report(alice, bob, plan, parties,
                                                                                  mailoutbox, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    alice.email = "alice@example.org"
    alice.save()
    assert services.send_digest() == 0  # nothing overdue: no email
    _item(alice, plan, parties, plan["water"], due=timezone.localdate() - datetime.timedelta(days=3))
    assert services.send_digest() == 1  # bob has no address
    message = mailoutbox[0]
    assert message.to == ["alice@example.org"]
    assert "Strengthen water and climate security cooperation" in message.body and "/workplan/items/" in message.body
