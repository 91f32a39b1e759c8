"""Content in the working languages: one declaration gives a column per language.

``biography = TranslatedField(models.TextField(_("short biography"), blank=True))`` on a
model adds ``biography_en``, ``biography_ru``, ``biography_kk`` and ``biography_uz``
(ordinary columns: migrations, forms, the admin, history and the API see them
as such) and makes ``record.biography`` the text in the reader's language, falling
back to the first language that has one and saying so. We chose this small
mechanism over django-modeltranslation because that library patches managers and
the admin at import time and does not cooperate with django-simple-history's
historical models; ours is plain fields, nothing patched.
"""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The working languages of content, in the order fallbacks are tried.
CONTENT_LANGUAGES = ("en", "ru", "kk", "uz")
LANGUAGE_NAMES = {"en": _("English"), "ru": _("Russian"), "kk": _("Kazakh"), "uz": _("Uzbek")}


def reader_language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in CONTENT_LANGUAGES else "en"


class TranslatedText(str):
    """A text in one language; ``is_fallback`` when it is not the reader's language."""

    language: str = ""
    is_fallback: bool = False

    def __new__(cls, value: str, language: str = "", is_fallback: bool = False):
        text = super().__new__(cls, value)
        text.language = language
        text.is_fallback = is_fallback
        return text

    @property
    def language_name(self):
        return LANGUAGE_NAMES.get(self.language, "")


class _TranslatedDescriptor:
    def __init__(self, name: str):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return translated_value(instance, self.name)

    def __set__(self, instance, value):
        # ``record.title = "…"`` writes the reader's language, as a form in that language would.
        setattr(instance, f"{self.name}_{reader_language()}", value)


def translated_value(instance, name: str, language: str | None = None) -> TranslatedText:
    wanted = language or reader_language()
    value = getattr(instance, f"{name}_{wanted}", "") or ""
    if value:
        return TranslatedText(value, wanted, False)
    for code in CONTENT_LANGUAGES:
        value = getattr(instance, f"{name}_{code}", "") or ""
        if value:
            return TranslatedText(value, code, True)
    return TranslatedText("", "", False)


class TranslatedField:
    """Declares one copy of ``field`` per working language, and the reader-language accessor."""

    def __init__(self, field):
        self.field = field
        label = field.verbose_name
        _name, _path, args, kwargs = field.deconstruct()
        # Made here, while the class body runs, so the copies keep the declaration's place in
        # forms and schemas instead of landing after every other field.
        self.copies = {}
        for code in CONTENT_LANGUAGES:
            # 'biography (Russian)', lazily, so forms show it in the reader's language.
            kwargs["verbose_name"] = format_lazy("{} ({})", label, LANGUAGE_NAMES[code]) if label else None
            self.copies[code] = field.__class__(*args, **kwargs)

    def contribute_to_class(self, cls, name):
        for code, copy in self.copies.items():
            if copy.verbose_name is None:
                copy.verbose_name = format_lazy("{} ({})", name, LANGUAGE_NAMES[code])
            cls.add_to_class(f"{name}_{code}", copy)
        setattr(cls, name, _TranslatedDescriptor(name))
        translated = dict(getattr(cls, "_translated_fields", {}))
        translated[name] = tuple(f"{name}_{code}" for code in CONTENT_LANGUAGES)
        cls._translated_fields = translated


def translated_fields(model) -> dict[str, tuple[str, ...]]:
    """{"biography": ("biography_en", …)} for a model: forms, schemas and search read it."""
    return dict(getattr(model, "_translated_fields", {}))


def all_languages(instance, name: str) -> list[TranslatedText]:
    """Every language version that is filled in, each marked with its language."""
    return [TranslatedText(value, code) for code in CONTENT_LANGUAGES
            if (value := getattr(instance, f"{name}_{code}", "") or "")]
