"""Import of reported figures (observations) from CSV or XLSX, every row checked before anything is written.

The first row names the columns (case, spaces and ``_`` do not matter; aliases in
``COLUMNS``): ``indicator`` (its number or its name in any language; not needed when the
import starts from one indicator's page), ``period``, ``value``, ``unit`` or ``currency``,
``party`` or ``reporter`` (KZ, UZ or a party's name), ``qualifier``, ``source``,
``source_url`` and ``evidence`` or ``note``. A column ``value_usd`` is a value in USD.

``check`` answers, for every row with its spreadsheet row number, one outcome:

- *new*: no figure yet for that indicator, period and reporter;
- *revision*: a different figure for a period and reporter already on record: imported as
  a new observation that revises the latest one (both kept, the earlier marked revised);
- *already recorded*: the same figure is on record: skipped, so importing a file twice
  changes nothing;
- *error*, with every reason.

Within one file, a second figure for the same period and reporter is a revision of the
first only when it names its own source (statistics offices revise; ministers round): the
published series holds "2023, KZ: 4.5 bn (intergovernmental commission)" and later "4.4 bn
(the President)". The same figure twice, or twice from one source, is a duplicate.

``apply`` writes the new figures and revisions through ``services.create_observation`` in
one transaction — all of them, refused while any row is bad, or only the valid ones when
asked — never half a row.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kenes.core.tables import read_table
from kenes.core.translation import CONTENT_LANGUAGES
from kenes.directory.models import Party
from kenes.extraction.translit import fold
from kenes.indicators import services
from kenes.indicators.models import (
    VALUE_DIGITS,
    VALUE_PLACES,
    Indicator,
    Observation,
    Qualifier,
    format_value,
)
from kenes.indicators.periods import validate_period
from kenes.indicators.units import CURRENCY, is_known_currency, normalize_unit, validate_unit

NEW, REVISION, RECORDED, ERROR = "new", "revision", "recorded", "error"

COLUMNS = {
    "indicator": ("indicator", "indicator id", "indicator name"),
    "period": ("period", "year"),
    "value": ("value", "amount", "figure"),
    "unit": ("unit", "currency"),
    "party": ("party", "reporter", "reporting party", "reported by", "side", "country"),
    "qualifier": ("qualifier",),
    "source": ("source",),
    "source_url": ("source url", "url", "link", "source address"),
    "evidence": ("evidence", "note", "notes", "quote", "evidence quote"),
}
ALIASES = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
VALUE_IN_UNIT = re.compile(r"^(?:value|amount|figure) (?:in )?(?P<unit>.+)$")  # "value usd", "value in percent"
UNIT_SIGNS = {"$": "USD", "us$": "USD", "₸": "KZT", "%": "percent"}


@dataclass
class Row:
    number: int  # the spreadsheet's row number
    cells: dict = field(default_factory=dict)  # column → the cell as written, for the preview
    errors: list[str] = field(default_factory=list)
    outcome: str = NEW
    data: dict = field(default_factory=dict)  # what create_observation receives
    revises: Observation | None = None  # the figure on record this row revises
    revises_row: Row | None = None  # or the earlier row of the same file it revises
    recorded: Observation | None = None  # the identical figure already on record

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def party(self) -> Party | None:
        return self.data.get("reporting_party")

    @property
    def unit(self) -> str:
        indicator = self.data.get("indicator")
        return self.data.get("unit") or (indicator.unit if indicator else "")

    @property
    def previous_value(self) -> Decimal | None:
        if self.revises is not None:
            return self.revises.value
        return self.revises_row.data["value"] if self.revises_row else None

    def describe(self) -> str:
        """The outcome in words, as the preview and the command line show it."""
        if self.errors:
            return " ".join(self.errors)
        if self.outcome == RECORDED:
            return _("already recorded (skipped)")
        if self.outcome == REVISION:
            change = {"old": short_amount(self.previous_value), "new": short_amount(self.data["value"])}
            if self.revises_row is not None:
                return _("revises row %(row)s: %(old)s → %(new)s") % {"row": self.revises_row.number, **change}
            return _("revises %(old)s → %(new)s") % change
        return _("new")


@dataclass
class Check:
    rows: list[Row] = field(default_factory=list)
    problem: str = ""  # the file as a whole could not be read or lacks a column
    ignored: list[str] = field(default_factory=list)  # columns named in the header but not used

    @property
    def bad(self) -> list[Row]:
        return [row for row in self.rows if not row.ok]

    @property
    def to_write(self) -> list[Row]:
        return [row for row in self.rows if row.ok and row.outcome in (NEW, REVISION)]

    @property
    def revisions(self) -> list[Row]:
        return [row for row in self.to_write if row.outcome == REVISION]

    @property
    def recorded(self) -> list[Row]:
        return [row for row in self.rows if row.ok and row.outcome == RECORDED]

    def counts(self) -> dict:
        return {"rows": len(self.rows), "new": len(self.to_write) - len(self.revisions),
                "revisions": len(self.revisions), "recorded": len(self.recorded), "errors": len(self.bad)}

    def summary(self) -> str:
        counts = self.counts()
        return (ngettext("%(rows)s row checked", "%(rows)s rows checked", counts["rows"]) % counts + ": "
                + _("new %(new)s, revisions %(revisions)s, already recorded %(recorded)s, with problems %(errors)s.")
                % counts)

    def fingerprint(self) -> str:
        """A digest of every outcome: importing after a preview writes only if the preview still holds."""
        summary = [[row.number, row.outcome, row.errors, str(row.data.get("indicator") and row.data["indicator"].pk),
                    row.data.get("period"), str(row.data.get("value")), row.unit,
                    row.party.code if row.party else "", row.revises.pk if row.revises else None,
                    row.revises_row.number if row.revises_row else None] for row in self.rows]
        return hashlib.sha256(json.dumps([self.problem, summary], default=str).encode()).hexdigest()


def short_amount(value: Decimal | None) -> str:
    """4400000000 as "4.4 bn", 350000000 as "350 mn": how the preview names a figure at a glance."""
    if value is None:
        return ""
    for size, words in ((Decimal(10) ** 9, _("%(number)s bn")), (Decimal(10) ** 6, _("%(number)s mn"))):
        if abs(value) >= size:
            return words % {"number": format_value((value / size).quantize(Decimal("0.001")))}
    return format_value(value)


# Reading the cells.

def parse_number(text: str) -> Decimal:
    """A figure as people write it, exactly (never through a float), or ValueError with the reason.

    "4400000000", "4 400 000 000", "4,400,000,000", "4.400.000.000", "4.4", "4,4" and
    "-1.5". "4,400" alone could be either 4400 or 4.4 and is refused; so is "4.4E+09",
    which is how a spreadsheet shows a number it has rounded.
    """
    body = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").split())
    sign = ""
    if body[:1] in ("-", "−"):
        sign, body = "-", body[1:].strip()
    if re.search(r"\d[eE][+-]?\d", body):
        raise ValueError(_("“%(value)s” is in scientific notation, which may have lost digits: write the number "
                           "in full.") % {"value": text})
    if re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d+)?", body):
        body = body.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(,\d{3})+\.\d+|\d{1,3}(,\d{3}){2,}|\d+\.\d+|\d+", body):
        body = body.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+,\d+|\d{1,3}(\.\d{3}){2,}|\d+,\d+", body) and not re.fullmatch(
            r"[1-9]\d{0,2},\d{3}", body):
        body = body.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[1-9]\d{0,2},\d{3}", body):
        raise ValueError(_("“%(value)s” could be read two ways: write %(whole)s or %(part)s.")
                         % {"value": text, "whole": body.replace(",", ""), "part": body.replace(",", ".")})
    else:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
    return Decimal(sign + body)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date()
    return str(value).strip()


def _value(raw) -> Decimal:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValueError(_("The value is missing."))
    if isinstance(raw, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    if isinstance(raw, (int, Decimal)):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))  # the shortest text that is the workbook's number, never float arithmetic
    else:
        value = parse_number(str(raw))
    if not value.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    if value.normalize().as_tuple().exponent < -VALUE_PLACES:
        raise ValueError(_("“%(value)s” has more than %(places)s decimal places.")
                         % {"value": raw, "places": VALUE_PLACES})
    if value.adjusted() >= VALUE_DIGITS - VALUE_PLACES:
        raise ValueError(_("“%(value)s” is too large.") % {"value": raw})
    return value


def _period(raw) -> str:
    """A period as stored; a workbook's date on the first of a month is that month (how Excel reads "2023-07")."""
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        if raw.day != 1:
            raise ValidationError(_("%(value)s is a day, not a period.") % {"value": raw.isoformat()})
        return f"{raw.year:04d}-{raw.month:02d}"
    text = re.sub(r"\s*[/–—]\s*", "/", _cell_text(raw)).upper()
    if not text:
        raise ValidationError(_("The period is missing."))
    validate_period(text)
    return text


