"""The search index: one row per searchable record, written only by ``kenes.search.index``."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility


class SearchEntry(models.Model):
    """What search knows of one record: its names, its descriptive text, both folded across scripts.

    Plain columns only, so SQLite and PostgreSQL share the model; the full-text index over
    ``folded`` is made by a migration for each database (FTS5 table / GIN expression index).
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"),
        # Entries of a model that no longer exists mean nothing; they go with its content type.
        on_delete=models.CASCADE, related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    kind = models.CharField(_("kind"), max_length=60,
                            help_text=_("The registered kind's code, e.g. person; its label is translated when shown."))
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices,
                                  help_text=_("Copied from the record: search shows what the reader may see."))
    title = models.TextField(_("names"), help_text=_("The record's names in every language, one per line."))
    body = models.TextField(_("text"), blank=True,
                            help_text=_("Descriptive text (biography, description, expertise, roles), one part per line."))
    folded = models.TextField(_("folded text"), blank=True,
                              help_text=_("Names and text folded across scripts: what full-text search reads."))
    # Filters any kind may fill (registry.register(language=, date=, parties=)); blank when it has none.
    language = models.CharField(_("language"), max_length=3, blank=True, default="",
                                help_text=_("The record's language code, e.g. en or ru."))
    date = models.CharField(_("date"), max_length=10, blank=True, default="",
                            help_text=_("YYYY, YYYY-MM or YYYY-MM-DD: ISO text sorts in date order."))
    parties = models.CharField(_("parties"), max_length=300, blank=True, default="",
                               help_text=_('Party codes between spaces, e.g. " KZ UZ ", so that " KZ " finds KZ.'))
    url = models.CharField(_("address"), max_length=500, blank=True, help_text=_("Where the record's page is."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_search_entry_per_record")]
        indexes = [
            models.Index(fields=["kind", "visibility"], name="search_entry_kind_visibility"),
            models.Index(fields=["language"], name="search_entry_language"),
            models.Index(fields=["date"], name="search_entry_date"),
        ]

    def __str__(self) -> str:
        return self.names[0] if self.names else ""

    @property
    def names(self) -> list[str]:
        return [line for line in self.title.split("\n") if line]

    @property
    def parts(self) -> list[str]:
        return [line for line in self.body.split("\n") if line]
