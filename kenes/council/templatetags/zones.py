"""Meeting times in the reader's zone, with the meeting's own zone beside them: ``{% load zones %}``.

``{{ meeting.starts_at|zoned:meeting.time_zone }}`` gives "08:00 Moscow · 10:00 Tashkent";
``{% zoned_span meeting.starts_at meeting.ends_at meeting.time_zone with_date=True %}`` gives
"28 August 2024, 08:00–10:00 Moscow · 10:00–12:00 Tashkent".
"""

from django import template

from kenes.council.timezones import describe

register = template.Library()


@register.filter
def zoned(moment, zone=None):
    return describe(moment, None, zone)


@register.simple_tag
def zoned_span(start, end=None, zone=None, with_date=False):
    return describe(start, end, zone, with_date=bool(with_date))
