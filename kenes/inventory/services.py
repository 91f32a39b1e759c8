"""The inventory's write path: measures, their workflow, each side's status, agreements, compliance.

What may change is said here; how (validation, locking, versions, history, search)
is ``kenes.core.services``. A status moves only by ``transition`` (or
``set_party_status`` for one side), along the workflow's allowed transitions, and
every move leaves a ``StatusChange``. Progress is derived: ``refresh_progress``
recomputes a measure and the measures it is part of.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core import merging
from kenes.core import services as core
from kenes.core.models import Visibility, visible_levels
from kenes.inventory.models import (
    Agreement,
    Assessment,
    Measure,
    MeasureStatus,
    PartyStatus,
    StatusChange,
    initial_status,
)

MEASURE_FIELDS = core.editable_fields(Measure)
AGREEMENT_FIELDS = core.editable_fields(Agreement)
# Who may read an assessment follows its state (drafts are the secretariat's), never a form.
ASSESSMENT_FIELDS = core.editable_fields(Assessment, exclude=["visibility"])
HUNDRED = Decimal("100")


# --- measures ---------------------------------------------------------------------------------

@transaction.atomic
def create_measure(actor, *, reason: str = "", evidence: str = "", **data) -> Measure:
    measure = core.create(actor, Measure, data, allowed=MEASURE_FIELDS, reason=reason)
    StatusChange.objects.create(measure=measure, to_status=measure.status, reason=reason or _("Created"),
                                evidence=evidence, changed_by=_account(actor))
    refresh_progress(measure)
    return measure


@transaction.atomic
def update_measure(actor, measure: Measure, *, version: int | None = None, reason: str = "", **data) -> Measure:
    old_parent = measure.parent_id
    measure = core.update(actor, measure, data, allowed=MEASURE_FIELDS, version=version, reason=reason)
    refresh_progress(measure)
    if old_parent and old_parent != measure.parent_id:
        refresh_progress(Measure._base_manager.get(pk=old_parent))
    return measure


def _account(actor):
    return actor if getattr(actor, "pk", None) else None


def _status(value) -> MeasureStatus:
    if isinstance(value, MeasureStatus):
        return value
    status = MeasureStatus.objects.filter(code=str(value or "")).first()
    if status is None:
        known = ", ".join(MeasureStatus.objects.values_list("code", flat=True))
        raise ValidationError({"status": _("No status “%(code)s”. The statuses are: %(known)s.")
                               % {"code": value, "known": known}})
    return status


def check_transition(current: MeasureStatus, wanted: MeasureStatus) -> None:
    """Refuse a move the workflow does not allow, naming the moves it does."""
    if current.pk == wanted.pk:
        raise ValidationError({"status": _("The status is already “%(status)s”.") % {"status": current.name}})
    allowed = list(current.allowed_next())
    if wanted in allowed:
        return
    if allowed:
        names = ", ".join(f"“{status.name}”" for status in allowed)
        message = _("A measure cannot move from “%(current)s” to “%(wanted)s”. From “%(current)s” it can move to: "
                    "%(allowed)s.") % {"current": current.name, "wanted": wanted.name, "allowed": names}
    else:
        message = _("“%(current)s” is a final status: the workflow allows no move from it.") % {"current": current.name}
    raise ValidationError({"status": message})


@transaction.atomic
def transition(actor, measure: Measure, to_status, *, reason: str, evidence: str = "",
               version: int | None = None) -> Measure:
    """Move the measure's overall status along the workflow, with a reason (and evidence)."""
    core.require_secretariat(actor)
    current = core.lock(measure)
    core.check_version(current, version)
    wanted = _status(to_status)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the status changes: it is kept in the measure's timeline.")})
    before = current.status
    check_transition(before, wanted)
    current.status = wanted
    current.status_changed_at = timezone.now()
    core.save(current, actor, reason.strip())
    StatusChange.objects.create(measure=current, from_status=before, to_status=wanted, reason=reason.strip(),
                                evidence=(evidence or "").strip(), changed_by=_account(actor))
    refresh_progress(current)
    return current


