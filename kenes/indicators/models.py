"""Indicators, their observations and targets: "$10 billion mutual trade" against both sides' figures.

The first, minimal part. Issue 10 adds progress and projections, charts, imports from
CSV/XLSX and the projects portfolio. Where a target was set is for now its evidence (the
documents its mentions come from): a link to a council meeting would make indicators
depend on the council, a sibling app (DESIGN.md: apps depend downwards only), so it waits
for issue 10 to decide where that link lives.

Values are ``Decimal`` (never float) with their unit: an ISO 4217 code for money,
otherwise a lower-case noun (``kenes.indicators.units``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import PartialDateField, Record
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField
from kenes.indicators.periods import PeriodField
from kenes.indicators.units import normalize_unit, validate_unit

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

    def get_absolute_url(self) -> str:
        return reverse("indicators:observation", args=[self.pk])
