"""The joint projects portfolio: single projects, and statements about the portfolio as a whole.

Leaders report the portfolio in aggregate long before each project is known ("12 joint
projects worth $156 million implemented; 21 worth about $1 billion in the pipeline"). A
``PortfolioStatement`` keeps such a fact with its date, source and evidence; a ``Project``
is one project once it is named. The two are never summed into each other: a statement
is what someone said about the portfolio on a day, the projects are what is on record.

Projects sit above indicators in the apps' order (directory ← inventory ← council ←
indicators ← projects ← fund): they link measures and agreements, and reuse the
indicators' qualifiers and units. Values are ``Decimal`` with an ISO 4217 currency.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import Mergeable, PartialDateField, Record
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField, all_languages
from kenes.extraction.translit import fold
from kenes.indicators.models import VALUE_DIGITS, VALUE_PLACES, Qualifier, format_value
from kenes.projects.currencies import normalize_currency, validate_currency


class ProjectStatus(models.TextChoices):
    """Where a project stands; a portfolio statement counts the projects at one of these."""

    PIPELINE = "pipeline", _("Pipeline")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    CANCELLED = "cancelled", _("Cancelled")


def _value_field(verbose_name, help_text):
    return models.DecimalField(verbose_name, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True,
                               blank=True, help_text=help_text)


def _currency_field():
    return models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency],
                            help_text=_("ISO 4217 code of the value, e.g. USD, KZT or UZS."))


def _check_money(record, value_field: str) -> dict:
    """A value needs its currency and may not be negative; a currency alone means nothing."""
    errors = {}
    value = getattr(record, value_field)
    # A value the field refused is still raw text here (clean_fields reports it): compare numbers only.
    if isinstance(value, (Decimal, int)) and value < 0:
        errors[value_field] = _("A value cannot be negative.")
    if value is not None and not record.currency:
        errors["currency"] = _("Give the currency of the value, e.g. USD.")
    return errors


class Project(Mergeable, Record):
    """One joint project: a plant, an industrial zone, a road, with its value and where it stands."""

    name = TranslatedField(models.CharField(_("name"), max_length=500, blank=True,
                                            help_text=_('E.g. International Center for Industrial Cooperation '
                                                        '"Central Asia".')))
    description = TranslatedField(models.TextField(_("description"), blank=True,
                                                   help_text=_("What is built or done, where, and by whom.")))
    sector = models.ForeignKey(
        "core.Topic", verbose_name=_("sector"), null=True, blank=True,
        # Topics are reference data, never removed while a record uses them.
        on_delete=models.PROTECT, related_name="projects",
        help_text=_("The field of cooperation (industry, energy, transport…), from the shared topic list."),
    )
    parties = models.ManyToManyField("directory.Party", verbose_name=_("parties"), blank=True,
                                     related_name="projects", help_text=_("The countries taking part."))
    organizations = models.ManyToManyField(
        "directory.Organization", verbose_name=_("organisations"), blank=True, related_name="projects",
        help_text=_("Companies and agencies taking part; their roles (lead, partner…) are set on the project's page."),
    )
    location = models.CharField(_("location"), max_length=500, blank=True,
                                help_text=_("Where it is, e.g. on the Kazakhstan–Uzbekistan border."))
    value = _value_field(_("value"), _("The cost or investment, fully written out (156000000 for $156 million)."))
    currency = _currency_field()
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices,
                              default=ProjectStatus.PLANNED)
    start_date = PartialDateField(_("start"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    end_date = PartialDateField(_("end"), help_text=_("Completion, actual or planned: YYYY, YYYY-MM or YYYY-MM-DD."))
    measures = models.ManyToManyField("inventory.Measure", verbose_name=_("measures"), blank=True,
                                      related_name="projects", help_text=_("The measures this project implements."))
    agreements = models.ManyToManyField("inventory.Agreement", verbose_name=_("agreements"), blank=True,
                                        related_name="projects", help_text=_("The agreements it comes from."))
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    evidence = models.TextField(_("evidence quote"), blank=True,
                                help_text=_("The exact words about the project, as the source writes them."))
    search_key = models.TextField(editable=False, blank=True,
                                  help_text=_("Names folded across scripts, for finding duplicates."))

    history = HistoricalRecords(m2m_fields=[parties, organizations, measures, agreements])

    class Meta:
        ordering = ["name_en", "name_ru", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    def names(self):
        return all_languages(self, "name")

    def update_derived_fields(self) -> None:
        self.currency = normalize_currency(self.currency)
        self.search_key = " ".join(fold(name) for name in self.names())

    def clean(self):
        errors = _check_money(self, "value")
        if not any(getattr(self, f"name_{code}") for code in CONTENT_LANGUAGES):
            errors["name_en"] = _("Give the name in at least one language.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            # Partial dates compare as text: "2024" < "2024-05" < "2025", which is the order of time.
            errors["end_date"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def value_text(self) -> str:
        return f"{format_value(self.value)} {self.currency}".strip() if self.value is not None else ""

    def get_absolute_url(self) -> str:
        return reverse("projects:project", args=[self.pk])


class ProjectOrganization(models.Model):
    """An organisation's part in a project; one row for every organisation in ``Project.organizations``.

    The roles follow IATI's participating-org roles (funding, accountable, extending,
    implementing) in the words the secretariat uses.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        IMPLEMENTER = "implementer", _("Implementer")

    project = models.ForeignKey(
        Project, verbose_name=_("project"),
        # An organisation's role is part of its project.
        on_delete=models.CASCADE, related_name="roles",
    )
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("organisation"),
        # An organisation that took part in a project stays on record.
        on_delete=models.PROTECT, related_name="project_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "role", "pk"]
        verbose_name = _("organisation's role")
        verbose_name_plural = _("organisations' roles")
        constraints = [models.UniqueConstraint(fields=["project", "organization"], name="one_role_per_project_org")]

    def __str__(self) -> str:
        return f"{self.organization}: {self.get_role_display()}"


