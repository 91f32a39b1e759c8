"""Documents to text: exact plain text, article HTML, PDF text layer, DOCX, clear refusals."""

from __future__ import annotations

import time

import pytest

from kenes.extraction.normalize import DocumentError, read_document

from .documents import make_docx, make_pdf


def test_it_decodes_a_text_file_exactly(tmp_path):
    raw = "\ufeffПервая строка\r\nSecond line  \n\n".encode()
    path = tmp_path / "note.txt"
    path.write_bytes(raw)
    document = read_document(path)
    # BOM, CR LF and trailing spaces stay: offsets must match the file as decoded.
    assert document.text == raw.decode("utf-8")
    assert (document.source, document.media_type) == ("note.txt", "text/plain")


def test_it_refuses_latin1_bytes_and_says_where(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Café crème".encode("latin-1"))
    with pytest.raises(DocumentError, match=r"not UTF-8 text .*offset 3"):
        read_document(path)


def test_it_refuses_binary_garbage():
    with pytest.raises(DocumentError, match="looks binary"):
        read_document(None, data=bytes(range(256)) * 4, name="blob.txt")
    with pytest.raises(DocumentError, match="looks binary"):
        read_document(None, data=b"\x01\x02\x03\x04\x05\x06" * 100, name="blob")


def test_it_reads_empty_input_as_empty_text():
    assert read_document(None, data=b"", name="stdin").text == ""


def test_it_refuses_input_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300)
    with pytest.raises(DocumentError, match="over the limit of 1,000 bytes"):
        read_document(path, max_bytes=1000)
    assert len(read_document(path, max_bytes=2000).text) == 1500


def test_it_names_a_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "absent.txt")


ARTICLE = """<!doctype html><html><head><title>T</title><style>p{color:red}</style>
<script>var secret = "do not show";</script></head><body>
<header><a href="/">Home</a> | <a href="/news">News</a></header>
<nav><ul><li>Menu item</li></ul></nav>
<aside>Most read: something else</aside>
<article><h1>Ministers met in Tashkent</h1>
<p>The ministers agreed to raise trade to $10&nbsp;billion &amp; more.</p>
<p>They also discussed <b>water</b> use.<br>A second line.</p>
<script>document.write("ad")</script></article>
<footer>Copyright</footer><form><input name=q></form></body></html>"""


def test_it_keeps_the_article_of_an_html_page_and_drops_the_rest():
    text = read_document(None, data=ARTICLE.encode(), name="page.html").text
    assert "Ministers met in Tashkent" in text
    assert "raise trade to $10\u00a0billion & more." in text
    assert "They also discussed water use.\nA second line." in text
    for furniture in ("secret", "Menu item", "Most read", "Copyright", "Home", "ad\""):
        assert furniture not in text
    # Blocks are separated by newlines, not run together.
    assert "Tashkent\n" in text


def test_it_finds_the_main_text_without_an_article_element():
    html = (
        "<html><body><div class=teaser><p>Short teaser.</p></div>"
        "<div id=content><p>" + "Long paragraph of the story. " * 20 + "</p>"
        "<p>Another paragraph of it.</p></div></body></html>"
    )
    text = read_document(None, data=html.encode(), name="page.htm").text
    assert text.startswith("Long paragraph")
    assert "teaser" not in text


def test_it_survives_hostile_html_quickly():
    hostile = (
        "<div>" * 20000 + "deep" + "</div>" * 20000
        + '<p title="' + "x" * 2_000_000 + '">after</p>'
        + "<script>" + "while(1){}" * 1000 + "</script>"
    )
    started = time.monotonic()
    text = read_document(None, data=hostile.encode(), name="evil.html").text
    assert time.monotonic() - started < 10
    assert "deep" in text and "after" in text and "while" not in text


def test_it_sniffs_html_and_pdf_without_an_extension():
    assert read_document(None, data=b"<html><body><p>Hi</p></body></html>", name="x").media_type == "text/html"
    assert read_document(None, data=make_pdf("Hello"), name="stdin").media_type == "application/pdf"


def test_it_reads_the_text_layer_of_a_pdf():
    text = read_document(None, data=make_pdf("Trade reached $4 billion in 2023."), name="a.pdf").text
    assert "Trade reached $4 billion in 2023." in text


