"""The inventory: every measure proposed for cooperation, the agreements it comes from, and how far it got.

A ``Measure`` moves through a workflow whose statuses and allowed transitions are
data (``MeasureStatus``, ``StatusTransition``), as OpenSlides' motion workflows are:
a default one is shipped by a migration and the secretariat may change it. Besides
the overall status, each party has its own (``PartyStatus``): Kazakhstan may have
done its part while Uzbekistan has not. Every change of either is a ``StatusChange``
with who, when, why and the evidence. ``Assessment`` scores a party's compliance
with a measure for a monitoring period (the G7/G20 Research Group's −1 / 0 / +1).

Where a measure was first proposed is told by its evidence (the documents its
mentions come from, ``kenes.documents``) and by ``first_proposed_on`` / ``occasion``;
a link to a council meeting waits for the council app to point at measures (DESIGN.md:
council depends on inventory, not the other way round).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import Mergeable, PartialDateField, Record
from kenes.core.translation import (
    CONTENT_LANGUAGES,
    TranslatedField,
    all_languages,
    translated_value,
)
from kenes.extraction.translit import fold
from kenes.inventory.periods import MonitoringPeriodField


class MeasureStatus(models.Model):
    """One step of the measures' workflow (proposed, adopted, implemented…): reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True,
                            help_text=_("Stable identifier used by the API and imports, e.g. adopted."))
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=100, blank=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=100, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0,
                                           help_text=_("Order in lists and charts: the usual path first."))
    is_initial = models.BooleanField(_("initial"), default=False,
                                     help_text=_("New measures start here (exactly one status is initial)."))
    is_done = models.BooleanField(_("counts as done"), default=False,
                                  help_text=_("A measure here counts as fully done in progress figures."))
    is_closed = models.BooleanField(_("closed"), default=False,
                                    help_text=_("No further work is expected (implemented, dropped)."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("measure status")
        verbose_name_plural = _("measure statuses")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated_value(self, "name")

    def allowed_next(self):
        return MeasureStatus.objects.filter(pk__in=self.transitions_out.values("to_status"))


class StatusTransition(models.Model):
    """A move the workflow allows, from one status to another."""

    from_status = models.ForeignKey(
        MeasureStatus, verbose_name=_("from"),
        # A transition means nothing without its ends; deleting a status takes its transitions.
        on_delete=models.CASCADE, related_name="transitions_out",
    )
    to_status = models.ForeignKey(
        MeasureStatus, verbose_name=_("to"),
        # As above.
        on_delete=models.CASCADE, related_name="transitions_in",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_status__position", "to_status__position"]
        constraints = [models.UniqueConstraint(fields=["from_status", "to_status"], name="one_transition_per_pair")]
        verbose_name = _("allowed transition")
        verbose_name_plural = _("allowed transitions")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Agreement(Mergeable, Record):
    """A treaty, agreement, memorandum, programme, roadmap…: its provisions are measures."""

    # Every change comes through the write path, which stamps updated_at: lists may keep their counts
    # until then (kenes.core.caching.count).
    counts_follow_updated_at = True

    class Kind(models.TextChoices):
        TREATY = "treaty", _("Treaty")
        AGREEMENT = "agreement", _("Agreement")
        MEMORANDUM = "memorandum", _("Memorandum")
        PROGRAMME = "programme", _("Programme")
        ROADMAP = "roadmap", _("Roadmap")
        PROTOCOL = "protocol", _("Protocol")
        JOINT_STATEMENT = "joint_statement", _("Joint statement")
        ACTION_PLAN = "action_plan", _("Action plan")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SIGNED = "signed", _("Signed")
        RATIFIED = "ratified", _("Ratified")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")

    title = TranslatedField(models.CharField(_("title"), max_length=500, blank=True,
                                             help_text=_("E.g. Strategic Partnership and Alliance Programme 2024–2034.")))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AGREEMENT)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SIGNED)
    parties = models.ManyToManyField("directory.Party", verbose_name=_("parties"), blank=True,
                                     related_name="agreements", help_text=_("The sides bound by it."))
    signed_on = PartialDateField(_("signed"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    place = models.CharField(_("place signed"), max_length=300, blank=True)
    summary = TranslatedField(models.TextField(_("summary"), blank=True,
                                               help_text=_("What it commits the parties to, in a few sentences.")))
    search_key = models.TextField(editable=False, blank=True,
                                  help_text=_("Titles folded across scripts, for finding duplicates."))

    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        ordering = ["-signed_on", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        # The inventory's agreement filter walks the latest agreements until it has enough with provisions:
        # in date order from an index that is a hundred lookups, not a sort of every agreement.
        indexes = [models.Index(fields=["-signed_on", "-id"], condition=models.Q(deleted_at__isnull=True),
                                name="agreement_live_signed")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if not any(getattr(self, f"title_{code}") for code in CONTENT_LANGUAGES):
            raise ValidationError({"title_en": _("Give the title in at least one language.")})

    def names(self):
        return all_languages(self, "title")

    def update_derived_fields(self) -> None:
        self.search_key = " ".join(fold(title) for title in self.names())

    def get_absolute_url(self) -> str:
        return reverse("inventory:agreement", args=[self.pk])


class Measure(Mergeable, Record):
    """One action proposed, agreed or planned for cooperation, followed to its implementation."""

    # Every change comes through the write path, which stamps updated_at: lists may keep their counts
    # until then (kenes.core.caching.count).
    counts_follow_updated_at = True

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal")
        COMMITMENT = "commitment", _("Commitment")
        INITIATIVE = "initiative", _("Initiative")
        PROVISION = "provision", _("Agreement provision")

    class Level(models.TextChoices):
        HEADS_OF_STATE = "heads_of_state", _("Heads of state")
        GOVERNMENT = "government", _("Heads of government")
        MINISTERS = "ministers", _("Ministers")
        PARLIAMENTS = "parliaments", _("Parliaments")
        EXPERT_COUNCIL = "expert_council", _("Expert council")
        OTHER = "other", _("Other")

    title = TranslatedField(models.CharField(_("title"), max_length=500, blank=True,
                                             help_text=_("The action, e.g. establish a pool of experts.")))
    description = TranslatedField(models.TextField(_("description"), blank=True,
                                                   help_text=_("What is to be done, by whom, and why.")))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROPOSAL)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.OTHER,
                             help_text=_("Where it was put forward: summit, government, ministers, parliaments, "
                                         "the expert council."))
    topics = models.ManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="measures")
    proposed_by_people = models.ManyToManyField(
        "directory.Person", verbose_name=_("proposed by (people)"), blank=True, related_name="proposed_measures")
    proposed_by_organizations = models.ManyToManyField(
        "directory.Organization", verbose_name=_("proposed by (organisations)"), blank=True,
        related_name="proposed_measures")
    proposed_by_parties = models.ManyToManyField(
        "directory.Party", verbose_name=_("proposed by (parties)"), blank=True, related_name="proposed_measures")
    first_proposed_on = PartialDateField(_("first proposed"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    occasion = models.CharField(_("occasion"), max_length=500, blank=True,
                                help_text=_("Where it was first proposed, e.g. the council's second meeting."))
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), null=True, blank=True,
        # An agreement's provisions are its substance: it cannot be purged while it has any.
        on_delete=models.PROTECT, related_name="provisions",
        help_text=_("The agreement or programme this measure is a provision of, or comes from."),
    )
    provision = models.CharField(_("provision number"), max_length=40, blank=True,
                                 help_text=_("Its article or item in the agreement, e.g. 3.2."))
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, db_index=False,  # partial index in Meta
        # A measure with parts cannot vanish from under them; move or delete the parts first.
        on_delete=models.PROTECT, related_name="children",
        help_text=_("The larger measure this one is a part of; its progress rolls up there."),
    )
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=2, default=Decimal("1"),
                                 validators=[MinValueValidator(Decimal("0"))],
                                 help_text=_("Its share in the progress of the measure it is part of."))
    replaces = models.ForeignKey(
        "self", verbose_name=_("replaces"), null=True, blank=True, db_index=False,  # partial index in Meta
        # The replaced measure stays on record; the one replacing it may not be purged under it.
        on_delete=models.PROTECT, related_name="replaced_by",
        help_text=_("An earlier measure this one supersedes."),
    )
    status = models.ForeignKey(
        MeasureStatus, verbose_name=_("status"), editable=False,
        # Statuses in use cannot be removed from the workflow.
        on_delete=models.PROTECT, related_name="measures",
        help_text=_("Changed only by a transition the workflow allows, with a reason."),
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    progress = models.DecimalField(_("progress"), max_digits=5, decimal_places=2, default=Decimal("0"),
                                   editable=False, help_text=_("Percent done, rolled up from parts or work items."))
    search_key = models.TextField(editable=False, blank=True,
                                  help_text=_("Titles folded across scripts, for finding duplicates."))

    history = HistoricalRecords(m2m_fields=[topics, proposed_by_people, proposed_by_organizations,
                                            proposed_by_parties])

    class Meta:
        # No default ordering: every list orders explicitly, and a default one made the database walk the
        # whole table in that order for lookups by parent, replacement or merge (100,000 measures: 30 ms each).
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        indexes = [models.Index(fields=["status", "updated_at"], name="measure_status_updated"),
                   models.Index(fields=["updated_at"], name="measure_updated"),
                   # Most measures have no parent and replace nothing: a full index on these columns is one
                   # huge NULL bucket, so the planners' statistics call it useless and they scan the table
                   # (100,000 measures: 30–40 ms per lookup). Indexing only the rows that point somewhere
                   # keeps "the parts of this measure" and "what replaces it" one index search.
                   models.Index(fields=["parent"], condition=models.Q(parent__isnull=False),
                                name="measure_parent_set"),
                   models.Index(fields=["replaces"], condition=models.Q(replaces__isnull=False),
                                name="measure_replaces_set"),
                   # The live measures by visibility, small enough to count from the index alone: the
                   # inventory's pager counts them on every page.
                   models.Index(fields=["visibility", "updated_at"],
                                condition=models.Q(deleted_at__isnull=True, merged_into__isnull=True),
                                name="measure_live_visible")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if not any(getattr(self, f"title_{code}") for code in CONTENT_LANGUAGES):
            raise ValidationError({"title_en": _("Give the title in at least one language.")})
        ancestor, hops = self.parent, 0
        while ancestor is not None and hops < 50:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A measure cannot be part of itself.")})
            ancestor, hops = ancestor.parent, hops + 1
        if self.replaces_id and self.replaces_id == self.pk:
            raise ValidationError({"replaces": _("A measure cannot replace itself.")})

    def names(self):
        return all_languages(self, "title")

    def update_derived_fields(self) -> None:
        self.search_key = " ".join(fold(title) for title in self.names())
        if self.status_id is None:
            self.status = initial_status()

    def get_absolute_url(self) -> str:
        return reverse("inventory:measure", args=[self.pk])


def initial_status() -> MeasureStatus:
    status = MeasureStatus.objects.filter(is_initial=True).order_by("position").first()
    if status is None:
        raise ValidationError(_("The measures' workflow has no initial status; ask an administrator to set one."))
    return status


class PartyStatus(models.Model):
    """One party's own implementation status of a measure, with its latest evidence."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"),
        # A side's status is part of its measure.
        on_delete=models.CASCADE, related_name="party_statuses",
    )
    party = models.ForeignKey(
        "directory.Party", verbose_name=_("party"),
        # Parties are reference data, never deleted while in use.
        on_delete=models.PROTECT, related_name="measure_statuses",
    )
    status = models.ForeignKey(
        MeasureStatus, verbose_name=_("status"),
        # As for the measure's own status.
        on_delete=models.PROTECT, related_name="party_statuses",
    )
    evidence = models.TextField(_("latest evidence"), blank=True,
                                help_text=_("What shows it: a decree, a report, an address."))
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["party__code"]
        constraints = [models.UniqueConstraint(fields=["measure", "party"], name="one_status_per_party")]
        verbose_name = _("party's status")
        verbose_name_plural = _("parties' statuses")

    def __str__(self) -> str:
        return f"{self.party.code}: {self.status}"


class StatusChange(models.Model):
    """A move of a measure's status (overall, or one party's): who, when, why, on what evidence."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"),
        # Part of the measure's timeline.
        on_delete=models.CASCADE, related_name="status_changes",
    )
    party = models.ForeignKey(
        "directory.Party", verbose_name=_("party"), null=True, blank=True,
        # Reference data.
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Empty for the measure's overall status."),
    )
    from_status = models.ForeignKey(
        MeasureStatus, verbose_name=_("from"), null=True, blank=True,
        # Workflow steps in the record of the past are kept.
        on_delete=models.PROTECT, related_name="+",
    )
    to_status = models.ForeignKey(
        MeasureStatus, verbose_name=_("to"),
        # As above.
        on_delete=models.PROTECT, related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
        # The record of a change outlives the account that made it.
        on_delete=models.SET_NULL, related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.from_status} → {self.to_status}"


