"""The council: who sits on it and for how long, its expert pool, its meetings and events.

A ``Meeting`` has an agenda (``AgendaItem`` in order, each with presenters, a planned
duration, linked measures and a list of ``Speaker``s), people who took part with their
role (``Participation``, kept in step with ``Meeting.participants``), ``Decision``s — each
of which can become a work item in one step — and ``Minutes`` that go through a workflow:
drafted, circulated for comments until a deadline, approved by *both* parties'
secretariats, then published and locked. Every text of the minutes is kept as a
``MinutesVersion``; comments point at the version they were made on.

``Term`` is a seat on a body held for a time (co-chair, member, secretary, observer), so a
body's composition on any day is the terms that cover it. ``ExpertProfile`` puts a person
in the expert pool with languages, affiliation and contact details (the contact only for
the secretariat). ``Event`` is a conference or forum with the measures it serves.

Times are stored in UTC; each meeting keeps the time zone it was set in (Astana and
Tashkent differ), and pages show times in the reader's zone.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kenes.core.models import PartialDateField, Record
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField

# The zones meetings are set in: the two capitals first, then where guests come from. Labels
# name cities, not offsets, because offsets change (Kazakhstan moved to UTC+5 in 2024).
TIME_ZONES = [
    ("Asia/Almaty", _("Astana, Almaty")),
    ("Asia/Tashkent", _("Tashkent, Samarkand")),
    ("Asia/Bishkek", _("Bishkek")),
    ("Asia/Dushanbe", _("Dushanbe")),
    ("Asia/Ashgabat", _("Ashgabat")),
    ("Asia/Baku", _("Baku")),
    ("Europe/Moscow", _("Moscow")),
    ("Europe/Istanbul", _("Istanbul")),
    ("Europe/Berlin", _("Berlin, Brussels")),
    ("Europe/London", _("London")),
    ("America/New_York", _("New York")),
    ("Asia/Shanghai", _("Beijing")),
    ("UTC", _("UTC")),
]


# Languages experts work in: codes, not names, so they read the same in every interface language.
LANGUAGE_CODES = ("en", "ru", "kk", "uz", "tg", "ky", "tk", "zh", "fa", "de", "fr", "tr", "ar")


def split_languages(value: str) -> list[str]:
    return list(dict.fromkeys(code.strip().lower() for code in (value or "").replace(";", ",").split(",")
                              if code.strip()))


def validate_languages(value: str) -> None:
    unknown = [code for code in split_languages(value) if code not in LANGUAGE_CODES]
    if unknown:
        raise ValidationError(_("Unknown language code: %(codes)s. Use two-letter codes such as en, ru, kk, uz."),
                              params={"codes": ", ".join(unknown)})


class LanguagesField(models.CharField):
    """Language codes separated by commas ("en,ru,kk")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 60)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_languages)


def _require_title(record, field: str = "title") -> None:
    if not any(getattr(record, f"{field}_{code}") for code in CONTENT_LANGUAGES):
        raise ValidationError({f"{field}_en": _("Give the title in at least one language.")})


