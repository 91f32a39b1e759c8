"""The directory: parties, organisations, people and memberships (Popolo-shaped).

Names exist in several scripts (Токаев, Tokayev, Toqaev): each record keeps a
``search_key`` folded across scripts by the services, so one search finds all.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import Mergeable, MultilingualName, PartialDateField, Record, Topic
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField
from kenes.extraction.translit import fold


class Party(MultilingualName):
    """A country or other party to the partnership."""

    code = models.CharField(
        _("code"), max_length=2, unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two capital letters of ISO 3166-1 (KZ, UZ)."))],
        help_text=_("ISO 3166-1 alpha-2 code, e.g. KZ or UZ."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def clean(self):
        if not self.names():
            raise ValidationError(_("Give the name in at least one language."))


class Organization(MultilingualName, Mergeable, Record):
    # Every change comes through the write path, which stamps updated_at: lists may keep their counts
    # until then (kenes.core.caching.count).
    counts_follow_updated_at = True

    class Kind(models.TextChoices):
        THINK_TANK = "think_tank", _("Think tank / research institute")
        MINISTRY = "ministry", _("Ministry or government agency")
        GOVERNMENT = "government", _("Government or presidential office")
        PARLIAMENT = "parliament", _("Parliament")
        UNIVERSITY = "university", _("University")
        COMPANY = "company", _("Company")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body")
        COUNCIL = "council", _("Council")
        COMMISSION = "commission", _("Commission")
        WORKING_GROUP = "working_group", _("Working group")
        MEDIA = "media", _("News media")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ESTABLISHED = "established", _("Established")
        OPERATIONAL = "operational", _("Operational")
        PLANNED = "planned", _("Planned")

    acronym = models.CharField(_("acronym"), max_length=40, blank=True,
                               help_text=_("Short name, e.g. KazISS or ISRS."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER,
                            help_text=_("What sort of institution this is."))
    party = models.ForeignKey(
        Party, verbose_name=_("party"), null=True, blank=True,
        # Parties are reference data: refuse to delete one that organisations belong to.
        on_delete=models.PROTECT, related_name="organizations",
        help_text=_("The country it belongs to; empty for joint and international bodies."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True,
        # A parent with sub-organisations cannot disappear silently; move or delete them first.
        on_delete=models.PROTECT, related_name="children",
        help_text=_("The organisation this one is part of or subordinate to."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True,
                              help_text=_("Only when a source states it: established, operational or planned."))
    founded = PartialDateField(_("founded"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    website = models.URLField(_("website"), blank=True)
    description = TranslatedField(models.TextField(_("description"), blank=True,
                                                   help_text=_("What the organisation does, in a few sentences.")))
    search_key = models.TextField(editable=False, blank=True, db_index=False,
                                  help_text=_("Names, other spellings and acronym folded across scripts, for search."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en", "name_ru"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_name

    def clean(self):
        if not self.names():
            raise ValidationError(_("Give the name in at least one language."))
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An organisation cannot be inside itself.")})
            ancestor = ancestor.parent

    def get_absolute_url(self) -> str:
        return reverse("directory:organization", args=[self.pk])

    def update_derived_fields(self) -> None:
        """Called by the write path before every save: the folded key that search matches."""
        aliases = self.aliases.values_list("name", flat=True) if self.pk else []
        self.search_key = " ".join(fold(n) for n in [*self.names(), *aliases, self.acronym] if n)

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym and self.acronym != self.name else self.name


PHOTO_MAX_BYTES = 5 * 1024 * 1024
# The first bytes of each accepted image format: the extension alone proves nothing.
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")


def validate_photo(upload) -> None:
    if getattr(upload, "_committed", False):
        # Already stored: it was checked when it came in, and the file may be elsewhere now.
        return
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB; use a smaller image."))
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    is_webp = head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    if not (head.startswith(PHOTO_SIGNATURES[:2]) or is_webp):
        raise ValidationError(_("The photo is not a JPEG, PNG or WebP image."))


def photo_path(instance, filename: str) -> str:
    return f"people/{instance.pk or 'new'}/{filename}"


class Person(MultilingualName, Mergeable, Record):
    # Every change comes through the write path, which stamps updated_at: lists may keep their counts
    # until then (kenes.core.caching.count).
    counts_follow_updated_at = True

    party = models.ForeignKey(
        Party, verbose_name=_("party"), null=True, blank=True,
        # Parties are reference data: refuse to delete one that people belong to.
        on_delete=models.PROTECT, related_name="people",
        help_text=_("The side the person comes from, when known."),
    )
    photo = models.FileField(
        _("photo"), upload_to=photo_path, blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"]), validate_photo],
        help_text=_("Optional portrait (JPEG, PNG or WebP)."),
    )
    biography = TranslatedField(models.TextField(_("short biography"), blank=True,
                                                 help_text=_("A few sentences on the person's career and work.")))
    expertise = models.ManyToManyField(Topic, verbose_name=_("expertise"), blank=True,
                                       related_name="experts",
                                       help_text=_("Fields the person can advise on."))
    search_key = models.TextField(editable=False, blank=True,
                                  help_text=_("Names and aliases folded across scripts, for search."))

    history = HistoricalRecords(m2m_fields=[expertise])

    class Meta:
        ordering = ["name_en", "name_ru"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def clean(self):
        if not self.names():
            raise ValidationError(_("Give the name in at least one language."))

    def get_absolute_url(self) -> str:
        return reverse("directory:person", args=[self.pk])

    def update_derived_fields(self) -> None:
        """Called by the write path before every save: the folded key that search matches."""
        aliases = self.aliases.values_list("name", flat=True) if self.pk else []
        self.search_key = " ".join(fold(n) for n in [*self.names(), *aliases] if n)



class Alias(models.Model):
    """Another spelling of a name (Toqaev, Токаева, K.-J. Tokayev; KISI), with its language when known."""

    name = models.CharField(_("other spelling"), max_length=300)
    language = models.CharField(
        _("language"), max_length=2, blank=True, choices=[
            ("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh")), ("uz", _("Uzbek"))],
        help_text=_("The language this spelling is in, when known."),
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonAlias(Alias):
    person = models.ForeignKey(
        Person, verbose_name=_("person"),
        # An alias means nothing without its person.
        on_delete=models.CASCADE, related_name="aliases",
    )

    history = HistoricalRecords()

    class Meta(Alias.Meta):
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="unique_alias_per_person")]


class OrganizationAlias(Alias):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"),
        # An alias means nothing without its organisation.
        on_delete=models.CASCADE, related_name="aliases",
    )

    history = HistoricalRecords()

    class Meta(Alias.Meta):
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_alias_per_organization")]


class Membership(Record):
    """A person's role in an organisation over time (Popolo Membership)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"),
        # A role is part of the person's record and goes with it.
        on_delete=models.CASCADE, related_name="memberships",
    )
    title = TranslatedField(models.CharField(_("title or role"), max_length=300, blank=True,
                                             help_text=_("E.g. Director, Minister of Foreign Affairs, expert.")))
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), null=True, blank=True,
        # Refuse to delete an organisation that still has people's roles attached.
        on_delete=models.PROTECT, related_name="memberships",
        help_text=_("Empty for a title without an organisation, e.g. President of a country."),
    )
    start_date = PartialDateField(_("from"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    end_date = PartialDateField(_("until"), help_text=_("Empty while the role continues."))
    on_behalf_of = models.ForeignKey(
        Party, verbose_name=_("on behalf of"), null=True, blank=True,
        # Parties are reference data and are never deleted while in use.
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The party the person represents in this role (e.g. in a joint council)."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title_en"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def clean(self):
        if not any(getattr(self, f"title_{code}") for code in CONTENT_LANGUAGES):
            raise ValidationError({"title_en": _("Give the title in at least one language.")})
        if self.start_date and self.end_date and self.end_date < self.start_date[: len(self.end_date)]:
            raise ValidationError({"end_date": _("The role cannot end before it starts.")})

    @property
    def is_current(self) -> bool:
        return not self.end_date

    def __str__(self) -> str:
        where = f", {self.organization}" if self.organization_id else ""
        return f"{self.person}: {self.title}{where}"