class Assessment(Record):
    """How well one party complied with a measure in a monitoring period: −1, 0 or +1, with reasons."""

    class Score(models.IntegerChoices):
        NONE = -1, _("−1: no action, or contrary action")
        PARTIAL = 0, _("0: partial compliance")
        FULL = 1, _("+1: full compliance")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")
        PUBLISHED = "published", _("Published")

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"),
        # Compliance records are evidence of record: a measure that has them is not purged.
        on_delete=models.PROTECT, related_name="assessments",
    )
    party = models.ForeignKey(
        "directory.Party", verbose_name=_("party"),
        # Reference data.
        on_delete=models.PROTECT, related_name="assessments",
    )
    period = MonitoringPeriodField(_("monitoring period"),
                                   help_text=_("The period assessed: YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM."))
    score = models.SmallIntegerField(_("score"), choices=Score.choices,
                                     validators=[MinValueValidator(-1), MaxValueValidator(1)])
    justification = TranslatedField(models.TextField(_("justification"), blank=True,
                                                     help_text=_("Why this score, in a few sentences.")))
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("Sources: documents, decrees, addresses."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False,
                             help_text=_("Draft, then reviewed, then published: only published scores count."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period", "party__code", "pk"]
        verbose_name = _("compliance assessment")
        verbose_name_plural = _("compliance assessments")

    def __str__(self) -> str:
        return f"{self.party_id and self.party.code} {self.period}: {self.score:+d}"

    def get_absolute_url(self) -> str:
        return reverse("inventory:assessment", args=[self.pk])