def _unit(text: str) -> str:
    unit = UNIT_SIGNS.get(text.lower(), text)
    if len(unit) == 3 and is_known_currency(unit.upper()):
        return unit.upper()  # "usd" in a currency column is USD
    unit = normalize_unit(unit)
    if CURRENCY.match(unit):
        raise ValidationError(_("Unknown currency “%(value)s”.") % {"value": text})
    try:
        validate_unit(unit)
    except ValidationError:
        raise ValidationError(_("Unknown unit or currency “%(value)s”.") % {"value": text}) from None
    return unit


# The header.

@dataclass
class Columns:
    positions: dict  # field → column index
    unit: str = ""  # the unit a header like "value_usd" gives every row
    ignored: list[str] = field(default_factory=list)


def _columns(header: list[str], labels: list[str], *, indicator: Indicator | None) -> Columns:
    columns = Columns({})
    for index, name in enumerate(header):
        target, unit = ALIASES.get(name), ""
        if target is None and (match := VALUE_IN_UNIT.match(name)) and match["unit"] not in ALIASES:
            target, unit = "value", _unit(match["unit"])
        if target is None:
            if name:
                columns.ignored.append(labels[index])
            continue
        if target in columns.positions:
            raise ValidationError(_("Two columns give the %(column)s: “%(first)s” and “%(second)s”.") % {
                "column": target.replace("_", " "), "first": labels[columns.positions[target]],
                "second": labels[index]})
        columns.positions[target] = index
        columns.unit = columns.unit or unit
    required = ["period", "value"] + ([] if indicator else ["indicator"])
    missing = [name for name in required if name not in columns.positions]
    if missing:
        raise ValidationError(_("The first row must name the columns; missing: %(missing)s.")
                              % {"missing": ", ".join(missing)})
    return columns


