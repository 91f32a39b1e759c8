"""The joint fund: a fund, its calls for proposals, applications, reviews, selections and grants.

Money is ``Decimal`` in the fund's currency (one currency per fund: amounts of one call are
compared and added, never converted). Times of a call are stored in UTC with the zone they
were set in, as a council meeting's are (``kenes.council.timezones``).

Review totals are on a 0–100 scale: each criterion's score as a share of its own scale,
weighted; so a call may mix a 1–5 criterion with a 0–10 one and the minimum score reads
the same for every call. The arithmetic is in ``kenes.fund.scoring``; the optimal
selection in ``kenes.fund.selection`` (both pure).
"""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import PartialDateField, Record, Visibility
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField
from kenes.council.models import TIME_ZONES
from kenes.indicators.units import is_currency

MONEY_DIGITS = 18
MONEY_PLACES = 2
SCORE_SCALE = Decimal(100)  # review totals and minimum scores: 0–100


def part_url(record) -> str:
    """The page of one part of the fund's workflow (a score, a payment…) on its own.

    Each part has its page, readable by whoever may see the part, so a part whose parent
    the reader may not see still opens (``kenes.fund.views.part_detail``).
    """
    return reverse("fund:part", args=[record._meta.model_name, record.pk])


def money_field(verbose_name, help_text, **kwargs):
    return models.DecimalField(verbose_name, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES,
                               validators=[MinValueValidator(Decimal(0))], help_text=help_text, **kwargs)


def _require_text(record, name: str) -> None:
    if not any(getattr(record, f"{name}_{code}") for code in CONTENT_LANGUAGES):
        raise ValidationError({f"{name}_en": _("Give it in at least one language.")})


