"""The fund's forms: fields from the models (declared once), times typed in the call's zone."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import RecordForm
from kenes.core.translation import CONTENT_LANGUAGES
from kenes.council.timezones import MeetingTimesMixin
from kenes.fund import services
from kenes.fund.models import Application, Call, CallCriterion, Fund

try:
    from kenes.web.forms import KenesFormMixin
except ImportError:  # pragma: no cover
    class KenesFormMixin:  # type: ignore[no-redef]
        pass


def _textareas(name: str, rows: int = 3) -> dict:
    return {f"{name}_{code}": forms.Textarea(attrs={"rows": rows}) for code in CONTENT_LANGUAGES}


class FundForm(RecordForm):
    class Meta:
        model = Fund
        fields = services.FUND_FIELDS
        widgets = _textareas("description")


class CallForm(MeetingTimesMixin, RecordForm):
    zoned_fields = ("opens_at", "closes_at", "review_due_at")

    class Meta:
        model = Call
        fields = services.CALL_FIELDS
        widgets = _textareas("description")


class CriterionForm(RecordForm):
    class Meta:
        model = CallCriterion
        fields = [name for name in services.CRITERION_FIELDS if name != "call"]
        widgets = _textareas("guidance", 2)


class ApplicationForm(RecordForm):
    class Meta:
        model = Application
        fields = [name for name in services.APPLICATION_FIELDS if name != "call"]
        widgets = {**_textareas("summary", 5), "partner_organizations": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        keep = []
        if self.instance.pk:
            keep = [self.instance.lead_organization_id, *self.instance.partner_organizations.values_list("pk", flat=True)]
        organizations = services.organizations_choice(user, [pk for pk in keep if pk]).order_by("party__code", "name_en")
        self.fields["lead_organization"].queryset = organizations
        self.fields["partner_organizations"].queryset = organizations
        self.fields["lead_organization"].label_from_instance = _with_party
        self.fields["partner_organizations"].label_from_instance = _with_party


def _with_party(organization) -> str:
    return f"{organization} ({organization.party.code})" if organization.party_id else str(organization)


class AttachmentForm(KenesFormMixin, forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, XLSX, ODT, TXT, PNG or JPEG; up to 20 MB."))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class ReviewForm(KenesFormMixin, forms.Form):
    """One score and comment per criterion of the call, and an overall comment."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria=(), review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = {score.criterion_id: score for score in review.scores.all()} if review else {}
        for criterion in self.criteria:
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=_("%(criterion)s (0–%(max)s)") % {"criterion": criterion, "max": criterion.scale_max},
                required=False, max_digits=5, decimal_places=2, help_text=criterion.guidance,
                initial=score.value if score else None, widget=forms.NumberInput(attrs={"step": "0.5"}))
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion}, required=False,
                initial=score.comment if score else "", widget=forms.Textarea(attrs={"rows": 2}))
        if review is not None and not self.is_bound:
            self.fields["comment"].initial = review.comment
            self.fields["version"].initial = review.version
        self.order_fields([*(name for c in self.criteria for name in (f"score_{c.pk}", f"comment_{c.pk}")),
                           "comment", "version"])

    def scores(self) -> dict:
        return {criterion: (self.cleaned_data.get(f"score_{criterion.pk}"),
                            self.cleaned_data.get(f"comment_{criterion.pk}", ""))
                for criterion in self.criteria}


class SelectionForm(KenesFormMixin, forms.Form):
    budget = forms.DecimalField(label=_("Budget"), min_value=0, max_digits=18, decimal_places=2)
    minimum_score = forms.DecimalField(label=_("Minimum score (0–100)"), min_value=0, max_value=100, required=False,
                                       decimal_places=2)
    balance = forms.DecimalField(label=_("Balance: each side's lead applicants get at least (%)"), min_value=0,
                                 max_value=50, required=False, decimal_places=2,
                                 help_text=_("0 or empty for no balance constraint."))


class ConflictForm(KenesFormMixin, forms.Form):
    reason = forms.CharField(label=_("What is the conflict of interest?"), widget=forms.Textarea(attrs={"rows": 2}))



class DisbursementForm(KenesFormMixin, forms.Form):
    amount = forms.DecimalField(label=_("Amount paid"), min_value=0, max_digits=18, decimal_places=2)
    paid_on = forms.CharField(label=_("Paid on"), max_length=10, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class GrantReportForm(KenesFormMixin, forms.Form):
    title = forms.CharField(label=_("Report"), max_length=300, help_text=_("E.g. Interim report, first year."))
    due_on = forms.CharField(label=_("Due"), max_length=10, required=False, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD."))
    received_on = forms.CharField(label=_("Received"), max_length=10, required=False)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