@transaction.atomic
def set_party_status(actor, measure: Measure, party, to_status, *, reason: str, evidence: str = "") -> PartyStatus:
    """One side's own status on a measure, moved along the same workflow, with its evidence."""
    core.require_secretariat(actor)
    current = core.lock(measure)  # one side's change waits for another's on the same measure
    wanted = _status(to_status)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the status changes: it is kept in the measure's timeline.")})
    row = PartyStatus.objects.select_for_update().filter(measure=current, party=party).first()
    before = row.status if row else initial_status()
    check_transition(before, wanted)
    row = row or PartyStatus(measure=current, party=party)
    row.status, row.evidence = wanted, (evidence or "").strip() or row.evidence
    core.save(row, actor, reason.strip(), index=False)
    StatusChange.objects.create(measure=current, party=party, from_status=before, to_status=wanted,
                                reason=reason.strip(), evidence=(evidence or "").strip(), changed_by=_account(actor))
    # The measure's page and lists show the sides' statuses: its version moves so open forms know.
    core.save(current, actor, reason.strip())
    return row


# --- progress -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """One contribution to a measure's progress: a part measure or a work item."""

    label: str
    weight: Decimal
    percent: Decimal
    url: str = ""
    record: object = None
    named: tuple = ()  # records the label names: a reader who may not see one gets a neutral label


@dataclass(frozen=True, eq=False)
class MeasureSource:
    """Something a measure's page shows from other rows: its parts, its timeline, its links.

    ``read(…)`` gives what the page shows (visibility applied); ``rows(measure)`` is a queryset (or a
    tuple of them) of the rows it reads from, before visibility and deletion (``_base_manager``): when
    none has a row, ``read`` would give nothing, so the page skips it. The measure page asks every source's ``rows`` in one query (``with_rows``): most measures
    have no work items, meetings, targets or projects, and each empty read cost a query.
    """

    read: Callable
    rows: Callable[[Measure], object]


def with_rows(measure: Measure, sources) -> set[MeasureSource]:
    """The sources among ``sources`` that have rows for ``measure``: one query whatever their number."""
    from django.db.models import Exists

    checks, owners = {}, []
    for source in sources:
        rows = source.rows(measure)
        for queryset in rows if isinstance(rows, tuple | list) else (rows,):
            checks[f"s{len(checks)}"] = Exists(queryset)
            owners.append(source)
    if not checks:
        return set()
    found = Measure._base_manager.filter(pk=measure.pk).annotate(**checks).values_list(*checks).first() or ()
    return {source for source, present in zip(owners, found, strict=False) if present}


def _read(sources, present: set[MeasureSource] | None, *args) -> list:
    """Every source's items, skipping those ``present`` (from ``with_rows``) says are empty."""
    return [item for source in sources if present is None or source in present for item in source.read(*args)]


def _children(measure: Measure) -> list[Part]:
    return [Part(child.title, child.weight, child.progress, child.get_absolute_url(), child)
            for child in Measure.objects.live().filter(parent=measure).order_by("pk")]


# Other apps (the work plan) add parts: read(measure) -> [Part]. Apps depend downwards only,
# so the inventory asks them through this list rather than importing them.
PART_SOURCES: list[MeasureSource] = [MeasureSource(_children, lambda measure: Measure._base_manager.filter(parent=measure))]


def register_parts(read: Callable[[Measure], list[Part]], rows: Callable[[Measure], object]) -> None:
    if all(source.read is not read for source in PART_SOURCES):
        PART_SOURCES.append(MeasureSource(read, rows))


def parts_of(measure: Measure, present: set[MeasureSource] | None = None) -> list[Part]:
    return _read(PART_SOURCES, present, measure)


def rolled_up(parts: list[Part], *, done: bool) -> Decimal:
    """Σ weight × percent ÷ Σ weight over the parts; without parts (or weight), 100 if done else 0."""
    total = sum((part.weight for part in parts), Decimal("0"))
    if not parts or total <= 0:
        return HUNDRED if done else Decimal("0")
    value = sum((part.weight * part.percent for part in parts), Decimal("0")) / total
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def progress_of(measure: Measure) -> Decimal:
    return rolled_up(parts_of(measure), done=measure.status.is_done)


def refresh_progress(measure: Measure) -> None:
    """Recompute a measure's progress and then its ancestors'. A derived figure: no version bump, so
    a part's update never makes someone editing the larger measure lose their work."""
    seen = set()
    while measure is not None and measure.pk not in seen:
        seen.add(measure.pk)
        value = progress_of(measure)
        if value != measure.progress:
            Measure._base_manager.filter(pk=measure.pk).update(progress=value)
            measure.progress = value
        measure = Measure._base_manager.filter(pk=measure.parent_id).first() if measure.parent_id else None


# --- agreements ---------------------------------------------------------------------------------

def create_agreement(actor, *, reason: str = "", **data) -> Agreement:
    return core.create(actor, Agreement, data, allowed=AGREEMENT_FIELDS, reason=reason)


