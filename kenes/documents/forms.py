"""The upload form: several files (or pasted text) and what they have in common."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kenes.core.dates import validate_partial_date
from kenes.core.models import Visibility
from kenes.directory.models import Party
from kenes.documents.models import Document
from kenes.web.forms import KenesFormMixin

MAX_FILES = 50


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Every file chosen, in order; the checks on each file are ingest's, so refused ones are reported one by one."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(_("Upload at most %(count)s files at once.") % {"count": MAX_FILES})
        return list(files)


class UploadForm(KenesFormMixin, forms.Form):
    files = MultipleFileField(
        label=_("Files"), widget=MultipleFileInput(attrs={"accept": ".txt,.text,.md,.html,.htm,.pdf,.docx"}),
        help_text=_("Text, HTML, PDF or DOCX; choose several at once."),
    )
    text = forms.CharField(label=_("Or paste the text"), required=False, max_length=2_000_000,
                           widget=forms.Textarea(attrs={"rows": 8}))
    title = forms.CharField(label=_("Title"), required=False, max_length=500,
                            help_text=_("Leave empty to use each document's first line."))
    source_url = forms.URLField(label=_("Source address"), required=False, max_length=1000, assume_scheme="https")
    published = forms.CharField(label=_("Published"), required=False, max_length=10,
                                validators=[validate_partial_date], help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices, initial=Document.Kind.OTHER)
    parties = forms.ModelMultipleChoiceField(label=_("Parties concerned"), queryset=Party.objects.all(),
                                             required=False, widget=forms.CheckboxSelectMultiple)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices, initial=Visibility.INTERNAL)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip() and not self.errors:
            raise ValidationError(_("Choose at least one file or paste a text."))
        return cleaned

    def metadata(self) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "source_url": data["source_url"], "published": data["published"],
                "kind": data["kind"], "visibility": data["visibility"], "parties": list(data["parties"])}
