from django import forms

from kenes.core.forms import RecordForm
from kenes.core.services import editable_fields
from kenes.core.translation import CONTENT_LANGUAGES
from kenes.directory.models import Organization, Person
from kenes.inventory.models import Agreement, Measure
from kenes.projects.models import PortfolioStatement, Project, ProjectOrganization


class ProjectForm(RecordForm):
    class Meta:
        model = Project
        fields = editable_fields(Project)
        widgets = {
            **{f"description_{code}": forms.Textarea(attrs={"rows": 3}) for code in CONTENT_LANGUAGES},
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only live records can be linked: a deleted or merged-away one would vanish from the page.
        self.fields["organizations"].queryset = Organization.objects.live()
        self.fields["measures"].queryset = Measure.objects.live().order_by("title_en", "pk")
        self.fields["agreements"].queryset = Agreement.objects.live()


class StatementForm(RecordForm):
    class Meta:
        model = PortfolioStatement
        fields = editable_fields(PortfolioStatement)
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stated_by_person"].queryset = Person.objects.live()
        self.fields["stated_by_organization"].queryset = Organization.objects.live()


class RoleForm(forms.Form):
    """An organisation's role in a project, set from the project's page."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.live())
    role = forms.ChoiceField(choices=ProjectOrganization.Role.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
