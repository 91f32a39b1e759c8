"""What every record shares: visibility, timestamps, and the topics of cooperation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.dates import validate_partial_date


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal (council members)")
    RESTRICTED = "restricted", _("Restricted (secretariat)")


class PartialDateField(models.CharField):
    """A date that may be only a year or a month: YYYY, YYYY-MM or YYYY-MM-DD."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)
        self.validators.append(validate_partial_date)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, default in (("max_length", 10), ("blank", True), ("default", "")):
            if kwargs.get(key) == default:
                kwargs.pop(key, None)
        return name, path, args, kwargs


def visible_levels(user) -> list[str]:
    """The visibility levels a user may read: the one rule pages, search and the API share."""
    if user is None or not user.is_authenticated:
        return [Visibility.PUBLIC]
    if getattr(user, "is_secretariat", False):
        return [Visibility.PUBLIC, Visibility.INTERNAL, Visibility.RESTRICTED]
    if getattr(user, "is_council_member", False):
        return [Visibility.PUBLIC, Visibility.INTERNAL]
    return [Visibility.PUBLIC]


class VisibleQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visibility__in=visible_levels(user))


class Record(models.Model):
    """Base of every domain record that can be published, kept internal, or restricted."""

    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        help_text=_("Public: anyone, including the public portal. Internal: council members. "
                    "Restricted: the secretariat only."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible_to(self, user) -> bool:
        return self.visibility in visible_levels(user)


class MultilingualName(models.Model):
    """Names in the four working languages; at least one must be given."""

    name_en = models.CharField(_("name (English)"), max_length=300, blank=True,
                               help_text=_("The name as written in English."))
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True,
                               help_text=_("The name as written in Russian."))
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300, blank=True,
                               help_text=_("The name as written in Kazakh."))
    name_uz = models.CharField(_("name (Uzbek)"), max_length=300, blank=True,
                               help_text=_("The name as written in Uzbek (Latin or Cyrillic)."))

    NAME_LANGUAGES = ("en", "ru", "kk", "uz")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def names(self) -> list[str]:
        return [n for n in (getattr(self, f"name_{code}") for code in self.NAME_LANGUAGES) if n]

    @property
    def name(self) -> str:
        """The name in the reader's language, else the first one given."""
        language = (get_language() or "en")[:2]
        preferred = getattr(self, f"name_{language}", "") if language in self.NAME_LANGUAGES else ""
        return preferred or next(iter(self.names()), "")


class Topic(models.Model):
    """A field of cooperation (trade, water, education…): the extraction contract's topic list."""

    code = models.SlugField(_("code"), max_length=40, unique=True,
                            help_text=_("Stable identifier used by extraction and the API."))
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=100, blank=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en