# Lookups: indicators, parties and the figures on record.

class Lookups:
    def __init__(self, indicator: Indicator | None):
        self.indicator = indicator
        self.parties = {}
        for party in Party.objects.all():
            self.parties[party.code.lower()] = party
            for name in party.names():
                self.parties[fold(str(name))] = party
        self._indicators: dict[str, Indicator | None] = {}
        self._on_record: dict[int, dict] = {}

    def find_indicator(self, text: str) -> Indicator | None:
        if text not in self._indicators:
            live = Indicator.objects.live()
            if text.isdigit() and len(text) < 19:
                found = live.filter(pk=int(text)).first()
            else:
                key = fold(text)
                found = next((indicator for indicator in live if any(
                    fold(getattr(indicator, f"name_{code}") or "") == key for code in CONTENT_LANGUAGES)), None)
            self._indicators[text] = found
        return self._indicators[text]

    def on_record(self, indicator: Indicator, period: str, party: Party | None) -> list[Observation]:
        """The live figures for this indicator, period and reporter, oldest first."""
        if indicator.pk not in self._on_record:
            figures: dict = {}
            for observation in Observation.objects.live().filter(indicator=indicator).order_by("pk"):
                figures.setdefault((observation.period, observation.reporting_party_id), []).append(observation)
            self._on_record[indicator.pk] = figures
        return self._on_record[indicator.pk].get((period, party.pk if party else None), [])


def _latest(figures: list[Observation]) -> Observation | None:
    """The figure a new one revises: the latest not yet revised (or the latest of all)."""
    current = [figure for figure in figures if not figure.is_revised]
    return (current or figures or [None])[-1]


# Rows.

def _read_row(row: Row, raw: dict, columns: Columns, lookups: Lookups) -> None:
    """Fill ``row.data`` from the cells, adding a reason to ``row.errors`` for each cell that is wrong."""
    text = {name: _cell_text(value) for name, value in raw.items()}
    row.cells = {name: text.get(name, "") for name in COLUMNS}  # every column, for the preview
    row.data = {"indicator": None, "period": None, "value": None}
    indicator = _row_indicator(row, text.get("indicator", ""), lookups)
    for name, read in (("period", lambda: _period(raw.get("period"))), ("value", lambda: _value(raw.get("value")))):
        try:
            row.data[name] = read()
        except (ValidationError, ValueError) as exc:
            row.errors.extend(exc.messages if isinstance(exc, ValidationError) else [str(exc)])
    party_text = text.get("party", "")
    row.data["reporting_party"] = lookups.parties.get(fold(party_text)) if party_text else None
    if party_text and row.data["reporting_party"] is None:
        known = ", ".join(sorted({party.code for party in lookups.parties.values()}))
        row.errors.append(_("Unknown party “%(value)s” (known: %(known)s).") % {"value": party_text, "known": known})
    _row_unit(row, text.get("unit", ""), columns.unit, indicator)
    _row_details(row, text)


