"""The briefing pack for a meeting: what its participants read beforehand, gathered as plain data.

``build(meeting, user, language)`` collects six sections — the agenda, the measures
proposed since the body's previous meeting, the work plan with what is overdue, the
previous meeting's decisions and what became of them, progress towards the targets, and
who takes part — with the one visibility rule applied for ``user``: the pack holds only
what that user may see, so a member's pack never carries a restricted measure. Content
comes in ``language`` with the usual fallback to another working language (marked).

``briefing_layout.sections`` lays the data out as headings, paragraphs, tables and charts
that both renderers (``briefing_pdf``, ``briefing_docx``) draw the same way; ``render``
here gives the file. The data is text already translated, so the renderers never query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, Q, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kenes.core.translation import LANGUAGE_NAMES, translated_value
from kenes.council import services
from kenes.council.models import TIME_ZONES, Meeting, Term
from kenes.directory.models import Organization, Person
from kenes.directory.services import visible_memberships
from kenes.indicators.models import Indicator, Observation, Target, format_value
from kenes.indicators.periods import is_full_year, year_of
from kenes.inventory.models import Measure
from kenes.workplan.models import WorkItem, WorkPlan
from kenes.workplan.services import item_label

# The pack's languages: the interface is complete in these two (kk and uz follow with their catalogues).
LANGUAGES = ("en", "ru")
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# A pack is read on paper: a longer list is cut, with a line saying how many more there are.
MAX_ROWS = 150
BIOGRAPHY_CHARS = 900
# Between a number and its unit ("40 %"), so a line never breaks there.
NBSP = "\u00a0"


@dataclass
class AgendaEntry:
    number: int
    title: str
    description: str = ""
    minutes: int | None = None
    presenters: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


@dataclass
class MeasureEntry:
    title: str
    proposed_on: str
    occasion: str
    proposed_by: list[str]
    status: str


@dataclass
class OverdueEntry:
    title: str
    plan: str
    due: datetime.date
    days_overdue: int
    progress: int
    status: str
    responsible: list[str]


@dataclass
class WorkPlanStatus:
    plans: list[str]
    total: int
    by_status: list[tuple[str, int]]
    overdue: list[OverdueEntry]
    overdue_more: int = 0


@dataclass
class DecisionEntry:
    kind: str
    text: str
    owner: str
    due: datetime.date | None
    outcome: str
    followed_up: bool


@dataclass
class PartyFigure:
    party: str
    period: str
    value: Decimal
    text: str
    share: int | None  # percent of the target, when the units agree


@dataclass
class TargetProgress:
    indicator: str
    target: str
    value: Decimal
    deadline: str
    figures: list[PartyFigure]


@dataclass
class ParticipantEntry:
    name: str
    other_names: list[str]
    party: str
    role: str
    positions: list[str]
    biography: str


@dataclass
class Briefing:
    meeting_id: int
    language: str
    title: str
    meeting_date: str
    details: list[tuple[str, str]]
    made_on: datetime.date
    prepared_for: str
    previous: str
    since: str
    agenda: list[AgendaEntry]
    new_measures: list[MeasureEntry]
    new_measures_more: int
    work_plan: WorkPlanStatus
    decisions: list[DecisionEntry]
    targets: list[TargetProgress]
    participants: list[ParticipantEntry]
    participants_from_composition: bool = False


class NotAvailable(Exception):
    """The meeting does not exist, was deleted, or the user may not see it (one answer for all three)."""


def find_meeting(user, pk) -> Meeting:
    try:
        number = int(str(pk).strip())
    except ValueError:
        raise NotAvailable(pk) from None
    meeting = Meeting.objects.visible_to(user).filter(pk=number).select_related("body").first()
    if meeting is None or number < 1:
        raise NotAvailable(pk)
    return meeting


# --- gathering ---------------------------------------------------------------------------------

def build(meeting: Meeting, user, language: str, today: datetime.date | None = None,
          prepared_for: str = "") -> Briefing:
    """The pack for ``meeting`` as ``user`` may see it, in ``language`` (one of ``LANGUAGES``).

    ``prepared_for`` names the reader on the title page (default: the user's name).
    """
    if not meeting.is_visible_to(user):
        raise NotAvailable(meeting.pk)
    today = today or timezone.localdate()
    with override(language):
        previous = services.previous_meeting(meeting, user)
        measures, more = _new_measures(meeting, previous, user)
        return Briefing(
            meeting_id=meeting.pk, language=language, title=_text(meeting, "title") or str(meeting),
            meeting_date=meeting.date, details=_details(meeting, user), made_on=today, prepared_for=prepared_for or _who(user),
            previous=_meeting_name(previous) if previous else "",
            since=previous.date if previous else "",
            agenda=_agenda(meeting, user), new_measures=measures, new_measures_more=more,
            work_plan=_work_plan(meeting, user, today),
            decisions=_decisions(previous, user, today) if previous else [],
            targets=_targets(user),
            **_participants(meeting, user),
        )


def _text(record, name: str, mark: bool = False) -> str:
    """The field in the active language, or another one; ``mark`` says which when it fell back."""
    value = translated_value(record, name)
    if mark and value and value.is_fallback:
        return f"{value} [{LANGUAGE_NAMES[value.language]}]"
    return str(value)


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _meeting_name(meeting: Meeting) -> str:
    title = _text(meeting, "title") or str(meeting)
    return f"{title} ({meeting.date})" if meeting.date else title


def _details(meeting: Meeting, user) -> list[tuple[str, str]]:
    """Label and value lines of the title page: body, when (in the meeting's own zone), where, how."""
    rows = []
    body = meeting.body if meeting.body_id and meeting.body.is_visible_to(user) else None
    if body is not None:
        rows.append((_("Body"), _text(body, "name")))
    if meeting.ordinal:
        rows.append((_("Meeting number"), str(meeting.ordinal)))
    rows.append((_("Date and time"), _when(meeting)))
    if meeting.place:
        rows.append((_("Place"), meeting.place))
    if meeting.format:
        rows.append((_("Format"), meeting.get_format_display()))
    rows.append((_("Status"), meeting.get_status_display()))
    return rows


def _when(meeting: Meeting) -> str:
    start, end = meeting.local_start, meeting.local_end
    if start is None:
        return meeting.date or _("not set yet")
    text = f"{formats.date_format(start, 'DATE_FORMAT')}, {start:%H:%M}"
    if end is not None:
        text += f"–{end:%H:%M}" if end.date() == start.date() else \
            f" – {formats.date_format(end, 'DATE_FORMAT')}, {end:%H:%M}"
    zone = dict(TIME_ZONES).get(meeting.time_zone, meeting.time_zone)
    offset = start.strftime("%z")
    return f"{text} ({zone}, UTC{offset[:3]}:{offset[3:]})"


def _visible_ids(model, user, **where) -> set[int]:
    return set(model.objects.visible_to(user).filter(**where).values_list("pk", flat=True))


def _agenda(meeting: Meeting, user) -> list[AgendaEntry]:
    return [AgendaEntry(
        number=number, title=_text(row["item"], "title"), description=_text(row["item"], "description", mark=True),
        minutes=row["item"].duration_minutes,
        presenters=[_text(person, "name") for person in row["presenters"]],
        measures=[_text(measure, "title") for measure in row["measures"]],
    ) for number, row in enumerate(services.agenda(meeting, user), start=1)]


def day_after(partial_date: str) -> datetime.date | None:
    """The first day after a partial date's whole span: 2024 → 2025-01-01, 2024-08 → 2024-09-01."""
    try:
        if len(partial_date) == 4:
            return datetime.date(int(partial_date) + 1, 1, 1)
        if len(partial_date) == 7:
            year, month = int(partial_date[:4]), int(partial_date[5:7])
            return datetime.date(year + month // 12, month % 12 + 1, 1)
        return datetime.date.fromisoformat(partial_date) + datetime.timedelta(days=1)
    except ValueError:
        return None


def _new_measures(meeting: Meeting, previous: Meeting | None, user) -> tuple[list[MeasureEntry], int]:
    """Measures first proposed after the previous meeting, up to this one.

    Partial dates compare as text (2024-09 > 2024-08-28), so a measure dated only to the
    previous meeting's month is not counted as new: it may well have been proposed there.
    A measure without a date counts by when it was recorded.
    """
    if previous is None or not previous.date:
        return [], 0
    after = timezone.make_aware(datetime.datetime.combine(day_after(previous.date), datetime.time()),
                                meeting.zone)
    dated = Q(first_proposed_on__gt=previous.date)
    undated = Q(first_proposed_on="", created_at__gte=after)
    if meeting.date:
        dated &= Q(first_proposed_on__lte=meeting.date)
        if end := day_after(meeting.date):
            undated &= Q(created_at__lt=timezone.make_aware(datetime.datetime.combine(end, datetime.time()),
                                                            meeting.zone))
    found = (Measure.objects.visible_to(user).filter(dated | undated).select_related("status")
             .prefetch_related("proposed_by_people", "proposed_by_organizations", "proposed_by_parties")
             # Dated ones first, in order; those known only by when they were recorded after them.
             .order_by(Case(When(first_proposed_on="", then=1), default=0), "first_proposed_on", "pk"))
    total = found.count()
    rows = list(found[:MAX_ROWS])
    people = _visible_ids(Person, user, proposed_measures__in=rows)
    organizations = _visible_ids(Organization, user, proposed_measures__in=rows)
    entries = [MeasureEntry(
        title=_text(measure, "title"), proposed_on=measure.first_proposed_on or _("not dated"),
        occasion=measure.occasion, status=measure.status.name,
        proposed_by=[_text(p, "name") for p in measure.proposed_by_parties.all()]
        + [_text(p, "name") for p in measure.proposed_by_people.all() if p.pk in people]
        + [_text(o, "name") for o in measure.proposed_by_organizations.all() if o.pk in organizations],
    ) for measure in rows]
    return entries, total - len(rows)


def _plans(meeting: Meeting, user):
    """The body's open plans the user may see; every open plan when the body has none."""
    plans = WorkPlan.objects.visible_to(user).exclude(status=WorkPlan.Status.CLOSED)
    own = plans.filter(body_id=meeting.body_id) if meeting.body_id else plans.none()
    return own if own.exists() else plans


def _work_plan(meeting: Meeting, user, today: datetime.date) -> WorkPlanStatus:
    plans = list(_plans(meeting, user).order_by("-period_start", "pk"))
    items = WorkItem.objects.visible_to(user).filter(plan__in=plans)
    counts = dict(items.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    overdue = (items.exclude(status__in=[WorkItem.Status.DONE, WorkItem.Status.DROPPED]).filter(due__lt=today)
               .select_related("measure", "plan")
               .prefetch_related("responsibilities__party", "responsibilities__organization",
                                 "responsibilities__lead").order_by("due", "pk"))
    total_overdue = overdue.count()
    rows = list(overdue[:MAX_ROWS])
    return WorkPlanStatus(
        plans=[_text(plan, "title") for plan in plans], total=sum(counts.values()),
        by_status=[(label, counts[value]) for value, label in WorkItem.Status.choices if counts.get(value)],
        overdue=[OverdueEntry(
            title=item_label(item, user), plan=_text(item.plan, "title"), due=item.due,
            days_overdue=(today - item.due).days, progress=item.progress, status=item.get_status_display(),
            responsible=_responsible(item, user)) for item in rows],
        overdue_more=total_overdue - len(rows),
    )


def _responsible(item: WorkItem, user) -> list[str]:
    """"KZ: Organisation — lead" per side, each name only when the user may see it."""
    lines = []
    for row in item.responsibilities.all():
        names = [_text(record, "name") for record in (row.organization, row.lead)
                 if record is not None and record.is_visible_to(user)]
        if names:
            lines.append(f"{row.party.code}: {' — '.join(names)}")
    return lines


def _decisions(previous: Meeting, user, today: datetime.date) -> list[DecisionEntry]:
    entries = []
    for decision in services.decisions(previous, user):
        owners = [_text(record, "name") for record in (decision.visible_owner, decision.visible_organization)
                  if record is not None]
        item = decision.visible_item
        entries.append(DecisionEntry(
            kind=decision.get_kind_display(), text=_text(decision, "text", mark=True), owner=", ".join(owners),
            due=decision.due, outcome=_outcome(item, today) if item else _("No follow-up recorded."),
            followed_up=item is not None))
    return entries


def _outcome(item: WorkItem, today: datetime.date) -> str:
    parts = [_("Work item: %(status)s, %(progress)s%(space)s%% done") % {
        "status": item.get_status_display().lower(), "progress": item.progress, "space": NBSP}]
    if item.due:
        parts.append(_("due %(day)s") % {"day": item.due.isoformat()})
    if item.is_overdue(today):
        parts.append(_("overdue"))
    text = "; ".join(parts) + "."
    latest = item.updates.order_by("-posted_at", "-pk").first()
    if latest is not None:
        text += " " + _("Latest update (%(day)s): %(text)s") % {
            "day": timezone.localtime(latest.posted_at).date().isoformat(), "text": _cut(latest.text, 300)}
    return text


def _cut(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _targets(user) -> list[TargetProgress]:
    """Targets in force (not superseded by one the user sees), each with every side's latest figure."""
    visible_targets = Target.objects.visible_to(user)
    targets = (visible_targets.filter(indicator__in=Indicator.objects.visible_to(user))
               .exclude(superseded_by__in=visible_targets).select_related("indicator")
               .order_by("indicator__name_en", "indicator__pk", "deadline", "pk")[:MAX_ROWS])
    observations = (Observation.objects.visible_to(user).select_related("reporting_party")
                    .filter(indicator__in=[t.indicator_id for t in targets])
                    .exclude(revisions__in=Observation.objects.visible_to(user)))
    by_indicator: dict[int, list[Observation]] = {}
    for observation in observations:
        by_indicator.setdefault(observation.indicator_id, []).append(observation)
    return [_progress(target, by_indicator.get(target.indicator_id, [])) for target in targets]


def _latest_per_party(observations: list[Observation]) -> list[Observation]:
    """Each side's latest figure; within the latest year a full-year figure before a part of the year."""
    latest: dict = {}
    for observation in observations:
        key = (year_of(observation.period), is_full_year(observation.period), observation.period, observation.pk)
        party = observation.reporting_party_id
        if party not in latest or key > latest[party][0]:
            latest[party] = (key, observation)
    rows = [observation for _key, observation in latest.values()]
    return sorted(rows, key=lambda o: (o.reporting_party is None, o.reporting_party.code if o.reporting_party else ""))


def _progress(target: Target, observations: list[Observation]) -> TargetProgress:
    unit = target.effective_unit
    figures = []
    for observation in _latest_per_party(observations):
        same_unit = observation.effective_unit == unit
        share = int((observation.value * 100 / target.value).to_integral_value(ROUND_HALF_UP)) \
            if same_unit and target.value else None
        figures.append(PartyFigure(
            party=_text(observation.reporting_party, "name") if observation.reporting_party else _("Not stated"),
            period=observation.period, value=observation.value if same_unit else Decimal(0),
            text=amount(observation.value, observation.effective_unit), share=share))
    return TargetProgress(
        indicator=_text(target.indicator, "name"), target=_qualified(target), value=target.value,
        deadline=target.deadline, figures=figures)


def amount(value: Decimal, unit: str) -> str:
    """10,000,000,000 USD in English, 10 000 000 000 USD in Russian: grouped as the language writes numbers."""
    digits = format_value(value)
    places = len(digits.split(".")[1]) if "." in digits else 0
    return f"{formats.number_format(value, places, use_l10n=True, force_grouping=True)} {unit}".strip()


def _qualified(target: Target) -> str:
    text = amount(target.value, target.effective_unit)
    return f"{target.get_qualifier_display()} {text}" if target.qualifier else text


def _participants(meeting: Meeting, user) -> dict:
    """Who takes part, with party, role and biography; the body's members on the day when none is listed."""
    rows = [(p.person, p.get_role_display()) for p in services.participations(meeting, user)]
    from_composition = False
    if not rows and meeting.body_id and meeting.body.is_visible_to(user):
        day = meeting.local_start.date() if meeting.starts_at else timezone.localdate()
        rows = [(term.person, term.get_position_display()) for side in services.composition(meeting.body, user, day)
                for term in side["terms"]]
        from_composition = bool(rows)
    terms = _terms(meeting, user, [person.pk for person, _role in rows])
    entries = []
    for person, role in rows[:MAX_ROWS]:
        name = _text(person, "name")
        positions = terms.get(person.pk, []) + [
            _position(m) for m in visible_memberships(user, person=person, end_date="")[:2]]
        entries.append(ParticipantEntry(
            name=name, other_names=[str(n) for n in person.names() if str(n) != name],
            party=_text(person.party, "name") if person.party_id else "", role=role,
            positions=list(dict.fromkeys(positions)),
            biography=_cut(_text(person, "biography", mark=True), BIOGRAPHY_CHARS)))
    return {"participants": entries, "participants_from_composition": from_composition}


def _terms(meeting: Meeting, user, people: list[int]) -> dict[int, list[str]]:
    """Each person's seat on the meeting's body on the day of the meeting (co-chair, member…)."""
    if not meeting.body_id or not people:
        return {}
    day = meeting.local_start.date() if meeting.starts_at else timezone.localdate()
    seats: dict[int, list[str]] = {}
    terms = (Term.objects.visible_to(user).filter(body_id=meeting.body_id, person_id__in=people, start__lte=day)
             .filter(Q(end__isnull=True) | Q(end__gte=day)).select_related("body", "party"))
    for term in terms:
        if term.body.is_visible_to(user):
            seats.setdefault(term.person_id, []).append(
                _("%(position)s, %(body)s (%(party)s)") % {"position": term.get_position_display(),
                                                           "body": _text(term.body, "name"), "party": term.party.code})
    return seats


def _position(membership) -> str:
    title = _text(membership, "title")
    return f"{title}, {_text(membership.organization, 'name')}" if membership.organization_id else title


# --- the file -----------------------------------------------------------------------------------

def filename(briefing: Briefing, file_format: str) -> str:
    """ASCII, so every browser and mail client keeps it: briefing-meeting-12-2025-03-14-ru.pdf."""
    stamp = briefing.meeting_date or briefing.made_on.isoformat()
    return f"briefing-meeting-{briefing.meeting_id}-{stamp}-{briefing.language}.{file_format}"


def render(briefing: Briefing, file_format: str) -> bytes:
    with override(briefing.language):
        if file_format == "pdf":
            from kenes.council.briefing_pdf import render_pdf

            return render_pdf(briefing)
        if file_format == "docx":
            from kenes.council.briefing_docx import render_docx

            return render_docx(briefing)
    raise ValueError(file_format)