class Meeting(Record):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    title = TranslatedField(models.CharField(_("title"), max_length=500, blank=True,
                                             help_text=_("E.g. Second meeting of the Kazakhstan–Uzbekistan Expert Council.")))
    body = models.ForeignKey(
        "directory.Organization", verbose_name=_("body"), null=True, blank=True,
        # A body's meetings are its record of work: the organisation cannot be deleted while it has any.
        on_delete=models.PROTECT, related_name="meetings",
        help_text=_("The council, commission or other body that met; empty for talks between delegations."),
    )
    ordinal = models.PositiveIntegerField(_("number"), null=True, blank=True,
                                          help_text=_("The meeting's number in the body's series (2 for the second)."))
    date = PartialDateField(_("date"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD. Set from the start time when "
                                                   "that is given."))
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True,
                                     help_text=_("Date and time it begins, in the time zone below."))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Almaty", choices=TIME_ZONES,
                                 help_text=_("Where the time was set; everyone sees it in their own zone too."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, blank=True,
                              help_text=_("Online, in person or hybrid, when known."))
    place = models.CharField(_("place"), max_length=300, blank=True, help_text=_("City or venue."))
    participants = models.ManyToManyField(
        "directory.Person", verbose_name=_("participants"), blank=True, related_name="meetings",
        help_text=_("People who took part; their roles (chair, speaker) are set on the meeting's page."),
    )
    organizers = models.ManyToManyField(
        "directory.Organization", verbose_name=_("hosts"), blank=True, related_name="organized_meetings",
        help_text=_("Organisations that organised or hosted the meeting."),
    )
    summary = TranslatedField(models.TextField(_("summary"), blank=True,
                                               help_text=_("What the meeting discussed and decided, in a few sentences.")))
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="meetings",
        help_text=_("Papers attached to the meeting: agenda, concept notes, presentations, the press release."),
    )

    history = HistoricalRecords(m2m_fields=[participants, organizers, documents])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["starts_at"], name="meeting_starts")]

    def __str__(self) -> str:
        return self.title or str(_("Meeting of %(date)s") % {"date": self.date or "?"})

    def clean(self):
        _require_title(self)
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("A meeting cannot end before it starts.")})
        if self.ends_at and not self.starts_at:
            raise ValidationError({"starts_at": _("Give the start as well as the end.")})

    def update_derived_fields(self) -> None:
        """The date follows the start, read in the meeting's own zone (a 23:00 UTC start is the next day in Astana)."""
        if self.starts_at:
            self.date = self.local_start.date().isoformat()

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self) -> datetime.datetime | None:
        return self.starts_at.astimezone(self.zone) if self.starts_at else None

    @property
    def local_end(self) -> datetime.datetime | None:
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    def get_absolute_url(self) -> str:
        return reverse("council:meeting", args=[self.pk])


class Participation(models.Model):
    """A participant's role at one meeting; one row for every person in ``Meeting.participants``."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SPEAKER = "speaker", _("Speaker")
        ATTENDEE = "attendee", _("Attendee")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"),
        # A participant's role is part of the meeting.
        on_delete=models.CASCADE, related_name="participations",
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"),
        # A person who took part in a meeting stays on record.
        on_delete=models.PROTECT, related_name="participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ATTENDEE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "role", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_role_per_participant")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"


class AgendaItem(models.Model):
    """One point of a meeting's agenda.

    Part of the meeting, not a record of its own: it is as visible as its meeting, and
    every change to the agenda is a change of the meeting, checked against the version
    the editor started from (two secretaries editing the agenda at once do not overwrite
    each other).
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"),
        # The agenda is part of its meeting.
        on_delete=models.CASCADE, related_name="agenda_items",
    )
    position = models.PositiveIntegerField(_("position"), default=1, help_text=_("Its place in the agenda, from 1."))
    title = TranslatedField(models.CharField(_("title"), max_length=500, blank=True,
                                             help_text=_("E.g. Water diplomacy in Central Asia.")))
    description = TranslatedField(models.TextField(_("description"), blank=True))
    duration_minutes = models.PositiveIntegerField(_("planned minutes"), null=True, blank=True,
                                                   validators=[MaxValueValidator(24 * 60)])
    presenters = models.ManyToManyField("directory.Person", verbose_name=_("presenters"), blank=True,
                                        related_name="presented_items")
    measures = models.ManyToManyField("inventory.Measure", verbose_name=_("measures"), blank=True,
                                      related_name="agenda_items",
                                      help_text=_("Measures of the inventory this point discusses."))

    history = HistoricalRecords(m2m_fields=[presenters, measures])

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#agenda-{self.pk}"

    def clean(self):
        _require_title(self)


