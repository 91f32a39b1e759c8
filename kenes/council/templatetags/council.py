"""The council on other apps' pages: ``{% load council %}{% composition_for org as sides %}``.

A body's page in the directory shows who sits on it today, side by side per party, when
it has members recorded here (the directory itself knows nothing of terms).
"""

from django import template

from kenes.council import services

register = template.Library()


@register.simple_tag(takes_context=True)
def composition_for(context, body):
    request = context.get("request")
    user = getattr(request, "user", None)
    return services.composition(body, user) if body is not None and body.pk else []
