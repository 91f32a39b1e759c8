"""Indicators, their observations and targets: "$10 billion mutual trade" against both sides' figures.

Where a target was set is a council meeting (``set_at_meeting``), an occasion in words,
and its evidence (the documents its mentions come from). So indicators sit above the
council in the apps' order: directory ← inventory ← council ← indicators ← projects ← fund.
The council never imports indicators; a target names the meeting, the meeting page asks
nothing of targets.

Progress and projections are computed, never stored (``kenes.indicators.progress``): a
figure revised or added changes them at once. Amounts in different currencies are only
compared through a ``ConversionRate`` with its source.

Values are ``Decimal`` (never float) with their unit: an ISO 4217 code for money,
otherwise a lower-case noun (``kenes.indicators.units``).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import PartialDateField, Record
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField
from kenes.indicators.periods import YEAR, PeriodField, is_full_year
from kenes.indicators.units import is_currency, normalize_unit, validate_unit

VALUE_DIGITS = 24
VALUE_PLACES = 4


def _value_field(help_text):
    return models.DecimalField(_("value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, help_text=help_text)


def _unit_field(help_text):
    return models.CharField(_("unit"), max_length=40, blank=True, validators=[validate_unit], help_text=help_text)


def format_value(value) -> str:
    """A Decimal as plain digits without trailing zeros: 10000000000, 4.5 (never 1E+10)."""
    if value is None:
        return ""
    try:
        text = f"{value.normalize():f}"
    except AttributeError:
        return str(value)
    return text


class Indicator(Record):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    name = TranslatedField(models.CharField(_("name"), max_length=300, blank=True,
                                            help_text=_("E.g. mutual trade turnover.")))
    unit = _unit_field(_("Currency code (USD, KZT) or a lower-case noun (percent, tonnes)."))
    definition = TranslatedField(models.TextField(_("definition"), blank=True,
                                                  help_text=_("What is counted, and by whom.")))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.HIGHER, help_text=_("Whether a rise is progress."))
    growth_years = models.PositiveSmallIntegerField(
        _("years of growth"), default=3, validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("How many recent full years the compound annual growth and the projection are taken over."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en", "name_ru", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def update_derived_fields(self) -> None:
        """Called by the write path before validation: ``usd`` and `` Percent `` written one way."""
        self.unit = normalize_unit(self.unit)

    def clean(self):
        if not any(getattr(self, f"name_{code}") for code in CONTENT_LANGUAGES):
            raise ValidationError({"name_en": _("Give the name in at least one language.")})

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator", args=[self.pk])


class Qualifier(models.TextChoices):
    """How exact a stated value is (the extraction contract's qualifiers)."""

    APPROXIMATELY = "approximately", _("approximately")
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")
    UP_TO = "up_to", _("up to")


class Target(Record):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"),
        # A target means nothing without its indicator: the indicator cannot go while it has targets.
        on_delete=models.PROTECT, related_name="targets",
    )
    value = _value_field(_("The value to reach, e.g. 10000000000 for $10 billion."))
    unit = _unit_field(_("Currency code or noun; empty means the indicator's unit."))
    qualifier = models.CharField(_("qualifier"), max_length=20, choices=Qualifier.choices, blank=True,
                                 help_text=_("When the goal is stated as approximate, a minimum or a maximum."))
    deadline = PartialDateField(_("deadline"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD; empty when not stated."))
    set_on = PartialDateField(_("set on"), help_text=_("When the goal was set: YYYY, YYYY-MM or YYYY-MM-DD."))
    set_at_meeting = models.ForeignKey(
        "council.Meeting", verbose_name=_("set at meeting"), null=True, blank=True,
        # A meeting is soft-deleted, never removed while something points at it.
        on_delete=models.PROTECT, related_name="targets_set",
        help_text=_("The council meeting where the goal was set, if it was set at one."),
    )
    occasion = models.CharField(_("occasion"), max_length=500, blank=True,
                                help_text=_("Where it was set when not at a recorded meeting, e.g. a state visit."))
    set_by_people = models.ManyToManyField("directory.Person", verbose_name=_("set by (people)"), blank=True,
                                           related_name="targets_set")
    set_by_organizations = models.ManyToManyField("directory.Organization", verbose_name=_("set by (organisations)"),
                                                  blank=True, related_name="targets_set")
    set_by_parties = models.ManyToManyField("directory.Party", verbose_name=_("set by (parties)"), blank=True,
                                            related_name="targets_set")
    measures = models.ManyToManyField("inventory.Measure", verbose_name=_("measures"), blank=True,
                                      related_name="targets",
                                      help_text=_("The measures this goal belongs to or is served by."))
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    evidence = models.TextField(_("evidence quote"), blank=True,
                                help_text=_("The exact words that set the goal, as the source writes them."))
    superseded_by = models.ForeignKey(
        "self", verbose_name=_("superseded by"), null=True, blank=True,
        # An old target stays on record (the $5 billion goal before the $10 billion one); the later one may not vanish under it.
        on_delete=models.PROTECT, related_name="supersedes",
        help_text=_("The later target that replaced this one; both are kept."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "deadline", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator}: {format_value(self.value)} {self.effective_unit}".strip()

    def update_derived_fields(self) -> None:
        self.unit = normalize_unit(self.unit)

    def clean(self):
        if self.superseded_by_id and self.superseded_by_id == self.pk:
            raise ValidationError({"superseded_by": _("A target cannot supersede itself.")})

    @property
    def effective_unit(self) -> str:
        return self.unit or (self.indicator.unit if self.indicator_id else "")

    def get_absolute_url(self) -> str:
        return reverse("indicators:target", args=[self.pk])


class Observation(Record):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"),
        # Statistics are kept: an indicator with observations cannot be deleted for good.
        on_delete=models.PROTECT, related_name="observations",
    )
    period = PeriodField(_("period"), help_text=_("YYYY, YYYY-MM, YYYY-Qn, or YYYY-MM/YYYY-MM for part of a year."))
    value = _value_field(_("The figure as reported, fully written out (4400000000 for $4.4 billion)."))
    unit = _unit_field(_("Currency code or noun; empty means the indicator's unit."))
    qualifier = models.CharField(_("qualifier"), max_length=20, choices=Qualifier.choices, blank=True,
                                 help_text=_("When the figure is stated as approximate, a minimum or a maximum."))
    reporting_party = models.ForeignKey(
        "directory.Party", verbose_name=_("reporting party"), null=True, blank=True,
        # Parties are reference data and are never deleted while in use.
        on_delete=models.PROTECT, related_name="observations",
        help_text=_("Whose statistics these are: each side's figures are kept side by side, never averaged."),
    )
    source = models.CharField(_("source"), max_length=1000, blank=True,
                              help_text=_("The statistical office, publication or address the figure comes from."))
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    evidence = models.TextField(_("evidence quote"), blank=True,
                                help_text=_("The exact words that give the figure, as the source writes them."))
    revises = models.ForeignKey(
        "self", verbose_name=_("revises"), null=True, blank=True,
        # The earlier figure is kept beside its revision; it cannot be purged while revised.
        on_delete=models.PROTECT, related_name="revisions",
        help_text=_("The earlier figure for the same period that this one replaces."),
    )
    is_revised = models.BooleanField(_("revised"), default=False, editable=False,
                                     help_text=_("Set by the write path when a later figure revises this one."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period", "reporting_party", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.indicator}, {self.period}: {format_value(self.value)} {self.effective_unit}".strip()

    def update_derived_fields(self) -> None:
        self.unit = normalize_unit(self.unit)

    def clean(self):
        if self.revises_id and self.revises_id == self.pk:
            raise ValidationError({"revises": _("A figure cannot revise itself.")})

    @property
    def effective_unit(self) -> str:
        return self.unit or (self.indicator.unit if self.indicator_id else "")

    @property
    def is_full_year(self) -> bool:
        return is_full_year(self.period)

    def get_absolute_url(self) -> str:
        return reverse("indicators:observation", args=[self.pk])


class ConversionRate(Record):
    """One currency in another for a period, with its source: the only way amounts in two currencies meet.

    ``rate`` is how many units of ``to_currency`` one unit of ``from_currency`` buys (an annual
    average for a year). Nothing is converted without a rate on record for that year.
    """

    from_currency = models.CharField(_("from currency"), max_length=3, help_text=_("ISO 4217 code, e.g. USD."))
    to_currency = models.CharField(_("to currency"), max_length=3, help_text=_("ISO 4217 code, e.g. KZT."))
    period = PeriodField(_("period"), help_text=_("The year the rate applies to (YYYY)."))
    rate = models.DecimalField(_("rate"), max_digits=VALUE_DIGITS, decimal_places=10,
                               validators=[MinValueValidator(0)],
                               help_text=_("Units of the second currency for one unit of the first."))
    source = models.CharField(_("source"), max_length=1000,
                              help_text=_("Where the rate comes from, e.g. the national bank's annual average."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_currency", "to_currency", "period", "pk"]
        verbose_name = _("conversion rate")
        verbose_name_plural = _("conversion rates")

    def __str__(self) -> str:
        return f"1 {self.from_currency} = {format_value(self.rate)} {self.to_currency} ({self.period})"

    def update_derived_fields(self) -> None:
        self.from_currency = (self.from_currency or "").strip().upper()
        self.to_currency = (self.to_currency or "").strip().upper()

    def clean(self):
        self.update_derived_fields()  # a form validates before the write path's derived fields: "usd" is USD
        errors = {}
        for name in ("from_currency", "to_currency"):
            if not is_currency(getattr(self, name)):
                errors[name] = _("Give an ISO 4217 currency code, e.g. USD or KZT.")
        if not errors and self.from_currency == self.to_currency:
            errors["to_currency"] = _("A currency is not converted into itself.")
        if self.period and not YEAR.match(self.period):
            errors["period"] = _("A rate is given for a year (YYYY).")
        # A value the field refused stays raw text here (clean_fields reports it): compare numbers only.
        if isinstance(self.rate, (Decimal, int)) and self.rate <= 0:
            errors["rate"] = _("The rate must be more than zero.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("indicators:rates")
