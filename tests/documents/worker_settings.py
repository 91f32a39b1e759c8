"""Settings of the worker processes the fault tests start: Kenes' own, plus a test-only engine hook.

Only tests/documents/test_workers.py points DJANGO_SETTINGS_MODULE here. The hook wraps the
pure engine (kenes.extraction.pipeline.extract), so the worker code under test is the real one:

- KENES_TEST_ENGINE_LOG: each extraction appends "<pid> <first line of the text>" to this file;
- KENES_TEST_SLOW_FILE: while this file exists, documents whose text says SLOW hang in the engine
  (so a test can kill the worker in the middle of one);
- KENES_TEST_ENGINE_DELAY: seconds every extraction takes at least (so two workers overlap);
- a document whose text says EXPLODE makes the engine raise.
"""

import os
import time

from kenes.extraction import pipeline as _pipeline
from kenes.settings import *  # noqa: F403

_extract = _pipeline.extract


def _engine_under_test(text, *args, **kwargs):
    first = text.strip().splitlines()[0] if text.strip() else ""
    if log := os.environ.get("KENES_TEST_ENGINE_LOG"):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {first}\n")
    if "EXPLODE" in text:
        raise RuntimeError("the test engine cannot read this document\nand this second line is not the reason")
    slow = os.environ.get("KENES_TEST_SLOW_FILE")
    deadline = time.monotonic() + 120
    while slow and "SLOW" in text and os.path.exists(slow) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(float(os.environ.get("KENES_TEST_ENGINE_DELAY") or 0))
    return _extract(text, *args, **kwargs)


_pipeline.extract = _engine_under_test