class Fund(Record):
    name = TranslatedField(models.CharField(_("name"), max_length=300, blank=True,
                                            help_text=_("E.g. Joint Fund of Kazakhstan and Uzbekistan.")))
    description = TranslatedField(models.TextField(_("description"), blank=True))
    currency = models.CharField(_("currency"), max_length=3, default="USD",
                                help_text=_("ISO 4217 code; every amount of the fund is in it."))
    total_budget = money_field(_("total budget"), _("The money the fund holds for all its calls."))
    managing_organizations = models.ManyToManyField(
        "directory.Organization", verbose_name=_("managing bodies"), blank=True, related_name="funds_managed",
        help_text=_("The bodies that run the fund, from both sides."))

    history = HistoricalRecords(m2m_fields=[managing_organizations])

    class Meta:
        ordering = ["name_en", "pk"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return self.name

    def update_derived_fields(self) -> None:
        self.currency = (self.currency or "").strip().upper()

    def clean(self):
        _require_text(self, "name")
        self.update_derived_fields()
        if not is_currency(self.currency):
            raise ValidationError({"currency": _("Give an ISO 4217 currency code, e.g. USD.")})

    def get_absolute_url(self) -> str:
        return reverse("fund:fund", args=[self.pk])


class Call(Record):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for applications")
        CLOSED = "closed", _("Closed")
        REVIEWING = "reviewing", _("Under review")
        DECIDED = "decided", _("Decided")
        PUBLISHED = "published", _("Decision published")

    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"),
        # A call spends the fund's money: the fund stays while it has calls.
        on_delete=models.PROTECT, related_name="calls")
    title = TranslatedField(models.CharField(_("title"), max_length=500, blank=True,
                                             help_text=_("E.g. Pilot call 2025: water and energy.")))
    description = TranslatedField(models.TextField(_("description"), blank=True))
    budget = money_field(_("budget"), _("The money this call may award, in the fund's currency."))
    opens_at = models.DateTimeField(_("opens"), help_text=_("Date and time, in the time zone below."))
    closes_at = models.DateTimeField(_("closes"), help_text=_("The deadline: nothing can be submitted or changed after it."))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Almaty", choices=TIME_ZONES,
                                 help_text=_("Where the dates were set; everyone sees them in their own zone too."))
    review_due_at = models.DateTimeField(_("reviews due"), null=True, blank=True,
                                         help_text=_("When reviews should be in; later ones show as overdue."))
    allowed_lead_parties = models.ManyToManyField(
        "directory.Party", verbose_name=_("lead applicant from"), blank=True, related_name="+",
        help_text=_("The parties a lead organisation may come from; none chosen means any."))
    partner_from_other_side = models.BooleanField(
        _("partner from the other side required"), default=True,
        help_text=_("An application needs at least one partner organisation from another party than its lead."))
    max_amount = money_field(_("maximum amount"), _("The most one application may request; empty for no limit."),
                             null=True, blank=True)
    topics = models.ManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="+",
                                    help_text=_("The fields an application must address; none chosen means any."))
    minimum_score = models.DecimalField(
        _("minimum score"), max_digits=5, decimal_places=2, default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("On the 0–100 scale of review totals: applications below it are not funded."))
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("At least this many reviewers, from both sides, for each application."))
    blind_review = models.BooleanField(_("blind review"), default=False,
                                       help_text=_("Reviewers do not see the names of the applicants."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)

    history = HistoricalRecords(m2m_fields=[allowed_lead_parties, topics])

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        _require_text(self, "title")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})
        if self.budget is not None and self.max_amount is not None and self.max_amount > self.budget:
            raise ValidationError({"max_amount": _("The maximum amount cannot exceed the call's budget.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def currency(self) -> str:
        return self.fund.currency

    def accepts_applications(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.state == self.State.OPEN and self.opens_at <= now < self.closes_at

    def get_absolute_url(self) -> str:
        return reverse("fund:call", args=[self.pk])


class CallCriterion(Record):
    call = models.ForeignKey(
        Call, verbose_name=_("call"),
        # A criterion is part of its call.
        on_delete=models.CASCADE, related_name="criteria")
    name = TranslatedField(models.CharField(_("name"), max_length=300, blank=True,
                                            help_text=_("E.g. Relevance to the partnership programme.")))
    guidance = TranslatedField(models.TextField(_("guidance for reviewers"), blank=True))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1),
                                 validators=[MinValueValidator(Decimal("0.01"))],
                                 help_text=_("Its share in the total, relative to the other criteria."))
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=10,
                                                 validators=[MinValueValidator(1), MaxValueValidator(100)],
                                                 help_text=_("Scores run from 0 to this."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        _require_text(self, "name")

    def get_absolute_url(self) -> str:
        return part_url(self)


class Application(Record):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    call = models.ForeignKey(
        Call, verbose_name=_("call"),
        # Applications are the record of a call: it cannot go while it has any.
        on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), null=True, blank=True,
        # The application stays on record if the account is removed.
        on_delete=models.SET_NULL, related_name="fund_applications",
        help_text=_("The account that applies (the secretariat may enter one on someone's behalf)."))
    title = TranslatedField(models.CharField(_("project title"), max_length=500, blank=True))
    summary = TranslatedField(models.TextField(_("summary"), blank=True,
                                               help_text=_("What the project will do, with whom, and what it will leave behind.")))
    lead_organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("lead organisation"), null=True, blank=True,
        # An organisation that applied stays on record.
        on_delete=models.PROTECT, related_name="fund_applications_led")
    lead_party = models.ForeignKey(
        "directory.Party", verbose_name=_("lead party"), null=True, blank=True,
        # Parties are reference data.
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The side of the lead organisation; taken from the organisation when it has one."))
    partner_organizations = models.ManyToManyField(
        "directory.Organization", verbose_name=_("partner organisations"), blank=True,
        related_name="fund_applications_partnered")
    requested_amount = money_field(_("requested amount"), _("In the fund's currency."), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), null=True, blank=True,
                                                       validators=[MinValueValidator(1), MaxValueValidator(120)])
    topics = models.ManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="+")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    reviews_submitted = models.PositiveSmallIntegerField(
        _("reviews in"), default=0, editable=False,
        help_text=_("Kept by the write path under the application's lock: two reviewers finishing at once both count."))

    history = HistoricalRecords(m2m_fields=[partner_organizations, topics])

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.title or _("Application %(number)s") % {"number": self.pk}

    def update_derived_fields(self) -> None:
        if self.lead_organization_id and self.lead_organization.party_id:
            self.lead_party_id = self.lead_organization.party_id

    def get_absolute_url(self) -> str:
        return reverse("fund:application", args=[self.pk])


