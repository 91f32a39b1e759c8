"""Documents to text: plain text, HTML, PDF and DOCX in, one string out.

Offsets in an extraction result point into the text this module produces, so a
``.txt`` file is decoded exactly (no newline translation, no stripping, a BOM
stays), as the contract requires. Everything a user can hand us that we cannot
read becomes a :class:`DocumentError` with a one-line reason; parser libraries
are imported only for the formats that need them, to keep ``kenes extract`` fast.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# The text a document unpacks to, in characters: a small PDF or DOCX can hold compressed streams
# that expand a thousandfold. Checked while unpacking, so a bomb is refused before it is expanded.
DEFAULT_MAX_TEXT = 10 * 1024 * 1024
# A compressed bomb, not a document: what a PDF's stream or a DOCX unpacks to is at most this many times
# the size of the whole file (real ones compress their text 3 to 20 times), once past a floor below
# which it does not matter.
MAX_UNPACK_RATIO = 100
UNPACK_RATIO_FLOOR = 2 * 1024 * 1024


def _unpack_limit(packed: int, max_text: int) -> int:
    return min(max_text, max(UNPACK_RATIO_FLOOR, MAX_UNPACK_RATIO * packed))

TEXT = "text/plain"
HTML = "text/html"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_BY_EXTENSION = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".pdf": PDF,
    ".docx": DOCX,
}


class DocumentError(Exception):
    """A user-facing, one-line reason why the document can't be read."""


@dataclass
class Document:
    text: str
    source: str
    media_type: str


def read_document(
    path: str | os.PathLike | None,
    data: bytes | None = None,
    name: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_text: int = DEFAULT_MAX_TEXT,
    deadline=None,
) -> Document:
    """Read a document from ``path`` (or from ``data`` bytes, e.g. standard input).

    ``name`` (or the path's base name) becomes the document's ``source`` and its
    extension chooses the format; without a known extension the bytes are sniffed.
    ``max_text`` bounds the text it unpacks to (characters); ``deadline`` (a
    :class:`kenes.extraction.budget.Deadline`) bounds the time spent on a PDF.
    """
    if data is None:
        if path is None:
            raise DocumentError("no document given")
        data = _read_file(Path(path), max_bytes)
    source = name or (Path(path).name if path is not None else "stdin")
    if len(data) > max_bytes:
        raise DocumentError(
            f"the document is {len(data):,} bytes, over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)"
        )
    media_type = _BY_EXTENSION.get(Path(source).suffix.lower()) or _sniff(data)
    if not data:
        return Document("", source, media_type)
    if media_type == HTML:
        text = html_to_text(data)
    elif media_type == PDF:
        text = pdf_to_text(data, max_text=max_text, deadline=deadline)
    elif media_type == DOCX:
        text = docx_to_text(data, max_text=max_text)
    else:
        text = decode_text(data)
    _check_text_size(len(text), max_text)
    return Document(text, source, media_type)


def _check_text_size(size: int, max_text: int, what: str = "text") -> None:
    if size > max_text:
        raise DocumentError(
            f"the document's {what} is over the limit of {max_text:,} characters once unpacked "
            f"({size:,} or more; raise it with --max-text)"
        )


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        status = path.stat()
        # A named pipe or a device would block or never end: only regular files are documents.
        if stat.S_ISDIR(status.st_mode):
            raise DocumentError("is a directory, not a document")
        if not stat.S_ISREG(status.st_mode):
            raise DocumentError("is not a regular file (a pipe, socket or device); give a file, or - for standard input")
        size = status.st_size
        if size > max_bytes:
            raise DocumentError(
                f"the file is {size:,} bytes, over the limit of {max_bytes:,} bytes "
                "(raise it with --max-bytes)"
            )
        with path.open("rb") as handle:
            # Read one byte more than allowed: a file that grows while we read still fails.
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except IsADirectoryError:
        raise DocumentError("is a directory, not a document") from None
    except PermissionError:
        raise DocumentError("permission denied") from None
    except OSError as error:
        raise DocumentError(f"cannot read the file: {error.strerror or error}") from None


def _sniff(data: bytes) -> str:
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return DOCX
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or re.search(
        rb"<(?:html|head|body|article|p|div)[\s>]", lowered
    ):
        return HTML
    return TEXT