class Speaker(models.Model):
    """A person on an agenda item's list of speakers, in speaking order."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"),
        # The list of speakers is part of its item.
        on_delete=models.CASCADE, related_name="speakers",
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("speaker"),
        # Who spoke stays on record.
        on_delete=models.PROTECT, related_name="speeches",
    )
    position = models.PositiveIntegerField(_("order"), default=1)
    summary = TranslatedField(models.TextField(_("what was said"), blank=True,
                                               help_text=_("A sentence or two: the gist of the intervention.")))

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return str(self.person)


class Decision(models.Model):
    """A decision or action item of a meeting; either can become a work item with an owner and a due date.

    Part of the meeting like its agenda: as visible as the meeting, changed under its version.
    """

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        ACTION = "action", _("Action item")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"),
        # Decisions are part of the meeting's record.
        on_delete=models.CASCADE, related_name="decisions",
    )
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), null=True, blank=True,
        # Removing an agenda point keeps the decision, on the meeting as a whole.
        on_delete=models.SET_NULL, related_name="decisions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DECISION)
    text = TranslatedField(models.TextField(_("text"), blank=True, help_text=_("What was decided, as agreed.")))
    owner = models.ForeignKey(
        "directory.Person", verbose_name=_("owner"), null=True, blank=True,
        # An owner answering for a decision cannot be purged while they do.
        on_delete=models.PROTECT, related_name="owned_decisions",
    )
    owner_organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("responsible organisation"), null=True, blank=True,
        # As above.
        on_delete=models.PROTECT, related_name="owned_decisions",
    )
    due = models.DateField(_("due"), null=True, blank=True)
    measure = models.ForeignKey(
        "inventory.Measure", verbose_name=_("measure"), null=True, blank=True,
        # The measure a decision is about stays while the decision points at it.
        on_delete=models.PROTECT, related_name="decisions",
    )
    work_item = models.ForeignKey(
        "workplan.WorkItem", verbose_name=_("work item"), null=True, blank=True, editable=False,
        # The work item it became; deleting that item leaves the decision, unlinked.
        on_delete=models.SET_NULL, related_name="decisions",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:120]

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#decision-{self.pk}"

    def clean(self):
        if not any(getattr(self, f"text_{code}") for code in CONTENT_LANGUAGES):
            raise ValidationError({"text_en": _("Give the text in at least one language.")})
        if self.agenda_item_id and self.meeting_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("The agenda item belongs to another meeting.")})


class Minutes(Record):
    """The record of a meeting, drafted, circulated, approved by both sides and published."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated for comments")
        APPROVED = "approved", _("Approved by both sides")
        PUBLISHED = "published", _("Published")

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"),
        # The minutes are the meeting's own record.
        on_delete=models.CASCADE, related_name="minutes",
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False)
    text = TranslatedField(models.TextField(_("text"), blank=True))
    comment_deadline = models.DateTimeField(_("comments until"), null=True, blank=True, editable=False)
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(_("Minutes of %(meeting)s") % {"meeting": self.meeting})

    @property
    def is_locked(self) -> bool:
        return self.state in (self.State.APPROVED, self.State.PUBLISHED)

    def get_absolute_url(self) -> str:
        return reverse("council:minutes", args=[self.meeting_id])