def attachment_path(instance, filename: str) -> str:
    return f"fund/applications/{instance.application_id}/{filename}"


class ApplicationAttachment(Record):
    application = models.ForeignKey(
        Application, verbose_name=_("application"),
        # An attachment is part of its application.
        on_delete=models.CASCADE, related_name="attachments")
    # Blank for the model (the write path requires one): an attachment row is only ever made with its file.
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300, blank=True,
                            validators=[FileExtensionValidator(["pdf", "docx", "xlsx", "odt", "txt", "png", "jpg"])])
    title = models.CharField(_("title"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def get_absolute_url(self) -> str:
        return part_url(self)


class ReviewAssignment(Record):
    application = models.ForeignKey(
        Application, verbose_name=_("application"),
        # An assignment is part of its application's review.
        on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        "directory.Person", verbose_name=_("reviewer"),
        # A person who reviewed stays on record.
        on_delete=models.PROTECT, related_name="fund_assignments",
        help_text=_("An expert of the pool; they review through the account linked to their directory entry."))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True, blank=True, editable=False,
        # The log outlives accounts.
        on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="fund_one_assignment")]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"

    def get_absolute_url(self) -> str:
        return part_url(self)


class ConflictDeclaration(Record):
    """A conflict of interest a reviewer or the secretariat declared; it blocks the review."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"),
        # Part of the application's review record.
        on_delete=models.CASCADE, related_name="conflicts")
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"),
        # The declaration stays with the person's record.
        on_delete=models.PROTECT, related_name="fund_conflicts")
    reason = models.TextField(_("reason"), help_text=_("E.g. advised the lead organisation last year."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return f"{self.person}: {self.application}"

    def get_absolute_url(self) -> str:
        return part_url(self)


class Review(Record):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    assignment = models.OneToOneField(
        ReviewAssignment, verbose_name=_("assignment"),
        # The review answers its assignment.
        on_delete=models.CASCADE, related_name="review")
    comment = models.TextField(_("overall comment"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assignment", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return str(self.assignment)

    def get_absolute_url(self) -> str:
        return part_url(self)


class Score(Record):
    review = models.ForeignKey(
        Review, verbose_name=_("review"),
        # A score is part of its review.
        on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        CallCriterion, verbose_name=_("criterion"),
        # A criterion that was scored stays.
        on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "criterion__position", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="fund_one_score_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"

    def clean(self):
        if self.value is not None and self.criterion_id and not 0 <= self.value <= self.criterion.scale_max:
            raise ValidationError({"value": _("A score for %(criterion)s runs from 0 to %(max)s.")
                                   % {"criterion": self.criterion, "max": self.criterion.scale_max}})

    def get_absolute_url(self) -> str:
        return part_url(self)


class Selection(Record):
    """One run of the optimal selection for a call, with its parameters and, once decided, its overrides."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"),
        # Selections are the record of how a call was decided.
        on_delete=models.PROTECT, related_name="selections")
    budget = money_field(_("budget"), _("The money the selection may award."))
    minimum_score = models.DecimalField(_("minimum score"), max_digits=5, decimal_places=2, default=Decimal(0),
                                        validators=[MinValueValidator(0), MaxValueValidator(100)])
    balance_percent = models.DecimalField(
        _("balance (%)"), max_digits=5, decimal_places=2, default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_("Each party's lead applicants receive at least this share of the money awarded; 0 for none."))
    total_score = models.DecimalField(_("total score"), max_digits=12, decimal_places=2, default=Decimal(0),
                                      editable=False)
    total_amount = money_field(_("total amount"), "", default=Decimal(0), editable=False)
    unit = money_field(_("unit of the calculation"), _("Amounts were counted in whole multiples of this."),
                       default=Decimal(1), editable=False)
    exact = models.BooleanField(_("exact"), default=True, editable=False,
                                help_text=_("False when amounts had to be rounded up to a coarser unit."))
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("run by"), null=True, blank=True, editable=False,
        # The log outlives accounts.
        on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "-created_at", "-pk"]
        verbose_name = _("selection")
        verbose_name_plural = _("selections")

    def __str__(self) -> str:
        return _("Selection %(number)s for %(call)s") % {"number": self.pk, "call": self.call}

    def get_absolute_url(self) -> str:
        return part_url(self)


