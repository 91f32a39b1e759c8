"""Documents to text: plain text, HTML, PDF and DOCX in, one string out.

Offsets in an extraction result point into the text this module produces, so a
``.txt`` file is decoded exactly (no newline translation, no stripping, a BOM
stays), as the contract requires. Everything a user can hand us that we cannot
read becomes a :class:`DocumentError` with a one-line reason; parser libraries
are imported only for the formats that need them, to keep ``kenes extract`` fast.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

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
) -> Document:
    """Read a document from ``path`` (or from ``data`` bytes, e.g. standard input).

    ``name`` (or the path's base name) becomes the document's ``source`` and its
    extension chooses the format; without a known extension the bytes are sniffed.
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
        text = pdf_to_text(data)
    elif media_type == DOCX:
        text = docx_to_text(data)
    else:
        text = decode_text(data)
    return Document(text, source, media_type)


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
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
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
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

def pdf_to_text(data: bytes) -> str:
    """The PDF's text layer, page after page."""
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
        from pypdf import PdfReader

        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    unlocked = reader.decrypt("")
                except Exception:
                    unlocked = 0
                if not unlocked:
                    raise DocumentError("the PDF is encrypted with a password")
            pages = [page.extract_text() or "" for page in reader.pages]
        except DocumentError:
            raise
        except Exception as error:
            raise DocumentError(f"not a readable PDF ({_one_line(error)})") from None
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise DocumentError(
            "the PDF has no text layer (a scan?); run OCR on it first"
            if pages else "the PDF has no pages"
        )
    return text


# --- DOCX ------------------------------------------------------------------------------

def docx_to_text(data: bytes) -> str:
    """Paragraphs and table cells of a DOCX, in document order."""
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
