"""Hostile and random documents, generated (never copied from the corpus), for the fuzz run and the tests.

Each generator takes a ``random.Random`` so that a seed gives the same inputs on every machine.
Compressed bombs: a PDF whose one content stream and a DOCX whose document.xml unpack to far more
than the file's size.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from functools import lru_cache

# Letters of the four languages' scripts (Latin with Uzbek's apostrophe forms, Cyrillic with
# the Kazakh and Uzbek letters), digits, punctuation and the spaces that break the rules' habits.
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + "ʻ‘'`’" + "ğşçöüı"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" + "әғқңөұүһіӘҒҚҢӨҰҮҺІўқғҳЎҚҒҲ"
MARKS = "0123456789.,;:!?…-–—()[]«»\"'$%€₸ \n\t\u00a0\u200b\u0301"
WORDS = [
    # Words that set the rules off: heads of bodies, titles, triggers, units, months, legal forms.
    "LLP", "JSC", "Ministry", "Council", "Institute", "Commission", "of", "the", "and", "President",
    "Director", "agreed", "to", "establish", "proposed", "billion", "$", "million", "percent", "2024",
    "January", "meeting", "held", "Forum", "Agreement", "signed", "Tashkent", "Astana", "Mr.", "Dr.",
    "министерство", "Совет", "договорились", "создать", "млрд", "долларов", "заседание", "ТОО", "АО",
    "министрлігі", "кеңесі", "келісті", "ұсынды", "vazirligi", "kengashi", "qo‘mitasi", "kelishib", "oldi",
    "taklif", "qildi", "mlrd", "dollar", "Ташкент", "г.", "т.е.", "К.-Ж.", "Токаев", "Мирзиёев",
]


def random_text(rng: random.Random, size: int) -> str:
    """Characters of one or more scripts, or words that the rules react to, in random mixes."""
    mode = rng.choice(["latin", "cyrillic", "mixed", "words", "words"])
    if mode == "words":
        return " ".join(rng.choice(WORDS) + rng.choice(["", "", "", ",", ".", "\n", ":"])
                        for _ in range(max(1, size // 7)))
    alphabet = {"latin": LATIN + MARKS, "cyrillic": CYRILLIC + MARKS, "mixed": LATIN + CYRILLIC + MARKS}[mode]
    return "".join(rng.choice(alphabet) for _ in range(size))


def repetition(rng: random.Random, size: int) -> str:
    """One phrase over and over: the shape that once made the rules quadratic."""
    unit = rng.choice(["LLP ", "agreed to establish ", "Ministry of ", "А. Б. ", "the Council of the ",
                       "$1 billion ", "1. ", "…", "!!!", "Mr. ", "и ", "(", "« ", "Kazakhstan-Uzbekistan "])
    text = unit * (size // len(unit) + 1)
    if rng.random() < 0.5:
        text = text.replace(" ", "", rng.randrange(3))
    return text[:size]


def hostile_html(rng: random.Random, size: int) -> bytes:
    """Deep nesting, unclosed tags, odd charsets, entities and NUL bytes."""
    kind = rng.choice(["deep", "unclosed", "charset", "entities", "articles"])
    if kind == "deep":
        depth = size // 10
        return (b"<html><body>" + b"<div><span>" * depth + b"The council met." + b"</span></div>" * (depth // 2)).replace(
            b"<span>", rng.choice([b"<span>", b"<b>", b"<p>", b"<table><tr><td>"]))
    if kind == "unclosed":
        return b"<html><body>" + b"<p>Trade reached $4 billion<li><td><article>" * (size // 40)
    if kind == "charset":
        charset = rng.choice([b"idna", b"undefined", b"punycode", b"utf-16", b"bogus", b"rot13", b"hex"])
        return (b'<html><head><meta charset="' + charset + b'"></head><body><p>'
                + bytes(rng.randrange(256) for _ in range(size)) + b"</p></body></html>")
    if kind == "entities":
        return ("<p>" + "&amp;&#x0;&#1114112;&#xD800;&nbsp;&bogus;" * (size // 40) + "</p>").encode()
    return b"<html><body>" + b"<article><p>Text of the article</p>" * (size // 40) + b"</article>" * (size // 40)


@lru_cache(maxsize=16)
def pdf_bomb(unpacked: int, line: bytes = b"BT /F1 12 Tf 72 712 Td (agreed to establish a council) Tj ET\n") -> bytes:
    """A one-page PDF whose content stream unpacks from a few kilobytes to ``unpacked`` bytes."""
    stream = zlib.compress(line * (unpacked // len(line) + 1), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@lru_cache(maxsize=16)
def docx_bomb(unpacked: int, paragraph: str = "agreed to establish a council of experts") -> bytes:
    """A DOCX whose document.xml unpacks from a few kilobytes to about ``unpacked`` bytes."""
    para = f"<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>"
    body = para * (unpacked // len(para) + 1)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + body + "</w:body></w:document>")
    types = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


def document(rng: random.Random, n: int) -> tuple[str, bytes]:
    """The ``n``-th fuzz input: a file name (its extension chooses the reader) and its bytes."""
    size = rng.choice([0, 1, 10, 200, 2_000, 20_000, 80_000])
    kind = rng.choices(["text", "repeat", "html", "pdf", "docx", "bytes"], weights=[40, 20, 15, 10, 10, 5])[0]
    if kind == "text":
        return f"{n}.txt", random_text(rng, size).encode("utf-8", "surrogatepass")
    if kind == "repeat":
        return f"{n}.txt", repetition(rng, size).encode()
    if kind == "html":
        return f"{n}.html", hostile_html(rng, size)
    if kind == "pdf":
        if rng.random() < 0.5:
            return f"{n}.pdf", pdf_bomb(rng.choice([1_000_000, 5_000_000, 20_000_000, 60_000_000]))
        line = b"BT /F1 12 Tf 72 712 Td (" + random_text(rng, 60).encode("latin-1", "replace").replace(
            b"(", b"").replace(b")", b"").replace(b"\\", b"") + b") Tj ET\n"
        return f"{n}.pdf", pdf_bomb(max(len(line), size), line)
    if kind == "docx":
        if rng.random() < 0.5:
            return f"{n}.docx", docx_bomb(rng.choice([1_000_000, 10_000_000, 30_000_000]))
        words = random_text(rng, max(size, 1)).replace("<", " ").replace("&", " ")
        return f"{n}.docx", docx_bomb(len(words) * 2, "".join(c for c in words if c.isprintable()))
    return f"{n}", bytes(rng.randrange(256) for _ in range(size))
