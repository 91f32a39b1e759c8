from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import RecordForm
from kenes.core.services import editable_fields
from kenes.directory.models import Organization, Party, Person
from kenes.inventory.models import Measure
from kenes.web.forms import KenesFormMixin
from kenes.workplan.models import ProgressUpdate, WorkItem, WorkPlan


class WorkPlanForm(RecordForm):
    class Meta:
        model = WorkPlan
        fields = editable_fields(WorkPlan)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Organization.objects.live()


class WorkItemForm(RecordForm):
    """A measure in the plan, with the organisation and lead person responsible on each side.

    One pair of fields per party (parties are data): ``org_KZ``/``lead_KZ``, ``org_UZ``/``lead_UZ``…
    """

    class Meta:
        model = WorkItem
        fields = [name for name in editable_fields(WorkItem) if name != "plan"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "due": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.live().select_related("status").order_by("title_en", "pk")
        self.parties = list(Party.objects.all())
        current = {row.party_id: row for row in self.instance.responsibilities.all()} if self.instance.pk else {}
        for party in self.parties:
            row = current.get(party.pk)
            self.fields[f"org_{party.code}"] = forms.ModelChoiceField(
                Organization.objects.live(), required=False, initial=row.organization_id if row else None,
                label=_("Responsible organisation (%(party)s)") % {"party": party.name})
            self.fields[f"lead_{party.code}"] = forms.ModelChoiceField(
                Person.objects.live(), required=False, initial=row.lead_id if row else None,
                label=_("Lead person (%(party)s)") % {"party": party.name})
            # The visibility choice stays last on the form.
            self.order_fields([name for name in self.fields if name != "visibility"] + ["visibility"])

    def responsibilities(self) -> list[dict]:
        return [{"party": party, "organization": self.cleaned_data.get(f"org_{party.code}"),
                 "lead": self.cleaned_data.get(f"lead_{party.code}")} for party in self.parties]


class ProgressUpdateForm(KenesFormMixin, forms.ModelForm):
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, max_length=1000, assume_scheme="https",
                                  help_text=_("A document, decree or report that shows it."))

    class Meta:
        model = ProgressUpdate
        fields = ["text", "percent", "evidence_url"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "percent": forms.NumberInput(attrs={"min": 0, "max": 100})}
