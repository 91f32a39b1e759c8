"""The council's write path: meetings and what hangs off them, the minutes workflow, events, composition.

``kenes.core.services`` says how a record is written (lock, version check, history,
search index); this module says what may change and in which order.

The agenda, participants' roles and decisions are parts of their meeting, so every change
to them is a change of the meeting (``_meeting_change``): it is checked against the
meeting's version the editor started from, raises the version and leaves a line in the
meeting's history. Two secretaries editing the agenda at once therefore never overwrite
each other: the second is told who changed the meeting and when.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kenes.accounts.models import User
from kenes.core import services as core
from kenes.core.models import Visibility
from kenes.core.translation import CONTENT_LANGUAGES, translated_value
from kenes.council.models import (
    AgendaItem,
    Decision,
    Event,
    Meeting,
    Minutes,
    MinutesApproval,
    MinutesComment,
    MinutesVersion,
    Participation,
    Speaker,
    Term,
)
from kenes.directory.models import Organization, Party, Person
from kenes.inventory.models import Measure

MEETING_FIELDS = core.editable_fields(Meeting)
EVENT_FIELDS = core.editable_fields(Event)
TERM_FIELDS = core.editable_fields(Term)
AGENDA_FIELDS = ["position", "duration_minutes", "presenters", "measures",
                 *(f"{name}_{code}" for name in ("title", "description") for code in CONTENT_LANGUAGES)]
DECISION_FIELDS = ["kind", "agenda_item", "owner", "owner_organization", "due", "measure",
                   *(f"text_{code}" for code in CONTENT_LANGUAGES)]


# --- meetings ------------------------------------------------------------------------------------

def create_meeting(actor, *, reason: str = "", **data) -> Meeting:
    with transaction.atomic():
        meeting = core.create(actor, Meeting, data, allowed=MEETING_FIELDS, reason=reason or _("Created"))
        sync_participations(meeting)
    return meeting


def update_meeting(actor, meeting: Meeting, *, version: int | None = None, reason: str = "", **data) -> Meeting:
    with transaction.atomic():
        meeting = core.update(actor, meeting, data, allowed=MEETING_FIELDS, version=version, reason=reason)
        sync_participations(meeting)
    return meeting


def sync_participations(meeting: Meeting) -> None:
    """One role row per participant: newcomers attend, people taken off the list lose their role."""
    people = set(meeting.participants.values_list("pk", flat=True))
    Participation.objects.filter(meeting=meeting).exclude(person_id__in=people).delete()
    known = set(Participation.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    Participation.objects.bulk_create([Participation(meeting=meeting, person_id=pk) for pk in people - known])


@transaction.atomic
def _meeting_change(actor, meeting: Meeting, version: int | None, reason: str, change: Callable):
    """Run ``change(meeting)`` as one edit of the meeting: locked, version-checked, in its history."""
    core.require_secretariat(actor)
    current = core.lock(meeting)
    if current.deleted_at is not None:
        raise ValidationError(_("This meeting was deleted; restore it before changing it."))
    core.check_version(current, version)
    # A change of participants is recorded by simple_history as it happens: say by whom and why there too.
    current._history_user, current._change_reason = actor, reason
    result = change(current)
    core.save(current, actor, reason)
    return result


def _visible_measures(actor, measures) -> list[Measure]:
    """Measures an agenda item or decision may link: refused, by title, when the user may not see one."""
    measures = list(measures or [])
    ids = {measure.pk for measure in measures}
    visible = set(Measure.objects.visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
    hidden = [measure for measure in measures if measure.pk not in visible]
    if hidden:
        # The id, not the title: a user who may not see the measure must not learn its title from the refusal.
        raise ValidationError({"measures": _("Measure %(id)s cannot be linked: it does not exist or you may "
                                             "not see it.") % {"id": hidden[0].pk}})
    return measures


def _live_people(people) -> list[Person]:
    people = list(people or [])
    live = set(Person.objects.live().filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    gone = [person for person in people if person.pk not in live]
    if gone:
        raise ValidationError(_("%(person)s was deleted or merged; choose the person again.") % {"person": gone[0]})
    return people


def _fill(item, data: dict, allowed: list[str]) -> dict:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError(_("These cannot be set here: %(fields)s.") % {"fields": ", ".join(unknown)})
    many = {}
    for name, value in data.items():
        if item._meta.get_field(name).many_to_many:
            many[name] = value
        else:
            setattr(item, name, value)
    return many


# --- participants -------------------------------------------------------------------------------

def set_role(actor, meeting: Meeting, person: Person, role: str, *, version: int | None) -> Participation:
    """Add ``person`` to the meeting with ``role``, or change their role."""
    if role not in Participation.Role.values:
        raise ValidationError({"role": _("Choose chair, speaker or attendee.")})
    _live_people([person])

    def change(current):
        current.participants.add(person)
        participation, _created = Participation.objects.update_or_create(
            meeting=current, person=person, defaults={"role": role})
        return participation

    return _meeting_change(actor, meeting, version, _("%(person)s: %(role)s") % {
        "person": person, "role": Participation.Role(role).label}, change)


def remove_participant(actor, meeting: Meeting, person: Person, *, version: int | None) -> None:
    def change(current):
        current.participants.remove(person)
        Participation.objects.filter(meeting=current, person=person).delete()

    _meeting_change(actor, meeting, version, _("%(person)s taken off the participants") % {"person": person}, change)


def participations(meeting: Meeting, user) -> list[Participation]:
    """The participants the reader may see, chairs first, then speakers, then the others."""
    order = {role: index for index, role in enumerate(Participation.Role.values)}
    visible = set(Person.objects.visible_to(user).filter(participations__meeting=meeting).values_list("pk", flat=True))
    rows = [p for p in meeting.participations.select_related("person", "person__party") if p.person_id in visible]
    return sorted(rows, key=lambda p: (order.get(p.role, 9), p.person.name))


# --- the agenda ---------------------------------------------------------------------------------

def add_agenda_item(actor, meeting: Meeting, *, version: int | None, **data) -> AgendaItem:
    def change(current):
        item = AgendaItem(meeting=current)
        many = _fill(item, data, AGENDA_FIELDS)
        if not data.get("position"):
            item.position = (current.agenda_items.aggregate(last=Max("position"))["last"] or 0) + 1
        _save_item(actor, item, many)
        return item

    return _meeting_change(actor, meeting, version, _("Agenda item added"), change)


def update_agenda_item(actor, item: AgendaItem, *, version: int | None, **data) -> AgendaItem:
    def change(current):
        fresh = AgendaItem.objects.get(pk=item.pk, meeting=current)
        many = _fill(fresh, data, AGENDA_FIELDS)
        _save_item(actor, fresh, many)
        return fresh

    return _meeting_change(actor, item.meeting, version, _("Agenda item changed"), change)


def _save_item(actor, item: AgendaItem, many: dict) -> None:
    if "measures" in many:
        many["measures"] = _visible_measures(actor, many["measures"])
    if "presenters" in many:
        many["presenters"] = _live_people(many["presenters"])
    item.full_clean()
    item._history_user = actor
    item.save()
    for name, values in many.items():
        getattr(item, name).set(values)
    _renumber(item.meeting, keep=item)


def _renumber(meeting: Meeting, keep: AgendaItem | None = None) -> None:
    """Positions 1, 2, 3… with no gaps; the item just placed keeps the position it was given."""
    items = list(meeting.agenda_items.order_by("position", "pk"))
    if keep is not None:
        items = [i for i in items if i.pk != keep.pk]
        items.insert(max(0, min(keep.position - 1, len(items))), keep)
    for position, item in enumerate(items, start=1):
        # The item just placed carries its wanted position in memory only: always written.
        if item is keep or item.position != position:
            AgendaItem.objects.filter(pk=item.pk).update(position=position)
            item.position = position


def move_agenda_item(actor, item: AgendaItem, position: int, *, version: int | None) -> None:
    def change(current):
        fresh = AgendaItem.objects.get(pk=item.pk, meeting=current)
        fresh.position = max(1, int(position))
        _renumber(current, keep=fresh)

    _meeting_change(actor, item.meeting, version, _("Agenda reordered"), change)


def remove_agenda_item(actor, item: AgendaItem, *, version: int | None) -> None:
    def change(current):
        AgendaItem.objects.filter(pk=item.pk, meeting=current).delete()
        _renumber(current)

    _meeting_change(actor, item.meeting, version, _("Agenda item removed: %(title)s") % {"title": item}, change)


def agenda_from_measures(actor, meeting: Meeting, measures, *, version: int | None) -> list[AgendaItem]:
    """One agenda item per measure, titled as the measure in every language it has, linked to it."""
    measures = _visible_measures(actor, measures)
    already = set(AgendaItem.measures.through.objects.filter(agendaitem__meeting=meeting)
                  .values_list("measure_id", flat=True))

    def change(current):
        last = current.agenda_items.aggregate(last=Max("position"))["last"] or 0
        items = []
        for measure in measures:
            if measure.pk in already:
                continue
            last += 1
            item = AgendaItem(meeting=current, position=last,
                              **{f"title_{code}": getattr(measure, f"title_{code}") for code in CONTENT_LANGUAGES})
            _save_item(actor, item, {"measures": [measure]})
            items.append(item)
        return items

    return _meeting_change(actor, meeting, version, _("Agenda built from measures"), change)


def set_speakers(actor, item: AgendaItem, rows: list[dict], *, version: int | None) -> None:
    """The item's list of speakers, in order; each row {"person": Person, "summary_en": …}."""
    people = _live_people([row["person"] for row in rows])
    if len({p.pk for p in people}) != len(people):
        raise ValidationError(_("A person is on the list of speakers twice."))

    def change(current):
        fresh = AgendaItem.objects.get(pk=item.pk, meeting=current)
        fresh.speakers.all().delete()
        for position, row in enumerate(rows, start=1):
            speaker = Speaker(item=fresh, person=row["person"], position=position)
            for code in CONTENT_LANGUAGES:
                setattr(speaker, f"summary_{code}", (row.get(f"summary_{code}") or "").strip())
            speaker.full_clean()
            speaker._history_user = actor
            speaker.save()
            # A speaker took part: they join the participants as speaker unless they already chair.
            current.participants.add(row["person"])
            participation, _new = Participation.objects.get_or_create(meeting=current, person=row["person"])
            if participation.role == Participation.Role.ATTENDEE:
                participation.role = Participation.Role.SPEAKER
                participation.save(update_fields=["role"])

    _meeting_change(actor, item.meeting, version, _("Speakers of “%(item)s” changed") % {"item": item}, change)


