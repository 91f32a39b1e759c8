"""How every form in Kenes renders: one layout, errors under their field, empty choices in words.

settings.FORM_RENDERER points at KenesFormRenderer, so `{{ form }}` and the older
`{{ form.as_p }}` in any app give the same markup (web/forms/form.html and
web/forms/field.html) without each app styling its own forms.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

# Django's placeholder for "nothing chosen" in selects: a reader cannot tell what it means.
DASHES = "---------"

# Names of Django's built-in layouts: pages that still ask for as_p/as_table/as_ul get ours.
LEGACY_FORM_TEMPLATES = {
    "django/forms/div.html", "django/forms/p.html", "django/forms/table.html", "django/forms/ul.html",
}


def empty_choice_label(field: forms.Field):
    """Words for the empty choice: a required select asks to choose, an optional one allows none."""
    return _("— choose —") if field.required else _("— none —")


def word_empty_choice(field: forms.Field, label=None) -> None:
    """Replace Django's dashes in one select's empty choice (the field belongs to one form instance)."""
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and (label or field.empty_label == DASHES):
            field.empty_label = label or empty_choice_label(field)
        return
    if isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if any(value == "" and (label or text == DASHES) for value, text in choices):
            word = label or empty_choice_label(field)
            field.choices = [(value, word if value == "" else text) for value, text in choices]


class KenesBoundField(BoundField):
    """A bound field whose select reads "— none —" or "— choose —" instead of dashes.

    Django already sets aria-invalid and points aria-describedby at the help text
    and the error list; the templates give both the ids it expects.
    """

    def __init__(self, form, field, name):
        word_empty_choice(field)
        super().__init__(form, field, name)


class KenesFormRenderer(DjangoTemplates):
    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
    bound_field_class = KenesBoundField

    def get_template(self, template_name):
        if template_name in LEGACY_FORM_TEMPLATES:
            template_name = self.form_template_name
        return super().get_template(template_name)


class KenesFormMixin:
    """Optional extras for a form on top of what the renderer gives every form.

    `empty_choice_labels` names a select's empty choice in the form's own words,
    e.g. {"party": _("— no party —")}; the field groups get `required` and
    `invalid` classes for styling.
    """

    empty_choice_labels: dict = {}
    required_css_class = "required"
    error_css_class = "invalid"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.empty_choice_labels.items():
            if name in self.fields:
                word_empty_choice(self.fields[name], label)
