"""Meetings: ordinal, body, date and format; repeated mentions are one meeting."""

from kenes.extraction.pipeline import extract


def test_it_reads_an_ordinal_meeting_of_a_body():
    text = ("The third meeting of the Kyrgyz-Tajik Business Council was held online on May 5, 2025. "
            "The meeting was chaired by both co-chairs.")
    meetings = extract(text, lang="en").meetings
    assert len(meetings) == 1
    m = meetings[0]
    assert (m.ordinal, m.date, m.format) == (3, "2025-05-05", "online")
    assert m.body == "Kyrgyz-Tajik Business Council"