def agenda(meeting: Meeting, user) -> list[dict]:
    """The agenda as the reader may see it: hidden presenters, speakers and measures left out."""
    items = list(meeting.agenda_items.prefetch_related("presenters", "measures", "speakers__person"))
    people = set(Person.objects.visible_to(user).filter(
        Q(presented_items__meeting=meeting) | Q(speeches__item__meeting=meeting)).values_list("pk", flat=True))
    measures = set(Measure.objects.visible_to(user).filter(agenda_items__meeting=meeting).values_list("pk", flat=True))
    return [{
        "item": item,
        "presenters": [p for p in item.presenters.all() if p.pk in people],
        "measures": [m for m in item.measures.all() if m.pk in measures],
        "speakers": [s for s in item.speakers.all() if s.person_id in people],
    } for item in items]


# --- decisions ----------------------------------------------------------------------------------

def add_decision(actor, meeting: Meeting, *, version: int | None, **data) -> Decision:
    def change(current):
        decision = Decision(meeting=current)
        _fill(decision, data, DECISION_FIELDS)
        _save_decision(actor, decision)
        return decision

    return _meeting_change(actor, meeting, version, _("Decision recorded"), change)


def update_decision(actor, decision: Decision, *, version: int | None, **data) -> Decision:
    def change(current):
        fresh = Decision.objects.get(pk=decision.pk, meeting=current)
        _fill(fresh, data, DECISION_FIELDS)
        _save_decision(actor, fresh)
        return fresh

    return _meeting_change(actor, decision.meeting, version, _("Decision changed"), change)


