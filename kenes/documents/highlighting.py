"""A document's text as HTML with every evidence span marked: escaped, overlaps split, anchors to link to.

The text is untrusted (it came from an uploaded file), so every piece of it is
escaped here and nothing else is ever marked safe. Overlapping spans are cut at
every boundary; each piece is one ``<mark>`` listing all the mentions covering
it, coloured by the first kind, and marked ``overlap`` when there are several.
Each span starts with an empty ``<span id="span-START-END">`` so a link to
``#span-START-END`` lands on it.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def span_id(start: int, end: int) -> str:
    return f"span-{start}-{end}"


def highlight_text(text: str, mentions) -> SafeString:
    text = text or ""
    spans = []  # (start, end, kind, mention id)
    for mention in mentions:
        for start, end in mention.spans or []:
            if 0 <= start < end <= len(text):
                spans.append((int(start), int(end), mention.kind, mention.pk))
    if not spans:
        return mark_safe(escape(text))
    boundaries = sorted({0, len(text), *(s for s, *_ in spans), *(e for _s, e, *_ in spans)})
    starts = {}
    for start, end, *_rest in sorted(spans, key=lambda s: (s[0], -s[1])):
        starts.setdefault(start, [])
        if span_id(start, end) not in starts[start]:
            starts[start].append(span_id(start, end))
    out = []
    for left, right in zip(boundaries, boundaries[1:], strict=False):
        out.extend(f'<span class="span-anchor" id="{anchor}"></span>' for anchor in starts.get(left, []))
        piece = escape(text[left:right])
        covering = [s for s in spans if s[0] <= left and right <= s[1]]
        if not covering:
            out.append(piece)
            continue
        kinds = list(dict.fromkeys(kind for _s, _e, kind, _m in covering))
        ids = " ".join(str(m) for m in dict.fromkeys(m for *_x, m in covering))
        classes = f"ev ev-{kinds[0]}" + (" overlap" if len(covering) > 1 else "")
        title = escape(", ".join(kinds))
        out.append(f'<mark class="{classes}" data-mentions="{ids}" data-kinds="{title}">{piece}</mark>')
    return mark_safe("".join(out))
