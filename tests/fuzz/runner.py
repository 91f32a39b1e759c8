"""One fuzz input through the whole engine as a worker runs it: read, extract, check the output.

An outcome is ``ok`` (records with valid spans), ``refused`` (a one-line DocumentError),
``over_budget`` (OverBudget), or ``crash`` (anything else, with its traceback: a bug).
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass


@dataclass
class Outcome:
    name: str
    kind: str  # ok, refused, over_budget, crash
    seconds: float
    message: str = ""


def run_one(name: str, data: bytes, time_budget="default") -> Outcome:
    from kenes.extraction.budget import READING_SECONDS, Deadline, OverBudget
    from kenes.extraction.normalize import DocumentError, read_document
    from kenes.extraction.pipeline import extract

    started = time.perf_counter()
    try:
        document = read_document(None, data=data, name=name, deadline=Deadline(READING_SECONDS))
        result = extract(document.text, source=document.source, time_budget=time_budget)
        if result.spans_out_of_range(len(document.text)):
            raise AssertionError("a span is outside the text")
        result.to_json_dict(False)
        kind, message = "ok", ""
    except DocumentError as error:
        kind, message = "refused", str(error)
        if "\n" in message:
            kind, message = "crash", f"a refusal of more than one line: {message!r}"
    except OverBudget as error:
        kind, message = "over_budget", str(error)
    except Exception:
        kind, message = "crash", traceback.format_exc()
    return Outcome(name, kind, time.perf_counter() - started, message)