def remove_decision(actor, decision: Decision, *, version: int | None) -> None:
    def change(current):
        Decision.objects.filter(pk=decision.pk, meeting=current).delete()

    _meeting_change(actor, decision.meeting, version, _("Decision removed"), change)


def _save_decision(actor, decision: Decision) -> None:
    if decision.measure_id:
        _visible_measures(actor, [decision.measure])
    if decision.owner_id:
        _live_people([decision.owner])
    decision.full_clean()
    decision._history_user = actor
    decision.save()


def default_plan(meeting: Meeting):
    """The work plan decisions of this meeting go into: the body's newest plan that is not closed."""
    from kenes.workplan.models import WorkPlan

    plans = WorkPlan.objects.live().exclude(status=WorkPlan.Status.CLOSED).order_by("-period_start", "-pk")
    return (plans.filter(body_id=meeting.body_id).first() if meeting.body_id else None) or plans.first()


@transaction.atomic
def make_work_item(actor, decision: Decision, *, version: int | None, plan=None):
    """The decision as a work item of ``plan`` (the body's current plan by default), in one step.

    A decision about a measure puts that measure in the plan; one without becomes a new
    measure of the council first (a commitment made at this meeting). The owner answers
    for it on their side with the decision's due date.
    """
    from kenes.inventory import services as inventory
    from kenes.workplan import services as workplan
    from kenes.workplan.models import WorkItem

    core.require_secretariat(actor)
    meeting = decision.meeting
    if decision.work_item_id and decision.work_item.deleted_at is None:
        raise ValidationError(_("This decision is already work item %(id)s.") % {"id": decision.work_item_id})
    plan = plan or default_plan(meeting)
    if plan is None:
        raise ValidationError(_("There is no open work plan to add it to; create the council's work plan first."))
    party = _owner_party(decision, actor)
    if party is None:
        raise ValidationError({"owner": _("Say who owns the decision (a person or organisation of either side) "
                                          "before it becomes a work item.")})
    measure = decision.measure or _measure_for(actor, decision, inventory)
    existing = WorkItem.objects.live().filter(plan=plan, measure=measure).first()

    def change(current):
        item = existing or workplan.create_item(
            actor, plan=plan, measure=measure, start=_meeting_day(current), due=decision.due,
            responsibilities=[{"party": party, "organization": decision.owner_organization, "lead": decision.owner}],
            reason=_("From a decision of %(meeting)s") % {"meeting": current})
        Decision.objects.filter(pk=decision.pk).update(work_item=item, measure=measure)
        return item

    return _meeting_change(actor, meeting, version, _("Decision made a work item"), change)


