"""A small reader of .po files for the catalogue tests (no gettext tools needed on the machine)."""

from __future__ import annotations

import re
from pathlib import Path


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text[1:-1])


def parse(path: Path) -> list[dict]:
    """All entries of a .po file, the header included, as dicts: msgctxt, msgid, msgid_plural, msgstr (list),
    flags (set) and obsolete (bool)."""
    entries: list[dict] = []
    entry: dict = {}
    key = None

    def flush():
        if "msgid" in entry:
            entry.setdefault("flags", set())
            entry.setdefault("obsolete", False)
            entries.append(entry.copy())
        entry.clear()

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#~"):
            entry["obsolete"] = True
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#,"):
            entry.setdefault("flags", set()).update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        elif line.startswith("#"):
            continue
        if not line:
            flush()
            key = None
            continue
        if line.startswith('"'):
            if key.startswith("msgstr"):
                entry["msgstr"][-1] += _unquote(line)
            else:
                entry[key] += _unquote(line)
            continue
        word, rest = line.split(" ", 1)
        if key is not None and key.startswith("msgstr") and word in ("msgctxt", "msgid"):
            flush()
        key = word
        if key.startswith("msgstr"):
            entry.setdefault("msgstr", []).append(_unquote(rest))
        else:
            entry[key] = _unquote(rest)
    return entries