def update_agreement(actor, agreement: Agreement, *, version: int | None = None, reason: str = "",
                     **data) -> Agreement:
    return core.update(actor, agreement, data, allowed=AGREEMENT_FIELDS, version=version, reason=reason)


# --- compliance assessments --------------------------------------------------------------------

ASSESSMENT_MOVES = {
    Assessment.State.DRAFT: [Assessment.State.REVIEWED],
    Assessment.State.REVIEWED: [Assessment.State.DRAFT, Assessment.State.PUBLISHED],
    Assessment.State.PUBLISHED: [Assessment.State.REVIEWED],
}


def create_assessment(actor, *, reason: str = "", **data) -> Assessment:
    """A draft: restricted to the secretariat until it is published."""
    return core.create(actor, Assessment, {**data, "visibility": Visibility.RESTRICTED},
                       allowed=[*ASSESSMENT_FIELDS, "visibility"], reason=reason)


def update_assessment(actor, assessment: Assessment, *, version: int | None = None, reason: str = "",
                      **data) -> Assessment:
    if assessment.state == Assessment.State.PUBLISHED:
        raise ValidationError(_("A published assessment cannot be edited: withdraw it to “reviewed” first."))
    return core.update(actor, assessment, data, allowed=ASSESSMENT_FIELDS, version=version, reason=reason)


@transaction.atomic
def move_assessment(actor, assessment: Assessment, state: str, *, reason: str = "",
                    version: int | None = None) -> Assessment:
    """Draft → reviewed → published (and back one step); only published scores count in the rates."""
    core.require_secretariat(actor)
    current = core.lock(assessment)
    core.check_version(current, version)
    allowed = ASSESSMENT_MOVES.get(current.state, [])
    if state not in allowed:
        names = ", ".join(f"“{Assessment.State(value).label}”" for value in allowed)
        raise ValidationError({"state": _("An assessment that is “%(current)s” can only become: %(allowed)s.")
                               % {"current": current.get_state_display(), "allowed": names}})
    current.state = state
    # Publishing opens the assessment as far as its measure is open; anything else keeps it to the secretariat.
    current.visibility = current.measure.visibility if state == Assessment.State.PUBLISHED else Visibility.RESTRICTED
    core.save(current, actor, reason or _("Assessment now %(state)s") % {"state": Assessment.State(state).label})
    return current


# --- merging -------------------------------------------------------------------------------------

def _progress_on_merge(kept, duplicate, actor, reason) -> dict:
    # The parts and items moved to the kept measure: its figure changes with them. Set on the
    # instance too, because the merge saves the kept record after this hook.
    kept.progress = progress_of(kept)
    return {}


def _progress_on_undo(kept, duplicate, moved, actor, reason) -> None:
    kept.progress = progress_of(kept)
    duplicate.progress = progress_of(duplicate)


merging.register(Measure, on_merge=_progress_on_merge, on_undo=_progress_on_undo)


# --- reading --------------------------------------------------------------------------------------

MEASURE_FILTERS = ("q", "topic", "status", "party", "proposer", "level", "agreement", "since", "until")


def whole_id(value) -> int | None:
    text = str(value or "").strip()
    # Anything that is not a plausible id matches nothing rather than everything.
    return int(text) if text.isdigit() and len(text) < 19 else (0 if text else None)


def search_measures(user, filters: dict | None = None):
    """Measures ``user`` may see, narrowed by the inventory's filters (each optional):

    ``q`` words in any script (folded, all must occur), ``topic`` code, ``status`` code,
    ``party`` code (proposed by that side, or with that side's own status), ``proposer`` a
    person's id, ``level``, ``agreement`` id, ``since``/``until`` first-proposed years.
    A filter naming a record the user may not see matches nothing.
    """
    from django.db.models import Exists, OuterRef

    from kenes.core.models import Topic
    from kenes.directory.models import Party, Person

    filters = {key: str(value).strip() for key, value in (filters or {}).items() if value not in (None, "")}
    measures = Measure.objects.visible_to(user).select_related("status")
    if text := filters.get("q", ""):
        # The platform search's index and rules (any script, word prefixes, topics in every language).
        from kenes.search.query import narrow

        measures = narrow(measures, text)
    # Codes become ids first (three tiny tables): a condition on a column the measure row holds is checked
    # before the costlier ones, where a join to the code's table was checked after them (PostgreSQL).
    if topic := filters.get("topic"):
        topic_id = _id_of(Topic, topic)
        measures = measures.filter(Exists(Measure.topics.through.objects.filter(
            measure_id=OuterRef("pk"), topic_id=topic_id)))
    if status := filters.get("status"):
        measures = measures.filter(status_id=_id_of(MeasureStatus, status))
    if party := filters.get("party"):
        party_id = _id_of(Party, party.upper())
        measures = measures.filter(
            Exists(Measure.proposed_by_parties.through.objects.filter(measure_id=OuterRef("pk"), party_id=party_id))
            | Exists(PartyStatus.objects.filter(measure_id=OuterRef("pk"), party_id=party_id)))
    if (proposer := whole_id(filters.get("proposer"))) is not None:
        visible = Person.objects.visible_to(user).filter(pk=proposer)
        measures = measures.filter(Exists(Measure.proposed_by_people.through.objects.filter(
            measure_id=OuterRef("pk"), person_id=proposer, person__in=visible)))
    if level := filters.get("level"):
        measures = measures.filter(level=level)
    if (agreement := whole_id(filters.get("agreement"))) is not None:
        measures = measures.filter(agreement_id=agreement, agreement__in=Agreement.objects.visible_to(user))
    for key, lookup in (("since", "gte"), ("until", "lte")):
        year = filters.get(key, "")[:4]
        if year:
            if not year.isdigit():
                return measures.none()
            bound = year if key == "since" else f"{year}-99"
            measures = measures.exclude(first_proposed_on="").filter(**{f"first_proposed_on__{lookup}": bound})
    return measures