def _owner_party(decision: Decision, actor):
    for record in (decision.owner, decision.owner_organization):
        if record is not None and getattr(record, "party_id", None):
            return record.party
    if decision.owner_id or decision.owner_organization_id:
        return actor.party
    return None


def _meeting_day(meeting: Meeting) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(meeting.date) if len(meeting.date) == 10 else None
    except ValueError:
        return None


def _measure_for(actor, decision: Decision, inventory) -> Measure:
    texts = {f"title_{code}": getattr(decision, f"text_{code}")[:500] for code in CONTENT_LANGUAGES}
    measure = inventory.create_measure(
        actor, kind=Measure.Kind.COMMITMENT, level=Measure.Level.EXPERT_COUNCIL,
        first_proposed_on=decision.meeting.date, occasion=str(decision.meeting)[:500],
        visibility=decision.meeting.visibility, reason=_("Decided at %(meeting)s") % {"meeting": decision.meeting},
        **texts)
    return measure


def decisions(meeting: Meeting, user) -> list[Decision]:
    """Decisions with owners and measures the reader may not see taken off them (not the decision itself)."""
    rows = list(meeting.decisions.select_related("owner", "owner_organization", "measure", "work_item",
                                                 "agenda_item"))
    people = set(Person.objects.visible_to(user).filter(owned_decisions__meeting=meeting).values_list("pk", flat=True))
    orgs = set(Organization.objects.visible_to(user).filter(owned_decisions__meeting=meeting)
               .values_list("pk", flat=True))
    measures = set(Measure.objects.visible_to(user).filter(decisions__meeting=meeting).values_list("pk", flat=True))
    for decision in rows:
        decision.visible_owner = decision.owner if decision.owner_id in people else None
        decision.visible_organization = decision.owner_organization if decision.owner_organization_id in orgs else None
        decision.visible_measure = decision.measure if decision.measure_id in measures else None
        item = decision.work_item
        decision.visible_item = item if item is not None and item.is_visible_to(user) else None
    return rows


# --- minutes ------------------------------------------------------------------------------------

def approving_parties() -> list[Party]:
    """The parties whose secretariats must approve minutes: every party with an active secretariat account."""
    return list(Party.objects.filter(users__role=User.Role.SECRETARIAT, users__is_active=True).distinct()
                .order_by("code"))


