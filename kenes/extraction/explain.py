"""``kenes extract --explain``: each record with the rule that made it and the words that set the rule off.

For someone extending a lexicon: add a title to ``titles.tsv`` or a cue to ``triggers.tsv``, run the
document again, and see which records the new words now make (their offsets point into the text the
engine read, as the spans of the JSON output do).
"""

from __future__ import annotations

import re

from kenes.extraction.schema import RECORD_TYPES, ExtractionResult

SINGULAR = {"people": "person", "organizations": "organization", "meetings": "meeting", "measures": "measure",
            "targets": "target", "figures": "figure", "projects": "project", "events": "event",
            "agreements": "agreement"}
LABEL_WIDTH = 56
CUE_WIDTH = 48
MOST_CUES = 4


def label(kind: str, values: dict) -> str:
    """What a record is called in lists and review: its name, title or text; an amount with its indicator.
    ``kind`` is the contract's plural ("figures") or the singular ("figure")."""
    quantity = kind in {"target", "targets", "figure", "figures"}
    for key in ("name", "title", "text", "indicator", "description"):
        if values.get(key):
            text = str(values[key])
            if quantity and values.get("value"):
                text = f"{text}: {values['value']} {values.get('unit') or ''}".strip()
            return text[:500]
    if values.get("value"):
        return f"{values['value']} {values.get('unit') or ''}".strip()[:500]
    return SINGULAR.get(kind, kind)


def _short(text: str, width: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def explain(result: ExtractionResult, text: str, name: str) -> str:
    """The records of one document as lines for a terminal: kind, label, confidence and rule, then the
    cue words with their ``[start, end]`` offsets into ``text``."""
    count = sum(len(getattr(result, kind)) for kind in RECORD_TYPES)
    published = f", published {result.published}" if result.published else ""
    lines = [f"{name}: {result.language}{published}, {count} record{'s' if count != 1 else ''}"]
    for kind, record in sorted(result.records(), key=lambda kr: (RECORD_TYPES.index(kr[0]), kr[1].spans[0])):
        values = record.model_dump(exclude={"spans", "cues"})
        confidence = f"{record.confidence:.2f}" if record.confidence is not None else "  – "
        lines.append(f"  {SINGULAR[kind]:<13} {_short(label(kind, values), LABEL_WIDTH):<{LABEL_WIDTH}} "
                     f"{confidence}  {record.rule or '?'}")
        cues = [f"\"{_short(text[a:b], CUE_WIDTH)}\" [{a}, {b}]" for a, b in record.cues if b <= len(text)]
        if len(cues) > MOST_CUES:
            # A body named a hundred times has a hundred cues: the first few say which words do it.
            cues = cues[:MOST_CUES] + [f"{len(cues) - MOST_CUES} more"]
        lines.append(f"  {'':<13}   cue: {'; '.join(cues)}" if cues else f"  {'':<13}   no cue words")
    return "\n".join(lines)
