"""``kenes extract PATH…``: documents in, one JSON object per document out (JSON Lines).

A thin shell around :func:`kenes.extraction.normalize.read_document` and
:func:`kenes.extraction.pipeline.extract`. A document that cannot be read gets
one line on stderr (``kenes extract: NAME: reason``) and the others still run;
the exit status is 2 when any document failed, 0 otherwise. Never a traceback:
the user cannot act on one.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from dataclasses import dataclass

LANGUAGES = ("en", "ru", "kk", "uz")
PROG = "kenes extract"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print and sys.exit(2) itself
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    from kenes.extraction.budget import MINIMUM_SECONDS, SECONDS_PER_100K_WORDS
    from kenes.extraction.normalize import DEFAULT_MAX_BYTES, DEFAULT_MAX_TEXT

    parser = _Parser(
        prog=PROG,
        description="Turn documents (.txt, .html, .pdf, .docx; - for standard input) into "
        "records with their evidence, one JSON object per document on standard output.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a document, or - for standard input")
    parser.add_argument("--with-text", action="store_true",
                        help="include the text the offsets refer to, as \"text\"")
    parser.add_argument("--explain", action="store_true",
                        help="instead of JSON, print each record with its confidence, the rule that made it and "
                        "the words of the text that set the rule off (with their offsets): to see what a "
                        "lexicon entry changes")
    parser.add_argument("--lang", help="the documents' language (en, ru, kk, uz); detected if omitted")
    parser.add_argument("--published", metavar="YYYY-MM-DD",
                        help="the documents' publication date (YYYY, YYYY-MM or YYYY-MM-DD); "
                        "dates without a year take its year")
    parser.add_argument("--max-bytes", metavar="N", default=str(DEFAULT_MAX_BYTES),
                        help=f"refuse documents larger than N bytes (default {DEFAULT_MAX_BYTES}); "
                        "K, M and G suffixes allowed")
    parser.add_argument("--max-text", metavar="N", default=str(DEFAULT_MAX_TEXT),
                        help="refuse documents whose text, once unpacked from PDF, DOCX or HTML, is longer "
                        f"than N characters (default {DEFAULT_MAX_TEXT}); K, M and G suffixes allowed")
    parser.add_argument("--time-budget", metavar="SECONDS",
                        help="stop a document's extraction after this many seconds (default "
                        f"{SECONDS_PER_100K_WORDS:g} s per 100,000 words, at least {MINIMUM_SECONDS:g} s; "
                        "0 for no limit)")
    return parser


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _check_published(value: str | None) -> str | None:
    if value is None:
        return None
    found = _PARTIAL_DATE.fullmatch(value.strip())
    problem = f"--published must be a date as YYYY, YYYY-MM or YYYY-MM-DD (got {value!r})"
    if not found:
        raise _UsageError(problem)
    year, month, day = (int(part) if part else None for part in found.groups())
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        raise _UsageError(f"--published: {value!r} is not a real date") from None
    return value.strip()


def _check_lang(value: str | None) -> str | None:
    if value is None:
        return None
    lang = value.strip().lower()
    if lang not in LANGUAGES:
        raise _UsageError(f"--lang must be one of {', '.join(LANGUAGES)} (got {value!r})")
    return lang


def _check_max_bytes(value: str, option: str = "--max-bytes", unit: str = "bytes") -> int:
    found = re.fullmatch(r"\s*(\d+)\s*([kmg]?)i?b?\s*", value, re.IGNORECASE)
    if not found or int(found.group(1)) <= 0:
        raise _UsageError(f"{option} must be a positive number of {unit} (got {value!r})")
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[found.group(2).lower()]
    return int(found.group(1)) * scale


def _check_time_budget(value: str | None) -> float | None | str:
    if value is None:
        return "default"
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):
        raise _UsageError(f"--time-budget must be a number of seconds, 0 for no limit (got {value!r})")
    return seconds or None


# Options that take a value as the next argument: what follows them is not a file name.
_VALUED = {"--lang", "--published", "--max-bytes", "--max-text", "--time-budget"}


def _dashed_files(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    """A file whose name starts with a dash ("-x.txt") is a file when it exists, not an unknown option:
    it is passed on as "./-x.txt" (so that the parser takes it for a path), and shown by its own name."""
    import os

    out: list[str] = []
    shown: dict[str, str] = {}
    after_dashes = False
    for k, arg in enumerate(argv):
        if after_dashes or arg == "--":
            after_dashes = True
        elif (arg.startswith("-") and arg != "-" and (k == 0 or argv[k - 1] not in _VALUED)
              and arg.split("=", 1)[0] not in _VALUED and arg not in {"-h", "--help", "--with-text", "--explain"}
              and os.path.lexists(arg)):
            shown[os.path.join(".", arg)] = arg
            arg = os.path.join(".", arg)
        out.append(arg)
    return out, shown


def _say(message: str) -> None:
    print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr, flush=True)


def _write(line: str) -> None:
    # UTF-8 whatever the locale: names in Cyrillic must not fail on a C locale.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(line.encode("utf-8") + b"\n")
        buffer.flush()
    else:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def main(argv: list[str]) -> int:
    try:
        parser = _parser()
        argv, shown = _dashed_files(argv)
        try:
            args = parser.parse_args(argv)
            lang = _check_lang(args.lang)
            published = _check_published(args.published)
            limits = _Limits(
                max_bytes=_check_max_bytes(args.max_bytes),
                max_text=_check_max_bytes(args.max_text, "--max-text", "characters"),
                time_budget=_check_time_budget(args.time_budget),
            )
        except _UsageError as error:
            parser.print_usage(sys.stderr)
            _say(str(error))
            return 2
        except SystemExit as leaving:  # --help
            return int(leaving.code or 0)
        return _run(args.paths, lang, published, limits, args.with_text, shown, args.explain)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kenes extract … | head`: the reader left; that is not an error of ours. Point
        # stdout at /dev/null so that the interpreter's final flush does not complain.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the promise is one line, never a traceback
        _say(f"internal error: {type(error).__name__}: {error}")
        return 2


@dataclass
class _Limits:
    max_bytes: int
    max_text: int
    time_budget: float | None | str  # "default": the budget grows with the text


def _run(paths: list[str], lang, published, limits: _Limits, with_text: bool, shown: dict[str, str],
         explaining: bool = False) -> int:
    from kenes.extraction.budget import READING_SECONDS, Deadline, OverBudget
    from kenes.extraction.lexicons import LexiconError
    from kenes.extraction.normalize import DocumentError, read_document
    from kenes.extraction.pipeline import extract

    failed = False
    stdin_used = False
    max_bytes = limits.max_bytes
    for path in paths:
        name = "stdin" if path == "-" else shown.get(path, path)
        try:
            # Unpacking a PDF has its own budget: the words that set extraction's are not known yet.
            reading = Deadline(READING_SECONDS if limits.time_budget == "default" else limits.time_budget)
            if path == "-":
                if stdin_used:
                    raise DocumentError("standard input can be read only once")
                stdin_used = True
                data = sys.stdin.buffer.read(max_bytes + 1)
                document = read_document(None, data=data, name="stdin", max_bytes=max_bytes,
                                         max_text=limits.max_text, deadline=reading)
            else:
                document = read_document(path, max_bytes=max_bytes, max_text=limits.max_text, deadline=reading)
            result = extract(document.text, lang=lang, published=published, source=document.source,
                             time_budget=limits.time_budget)
            if result.spans_out_of_range(len(document.text)):
                raise RuntimeError("a span is outside the text")
            if explaining:
                from kenes.extraction.explain import explain

                line = explain(result, document.text, name) + "\n"  # a blank line between documents
            else:
                data_out = result.to_json_dict(with_text)
                if with_text:
                    data_out["text"] = document.text
                line = json.dumps(data_out, ensure_ascii=False)
        except (DocumentError, OverBudget) as error:
            _say(f"{name}: {error}")
            failed = True
            continue
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except LexiconError as error:
            # The user's own lexicon (KENES_LEXICONS) is at fault, not the document: stop here.
            _say(str(error))
            return 2
        except RecursionError:
            _say(f"{name}: internal error: the document is nested too deeply")
            failed = True
            continue
        except Exception as error:
            _say(f"{name}: internal error: {type(error).__name__}: {error}")
            failed = True
            continue
        _write(line)
    return 2 if failed else 0
