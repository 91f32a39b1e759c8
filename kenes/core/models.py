"""What every record shares: visibility, timestamps, and the topics of cooperation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.dates import validate_partial_date
from kenes.core.translation import CONTENT_LANGUAGES, TranslatedField, TranslatedText, all_languages


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal (council members)")
    RESTRICTED = "restricted", _("Restricted (secretariat)")


class PartialDateField(models.CharField):
    """A date that may be only a year or a month: YYYY, YYYY-MM or YYYY-MM-DD."""

    # How the API's OpenAPI document describes the values (kenes.core.api_schemas).
    api_pattern = r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"
    api_description = "A partial date: YYYY, YYYY-MM or YYYY-MM-DD (2025, 2025-09, 2025-09-14); empty when not known."

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
        """What ``user`` may read: the visibility rule, less deleted and merged-away records."""
        return self.live().filter(visibility__in=visible_levels(user))

    def live(self):
        """Records not deleted and not merged into another: what lists, search and links show."""
        queryset = self.filter(deleted_at__isnull=True)
        if any(field.name == "merged_into" for field in self.model._meta.fields):
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset


class Record(models.Model):
    """Base of every domain record: visibility, a version against lost updates, soft deletion.

    Writes go through ``kenes.core.services`` (never ``save()`` from a view): it
    checks the version the editor started from, bumps it and records history.
    """

    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        help_text=_("Public: anyone, including the public portal. Internal: council members. "
                    "Restricted: the secretariat only."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False,
        help_text=_("Raised by one at every change; an edit started from an older version is refused."),
    )
    deleted_at = models.DateTimeField(
        _("deleted"), null=True, blank=True, editable=False,
        help_text=_("When the record was deleted; it can be restored until it is purged."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible_to(self, user) -> bool:
        return self.is_live and self.visibility in visible_levels(user)

    @property
    def is_live(self) -> bool:
        return self.deleted_at is None and getattr(self, "merged_into_id", None) is None


class Mergeable(models.Model):
    """A record that can be merged into a duplicate of itself, and the merge undone."""

    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, editable=False,
        # A record others were merged into is never hard-deleted: undoing the merge needs it.
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Set when this record was found to be a duplicate and merged into another."),
    )

    class Meta:
        abstract = True


class MultilingualName(models.Model):
    """Names in the four working languages; at least one must be given."""

    name = TranslatedField(models.CharField(_("name"), max_length=300, blank=True,
                                            help_text=_("The name as written in this language.")))

    NAME_LANGUAGES = CONTENT_LANGUAGES

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def names(self) -> list[TranslatedText]:
        """Every spelling given, each knowing its language (for "Also written")."""
        return all_languages(self, "name")


class Merge(models.Model):
    """One merge of a duplicate into the record kept, with what moved, so it can be undone."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"),
        # Content types are Django's own reference data; they outlive any merge.
        on_delete=models.PROTECT,
    )
    kept_id = models.PositiveBigIntegerField(_("kept record"))
    merged_id = models.PositiveBigIntegerField(_("merged record"))
    moved = models.JSONField(
        _("what moved"), default=dict, blank=True, encoder=DjangoJSONEncoder,
        help_text=_("Which related rows moved and which values were copied, to put them back on undo."),
    )
    reason = models.TextField(_("reason"), blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("merged by"), null=True,
        # The log of a merge stays when the account that did it is removed.
        on_delete=models.SET_NULL, related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("undone by"), null=True, blank=True,
        # As above: the log outlives accounts.
        on_delete=models.SET_NULL, related_name="+",
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.merged_id} → {self.kept_id}"

    @property
    def model(self):
        return self.content_type.model_class()

    def kept(self):
        return self.model.objects.filter(pk=self.kept_id).first()

    def merged(self):
        return self.model.objects.filter(pk=self.merged_id).first()


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
        from kenes.core.translation import translated_value

        return translated_value(self, "name")