class MinutesVersion(models.Model):
    """Every text the minutes had, numbered; comments are made on one of them."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"),
        # Versions are the minutes' own past.
        on_delete=models.CASCADE, related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    text = TranslatedField(models.TextField(_("text"), blank=True))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
        # The text stays when an account goes.
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["minutes", "-number"]
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="unique_minutes_version")]

    def __str__(self) -> str:
        return str(_("Version %(number)s") % {"number": self.number})


class MinutesComment(models.Model):
    """A participant's comment on circulated minutes, and how the secretariat resolved it."""

    class Resolution(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted: the minutes were changed")
        DECLINED = "declined", _("Declined")
        NOTED = "noted", _("Noted")

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"),
        # Comments are part of the minutes' record.
        on_delete=models.CASCADE, related_name="comments",
    )
    version = models.ForeignKey(
        MinutesVersion, verbose_name=_("on version"),
        # A comment keeps the text it was made on.
        on_delete=models.PROTECT, related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
        # The comment stays when an account goes.
        on_delete=models.SET_NULL, related_name="+",
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    resolution = models.CharField(_("resolution"), max_length=20, choices=Resolution.choices, default=Resolution.OPEN)
    resolution_note = models.TextField(_("reply"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), null=True, blank=True,
        # As above.
        on_delete=models.SET_NULL, related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["minutes", "created_at", "pk"]
        verbose_name = _("comment on minutes")
        verbose_name_plural = _("comments on minutes")

    def __str__(self) -> str:
        return self.text[:80]


class MinutesApproval(models.Model):
    """One party's secretariat approving one version of the minutes."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"),
        # Approvals are part of the minutes' record.
        on_delete=models.CASCADE, related_name="approvals",
    )
    version = models.ForeignKey(
        MinutesVersion, verbose_name=_("version"),
        # The approved text is never removed.
        on_delete=models.PROTECT, related_name="approvals",
    )
    party = models.ForeignKey(
        "directory.Party", verbose_name=_("party"),
        # Reference data.
        on_delete=models.PROTECT, related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True,
        # The approval stays when an account goes.
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), auto_now_add=True)

    class Meta:
        ordering = ["minutes", "approved_at"]
        verbose_name = _("approval of minutes")
        verbose_name_plural = _("approvals of minutes")
        constraints = [models.UniqueConstraint(fields=["minutes", "version", "party"],
                                               name="one_approval_per_party_and_version")]

    def __str__(self) -> str:
        return f"{self.party}: {self.version}"


class Event(Record):
    """A conference, forum or round table, with the measures it serves."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        FORUM = "forum", _("Forum")
        ROUND_TABLE = "round_table", _("Round table")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    title = TranslatedField(models.CharField(_("title"), max_length=500, blank=True,
                                             help_text=_("E.g. Regional Conference on Water Diplomacy.")))
    description = TranslatedField(models.TextField(_("description"), blank=True))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    start_date = PartialDateField(_("from"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD; a year alone while "
                                                         "only the year is planned."))
    end_date = PartialDateField(_("until"), help_text=_("Empty for a one-day event."))
    place = models.CharField(_("place"), max_length=300, blank=True)
    organizers = models.ManyToManyField("directory.Organization", verbose_name=_("organisers"), blank=True,
                                        related_name="organized_events")
    measures = models.ManyToManyField("inventory.Measure", verbose_name=_("measures served"), blank=True,
                                      related_name="events")

    history = HistoricalRecords(m2m_fields=[organizers, measures])

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        _require_title(self)
        if self.start_date and self.end_date and self.end_date < self.start_date[: len(self.end_date)]:
            raise ValidationError({"end_date": _("An event cannot end before it starts.")})
        if self.end_date and not self.start_date:
            raise ValidationError({"start_date": _("Give the start as well as the end.")})

    def get_absolute_url(self) -> str:
        return reverse("council:event", args=[self.pk])


class Term(Record):
    """A seat on a body held by a person for a time: the body's composition is its current terms."""

    class Position(models.TextChoices):
        CO_CHAIR = "co_chair", _("Co-chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")
        OBSERVER = "observer", _("Observer")

    # One person per party at a time holds these; members and observers are many.
    SINGLE_SEATS = (Position.CO_CHAIR, Position.SECRETARY)

    body = models.ForeignKey(
        "directory.Organization", verbose_name=_("body"),
        # A body's composition is its history: it cannot be purged while it has any.
        on_delete=models.PROTECT, related_name="terms",
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"),
        # Who sat on a body stays on record.
        on_delete=models.PROTECT, related_name="terms",
    )
    party = models.ForeignKey(
        "directory.Party", verbose_name=_("party"),
        # Reference data.
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The side the person sits for."),
    )
    # "position" also names an agenda item's place in the order; the context keeps the two apart in translations.
    position = models.CharField(pgettext_lazy("seat on a body", "position"), max_length=20, choices=Position.choices,
                                default=Position.MEMBER)
    alternate_for = models.ForeignKey(
        "self", verbose_name=_("alternate for"), null=True, blank=True,
        # Ending the main term does not erase that someone was its alternate.
        on_delete=models.SET_NULL, related_name="alternates",
        help_text=_("The term this person stands in for when its holder cannot attend."),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty while the term runs."))
    end_reason = models.CharField(_("why it ended"), max_length=300, blank=True,
                                  help_text=_("E.g. end of mandate, new position, resignation."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "party", "position", "start", "pk"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        indexes = [models.Index(fields=["body", "start"], name="term_body_start")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_position_display()}"

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A term cannot end before it starts.")})
        if self.end_reason and not self.end:
            raise ValidationError({"end": _("Give the day the term ended as well as why.")})
        if self.alternate_for_id:
            main = self.alternate_for
            if main.pk == self.pk:
                raise ValidationError({"alternate_for": _("A term cannot be its own alternate.")})
            if main.body_id != self.body_id or main.party_id != self.party_id:
                raise ValidationError({"alternate_for": _("An alternate sits on the same body for the same side.")})
        if self.body_id and self.person_id and self.start:
            self._refuse_overlap()

    def _refuse_overlap(self) -> None:
        others = Term.objects.live().filter(body_id=self.body_id).exclude(pk=self.pk)
        # Two terms overlap when each starts before the other ends.
        others = others.filter(models.Q(end__isnull=True) | models.Q(end__gte=self.start))
        if self.end:
            others = others.filter(start__lte=self.end)
        same_person = others.filter(person_id=self.person_id).first()
        if same_person:
            raise ValidationError(_("%(person)s already holds a seat on this body from %(start)s%(until)s; "
                                    "end that term first.") % {
                "person": self.person, "start": same_person.start.isoformat(),
                "until": f"–{same_person.end.isoformat()}" if same_person.end else ""})
        if self.position in self.SINGLE_SEATS and not self.alternate_for_id:
            holder = others.filter(party_id=self.party_id, position=self.position, alternate_for__isnull=True).first()
            if holder:
                raise ValidationError({"position": _(
                    "%(person)s is %(position)s for this side from %(start)s; a side has one at a time.") % {
                    "person": holder.person, "position": holder.get_position_display().lower(),
                    "start": holder.start.isoformat()}})

    def get_absolute_url(self) -> str:
        return reverse("council:term", args=[self.pk])


class ExpertProfile(Record):
    """A person in the expert pool: what they can advise on, in which languages, and how to reach them."""

    person = models.OneToOneField(
        "directory.Person", verbose_name=_("person"),
        # The profile is about the person and goes only with them.
        on_delete=models.PROTECT, related_name="expert_profile",
    )
    languages = LanguagesField(_("working languages"), blank=True,
                               help_text=_("Codes separated by commas, e.g. en,ru,kk."))
    affiliation = models.ForeignKey(
        "directory.Organization", verbose_name=_("affiliation"), null=True, blank=True,
        # An organisation experts are affiliated with stays while they are.
        on_delete=models.PROTECT, related_name="experts",
    )
    email = models.EmailField(_("email"), blank=True, help_text=_("Shown to the secretariat only."))
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("Shown to the secretariat only."))
    active = models.BooleanField(_("in the pool"), default=True,
                                 help_text=_("Clear to keep the profile but leave the person out of searches."))
    note = models.TextField(_("note"), blank=True, help_text=_("For the secretariat: availability, past work."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name_en", "pk"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return str(self.person)

    def update_derived_fields(self) -> None:
        self.languages = ",".join(split_languages(self.languages))

    def language_codes(self) -> list[str]:
        return split_languages(self.languages)

    def get_absolute_url(self) -> str:
        return reverse("council:expert", args=[self.pk])


class CalendarFeed(models.Model):
    """A user's personal iCalendar address: the token is the only secret, so it can be replaced."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"),
        # The feed is the user's and goes with the account.
        on_delete=models.CASCADE, related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
