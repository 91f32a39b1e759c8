"""What the public portal offers of the joint fund (``kenes.portal.registry``): the published decisions
as CSV/XLSX and the grants as IATI-style activities. Nothing before a decision is published."""

from __future__ import annotations

import json

from django.utils.translation import gettext_lazy as _

from kenes.fund import iati, services
from kenes.fund.lists import DECISION_COLUMNS
from kenes.fund.models import Application, Call, Disbursement, Grant, Selection
from kenes.portal.registry import PUBLIC, OpenDataFile, OpenDataTable, register_file, register_table

# A change to any of these may change what is published.
SOURCES = (Grant, Application, Call, Selection, Disbursement)


def _write_iati(path, generated: str) -> None:
    data = {"license": "", "generated": generated, **iati.activities(PUBLIC)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


register_table(OpenDataTable(
    "fund-decisions", _("Joint fund decisions"),
    _("Every published grant of the joint fund: the call, the project, the lead organisation and party, the "
      "amount in the fund's currency."),
    lambda: services.published_decisions(PUBLIC).order_by("pk"), DECISION_COLUMNS, model=Grant))
register_file(OpenDataFile(
    "fund-iati.json", _("Joint fund grants as IATI activities"),
    _("The published grants in the shape of the IATI activity standard (funder, accountable and implementing "
      "organisations, budget, commitment and disbursements); see kenes/fund/iati.py for what is filled."),
    "json", "application/json", _write_iati, models=SOURCES))
