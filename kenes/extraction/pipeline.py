"""The engine's entry point: one document's text in, one ExtractionResult out.

Pure: no Django, no I/O, no network. The CLI, the ingest service and the tests all
call :func:`extract`.
"""

from __future__ import annotations

import hashlib

from kenes.extraction.schema import ExtractionResult


def extract(
    text: str,
    *,
    lang: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> ExtractionResult:
    """Extract every record from ``text``; spans index into ``text`` exactly as given."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return ExtractionResult(
        source=source,
        language=lang if lang in {"en", "ru", "kk", "uz"} else "und",
        published=published,
        text_sha256=digest,
    )