def test_it_refuses_a_truncated_pdf():
    data = make_pdf("Trade reached $4 billion in 2023.")
    with pytest.raises(DocumentError, match="truncated"):
        read_document(None, data=data[: len(data) // 2], name="cut.pdf")


def test_it_refuses_a_pdf_that_is_not_one():
    with pytest.raises(DocumentError, match="PDF"):
        read_document(None, data=b"%PDF-1.4\nnonsense\n%%EOF\n", name="bad.pdf")


def test_it_refuses_a_pdf_without_a_text_layer():
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(None, data=make_pdf(""), name="scan.pdf")


def test_it_reads_docx_paragraphs_and_table_cells():
    data = make_docx(["First paragraph.", "Second paragraph."], [["Minister", "Trade"], ["A", "B"]])
    text = read_document(None, data=data, name="minutes.docx").text
    assert text.split("\n") == ["First paragraph.", "Second paragraph.", "Minister\tTrade", "A\tB"]


def test_it_refuses_a_corrupt_docx():
    data = make_docx(["Text"])
    with pytest.raises(DocumentError, match="not a readable DOCX"):
        read_document(None, data=data[:200], name="broken.docx")


def test_it_says_when_a_file_named_pdf_is_not_a_pdf(tmp_path):
    fake = tmp_path / "minutes.pdf"
    fake.write_text("Minutes of the meeting, typed as plain text.", encoding="utf-8")
    with pytest.raises(DocumentError, match="not a PDF file"):
        read_document(fake)


# --- bounded unpacking and odd inputs ----------------------------------------------------

def test_it_refuses_a_pdf_whose_stream_unpacks_to_far_more_than_the_file():
    from tests.fuzz.inputs import pdf_bomb

    data = pdf_bomb(20_000_000)
    with pytest.raises(DocumentError, match=r"unpacks to over [\d,]+ bytes from a file of .*compressed bomb"):
        read_document(None, data=data, name="bomb.pdf")


def test_it_refuses_a_pdf_stream_over_the_text_limit():
    from tests.fuzz.inputs import pdf_bomb

    with pytest.raises(DocumentError, match=r"unpacks to over 2,000,000 bytes \(raise the limit with --max-text\)"):
        read_document(None, data=pdf_bomb(3_000_000), name="big.pdf", max_text=2_000_000)


def test_it_reads_a_pdf_within_the_limits():
    from tests.fuzz.inputs import pdf_bomb

    # 50 KB of page content from a file of about 1 KB: within the floor below which the ratio is not asked.
    assert len(read_document(None, data=pdf_bomb(50_000), name="ok.pdf").text) > 20_000


def test_it_refuses_a_docx_bomb_before_unpacking_it():
    from tests.fuzz.inputs import docx_bomb

    data = docx_bomb(10_000_000)
    assert len(data) < 100_000
    with pytest.raises(DocumentError, match=r"the DOCX unpacks to 10,0\d\d,\d\d\d bytes from a file of .*compressed bomb"):
        read_document(None, data=data, name="bomb.docx")


def test_it_refuses_a_docx_over_the_text_limit():
    data = make_docx(["The council met in Tashkent. " * 50] * 20)
    assert "The council met" in read_document(None, data=data, name="long.docx").text
    with pytest.raises(DocumentError, match=r"the DOCX unpacks to [\d,]+ bytes, over the limit of 10,000"):
        read_document(None, data=data, name="long.docx", max_text=10_000)


def test_it_refuses_html_over_the_text_limit():
    html = ("<p>" + "Trade grew. " * 1000 + "</p>").encode()
    with pytest.raises(DocumentError, match="over the limit of 5,000 characters once unpacked"):
        read_document(None, data=html, name="page.html", max_text=5_000)


@pytest.mark.parametrize("charset", ["idna", "undefined", "punycode", "rot13", "hex", "nonsense"])
def test_it_decodes_html_that_declares_a_codec_that_is_no_charset(charset):
    html = b'<html><head><meta charset="' + charset.encode() + b'"></head><body><p>Caf\xe9 \xff met</p></body></html>'
    text = read_document(None, data=html, name="page.html").text
    assert text.startswith("Caf") and text.endswith("met")


def test_it_refuses_a_named_pipe_instead_of_waiting_on_it(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        read_document(fifo)


def test_it_stops_reading_a_pdf_when_its_deadline_has_passed():
    from kenes.extraction.budget import Deadline, OverBudget

    passed = Deadline(1)
    passed.at = 0
    with pytest.raises(OverBudget, match="time budget"):
        read_document(None, data=make_pdf("The council met in 2024."), name="a.pdf", deadline=passed)
