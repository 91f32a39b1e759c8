"""Template helpers every app's pages share: undo buttons in messages, translated text with its language."""

from django import template
from django.utils.html import format_html

from kenes.core.translation import translated_value

register = template.Library()


@register.filter
def undo_url(message) -> str:
    """The undo URL a message carries in its tags ("undo /records/…/restore/"), or ''."""
    tags = (getattr(message, "extra_tags", "") or "").split()
    return tags[tags.index("undo") + 1] if "undo" in tags and tags.index("undo") + 1 < len(tags) else ""


@register.simple_tag
def translated(record, field: str):
    """The text in the reader's language; another language's text is marked as such."""
    text = translated_value(record, field)
    if not text:
        return ""
    if text.is_fallback:
        return format_html('<span lang="{}" class="fallback">{}</span> <span class="badge fallback-note">{}</span>',
                           text.language, text, text.language_name)
    return format_html("{}", text)


@register.filter
def visibility_label(code: str) -> str:
    """'internal' → 'Internal (council members)' in the reader's language."""
    from kenes.core.models import Visibility

    try:
        return Visibility(code).label
    except ValueError:
        return code