def draft_text(meeting: Meeting, user, language: str) -> str:
    """Minutes drafted from the agenda, its speakers and the decisions, in ``language``."""
    with override(language):
        lines = [str(meeting), ""]
        if meeting.date:
            lines += [_("Date: %(date)s") % {"date": meeting.date}]
        if meeting.place:
            lines += [_("Place: %(place)s") % {"place": meeting.place}]
        people = participations(meeting, user)
        if people:
            lines += ["", _("Participants:")]
            lines += [f"- {p.person.name} ({p.get_role_display().lower()})" for p in people]
        for number, row in enumerate(agenda(meeting, user), start=1):
            lines += ["", f"{number}. {translated_value(row['item'], 'title', language)}"]
            for speaker in row["speakers"]:
                said = translated_value(speaker, "summary", language)
                lines += [f"   {speaker.person.name}: {said}" if said else f"   {speaker.person.name}"]
        found = decisions(meeting, user)
        if found:
            lines += ["", _("Decisions:")]
            lines += [f"- {translated_value(decision, 'text', language)}" for decision in found]
        return "\n".join(lines).strip() + "\n"


@transaction.atomic
def draft_minutes(actor, meeting: Meeting, *, language: str = "en") -> Minutes:
    core.require_secretariat(actor)
    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("This meeting already has minutes; edit them instead."))
    if language not in CONTENT_LANGUAGES:
        raise ValidationError(_("Choose one of the working languages."))
    minutes = Minutes(meeting=meeting, visibility=Visibility.RESTRICTED)
    setattr(minutes, f"text_{language}", draft_text(meeting, actor, language))
    core.save(minutes, actor, _("Drafted from the agenda"))
    _new_version(minutes, actor, _("First draft"))
    return minutes


