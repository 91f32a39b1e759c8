from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import RecordForm
from kenes.core.models import Topic
from kenes.core.services import editable_fields
from kenes.directory.models import Membership, Organization, Person


class AliasesField(forms.CharField):
    """Other spellings, one per line, kept in the order given and without repeats."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        lines = [line.strip() for line in (super().to_python(value) or "").splitlines()]
        return list(dict.fromkeys(line for line in lines if line))


class OrganizationForm(RecordForm):
    # A bare domain typed by a person means https (Django 6's default, chosen now).
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    aliases = AliasesField(label=_("other spellings"),
                           help_text=_("One per line: former names, other scripts, short forms."))

    class Meta:
        model = Organization
        fields = editable_fields(Organization)
        widgets = {f"description_{code}": forms.Textarea(attrs={"rows": 3}) for code in ("en", "ru", "kk", "uz")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["aliases"].initial = "\n".join(self.instance.aliases.values_list("name", flat=True))
        self.fields["parent"].queryset = Organization.objects.live()


class PersonForm(RecordForm):
    aliases = AliasesField(label=_("other spellings"),
                           help_text=_("One per line: other scripts, inflected forms, initials (Токаева, K.-J. Tokayev)."))
    expertise = forms.ModelMultipleChoiceField(
        label=_("expertise"), queryset=Topic.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Person
        fields = editable_fields(Person)
        widgets = {f"biography_{code}": forms.Textarea(attrs={"rows": 3}) for code in ("en", "ru", "kk", "uz")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["aliases"].initial = "\n".join(self.instance.aliases.values_list("name", flat=True))


class MembershipForm(RecordForm):
    class Meta:
        model = Membership
        fields = editable_fields(Membership, exclude=["person"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.live()