def _row_indicator(row: Row, text: str, lookups: Lookups) -> Indicator | None:
    found = lookups.find_indicator(text) if text else None
    if text and found is None:
        row.errors.append(_("No indicator “%(value)s”.") % {"value": text})
        return None
    if lookups.indicator and found and found != lookups.indicator:
        row.errors.append(_("This row is for “%(row)s”, but the import is for “%(import)s”.")
                          % {"row": found, "import": lookups.indicator})
        return None
    indicator = found or lookups.indicator
    if indicator is None and not text:
        row.errors.append(_("The indicator is missing."))
    row.data["indicator"] = indicator
    return indicator


def _row_unit(row: Row, text: str, header_unit: str, indicator: Indicator | None) -> None:
    try:
        unit = _unit(text) if text else header_unit
    except ValidationError as exc:
        row.errors.extend(exc.messages)
        return
    if text and header_unit and unit != header_unit:
        row.errors.append(_("The unit “%(unit)s” contradicts the value column, which is in %(header)s.")
                          % {"unit": text, "header": header_unit})
        return
    if indicator and indicator.unit and unit and unit != indicator.unit:
        row.errors.append(_("The value is in %(unit)s, but “%(indicator)s” is counted in %(expected)s.")
                          % {"unit": unit, "indicator": indicator, "expected": indicator.unit})
        return
    row.data["unit"] = unit


def _row_details(row: Row, text: dict) -> None:
    qualifier = text.get("qualifier", "")
    if qualifier:
        choices = {fold(str(label)): value for value, label in Qualifier.choices}
        choices.update({fold(value.replace("_", " ")): value for value in Qualifier.values})
        row.data["qualifier"] = choices.get(fold(qualifier.replace("_", " ")), "")
        if not row.data["qualifier"]:
            row.errors.append(_("Unknown qualifier “%(value)s” (known: %(known)s).") % {
                "value": qualifier, "known": ", ".join(str(label) for _value, label in Qualifier.choices)})
    url = text.get("source_url", "")
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            row.errors.append(_("“%(value)s” is not a web address.") % {"value": url[:200]})
    for name, limit in (("source", 1000), ("source_url", 1000)):
        if len(text.get(name, "")) > limit:
            row.errors.append(_("The %(column)s is longer than %(limit)s characters.")
                              % {"column": name.replace("_", " "), "limit": limit})
    row.data.update(source=text.get("source", "")[:1000], source_url=url[:1000], evidence=text.get("evidence", ""))


def _same_source(one: Row, other: Row) -> bool:
    return all(fold(one.data.get(name, "")) == fold(other.data.get(name, "")) for name in ("source", "source_url"))


def _place(row: Row, lookups: Lookups, in_file: dict, current: dict) -> None:
    """New, revision, already recorded or duplicate: the row against the file so far and the figures on record."""
    data = row.data
    key = (data["indicator"].pk, data["period"], row.party.pk if row.party else None)
    earlier = in_file.setdefault(key, [])
    who = row.party.code if row.party else _("no reporter")
    for other in earlier:
        if other.data["value"] == data["value"]:
            row.errors.append(_("Row %(row)s already gives this figure for %(period)s (%(party)s).")
                              % {"row": other.number, "period": data["period"], "party": who})
            return
        if _same_source(other, row):
            row.errors.append(_("Row %(row)s already gives %(period)s (%(party)s) from the same source; a second "
                                "figure for a period is taken as a revision only with its own source.")
                              % {"row": other.number, "period": data["period"], "party": who})
            return
    earlier.append(row)
    figures = lookups.on_record(data["indicator"], data["period"], row.party)
    row.recorded = next((figure for figure in figures if figure.value == data["value"]), None)
    if row.recorded is not None:
        row.outcome = RECORDED
        return
    latest = current[key] if key in current else _latest(figures)
    if latest is not None:
        row.outcome = REVISION
        if isinstance(latest, Row):
            row.revises_row = latest
        else:
            row.revises = latest
    current[key] = row