def _new_version(minutes: Minutes, actor, note: str) -> MinutesVersion:
    number = (minutes.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = MinutesVersion(minutes=minutes, number=number, note=note[:500], created_by=actor)
    for code in CONTENT_LANGUAGES:
        setattr(version, f"text_{code}", getattr(minutes, f"text_{code}"))
    version.save()
    return version


def current_version(minutes: Minutes) -> MinutesVersion | None:
    return minutes.versions.order_by("-number").first()


def _locked_message(minutes: Minutes) -> str:
    if minutes.state == Minutes.State.PUBLISHED:
        return _("The minutes were published on %(day)s and are locked.") % {
            "day": timezone.localtime(minutes.published_at).date().isoformat()}
    return _("The minutes were approved by both sides and are locked.")


@transaction.atomic
def edit_minutes(actor, minutes: Minutes, *, version: int | None, note: str = "", **texts) -> Minutes:
    core.require_secretariat(actor)
    current = core.lock(minutes)
    if current.is_locked:
        raise ValidationError(_locked_message(current))
    core.check_version(current, version)
    allowed = [f"text_{code}" for code in CONTENT_LANGUAGES]
    core.assign(current, texts, allowed)
    changed = any(getattr(current, name) != getattr(current_version(current), name) for name in allowed)
    if not changed:
        return current
    core.save(current, actor, note or _("Minutes edited"))
    _new_version(current, actor, note or _("Edited"))
    # Approvals were given to the text as it was; a changed text needs them again.
    return current


@transaction.atomic
def circulate(actor, minutes: Minutes, *, deadline: datetime.datetime, version: int | None) -> Minutes:
    core.require_secretariat(actor)
    current = core.lock(minutes)
    core.check_version(current, version)
    if current.is_locked:
        raise ValidationError(_locked_message(current))
    if deadline is None or deadline <= timezone.now():
        raise ValidationError({"comment_deadline": _("The deadline for comments must be in the future.")})
    current.state = Minutes.State.CIRCULATED
    current.comment_deadline = deadline
    current.circulated_at = current.circulated_at or timezone.now()
    # Circulated minutes are read by the participants: council members, not only the secretariat.
    current.visibility = Visibility.INTERNAL if current.meeting.visibility != Visibility.RESTRICTED \
        else Visibility.RESTRICTED
    core.save(current, actor, _("Circulated for comments until %(deadline)s") % {
        "deadline": timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")})
    # Mail only once the circulation is saved: a rolled-back one tells nobody.
    transaction.on_commit(lambda: notify_circulated(current))
    return current


def notify_circulated(minutes: Minutes) -> int:
    """Email each participant with an account and an address that the minutes await their comments.

    A mail server that is down must not undo the circulation: the failure is logged, the
    dashboard still shows the minutes to every participant. Returns how many mails went out.
    """
    import logging

    from django.conf import settings
    from django.core.mail import send_mail

    accounts = User.objects.filter(is_active=True, person__in=minutes.meeting.participants.all()).exclude(email="")
    sent = 0
    for user in accounts:
        if not may_comment(user, minutes):
            continue
        with override(getattr(user, "language", None) or "en"):
            subject = _("Minutes for your comments: %(meeting)s") % {"meeting": minutes.meeting}
            body = _("The minutes of %(meeting)s are circulated for comments until %(deadline)s (UTC).\n\n"
                     "Read them and comment here: %(url)s") % {
                "meeting": minutes.meeting, "deadline": minutes.comment_deadline.strftime("%Y-%m-%d %H:%M"),
                "url": f"{settings.KENES_BASE_URL.rstrip('/')}{minutes.get_absolute_url()}"}
        try:
            sent += send_mail(subject, body, None, [user.email], fail_silently=False)
        except OSError:
            logging.getLogger("kenes.council").exception("Could not mail %s about circulated minutes", user.pk)
    return sent


def may_comment(user, minutes: Minutes) -> bool:
    """The secretariat, and council members who took part in the meeting."""
    if not getattr(user, "is_authenticated", False) or not minutes.is_visible_to(user):
        return False
    if user.is_secretariat:
        return True
    return bool(user.is_council_member and user.person_id
                and minutes.meeting.participants.filter(pk=user.person_id).exists())


@transaction.atomic
def comment(actor, minutes: Minutes, text: str) -> MinutesComment:
    current = Minutes.objects.select_for_update().get(pk=minutes.pk)
    text = (text or "").strip()
    if current.is_locked:
        raise ValidationError(_locked_message(current) + " " + _("Comments are closed."))
    if current.state != Minutes.State.CIRCULATED:
        raise ValidationError(_("The minutes have not been circulated for comments yet."))
    if current.comment_deadline and timezone.now() > current.comment_deadline:
        raise ValidationError(_("The deadline for comments was %(deadline)s.") % {
            "deadline": timezone.localtime(current.comment_deadline).strftime("%Y-%m-%d %H:%M")})
    if not may_comment(actor, current):
        raise PermissionDenied(_("Only the meeting's participants and the secretariat can comment on its minutes."))
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if len(text) > 10_000:
        raise ValidationError({"text": _("A comment can be at most 10,000 characters.")})
    return MinutesComment.objects.create(minutes=current, version=current_version(current), author=actor, text=text)


@transaction.atomic
def resolve_comment(actor, remark: MinutesComment, resolution: str, note: str = "") -> MinutesComment:
    core.require_secretariat(actor)
    current = MinutesComment.objects.select_for_update().get(pk=remark.pk)
    if current.minutes.is_locked:
        raise ValidationError(_locked_message(current.minutes))
    if resolution not in MinutesComment.Resolution.values or resolution == MinutesComment.Resolution.OPEN:
        raise ValidationError({"resolution": _("Choose accepted, declined or noted.")})
    current.resolution, current.resolution_note = resolution, (note or "").strip()
    current.resolved_by, current.resolved_at = actor, timezone.now()
    current.save()
    return current


@transaction.atomic
def approve(actor, minutes: Minutes, *, version: int | None) -> Minutes:
    """One side's secretariat approves the current text; with every side's approval the minutes lock."""
    core.require_secretariat(actor)
    current = core.lock(minutes)
    core.check_version(current, version)
    if current.is_locked:
        raise ValidationError(_locked_message(current))
    if current.state != Minutes.State.CIRCULATED:
        raise ValidationError(_("Circulate the minutes for comments before approving them."))
    if actor.party_id is None:
        raise ValidationError(_("Your account is not linked to a side; an administrator sets it."))
    open_comments = current.comments.filter(resolution=MinutesComment.Resolution.OPEN).count()
    if open_comments:
        raise ValidationError(_("Resolve the open comments first (%(count)s left).") % {"count": open_comments})
    text = current_version(current)
    MinutesApproval.objects.get_or_create(minutes=current, version=text, party_id=actor.party_id,
                                          defaults={"approved_by": actor})
    approved = set(current.approvals.filter(version=text).values_list("party_id", flat=True))
    missing = [party for party in approving_parties() if party.pk not in approved]
    if not missing:
        current.state = Minutes.State.APPROVED
    core.save(current, actor, _("Approved by the secretariat of %(party)s") % {"party": actor.party})
    return current


def missing_approvals(minutes: Minutes) -> list[Party]:
    text = current_version(minutes)
    approved = set(minutes.approvals.filter(version=text).values_list("party_id", flat=True)) if text else set()
    return [party for party in approving_parties() if party.pk not in approved]


@transaction.atomic
def publish(actor, minutes: Minutes, *, version: int | None) -> Minutes:
    core.require_secretariat(actor)
    current = core.lock(minutes)
    core.check_version(current, version)
    if current.state == Minutes.State.PUBLISHED:
        return current
    if current.state != Minutes.State.APPROVED:
        names = ", ".join(str(party) for party in missing_approvals(current))
        raise ValidationError(_("Both sides must approve the minutes before they are published; waiting for: "
                                "%(parties)s.") % {"parties": names or "—"})
    current.state = Minutes.State.PUBLISHED
    current.published_at = timezone.now()
    current.visibility = current.meeting.visibility
    core.save(current, actor, _("Published"))
    return current


# --- events -------------------------------------------------------------------------------------

def create_event(actor, *, reason: str = "", **data) -> Event:
    return core.create(actor, Event, data, allowed=EVENT_FIELDS, reason=reason or _("Created"))


def update_event(actor, event: Event, *, version: int | None = None, reason: str = "", **data) -> Event:
    return core.update(actor, event, data, allowed=EVENT_FIELDS, version=version, reason=reason)


# --- composition --------------------------------------------------------------------------------

def create_term(actor, *, reason: str = "", **data) -> Term:
    return core.create(actor, Term, data, allowed=TERM_FIELDS, reason=reason or _("Created"))


def update_term(actor, term: Term, *, version: int | None = None, reason: str = "", **data) -> Term:
    return core.update(actor, term, data, allowed=TERM_FIELDS, version=version, reason=reason)


def end_term(actor, term: Term, *, end: datetime.date, why: str, version: int | None = None) -> Term:
    if not (why or "").strip():
        raise ValidationError({"end_reason": _("Say why the term ended.")})
    return update_term(actor, term, end=end, end_reason=why.strip(), version=version,
                       reason=_("Term ended: %(why)s") % {"why": why.strip()})


def composition(body: Organization, user, day: datetime.date | None = None) -> list[dict]:
    """The body's seats on ``day`` (today by default), side by side per party, co-chairs first."""
    day = day or timezone.localdate()
    terms = (Term.objects.visible_to(user).filter(body=body, start__lte=day)
             .filter(Q(end__isnull=True) | Q(end__gte=day))
             .select_related("person", "party", "alternate_for__person"))
    people = set(Person.objects.visible_to(user).filter(terms__body=body).values_list("pk", flat=True))
    order = {position: index for index, position in enumerate(Term.Position.values)}
    sides: dict[int, dict] = {}
    for term in terms:
        if term.person_id not in people:
            continue
        main = term.alternate_for
        # Whom an alternate stands in for, by name only when the reader may see that seat and person.
        term.main_name = main.person.name if main is not None and main.is_visible_to(user) and \
            main.person_id in people else ""
        side = sides.setdefault(term.party_id, {"party": term.party, "terms": []})
        side["terms"].append(term)
    for side in sides.values():
        side["terms"].sort(key=lambda t: (order.get(t.position, 9), t.alternate_for_id is not None, t.person.name))
    return sorted(sides.values(), key=lambda side: side["party"].code)


def term_history(body: Organization, user):
    """Every term the reader may see on the body, the most recent first."""
    return (Term.objects.visible_to(user).filter(body=body, person__in=Person.objects.visible_to(user))
            .select_related("person", "party").order_by("-start", "party__code", "pk"))


# --- reading ------------------------------------------------------------------------------------

def _title_or_place(query: str) -> Q:
    """Every word (at most eight) in a title in any language or in the place."""
    condition = Q()
    for word in query.split()[:8]:
        words_anywhere = Q(place__icontains=word)
        for code in CONTENT_LANGUAGES:
            words_anywhere |= Q(**{f"title_{code}__icontains": word})
        condition &= words_anywhere
    return condition


def search_meetings(user, query: str = "", *, body: int | None = None, year: str = "", meeting_format: str = "",
                    status: str = ""):
    """Meetings ``user`` may see; ``body`` only counts when the user may see that body too."""
    meetings = Meeting.objects.visible_to(user).select_related("body")
    if query:
        meetings = meetings.filter(_title_or_place(query))
    if body:
        # Filtering by a hidden body must not tell what it did.
        meetings = meetings.filter(body_id=body, body__in=Organization.objects.visible_to(user))
    if year:
        meetings = meetings.filter(date__startswith=year[:4]) if year[:4].isdigit() else meetings.none()
    if meeting_format:
        meetings = meetings.filter(format=meeting_format)
    if status:
        meetings = meetings.filter(status=status)
    return meetings


def search_events(user, query: str = "", *, year: str = "", status: str = "", kind: str = ""):
    events = Event.objects.visible_to(user)
    if query:
        events = events.filter(_title_or_place(query))
    if year:
        events = events.filter(start_date__startswith=year[:4]) if year[:4].isdigit() else events.none()
    if status:
        events = events.filter(status=status)
    if kind:
        events = events.filter(kind=kind)
    return events


def years(user) -> list[str]:
    """The years that have meetings the user may see, newest first (for the year filter)."""
    dates = Meeting.objects.visible_to(user).exclude(date="").values_list("date", flat=True)
    return sorted({date[:4] for date in dates}, reverse=True)


def previous_meeting(meeting: Meeting, user) -> Meeting | None:
    """The body's meeting before this one that the reader may see (by date, then number)."""
    earlier = Meeting.objects.visible_to(user).filter(body_id=meeting.body_id).exclude(pk=meeting.pk)
    if meeting.date:
        earlier = earlier.filter(date__lt=meeting.date)
    elif meeting.ordinal:
        earlier = earlier.filter(ordinal__lt=meeting.ordinal)
    return earlier.order_by("-date", "-ordinal", "-pk").first()


def upcoming(user, limit: int = 5):
    today = timezone.localdate().isoformat()
    return (Meeting.objects.visible_to(user).filter(date__gte=today)
            .exclude(status=Meeting.Status.CANCELLED).order_by("date", "starts_at", "pk")[:limit])


# --- the council on a measure's timeline ----------------------------------------------------------

def _moment(meeting: Meeting) -> datetime.datetime | None:
    if meeting.starts_at:
        return meeting.starts_at
    parts = (meeting.date or "").split("-")
    if not parts[0].isdigit():
        return None
    year, month, day = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
    return datetime.datetime(year, month, day, tzinfo=meeting.zone)


def meetings_on_timeline(user, measure) -> list[dict]:
    """Where the measure was on a meeting's agenda or the subject of a decision (meetings the reader may see)."""
    from django.utils.translation import gettext

    visible = Meeting.objects.visible_to(user)
    events = []
    for item in AgendaItem.objects.filter(measures=measure, meeting__in=visible).select_related("meeting"):
        if when := _moment(item.meeting):
            events.append({"when": when, "kind": "council", "url": item.get_absolute_url(),
                           "label": gettext("On the agenda of %(meeting)s: %(item)s") % {
                               "meeting": item.meeting, "item": item}})
    for decision in Decision.objects.filter(measure=measure, meeting__in=visible).select_related("meeting"):
        if when := _moment(decision.meeting):
            events.append({"when": when, "kind": "council", "url": decision.get_absolute_url(),
                           "label": gettext("%(kind)s of %(meeting)s: %(text)s") % {
                               "kind": decision.get_kind_display(), "meeting": decision.meeting,
                               "text": str(decision)}})
    return events


def _register_timeline() -> None:
    from kenes.inventory import services as inventory

    inventory.register_timeline(meetings_on_timeline, _on_a_meeting)


def _on_a_meeting(measure):
    """The rows meetings_on_timeline reads from: agenda items and decisions naming the measure."""
    return AgendaItem._base_manager.filter(measures=measure), Decision._base_manager.filter(measure=measure)


_register_timeline()
