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

LANGUAGES = ("en", "ru", "kk", "uz")
PROG = "kenes extract"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print and sys.exit(2) itself
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    from kenes.extraction.normalize import DEFAULT_MAX_BYTES

    parser = _Parser(
        prog=PROG,
        description="Turn documents (.txt, .html, .pdf, .docx; - for standard input) into "
        "records with their evidence, one JSON object per document on standard output.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a document, or - for standard input")
    parser.add_argument("--with-text", action="store_true",
                        help="include the text the offsets refer to, as \"text\"")
    parser.add_argument("--lang", help="the documents' language (en, ru, kk, uz); detected if omitted")
    parser.add_argument("--published", metavar="YYYY-MM-DD",
                        help="the documents' publication date (YYYY, YYYY-MM or YYYY-MM-DD); "
                        "dates without a year take its year")
    parser.add_argument("--max-bytes", metavar="N", default=str(DEFAULT_MAX_BYTES),
                        help=f"refuse documents larger than N bytes (default {DEFAULT_MAX_BYTES}); "
                        "K, M and G suffixes allowed")
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


def _check_max_bytes(value: str) -> int:
    found = re.fullmatch(r"\s*(\d+)\s*([kmg]?)i?b?\s*", value, re.IGNORECASE)
    if not found or int(found.group(1)) <= 0:
        raise _UsageError(f"--max-bytes must be a positive number of bytes (got {value!r})")
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[found.group(2).lower()]
    return int(found.group(1)) * scale


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
        try:
            args = parser.parse_args(argv)
            lang = _check_lang(args.lang)
            published = _check_published(args.published)
            max_bytes = _check_max_bytes(args.max_bytes)
        except _UsageError as error:
            parser.print_usage(sys.stderr)
            _say(str(error))
            return 2
        except SystemExit as leaving:  # --help
            return int(leaving.code or 0)
        return _run(args.paths, lang, published, max_bytes, args.with_text)
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


def _run(paths: list[str], lang, published, max_bytes: int, with_text: bool) -> int:
    from kenes.extraction.lexicons import LexiconError
    from kenes.extraction.normalize import DocumentError, read_document
    from kenes.extraction.pipeline import extract

    failed = False
    stdin_used = False
    for path in paths:
        name = "stdin" if path == "-" else path
        try:
            if path == "-":
                if stdin_used:
                    raise DocumentError("standard input can be read only once")
                stdin_used = True
                data = sys.stdin.buffer.read(max_bytes + 1)
                document = read_document(None, data=data, name="stdin", max_bytes=max_bytes)
            else:
                document = read_document(path, max_bytes=max_bytes)
            result = extract(document.text, lang=lang, published=published, source=document.source)
            if result.spans_out_of_range(len(document.text)):
                raise RuntimeError("a span is outside the text")
            data_out = result.to_json_dict(with_text)
            if with_text:
                data_out["text"] = document.text
            line = json.dumps(data_out, ensure_ascii=False)
        except DocumentError as error:
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
