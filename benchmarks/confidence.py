"""What the engine's confidences mean: the share of records kept, by rule and by confidence band.

    .venv/bin/python benchmarks/confidence.py [--gold DIR …] [--scorer ../shared/tools/score_extraction.py]

For every record the engine outputs on gold-annotated documents (the shared dev corpus and the
regression samples under tests/extraction/ by default), the shared scorer's own matching says whether
a reviewer would keep it (it matches a gold record, optional ones included) or not (an extra, or an
evidence error). Printed:
  * per rule: records, share kept, and the confidence ``lexicons/confidence.tsv`` gives the rule
    (before signals), so that the table can be set from what was measured;
  * per confidence band: records and share kept — a calibrated engine keeps about 0.9 of what it
    scores 0.9;
  * at the review page's pre-selection threshold: how many records are ticked and the share kept.
The texts are read at run time and never copied into the repository. The samples were used to tune
the rules, so these shares flatter the engine a little; the bands matter more than the decimals.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score_extraction.py"
DEFAULT_GOLD = [ROOT.parent / "shared" / "corpus" / "dev", *sorted((ROOT / "tests" / "extraction").glob("heldout*")),
                ROOT / "tests" / "extraction" / "samples"]
BANDS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.01)]


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    if spec is None or not path.is_file():
        sys.exit(f"no scorer at {path} (give --scorer)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(scorer, gold_dirs: list[Path]):
    """(rule, confidence, kept) for every record of every gold-annotated document."""
    from kenes.extraction.pipeline import extract

    for directory in gold_dirs:
        for gold_file in sorted(directory.glob("*.gold.json")):
            txt = gold_file.with_name(gold_file.name[: -len(".gold.json")] + ".txt")
            with open(txt, encoding="utf-8", newline="") as fh:
                text = fh.read()
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            result = extract(text, published=gold.get("published"), time_budget=None)
            predicted = result.to_json_dict()
            for kind in scorer.TYPES:
                preds = predicted.get(kind) or []
                good = [k for k, p in enumerate(preds) if scorer.evidence_ok(kind, p, text)]
                pairs = scorer.match_records(kind, [preds[k] for k in good], gold.get(kind) or [])
                kept = {good[i] for i, _j in pairs}
                for k, p in enumerate(preds):
                    yield p.get("rule") or "?", p.get("confidence") or 0.0, k in kept


def _preselect_at() -> float:
    """The review page's threshold, read from the review module (which needs Django configured)."""
    import os
    import tempfile

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenes.settings")
    os.environ.setdefault("KENES_DATA_DIR", tempfile.mkdtemp(prefix="kenes-confidence-"))
    django.setup()
    from kenes.documents.review import PRESELECT_AT

    return PRESELECT_AT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", action="append", type=Path, help="a folder of NAME.txt + NAME.gold.json "
                        "(repeat for several; default: the dev corpus and the regression samples)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = parser.parse_args(argv)
    from kenes.extraction.provenance import base

    PRESELECT_AT = _preselect_at()

    scorer = _scorer(args.scorer)
    rows = list(judged(scorer, [d for d in (args.gold or DEFAULT_GOLD) if d.is_dir()]))
    by_rule: dict[str, list[bool]] = defaultdict(list)
    by_general: dict[str, list[bool]] = defaultdict(list)
    for rule, _confidence, kept in rows:
        by_rule[rule].append(kept)
        by_general[rule.split(".", 1)[-1]].append(kept)
    print(f"{'rule (every language)':45} {'records':>7} {'kept':>6} {'table':>6}")
    for rule, kept in sorted(by_general.items()):
        print(f"{rule:45} {len(kept):7d} {sum(kept) / len(kept):6.2f} {base(rule):6.2f}")
    print(f"\n{'rule':45} {'records':>7} {'kept':>6} {'table':>6}")
    for rule, kept in sorted(by_rule.items()):
        print(f"{rule:45} {len(kept):7d} {sum(kept) / len(kept):6.2f} {base(rule):6.2f}")
    print(f"\n{'confidence':12} {'records':>7} {'kept':>6}")
    for low, high in BANDS:
        kept = [k for _r, c, k in rows if low <= c < high]
        if kept:
            print(f"{low:.2f}–{min(high, 1):.2f}    {len(kept):7d} {sum(kept) / len(kept):6.2f}")
    ticked = [k for _r, c, k in rows if c >= PRESELECT_AT]
    print(f"\nall: {len(rows)} records, {sum(k for *_x, k in rows) / max(1, len(rows)):.2f} kept")
    print(f"pre-selected in review (confidence >= {PRESELECT_AT}): {len(ticked)} records "
          f"({len(ticked) / max(1, len(rows)):.0%}), {sum(ticked) / max(1, len(ticked)):.2f} kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