def _id_of(model, code: str) -> int:
    """The id of the row of ``model`` with this code; 0 (no row has it) for an unknown code: matches nothing."""
    return model.objects.filter(code=code).values_list("pk", flat=True).first() or 0


def search_agreements(user, query: str = "", *, kind: str = "", status: str = ""):
    from kenes.extraction.translit import fold

    agreements = Agreement.objects.visible_to(user)
    for word in fold(query).split()[:8]:
        agreements = agreements.filter(search_key__contains=word)
    if kind:
        agreements = agreements.filter(kind=kind)
    if status:
        agreements = agreements.filter(status=status)
    return agreements


def visible_assessments(user, **filters):
    """Assessments the user may see. Drafts and reviewed ones are restricted (the secretariat's); a
    published one is as open as its measure was when it was published (``move_assessment``).

    An assessment is a record of its own: it stays readable when its measure is hidden from the
    reader, who then sees no link to the measure (the compliance rates leave such ones out).
    """
    assessments = Assessment.objects.visible_to(user)
    return assessments.filter(**filters).select_related("party", "measure")


@dataclass
class Rate:
    """Compliance of one group: the mean score (−1…+1) and as a percent ((mean + 1) ÷ 2, the G7 Research
    Group's convention), with the count behind it."""

    count: int
    total: int

    @property
    def mean(self) -> Decimal:
        return (Decimal(self.total) / Decimal(self.count)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def percent(self) -> Decimal:
        value = (Decimal(self.total) / Decimal(self.count) + 1) / 2 * HUNDRED
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def bar(self) -> int:
        """The bar's length in the chart (400 units for 100 %)."""
        return int(self.percent * 4)


COMPLIANCE_GROUPS = ("party", "period", "topic", "level")


def compliance_rates(user, *, by: str = "party", year: bool = True) -> dict:
    """{"columns": [party codes], "rows": [(group label, {party: Rate}, Rate over parties)]}.

    Only published assessments count. ``by`` is the row grouping: the monitoring period (a year
    when ``year``), the measure's topic (a measure with two topics counts in both) or level;
    ``party`` gives one row per party.
    """
    from django.db.models import F
    from django.db.models.functions import Substr

    from kenes.core.models import Topic

    if by not in COMPLIANCE_GROUPS:
        by = "party"
    # Counted by the database (one GROUP BY), not row by row: the table stays fast at any size.
    group = {"period": Substr("period", 1, 4) if year else F("period"), "topic": F("measure__topics__code"),
             "level": F("measure__level"), "party": F("party__code")}[by]
    rows = _compliance_rows(user, by, group)
    labels = {None: str(_("No topic")) if by == "topic" else ""}
    if by == "topic":
        labels.update({topic.code: str(topic.name) for topic in Topic.objects.all()})
    elif by == "level":
        labels.update({value: str(label) for value, label in Measure.Level.choices})
    table: dict[str, dict[str, Rate]] = {}
    parties: set[str] = set()
    for row in rows:
        parties.add(row["party_code"])
        label = labels.get(row["group_key"], row["group_key"])
        rate = table.setdefault(label, {}).setdefault(row["party_code"], Rate(0, 0))
        rate.count += row["count"]
        rate.total += row["total"]
    columns = sorted(parties)
    result = []
    for group in sorted(table):
        cells = table[group]
        overall = Rate(sum(r.count for r in cells.values()), sum(r.total for r in cells.values()))
        result.append((group, cells, overall))
    return {"columns": columns, "rows": result, "by": by}


def _compliance_rows(user, by: str, group) -> list[dict]:
    """The GROUP BY's rows, kept in the cache until an assessment or a measure changes.

    The count joins every published assessment to its measure (20,000 assessments: about 60 ms), and the
    table is asked far more often than assessments change. The key holds the newest change of either
    table, so an edit, a deletion or a merge (each stamps ``updated_at``) is seen at once; only a purge
    (rows removed for good) may wait for the minute the entry lives.
    """
    from django.db.models import Count, F, Sum

    from kenes.core.caching import until_changed

    levels = visible_levels(user)

    def rows():
        # The measure's visibility through the join, not "measure IN (every visible measure)": the
        # assessments are few, the measures many, and each assessment's measure is one primary-key lookup.
        return list(visible_assessments(user).filter(
            state=Assessment.State.PUBLISHED, measure__deleted_at__isnull=True, measure__merged_into__isnull=True,
            measure__visibility__in=levels).order_by().values(group_key=group, party_code=F("party__code"))
            .annotate(count=Count("pk"), total=Sum("score")))

    return until_changed("inventory:compliance", (Assessment, Measure), [*levels, by, group], rows)


def _status_changes(user, measure: Measure) -> list[dict]:
    # Of the person who made a change, the name only (a user is 21 columns, its password among them).
    changes = (measure.status_changes.select_related("from_status", "to_status", "party", "changed_by")
               .defer(*(f"changed_by__{name}" for name in USER_COLUMNS_UNUSED)))
    return [{"when": change.changed_at, "kind": "status", "change": change} for change in changes]


def _assessments(user, measure: Measure) -> list[dict]:
    # The measure is this one: not read again with each assessment.
    assessments = visible_assessments(user, measure=measure).select_related(None).select_related("party")
    return [{"when": assessment.updated_at, "kind": "assessment", "assessment": assessment}
            for assessment in assessments]


def timeline(user, measure: Measure, present: set[MeasureSource] | None = None) -> list[dict]:
    """What happened to a measure, newest first: status moves, assessments (published or, for the
    secretariat, any) and the progress updates and meetings other apps report (``TIMELINE_SOURCES``)."""
    return sorted(_read(TIMELINE_SOURCES, present, user, measure), key=lambda event: event["when"], reverse=True)


# Apps above the inventory (the work plan, the council) add to a measure's timeline: read(user, measure) ->
# [{"when": datetime, "kind": …, …}], visibility applied.
TIMELINE_SOURCES: list[MeasureSource] = [
    MeasureSource(_status_changes, lambda measure: StatusChange._base_manager.filter(measure=measure)),
    MeasureSource(_assessments, lambda measure: Assessment._base_manager.filter(measure=measure)),
]
# What a timeline does not show of the user who made a change.
USER_COLUMNS_UNUSED = ("password", "last_login", "is_superuser", "email", "is_staff", "is_active", "date_joined")

# Apps above the inventory (targets, projects) name here what they link to a measure, so the measure page
# lists them without the inventory importing those apps: each source reads ``(user, measure) -> [
# {"kind": "Target", "label": "10 bn USD by 2030", "url": "/indicators/targets/1/"}, …]``, visibility applied.
LINK_SOURCES: list[MeasureSource] = []


def register_timeline(read: Callable, rows: Callable[[Measure], object]) -> None:
    if all(source.read is not read for source in TIMELINE_SOURCES):
        TIMELINE_SOURCES.append(MeasureSource(read, rows))


def register_links(read: Callable, rows: Callable[[Measure], object]) -> None:
    if all(source.read is not read for source in LINK_SOURCES):
        LINK_SOURCES.append(MeasureSource(read, rows))


def linked_records(user, measure: Measure, present: set[MeasureSource] | None = None) -> list[dict]:
    return _read(LINK_SOURCES, present, user, measure)


# The measures that replace this one, on its page: a source like the others, so its emptiness is asked
# in the same query.
REPLACED_BY = MeasureSource(lambda user, measure: list(Measure.objects.visible_to(user).filter(replaces=measure)
                                                       .order_by("pk")),
                            lambda measure: Measure._base_manager.filter(replaces=measure))


def page_sources(measure: Measure) -> set[MeasureSource]:
    """Which of the measure page's sources have rows: one query for all of them."""
    return with_rows(measure, [*PART_SOURCES, *TIMELINE_SOURCES, *LINK_SOURCES, REPLACED_BY])