# Control bytes that never occur in text (NUL and the C0 codes other than
# tab, newline, vertical tab, form feed, carriage return and escape).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_text(data: bytes) -> str:
    """The bytes as UTF-8, exactly; binary and non-UTF-8 input are refused."""
    nul = data.find(b"\x00")
    if nul != -1:
        raise DocumentError(f"looks binary (a NUL byte at offset {nul}), not a text document")
    sample = data[:65536]
    if len(_BINARY_BYTES.findall(sample)) > max(8, len(sample) // 100):
        raise DocumentError("looks binary (many control bytes), not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"is not UTF-8 text (byte 0x{data[error.start]:02X} at offset {error.start}); "
            "save it as UTF-8"
        ) from None


# --- HTML ---------------------------------------------------------------------------

# Page furniture that is never the article.
_DROP_TAGS = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
    "template", "svg", "canvas", "button", "select", "object", "embed", "head",
]
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
                   "dt", "dd", "figcaption", "address", "caption", "tr", "table"}
_BLOCK_TAGS = _PARAGRAPH_TAGS | {
    "div", "section", "article", "main", "ul", "ol", "dl", "figure", "hr", "br",
    "tbody", "thead", "tfoot", "body", "html", "details", "summary", "center",
}
_CELL_TAGS = {"td", "th"}
_SPACES = re.compile(r"[ \t\r\n\f]+")
_NOT_PAGE_ENCODINGS = {"idna", "punycode", "raw-unicode-escape", "unicode-escape", "rot-13", "undefined",
                       "base64", "hex", "quopri", "uu", "zlib", "bz2"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii")
        try:
            # Only real character sets: "idna" or "punycode" are codecs that raise on any
            # bad byte whatever ``errors`` says, and are never a page's encoding.
            if codecs.lookup(encoding).name not in _NOT_PAGE_ENCODINGS:
                return data.decode(encoding, errors="replace")
        except (LookupError, UnicodeError, ValueError):
            pass
    # Pages that are not UTF-8 and do not say so are most often Windows code pages.
    return data.decode("cp1252", errors="replace")


def html_to_text(data: bytes | str) -> str:
    """Readable article text: furniture dropped, one block per line, entities decoded."""
    from selectolax.lexbor import LexborHTMLParser

    html = data if isinstance(data, str) else _decode_html(data)
    if "\x00" in html:
        html = html.replace("\x00", "")
    tree = LexborHTMLParser(html)
    tree.strip_tags(_DROP_TAGS)
    root = _article_root(tree)
    if root is None:
        return ""
    return _block_text(root)


def _article_root(tree):
    for selector in ("article", "main", "[role=main]"):
        found = tree.css(selector)
        if found:
            # Several <article> elements (a list page): the one with the most text.
            return max(found, key=lambda node: len(node.text(deep=True)))
    body = tree.body or tree.root
    if body is None:
        return None
    # Otherwise the element holding the most paragraph text.
    weight: dict[int, tuple[int, object]] = {}
    for paragraph in tree.css("p"):
        parent = paragraph.parent
        if parent is None:
            continue
        key = parent.mem_id
        total, _ = weight.get(key, (0, parent))
        weight[key] = (total + len(paragraph.text(deep=True)), parent)
    if not weight:
        return body
    total, best = max(weight.values(), key=lambda item: item[0])
    body_paragraphs = sum(len(p.text(deep=True)) for p in tree.css("p"))
    # A container with a small share of the paragraphs is a teaser box, not the article.
    return best if total >= 0.5 * body_paragraphs else body


def _block_text(root) -> str:
    # An explicit stack rather than recursion: hostile pages nest thousands of levels deep.
    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            parts.append("\n\n" if tag in _PARAGRAPH_TAGS else ("\t" if tag in _CELL_TAGS else "\n"))
            continue
        if tag == "-text":
            parts.append(_SPACES.sub(" ", node.text_content or ""))
            continue
        if tag is None or tag.startswith("-") or tag == "!doctype":
            continue
        if tag == "br" or tag == "hr":
            parts.append("\n")
            continue
        if tag == "pre":
            parts.append("\n\n" + node.text(deep=True) + "\n\n")
            continue
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if tag in _BLOCK_TAGS or tag in _CELL_TAGS:
            # Inline elements (<b>, <a>, <span>) end without a break.
            stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((child, False) for child in reversed(children))
    lines = [line.strip(" \t") for line in "".join(parts).split("\n")]
    text = "\n".join(_SPACES_IN_LINE.sub(" ", line) for line in lines)
    return _BLANK_LINES.sub("\n\n", text).strip("\n")


_SPACES_IN_LINE = re.compile(r"[ \t]{2,}")
_BLANK_LINES = re.compile(r"\n{3,}")


# --- PDF -------------------------------------------------------------------------------

def pdf_to_text(data: bytes, *, max_text: int = DEFAULT_MAX_TEXT, deadline=None) -> str:
    """The PDF's text layer, page after page.

    No stream may unpack to more than ``max_text`` bytes (pypdf stops decompressing there), and
    reading stops as soon as the pages' text passes ``max_text`` characters or ``deadline`` passes.
    """
    import logging
    import warnings

    # The header may follow a little junk (some generators prepend bytes); the spec allows 1 KiB.
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("is not a PDF file (no %PDF header), although its name says so")
    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise DocumentError("the PDF is truncated (no end-of-file marker); the file is incomplete")
    # pypdf reports recoverable damage through logging and warnings; the user gets
    # our one-line reason instead of a screenful of internals.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pypdf import PdfReader, apply_configuration
        from pypdf.errors import LimitReachedError

        unpack = _unpack_limit(len(data), max_text)
        limits = {name: unpack for name in _PDF_OUTPUT_LIMITS}
        try:
            with apply_configuration(**limits, stream_decoding_work_maximum_length=4 * unpack):
                reader = PdfReader(io.BytesIO(data), strict=False)
                pages = _pdf_pages(reader, max_text, deadline)
        except LimitReachedError:
            raise DocumentError(
                f"the PDF holds a compressed stream that unpacks to over {unpack:,} bytes "
                + ("(raise the limit with --max-text)" if unpack == max_text else
                   f"from a file of {len(data):,} (over {MAX_UNPACK_RATIO} times its size: a compressed bomb?)")
            ) from None
        except DocumentError:
            raise
        except Exception as error:
            raise _budget_or(error) from None
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise DocumentError(
            "the PDF has no text layer (a scan?); run OCR on it first"
            if pages else "the PDF has no pages"
        )
    return text


# pypdf's ceilings on what one stream may unpack to, one per compression method.
_PDF_OUTPUT_LIMITS = (
    "zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
    "brotli_maximum_output_length", "array_based_stream_maximum_output_length", "jbig2_maximum_output_length",
    "maximum_declared_stream_length",
)


def _budget_or(error: Exception) -> Exception:
    from kenes.extraction.budget import OverBudget

    if isinstance(error, OverBudget):
        return error
    return DocumentError(f"not a readable PDF ({_one_line(error)})")


def _pdf_pages(reader, max_text: int, deadline) -> list[str]:
    if reader.is_encrypted:
        try:
            unlocked = reader.decrypt("")
        except Exception:
            unlocked = 0
        if not unlocked:
            raise DocumentError("the PDF is encrypted with a password")
    pages: list[str] = []
    size = 0
    for page in reader.pages:
        if deadline is not None:
            deadline.check()
        pages.append(page.extract_text() or "")
        size += len(pages[-1])
        _check_text_size(size, max_text)
    return pages


# --- DOCX ------------------------------------------------------------------------------

def docx_to_text(data: bytes, *, max_text: int = DEFAULT_MAX_TEXT) -> str:
    """Paragraphs and table cells of a DOCX, in document order.

    A DOCX is a ZIP archive: before anything is unpacked, the sizes its directory declares (which
    bound what unpacking produces) must stay within ``max_text`` bytes.
    """
    _check_unpacked_size(data, max_text)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for element in document.element.body.iterchildren():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "p":
                blocks.append(Paragraph(element, document).text)
            elif tag == "tbl":
                blocks.extend(_table_rows(Table(element, document)))
    except Exception as error:
        raise DocumentError(f"not a readable DOCX file ({_one_line(error)})") from None
    return "\n".join(blocks)


def _check_unpacked_size(data: bytes, max_text: int) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except Exception as error:
        raise DocumentError(f"not a readable DOCX file ({_one_line(error)})") from None
    # Python's zipfile never unpacks a member past its declared size (it fails instead), so the
    # directory's sizes are a true bound.
    if unpacked > max_text:
        raise DocumentError(
            f"the DOCX unpacks to {unpacked:,} bytes, over the limit of {max_text:,} "
            "(raise it with --max-text)"
        )
    if unpacked > _unpack_limit(len(data), max_text):
        raise DocumentError(
            f"the DOCX unpacks to {unpacked:,} bytes from a file of {len(data):,} "
            f"(over {MAX_UNPACK_RATIO} times its size: a compressed bomb?)"
        )


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append("\t".join(cells))
    return rows


def _one_line(error: BaseException) -> str:
    message = " ".join(str(error).split()) or type(error).__name__
    return message[:200]