def check(upload, *, indicator: Indicator | None = None) -> Check:
    """Every row of the upload with its outcome and reasons; writes nothing."""
    try:
        table = read_table(upload)
        columns = _columns(table.header, table.labels, indicator=indicator)
    except ValidationError as exc:
        return Check(problem=" ".join(exc.messages))
    lookups, in_file, current = Lookups(indicator), {}, {}
    checked = Check(ignored=columns.ignored)
    for number, cells in table.rows:
        row = Row(number)
        raw = {name: cells[index] if index < len(cells) else None for name, index in columns.positions.items()}
        _read_row(row, raw, columns, lookups)
        if problem := table.width_problem(cells):
            # Its cells sit under the wrong columns: what they would mean is no use to anyone.
            row.errors = [problem]
        if row.ok:
            _place(row, lookups, in_file, current)
        row.outcome = row.outcome if row.ok else ERROR
        checked.rows.append(row)
    return checked


@dataclass
class Imported:
    created: int
    revisions: int
    observations: dict = field(default_factory=dict)  # row number → the observation written

    def message(self) -> str:
        return ngettext("%(count)s figure imported (%(revisions)s revisions).",
                        "%(count)s figures imported (%(revisions)s revisions).", self.created) % {
            "count": self.created, "revisions": self.revisions}


@transaction.atomic
def apply(actor, checked: Check, *, only_valid: bool = False, visibility: str = "internal") -> Imported:
    """Write the new figures and revisions: all (refused if any row is bad) or, when asked, only the valid ones."""
    if checked.problem:
        raise ValidationError(checked.problem)
    if checked.bad and not only_valid:
        raise ValidationError(_("%(count)s rows have problems: nothing was imported.") % {"count": len(checked.bad)})
    reason = _("Imported from a table")
    created: dict[int, Observation] = {}
    for row in checked.to_write:
        revises = created[row.revises_row.number] if row.revises_row is not None else row.revises
        created[row.number] = services.create_observation(actor, reason=reason, visibility=visibility,
                                                          revises=revises, **row.data)
    return Imported(len(created), len(checked.revisions), created)


# Between the preview and the import: the uploaded file waits in the project's file storage
# (where document originals go, shared by every application server), named by a random token
# that only the session which uploaded it knows. The import checks the file again under a lock
# on its indicators and writes only if every outcome is still the one previewed, so a second
# click, or a figure recorded meanwhile, never imports something other than what was shown.

PENDING_HOURS = 24
PENDING_FOLDER = "imports"
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


def _pending_name(token: str) -> str:
    return f"{PENDING_FOLDER}/{token}.upload"


def keep_pending(upload) -> str:
    """Store the upload for its confirmation; returns the token. Uploads older than a day are removed."""
    import secrets

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    _remove_old_pending(default_storage)
    token = secrets.token_urlsafe(24)
    upload.seek(0)
    default_storage.save(_pending_name(token), ContentFile(upload.read()))
    return token


def _remove_old_pending(storage) -> None:
    from django.utils import timezone

    try:
        _folders, names = storage.listdir(PENDING_FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - datetime.timedelta(hours=PENDING_HOURS)
    for name in names:
        path = f"{PENDING_FOLDER}/{name}"
        try:
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
        except (OSError, NotImplementedError):
            continue  # another server removed it first, or the storage cannot tell its age


def pending(token: str) -> bytes | None:
    """The stored upload for a token, or None when it expired, was imported already or never existed."""
    from django.core.files.storage import default_storage

    if not TOKEN.fullmatch(token or ""):
        return None
    try:
        with default_storage.open(_pending_name(token), "rb") as stored:
            return stored.read()
    except (OSError, ValueError):
        return None


def discard_pending(token: str) -> None:
    from django.core.files.storage import default_storage

    if TOKEN.fullmatch(token or ""):
        default_storage.delete(_pending_name(token))


@transaction.atomic
def apply_previewed(actor, upload, *, fingerprint: str, indicator: Indicator | None = None,
                    only_valid: bool = False, visibility: str = "internal") -> tuple[Check, Imported | None]:
    """Import the upload if its check still gives the previewed outcome; else the new check and None."""
    first = check(upload, indicator=indicator)
    wanted = sorted({row.data["indicator"].pk for row in first.rows if row.data.get("indicator")})
    # Imports of the same indicators wait for each other here; the check under the lock sees
    # what the other one wrote.
    list(Indicator.objects.select_for_update().filter(pk__in=wanted).order_by("pk").values_list("pk", flat=True))
    checked = check(upload, indicator=indicator)
    if checked.fingerprint() != fingerprint:
        return checked, None
    return checked, apply(actor, checked, only_valid=only_valid, visibility=visibility)
