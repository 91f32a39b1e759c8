"""The filters of the search page: validated like any form, kept in the address."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kenes.core.dates import validate_partial_date
from kenes.search import registry
from kenes.search.models import SearchEntry

MAX_QUERY = 200


def _language_label(code: str) -> str:
    if code == "und":
        return str(_("Undetermined"))
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def _party_choices() -> list[tuple[str, str]]:
    from kenes.directory.models import Party

    return [(party.code, str(party)) for party in Party.objects.order_by("code")]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words in any script"), required=False, max_length=1000)
    # A select, but an unknown value is no error: see clean_kind.
    kind = forms.CharField(label=_("Kind"), required=False, max_length=1000, widget=forms.Select)
    language = forms.ChoiceField(label=_("Language"), required=False)
    party = forms.ChoiceField(label=_("Party"), required=False)
    date_from = forms.CharField(label=_("From"), required=False, max_length=10, validators=[validate_partial_date],
                                help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    date_to = forms.CharField(label=_("To"), required=False, max_length=10, validators=[validate_partial_date],
                              help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["kind"].widget.choices = [("", _("Everything")), *((s.code, s.kind) for s in registry.searchables())]
        languages = (SearchEntry.objects.exclude(language="").order_by("language")
                     .values_list("language", flat=True).distinct())
        self.fields["language"].choices = [("", _("Any language")), *((code, _language_label(code)) for code in languages)]
        self.fields["party"].choices = [("", _("Any party")), *_party_choices()]

    def clean_kind(self) -> str:
        # An unknown kind (an old link, a kind since removed) searches everything rather than nothing.
        return self.cleaned_data["kind"] if registry.by_code(self.cleaned_data["kind"]) else ""

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start[: len(end)]:
            raise ValidationError(_("The end date is before the start date."))
        return data

    def searched_kinds(self) -> list[registry.Searchable]:
        kind = registry.by_code(getattr(self, "cleaned_data", {}).get("kind") or "")
        return [kind] if kind else registry.searchables()

    def shown_filters(self) -> dict[str, bool]:
        """A filter is offered when a searched kind fills its column (people have no language)."""
        searched = self.searched_kinds()
        return {
            "language": any(s.language for s in searched),
            "party": any(s.parties for s in searched),
            "date": any(s.date for s in searched),
        }
