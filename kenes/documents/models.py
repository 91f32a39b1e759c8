"""Documents and the mentions extracted from them (Open Civic Data's RelatedEntityBase shape).

A ``Mention`` keeps what the engine read (its raw values and the character spans
of its evidence) and a nullable link to the record it was resolved to, so every
record can show the exact words it came from.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kenes.core.models import PartialDateField, Record


def original_path(instance, filename: str) -> str:
    # Sharded by hash: no folder grows past a few thousand files, names never collide.
    digest = instance.sha256 or "unknown"
    return f"documents/{digest[:2]}/{digest}/{filename}"


class Document(Record):
    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("Press release")
        MINUTES = "minutes", _("Minutes")
        AGREEMENT = "agreement", _("Agreement")
        STATEMENT = "statement", _("Statement")
        ARTICLE = "article", _("Article")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        EXTRACTING = "extracting", _("Extracting")
        AWAITING_REVIEW = "awaiting_review", _("Awaiting review")
        REVIEWED = "reviewed", _("Reviewed")
        FAILED = "failed", _("Failed")

    class Language(models.TextChoices):
        EN = "en", _("English")
        RU = "ru", _("Russian")
        KK = "kk", _("Kazakh")
        UZ = "uz", _("Uzbek")
        UNDETERMINED = "und", _("Undetermined")

    title = models.CharField(_("title"), max_length=500, blank=True,
                             help_text=_("The headline or title, in the document's own language."))
    original = models.FileField(_("original file"), upload_to=original_path, blank=True, max_length=300,
                                help_text=_("The file as it was uploaded, kept unchanged."))
    original_name = models.CharField(_("file name"), max_length=300, blank=True)
    media_type = models.CharField(_("format"), max_length=100, blank=True,
                                  help_text=_("text, html, pdf or docx, as detected from the content."))
    text = models.TextField(_("text"), blank=True,
                            help_text=_("The normalised text the engine read; evidence spans index into it."))
    language = models.CharField(_("language"), max_length=3, choices=Language.choices, blank=True)
    published = PartialDateField(_("published"), help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parties = models.ManyToManyField("directory.Party", verbose_name=_("parties concerned"), blank=True,
                                     related_name="documents")
    sha256 = models.CharField(_("content hash"), max_length=64, unique=True, editable=False,
                              help_text=_("SHA-256 of the normalised text: the same content is kept once."))
    word_count = models.PositiveIntegerField(_("words"), default=0, editable=False)
    near_duplicate_of = models.ForeignKey(
        "self", verbose_name=_("near-duplicate of"), null=True, blank=True, editable=False,
        # A copy's link goes when its original is purged; the copy itself stays.
        on_delete=models.SET_NULL, related_name="near_duplicates",
        help_text=_("The earlier document this one repeats (re-published, truncated or re-formatted)."),
    )
    similarity = models.FloatField(_("similarity"), null=True, blank=True, editable=False,
                                   help_text=_("How much of this document the earlier one contains (0–1)."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED,
                             editable=False, db_index=True)
    failure_reason = models.TextField(_("why it failed"), blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("extraction attempts"), default=0, editable=False)
    claimed_by = models.CharField(_("worker"), max_length=100, blank=True, editable=False,
                                  help_text=_("The worker extracting it now (empty when none)."))
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True, editable=False)
    engine_version = models.CharField(_("engine version"), max_length=40, blank=True, editable=False)
    extracted_at = models.DateTimeField(_("extracted"), null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, editable=False,
        # The document stays when the account that uploaded it is removed.
        on_delete=models.SET_NULL, related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["text", "claimed_by", "claimed_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["state", "claimed_at"], name="document_state_claim")]

    def __str__(self) -> str:
        return self.title or self.original_name or _("Document %(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("documents:document", args=[self.pk])


class DocumentBand(models.Model):
    """One band of a document's MinHash signature: documents sharing a band are near-duplicate candidates.

    Kept in the database (not an in-memory LSH index) so every worker on every
    machine sees the same index.
    """

    document = models.ForeignKey(
        Document, verbose_name=_("document"),
        # The bands are an index of the document and go with it.
        on_delete=models.CASCADE, related_name="bands",
    )
    band = models.BigIntegerField(_("band hash"), db_index=True)

    class Meta:
        verbose_name = _("near-duplicate band")
        verbose_name_plural = _("near-duplicate bands")

    def __str__(self) -> str:
        return f"{self.document_id}:{self.band}"


class MinHashSignature(models.Model):
    """The document's shingle signature, to estimate how much of it another document contains."""

    document = models.OneToOneField(
        Document, verbose_name=_("document"), primary_key=True,
        # Part of the document's index.
        on_delete=models.CASCADE, related_name="signature",
    )
    values = models.BinaryField(_("signature"))
    shingles = models.PositiveIntegerField(_("shingles"), default=0)

    def __str__(self) -> str:
        return f"{self.document_id} ({self.shingles} shingles)"


class Mention(models.Model):
    """One record the engine found in a document: what it read, where, and what it became."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANIZATION = "organization", _("Organisation")
        MEETING = "meeting", _("Meeting")
        MEASURE = "measure", _("Measure")
        TARGET = "target", _("Target")
        FIGURE = "figure", _("Figure")
        PROJECT = "project", _("Project")
        EVENT = "event", _("Event")
        AGREEMENT = "agreement", _("Agreement")

    class Decision(models.TextChoices):
        PENDING = "pending", _("To review")
        ACCEPTED = "accepted", _("Accepted as new")
        LINKED = "linked", _("Linked to an existing record")
        REJECTED = "rejected", _("Rejected")

    document = models.ForeignKey(
        Document, verbose_name=_("document"),
        # A mention is part of what its document says.
        on_delete=models.CASCADE, related_name="mentions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=500,
                             help_text=_("The name, title or value as read, for lists and review."))
    values = models.JSONField(_("values as read"), default=dict, encoder=DjangoJSONEncoder,
                              help_text=_("The engine's record without its spans (the extraction contract's shape)."))
    spans = models.JSONField(_("evidence spans"), default=list,
                             help_text=_("[[start, end], …]: character offsets into the document's text."))
    quote = models.TextField(_("quote"), blank=True, help_text=_("The words of the first span."))
    fingerprint = models.CharField(_("fingerprint"), max_length=64, db_index=True,
                                   help_text=_("Kind and folded label: the same finding across re-extractions."))
    rule = models.CharField(_("rule"), max_length=100, blank=True)
    confidence = models.FloatField(_("engine confidence"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices,
                                default=Decision.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        # The decision stays when the account that made it is removed.
        on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record kind"), null=True, blank=True,
        # Content types are Django's reference data.
        on_delete=models.PROTECT,
    )
    object_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "pk"]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        indexes = [models.Index(fields=["content_type", "object_id"], name="mention_record")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"


class Candidate(models.Model):
    """A record a mention may be: proposed by resolution with a confidence, chosen (or not) in review."""

    mention = models.ForeignKey(
        Mention, verbose_name=_("mention"),
        # Proposals belong to their mention.
        on_delete=models.CASCADE, related_name="candidates",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record kind"),
        # Content types are Django's reference data.
        on_delete=models.PROTECT,
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    score = models.FloatField(_("confidence"), help_text=_("0–1: how sure resolution is that they are the same."))
    reason = models.CharField(_("why"), max_length=300, blank=True)

    class Meta:
        ordering = ["mention", "-score"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return f"{self.mention_id} → {self.content_type_id}:{self.object_id} ({self.score})"
