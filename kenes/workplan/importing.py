"""Import of work items from a spreadsheet (XLSX), checked row by row before anything is written.

The first sheet's first row names the columns (case and spaces do not matter):

    measure | status | start | due | weight | organisation KZ | lead KZ | organisation UZ | lead UZ …

``measure`` is a measure's number (its id) or its exact title in any language;
``status`` a work item status code or its English name; dates are real dates or
``YYYY-MM-DD``; organisations by name, acronym or other spelling; leads by name.
``check`` reports every bad row with its reason; ``apply`` writes all rows in one
transaction, or only the valid ones when asked, never half of a row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kenes.core.tables import XLSX, read_table
from kenes.directory.models import Organization, Party, Person
from kenes.directory.services import find_organization, find_person
from kenes.extraction.translit import fold
from kenes.inventory.models import Measure
from kenes.workplan import services
from kenes.workplan.models import WorkItem, WorkPlan

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Row:
    number: int  # the spreadsheet's row number, as the reader sees it
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Check:
    rows: list[Row]
    problem: str = ""  # the file as a whole could not be read

    @property
    def bad(self) -> list[Row]:
        return [row for row in self.rows if not row.ok]

    @property
    def good(self) -> list[Row]:
        return [row for row in self.rows if row.ok]


def read_rows(upload) -> tuple[list[str], list[tuple[int, list]]]:
    """The first sheet's header and rows, through the shared reader (workbooks only: dates stay dates)."""
    table = read_table(upload, formats=(XLSX,), max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    if "measure" not in table.header:
        raise ValidationError(_("The first row must name the columns, and one of them must be “measure”."))
    return table.header, table.rows


class Lookups:
    """Measures, statuses, organisations and people, each found by what a spreadsheet would hold."""

    def __init__(self, plan: WorkPlan):
        self.plan = plan
        self.parties = {party.code.lower(): party for party in Party.objects.all()}
        self.statuses = {}
        for value, label in WorkItem.Status.choices:
            self.statuses[value] = value
            self.statuses[fold(str(label))] = value
            self.statuses[fold(value.replace("_", " "))] = value
        self.in_plan = set(WorkItem.objects.live().filter(plan=plan).values_list("measure_id", flat=True))

    def measure(self, value) -> Measure | None:
        text = str(value or "").strip()
        if text.isdigit() and len(text) < 19:
            return Measure.objects.live().filter(pk=int(text)).first()
        key = fold(text)
        candidates = Measure.objects.live().filter(search_key__contains=key)[:50] if key else []
        return next((m for m in candidates if any(fold(title) == key for title in m.names())), None)

    def organization(self, value) -> Organization | None:
        return find_organization(str(value or ""))

    def person(self, value) -> Person | None:
        return find_person(str(value or ""))


def _date(value, label: str, row: Row, plan: WorkPlan):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            row.errors.append(_("%(column)s “%(value)s” is not a date (write YYYY-MM-DD).")
                              % {"column": label, "value": value})
            return None
    if not 1991 <= value.year <= 2100:
        row.errors.append(_("%(column)s %(value)s is out of range.") % {"column": label, "value": value.isoformat()})
        return None
    text = value.isoformat()
    if (plan.period_start and text < plan.period_start) or (plan.period_end and text[:len(plan.period_end)] >
                                                            plan.period_end):
        row.errors.append(_("%(column)s %(value)s is outside the plan's period.")
                          % {"column": label, "value": text})
    return value


def _check_row(row: Row, lookups: Lookups, seen: set) -> None:
    values = row.values
    measure = lookups.measure(values.get("measure"))
    if measure is None:
        row.errors.append(_("No measure “%(value)s” in the inventory.") % {"value": values.get("measure") or ""})
    elif measure.pk in lookups.in_plan:
        row.errors.append(_("“%(measure)s” is already in the work plan.") % {"measure": measure})
    elif measure.pk in seen:
        row.errors.append(_("“%(measure)s” appears twice in the file.") % {"measure": measure})
    else:
        seen.add(measure.pk)
    status = WorkItem.Status.NOT_STARTED
    if values.get("status") not in (None, ""):
        status = lookups.statuses.get(fold(str(values["status"])))
        if status is None:
            known = ", ".join(str(label) for _value, label in WorkItem.Status.choices)
            row.errors.append(_("Unknown status “%(value)s” (known: %(known)s).")
                              % {"value": values["status"], "known": known})
    weight = Decimal("1")
    if values.get("weight") not in (None, ""):
        try:
            weight = Decimal(str(values["weight"]))
            if weight < 0 or weight > 10**6:
                raise InvalidOperation
        except InvalidOperation:
            row.errors.append(_("The weight “%(value)s” is not a number from 0 up.") % {"value": values["weight"]})
    start = _date(values.get("start"), _("Start"), row, lookups.plan)
    due = _date(values.get("due"), _("Due"), row, lookups.plan)
    if start and due and due < start:
        row.errors.append(_("The due date is before the start."))
    responsibilities = []
    for code, party in lookups.parties.items():
        org_name, lead_name = values.get(f"organisation {code}"), values.get(f"lead {code}")
        organization = lookups.organization(org_name) if org_name else None
        if org_name and organization is None:
            row.errors.append(_("No organisation “%(value)s” in the directory.") % {"value": org_name})
        lead = lookups.person(lead_name) if lead_name else None
        if lead_name and lead is None:
            row.errors.append(_("No person “%(value)s” in the directory.") % {"value": lead_name})
        if organization or lead:
            responsibilities.append({"party": party, "organization": organization, "lead": lead})
    row.data = {"measure": measure, "status": status, "weight": weight, "start": start, "due": due,
                "responsibilities": responsibilities}


def check(plan: WorkPlan, upload) -> Check:
    try:
        header, body = read_rows(upload)
    except ValidationError as exc:
        return Check([], " ".join(exc.messages))
    # Column names in English or with "organization": one spelling for the lookups.
    header = [name.replace("organization", "organisation").replace("org ", "organisation ") for name in header]
    lookups, seen, rows = Lookups(plan), set(), []
    for number, values in body:
        row = Row(number, {name: value for name, value in zip(header, values, strict=False) if name})
        _check_row(row, lookups, seen)
        rows.append(row)
    return Check(rows)


@transaction.atomic
def apply(actor, plan: WorkPlan, checked: Check, *, only_valid: bool = False) -> int:
    """Write the checked rows: all of them (refused if any is bad) or, when asked, only the good ones."""
    if checked.problem:
        raise ValidationError(checked.problem)
    if checked.bad and not only_valid:
        raise ValidationError(_("%(count)s rows have problems: nothing was imported.") % {"count": len(checked.bad)})
    reason = _("Imported from a spreadsheet")
    for row in checked.good:
        services.create_item(actor, plan=plan, visibility=plan.visibility, reason=reason, **row.data)
    return len(checked.good)
