"""A small deterministic sample of the fuzz run (benchmarks/fuzz.py runs 10,000): no input crashes the
engine; each is read and extracted with valid spans, refused in one line, or stopped by its budget."""

from __future__ import annotations

import random

import pytest

from tests.fuzz.inputs import document
from tests.fuzz.runner import run_one

SEED = 14
COUNT = 200
CHUNKS = 4  # so that pytest -n spreads the sample over its workers


def sample() -> list[tuple[str, bytes]]:
    rng = random.Random(SEED)
    return [document(rng, n) for n in range(COUNT)]


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_no_fuzz_input_crashes_the_engine(chunk):
    outcomes = [run_one(name, data) for name, data in sample()[chunk::CHUNKS]]
    crashes = [f"{o.name}: {o.message}" for o in outcomes if o.kind == "crash"]
    assert not crashes, "\n\n".join(crashes[:3])


def test_the_sample_reaches_every_reader():
    names = [name for name, _data in sample()]
    assert {name.rsplit(".", 1)[-1] for name in names} >= {"txt", "html", "pdf", "docx"}
