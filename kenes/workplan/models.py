"""The council's work plan: measures adopted into it, who answers for each on every side, and progress.

A ``WorkPlan`` belongs to a body (the Expert Council) for a period. Its ``WorkItem``s
each carry one measure from the inventory, with the organisation and lead person
responsible on each side (``Responsibility``: parties are data, not two columns), dates,
a status and a weight. ``ProgressUpdate``s are posted by the people responsible; an
item's progress is its latest update's percent, and it rolls up into the measure's.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import PartialDateField, Record
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField


class WorkPlan(Record):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        CLOSED = "closed", _("Closed")

    title = TranslatedField(models.CharField(_("title"), max_length=300, blank=True,
                                             help_text=_("E.g. Work plan of the Expert Council 2025–2026.")))
    body = models.ForeignKey(
        "directory.Organization", verbose_name=_("body"), null=True, blank=True,
        # A body's plans are its record of work: it cannot be purged while it has any.
        on_delete=models.PROTECT, related_name="work_plans",
        help_text=_("The council or commission whose plan this is."),
    )
    period_start = PartialDateField(_("period from"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    period_end = PartialDateField(_("period to"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    approved_on = PartialDateField(_("approved"), help_text=_("When the body approved the plan."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "pk"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if not any(getattr(self, f"title_{code}") for code in CONTENT_LANGUAGES):
            raise ValidationError({"title_en": _("Give the title in at least one language.")})
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    def get_absolute_url(self) -> str:
        return reverse("workplan:plan", args=[self.pk])


class WorkItem(Record):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        STALLED = "stalled", _("Stalled")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"),
        # Items are the plan's content: a plan that has any is not purged.
        on_delete=models.PROTECT, related_name="items",
    )
    measure = models.ForeignKey(
        "inventory.Measure", verbose_name=_("measure"),
        # The measure an item carries out is the point of the item: it cannot vanish under it.
        on_delete=models.PROTECT, related_name="work_items",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True, help_text=_("After this day an unfinished item is overdue."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=2, default=Decimal("1"),
                                 validators=[MinValueValidator(Decimal("0"))],
                                 help_text=_("Its share in the progress of its measure."))
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, editable=False, validators=[MaxValueValidator(100)],
        help_text=_("Percent done: the latest progress update's figure (100 when done)."))
    last_update_at = models.DateTimeField(_("last update"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "due", "pk"]
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        constraints = [models.UniqueConstraint(fields=["plan", "measure"], condition=models.Q(deleted_at__isnull=True),
                                               name="one_item_per_measure_in_a_plan")]
        # The dashboard's "overdue" reads open items by due date and stops at five, and its "stalled" finds
        # the stalled and the long-silent items by status; without these the database read every work item
        # (20,000: 9 and 7 ms on each dashboard).
        indexes = [models.Index(fields=["due", "id"], name="work_items_by_due_date"),
                   models.Index(fields=["status", "last_update_at"], name="work_items_by_status")]

    def __str__(self) -> str:
        return str(self.measure) if self.measure_id else str(_("Work item"))

    def clean(self):
        if self.start and self.due and self.due < self.start:
            raise ValidationError({"due": _("The due date cannot be before the start.")})

    def get_absolute_url(self) -> str:
        return reverse("workplan:item", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DONE, self.Status.DROPPED)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return bool(self.is_open and self.due and self.due < today)


class Responsibility(models.Model):
    """Who answers for a work item on one side: the organisation, and a lead person."""

    item = models.ForeignKey(
        WorkItem, verbose_name=_("work item"),
        # Part of the item.
        on_delete=models.CASCADE, related_name="responsibilities",
    )
    party = models.ForeignKey(
        "directory.Party", verbose_name=_("party"),
        # Reference data.
        on_delete=models.PROTECT, related_name="+",
    )
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("responsible organisation"), null=True, blank=True,
        # An organisation answering for work cannot be purged while it does.
        on_delete=models.PROTECT, related_name="responsibilities",
    )
    lead = models.ForeignKey(
        "directory.Person", verbose_name=_("lead person"), null=True, blank=True,
        # As above.
        on_delete=models.PROTECT, related_name="responsibilities",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["party__code"]
        constraints = [models.UniqueConstraint(fields=["item", "party"], name="one_responsibility_per_side")]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self) -> str:
        return f"{self.party.code}: {self.organization or '—'}"


class ProgressUpdate(models.Model):
    """A report on a work item by someone responsible for it: what was done, how far, and the proof."""

    item = models.ForeignKey(
        WorkItem, verbose_name=_("work item"),
        # Part of the item's record.
        on_delete=models.CASCADE, related_name="updates",
    )
    party = models.ForeignKey(
        "directory.Party", verbose_name=_("side"), null=True, blank=True,
        # Reference data.
        on_delete=models.PROTECT, related_name="+",
    )
    text = models.TextField(_("what was done"))
    percent = models.PositiveSmallIntegerField(_("percent done"), validators=[MaxValueValidator(100)])
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=1000,
                                   help_text=_("A document, decree or report that shows it."))
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), null=True, blank=True,
        # The update stays when the account is removed.
        on_delete=models.SET_NULL, related_name="+",
    )
    posted_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.percent} %"