class SelectionEntry(Record):
    """An application in a selection run: whether the optimum takes it, why not, and any override."""

    selection = models.ForeignKey(
        Selection, verbose_name=_("selection"),
        # Part of its run.
        on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey(
        Application, verbose_name=_("application"),
        # Part of the application's record.
        on_delete=models.CASCADE, related_name="selection_entries")
    score = models.DecimalField(_("normalised score"), max_digits=6, decimal_places=2, null=True, blank=True)
    eligible = models.BooleanField(_("eligible"), default=True,
                                   help_text=_("False when below the minimum score or without reviews."))
    optimal = models.BooleanField(_("in the optimal set"), default=False)
    selected = models.BooleanField(_("selected"), default=False,
                                   help_text=_("The decision: the optimum unless overridden."))
    override_reason = models.TextField(_("reason for the override"), blank=True)
    score_needed = models.DecimalField(_("score needed"), max_digits=8, decimal_places=2, null=True, blank=True,
                                       help_text=_("The normalised score it would have needed to enter the optimum."))
    budget_needed = money_field(_("extra budget needed"), _("The money missing to fund it as well as the selected ones."),
                                null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["selection", "-selected", "-score", "pk"]
        verbose_name = _("selection entry")
        verbose_name_plural = _("selection entries")

    def __str__(self) -> str:
        return f"{self.selection}: {self.application}"

    @property
    def overridden(self) -> bool:
        return self.selected != self.optimal

    def get_absolute_url(self) -> str:
        return part_url(self)


class Grant(Record):
    application = models.OneToOneField(
        Application, verbose_name=_("application"),
        # The grant answers the application it funds.
        on_delete=models.PROTECT, related_name="grant")
    amount = money_field(_("amount"), _("Awarded, in the fund's currency."))
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), null=True, blank=True, editable=False,
        # A project that came from a grant is kept as long as the grant is.
        on_delete=models.PROTECT, related_name="grants",
        help_text=_("The project of the portfolio the funded application became."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.application}: {self.amount}"

    @property
    def call(self) -> Call:
        return self.application.call

    def get_absolute_url(self) -> str:
        return part_url(self)


class Disbursement(Record):
    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"),
        # Payments are the grant's record.
        on_delete=models.PROTECT, related_name="disbursements")
    amount = money_field(_("amount"), _("Paid, in the fund's currency."))
    paid_on = PartialDateField(_("paid on"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "paid_on", "pk"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")

    def __str__(self) -> str:
        return f"{self.grant}: {self.amount} ({self.paid_on})"

    def get_absolute_url(self) -> str:
        return part_url(self)


class GrantReport(Record):
    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"),
        # Reports are the grant's record.
        on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(_("title"), max_length=300, help_text=_("E.g. Interim report, first year."))
    due_on = PartialDateField(_("due"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    received_on = PartialDateField(_("received"), help_text=_("Empty until it arrives."))
    summary = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "due_on", "pk"]
        verbose_name = _("grant report")
        verbose_name_plural = _("grant reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return part_url(self)


__all__ = ["Application", "ApplicationAttachment", "Call", "CallCriterion", "ConflictDeclaration", "Disbursement",
           "Fund", "Grant", "GrantReport", "Review", "ReviewAssignment", "Score", "Selection", "SelectionEntry",
           "Visibility"]
