"""Forms every app's record forms build on: the version travels with the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.services import Conflict

try:  # the shared look of forms (empty choices as words, errors beside fields), when present
    from kenes.web.forms import KenesFormMixin
except ImportError:  # pragma: no cover - the web app always ships it
    class KenesFormMixin:  # type: ignore[no-redef]
        pass


class RecordForm(KenesFormMixin, forms.ModelForm):
    """A model form that remembers which version of the record the editor started from.

    The services refuse a save over a newer version (``Conflict``); ``show_conflict``
    keeps everything the editor typed, lists what the other person changed, and
    moves the hidden version forward so that saving again is a deliberate choice.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: Conflict | None = None
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("version") is None:
            # Without it the save could silently overwrite someone else's change.
            raise forms.ValidationError(_("This form does not say which version of the record it was opened at; "
                                          "reload the page and make your change again."))
        return cleaned

    @property
    def started_from(self) -> int | None:
        """The version the editor loaded, from the submitted form (None for a new record)."""
        if not self.instance.pk:
            return None
        value = self.cleaned_data.get("version") if hasattr(self, "cleaned_data") else None
        return value if value is not None else self.instance.version

    def model_data(self) -> dict:
        """The cleaned values of the model's own fields, for the service."""
        names = [name for name in self._meta.fields if name in self.cleaned_data]
        return {name: self.cleaned_data[name] for name in names}

    def show_conflict(self, conflict: Conflict) -> None:
        self.conflict = conflict
        data = self.data.copy()
        data["version"] = str(conflict.current_version)
        self.data = data
        self.add_error(None, conflict.message)