class PortfolioStatement(Record):
    """An aggregate fact about the portfolio: so many projects, worth so much, at one status, said on a day."""

    stated_on = PartialDateField(_("stated on"), help_text=_("When it was said: YYYY, YYYY-MM or YYYY-MM-DD; "
                                                              "empty when the source gives no date."))
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, blank=True,
                              help_text=_("The status the count and value refer to; empty for the whole portfolio."))
    project_count = models.PositiveIntegerField(_("number of projects"), null=True, blank=True)
    total_value = _value_field(_("total value"), _("Fully written out: 1000000000 for $1 billion."))
    currency = _currency_field()
    qualifier = models.CharField(_("qualifier"), max_length=20, choices=Qualifier.choices, blank=True,
                                 help_text=_("When the value is stated as approximate, a minimum or a maximum."))
    scope = TranslatedField(models.CharField(_("scope"), max_length=500, blank=True,
                                             help_text=_("Which projects are counted, e.g. joint industrial "
                                                         "cooperation projects.")))
    source = models.CharField(_("source"), max_length=1000, blank=True,
                              help_text=_("Who reported it where: a ministry's release, a news agency."))
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    evidence = models.TextField(_("evidence quote"), blank=True,
                                help_text=_("The exact words of the statement, as the source writes them."))
    stated_by_person = models.ForeignKey(
        "directory.Person", verbose_name=_("stated by (person)"), null=True, blank=True,
        # Whoever said it stays on record while the statement does.
        on_delete=models.PROTECT, related_name="portfolio_statements",
    )
    stated_by_organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("stated by (organisation)"), null=True, blank=True,
        # As above.
        on_delete=models.PROTECT, related_name="portfolio_statements",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-stated_on", "status", "pk"]
        verbose_name = _("portfolio statement")
        verbose_name_plural = _("portfolio statements")
        constraints = [models.UniqueConstraint(
            fields=["status", "stated_on"], condition=Q(deleted_at__isnull=True),
            name="one_live_statement_per_status_and_date",
            violation_error_message=_("There is already a statement for this status on this date."))]

    def __str__(self) -> str:
        parts = []
        if self.project_count is not None:
            parts.append(str(self.project_count))
        if self.total_value is not None:
            qualifier = f"{self.get_qualifier_display()} " if self.qualifier else ""
            parts.append(f"{qualifier}{format_value(self.total_value)} {self.currency}".strip())
        status = self.get_status_display() if self.status else _("all projects")
        return f"{' · '.join(parts)} ({status}, {self.stated_on or '?'})"

    def update_derived_fields(self) -> None:
        self.currency = normalize_currency(self.currency)

    def clean(self):
        errors = _check_money(self, "total_value")
        if self.project_count is None and self.total_value is None:
            errors["project_count"] = _("Give the number of projects, their total value, or both: "
                                        "a statement with neither says nothing.")
        if self.qualifier and self.total_value is None:
            errors["qualifier"] = _("A qualifier describes the value; give the value too.")
        if errors:
            raise ValidationError(errors)
        self._check_unique_per_date()

    def _check_unique_per_date(self) -> None:
        same = PortfolioStatement._base_manager.filter(status=self.status, stated_on=self.stated_on,
                                                       deleted_at__isnull=True).exclude(pk=self.pk)
        if self.deleted_at is None and same.exists():
            raise ValidationError({"stated_on": _("There is already a statement for this status on this date; "
                                                  "edit that one instead.")})

    def get_absolute_url(self) -> str:
        return reverse("projects:statement", args=[self.pk])
