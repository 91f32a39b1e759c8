"""What the shared steps read for English: how it names meetings, events and agreements
(:mod:`kenes.extraction.occasions`) and how it lists measures (:mod:`kenes.extraction.measures`)."""

from __future__ import annotations

import re

from kenes.extraction import indicators, measures
from kenes.extraction.occasions import ORDINAL, Grammar

# A meeting noun with up to three modifiers before it ("trilateral transport meeting") and its
# complement after it ("of the X Commission on …", a quoted title of a round table).
_MOD_STOP_EN = (r"the|a|an|this|that|these|its|their|his|her|our|of|in|at|on|during|following|after|before|and|with|"
                r"by|for|to|from|held|hold|holds|holding|hosted|hosts?|was|were|is|are|be|been|has|had|have|will|"
                r"also|said|reported|attended|chaired|co-chaired|opened|brought|via|online|annual")
_MEETING_EN = re.compile(
    r"\b" + ORDINAL + r"(?:(?!(?:" + _MOD_STOP_EN + r")\b)[A-Za-z][\w\-’']*\s+){0,3}"
    r"(?:(?:round|series)\s+of\s+(?:[a-z][\w\-]*\s+){0,2})?"
    r"(?:meeting|session|talks|negotiations|consultations|visit|summit|round\s?table|(?:tele)?phone\s+(?:conversation|call|talks)|"
    r"video\s?(?:conference|call))s?\b"
    r"(?:\s+[\"“«][^\"”»]{3,120}[\"”»])?"
    r"(?:\s+(?:of|between|by|with|to|at|on)\s+(?:the\s+)?(?:[A-Z][\w\-’']*|of|the|and|for|on|Minister|President|,|"
    r"(?:commission|council|committee|working|group|board|ministers?|heads?|leaders?|presidents?)\b)"
    r"(?:\s*(?:[A-Z][\w\-’']*|(?!(?:was|were|is|are|be|been|will|would|has|had|have|held|took|signed|which|that|"
    r"who|where|when|said|resulted|brought|during|after|before|under|as|than|while|also|invitation|initiative|"
    r"request)\b)[a-z][\w\-’']*|"
    r",(?=\s+[A-Z])))*)?")
_HELD_EN = re.compile(r"\b(?:held|took place|hosted|convened|met|organi[sz]ed|brought together|gathered)\b", re.I)

_CAP_EN = r"[A-Z][\w\-’']*(?:[–—][A-Z][\w\-’']*)*"  # "EU–Central", "Uzbekistan–China": one modifier
_EVENT_EN = re.compile(
    r"\b" + ORDINAL + r"(?:" + _CAP_EN + r"\s+){0,5}(?:Forum|Conference|Exhibition|Summit|Festival|Expo|Fair|Week|Congress|"
    r"Symposium|Games|Olympiad)\b"
    # "the X Y Hall": a venue, not an event
    r"(?!\s+(?:Hall|Centre|Center|Palace|Building|Complex|Arena|Hotel|Park)\b)"
    r"(?:\s+(?:of|on|for|between|dedicated to)\s+(?:the\s+)?[\w\-]+(?:\s+(?:of|the|and|for|on|to)?\s*[\w\-]+){0,8}?(?=[,.;:]|\s+(?:was|were|is|will|to be|in|at|and|which|that|with)\b))?"
    # "X-Y Year of Culture and Tourism", "Days of X Cinema": named by capitalised words
    r"|\b(?:" + _CAP_EN + r"\s+){0,3}(?:Year|Days|Decade|Week)\s+of\s+(?:the\s+)?" + _CAP_EN +
    r"(?:\s+(?:and\s+|of\s+(?:the\s+)?)?" + _CAP_EN + r")*"
    r"|\b(?:" + _CAP_EN + r"\s+){0,4}[A-Z][a-z]+(?:festival|fest)\b"
    # "the First Regional Uzbek-Kazakh forum": a head in lower case after two or more capitalised words
    r"|\b(?:" + _CAP_EN + r"\s+){2,5}(?:forum|conference|exhibition|summit|festival|expo|congress)\b"
    r"(?!\s+(?:hall|room|centre|center|venue|building|site|facilities|format|participants|organi[sz]ers)\b)"
    r"|\b[A-Z][\w]*(?:Expo|Forum|Week)[\w\-]*(?:\s+\d{4})?"
    # "the Kazakh-Kyrgyz business forum", "the SCO summit": a business forum of named sides, or a summit of a
    # body named by its acronym, is an event even in lower case ("a business forum" alone names none).
    r"|\b(?:(?!(?:A|An|The|This|That|These|Its|Their|During|At|In|On|After|Before|From|With|For|By|Following|"
    r"Ahead|Within|Under)\s)" + _CAP_EN + r"\s+){1,2}business\s+forum\b|\b[A-Z]{2,6}(?:\+\d)?\s+summit\b"
    # 'the "Kazakhstan-Uzbekistan" business forum': a quoted name before a lower-case head
    r"|[\"“«][A-Z][^\"”»\n]{1,60}[\"”»]\s+(?:business\s+)?(?:forum|conference|exhibition|festival|expo)\b")
_AGREEMENT_EN = re.compile(
    # Heads in any case: formal texts capitalise them ("1. Protocol of …", "the Treaty on …").
    r"(?:(?<![\w’'])(?:(?:[a-z\-]+|[A-Z][\w\-]*)\s+){0,5}?(?i:agreements?|memorand(?:um|a)(?:\s+of\s+understanding)?|protocols?|"
    r"road\s?maps?|joint\s+statements?|joint\s+declarations?|joint\s+communiqu[ée]s?|action\s+plans?|program(?:me)?s?|"
    r"treat(?:y|ies)|contracts?)(?![\w’'])"
    # "a Cooperation Plan for 2020 – 2021", "the Joint Action Plan": a capitalised plan is a document's title
    r"|(?<![\w’'])(?:[A-Z][\w\-]*\s+){1,3}Plans?\b(?:\s+for\s+\d{4}(?:\s*[-–—]\s*\d{4})?)?"
    # A capitalised "Plan of Consultations …" is a document's title; a lower-case "plan" is an intention.
    r"|(?<![\w’'])Plans?(?=\s+of\s)|(?<![\w’'])Declarations?(?=\s+on\s|\s+of\s+(?:the\s+)?[A-Z]))"
    r"(?:\s+(?:on|of|establishing|for|between|to|in\s+the\s+(?:field|area|sphere)s?\s+of)\s+[^,.;:()]{2,400}?"
    # A verb of the sentence ends the title ("the agreement on X testifies to …", "… provides for …").
    r"(?=[,.;:()]|\s+(?:signed|was|were|is|are|will|which|that|at|in\s+[A-Z]|during|within|stemming|reached|"
    r"testifies|serves|reflects|demonstrates|marks|opens|creates|provides|envisages|stipulates|aims|contributes|"
    r"allows|enables|becomes|represents|symboli[sz]es|confirms|remains|lays)\b|"
    r"\s+and\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}(?:agreement|memorand|protocol|road\s?map|programme|treaty)|"
    # "… for 2024–2028 and noted that …": the sentence goes on with another statement
    r"\s+and\s+(?:also\s+)?(?:noted|said|stressed|emphasi[sz]ed|agreed|discussed|welcomed|expressed|reviewed|confirmed)\b|$))?")


def _meeting_end(text: str, m: re.Match, s_end: int) -> int:
    return m.end()  # the pattern reads the complement itself


def _trim_meeting(title: str) -> str:
    # "… visit to Uzbekistan in December 2022": the date and trailing words are not the title.
    title = re.sub(r"\s+(?:in|on|at)\s+(?:(?:early|late|mid-)\s*)?(?:January|February|March|April|May|June|"
                   r"July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|\d)\b[\s\S]*$",
                   "", title)
    title = re.sub(r",?\s+and\s+\w+ing\b[\s\S]*$", "", title)
    # Who organised or supported it is not part of its name.
    title = re.sub(r",?\s+(?:with\s+the\s+support|organi[sz]ed\s+by|hosted\s+by|supported\s+by|"
                   r"under\s+the\s+auspices)\b[\s\S]*$", "", title, flags=re.I)
    return re.sub(r"(?:,?\s+(?:of|the|and|for|on|to|in|at|by|with|a|an))+$", "", title)


def _names_who_met(rest: str) -> bool:
    """The words after the head name who met ("of the Commission", "between X and Y", a quoted title);
    an adjective alone ("productive talks") does not."""
    return bool(re.match(r"\s+(?:of|between|by|with|to|on|[\"“«]|[A-ZА-Я])", rest))


def _event_name(text: str, m: re.Match) -> tuple[str, int] | None:
    """The event's name and where it starts, without a leading article; None for a head alone
    ("Forum" is a reference back, not a name)."""
    name = re.sub(r"^(?:The|the|A|An)\s+", "", m.group().strip())
    start = m.end() - len(name) if m.group().strip().endswith(name) else m.start()
    if re.search(r"business\s+forum$", name):
        return name, start
    if not re.search(r"[A-Z]", name.split()[-1] + name) or len(name.split()) < 2 and not re.search(
            r"\w(?:Expo|Forum|Week)|\d", name):
        return None
    return name, start


OCCASIONS = Grammar(
    lang="en", meeting=_MEETING_EN, held=_HELD_EN, meeting_end=_meeting_end, trim_meeting=_trim_meeting,
    # "X Energy Summit": a named event, not a meeting
    not_a_meeting=re.compile(r"[A-Z][\w\-’']*\s+Summit\b"), names_who_met=_names_who_met,
    met_noun="meeting", met_with="with", signing_of="signing of the ",
    event=_EVENT_EN, event_name=_event_name, quoted_name_signal=False,
    # "19 agreements worth $3.8 billion were signed": a counted set of agreements is a record.
    agreement=_AGREEMENT_EN, counted_agreements=True, bare_agreement_needs_complement=True,
    singular_heads=(("memoranda", "memorandum"), ("agreements", "agreement"), ("protocols", "protocol"),
                    ("treaties", "treaty"), ("roadmaps", "roadmap")),
    agreement_head="agreement",
    agreement_noun=re.compile(r"(?:agreements?|memorand|protocols?|road\s?maps?|joint\s+statement|joint\s+declaration|"
                              r"action\s+plan|program|treat|contracts)", re.I),
    agreement_word=re.compile(r"(?<![\w’'])(?:agreements?|memorand\w+|protocols?|road\s?maps?|treat\w+|communiqu[ée]s?|"
                              r"(?-i:Plans?))(?![\w’'])", re.I),
    event_hint=re.compile(r"Forum|Conference|Exhibition|Summit|Festival|Expo|Fair|Week|Congress|Symposium|Games|"
                          r"forum|conference|exhibition|summit|festival|expo|congress|Olympiad|Year|Days|Decade|fest"),
    event_head=re.compile(r"(?:Forum|Conference|Exhibition|Summit|Festival|Expo|Fair|Week|Congress|Symposium|Games|"
                          r"Olympiad|Year|Days|Decade|(?<=[a-z])(?:festival|fest)|business\s+forum|(?<=[A-Z]\s)summit)"),
    meeting_head=re.compile(r"(?:meeting|session|talks|negotiation|consultation|videoconference|visit|summit|round\s?table|"
                            r"conversation|call)", re.I),
    format_words=re.compile(r"\s*(?:via\s+video\s?(?:link|conference)|by\s+video\s?(?:link|conference)|online)", re.I),
    ceremony=re.compile(r"(?<![\w\-])(?:signing\s+)?ceremon(?:y|ies)", re.I),
    relative_day=re.compile(r"(?<![\w\-])(?:(?P<today>today)|(?P<yesterday>yesterday))(?![\w\-])", re.I),
    # "the talks are taking place": the present tense, said of the meeting itself, reports the report's day.
    present_held=re.compile(r"(?<![\w\-])(?:is|are)\s+(?:taking\s+place|being\s+held|under\s*way)(?![\w\-])", re.I),
    titled_by_people=lambda head, names: f"{head} of {' and '.join(names)}",
)

MEASURES = measures.Grammar(
    lang="en", split=measures.SPLIT_EN, last_item_without_comma=False,
    agreement_subject=re.compile(
        r"\b(?:on|about|concerning)\s+(?:the\s+)?(?P<x>(?:(?:joint|mutual|further|bilateral|reciprocal)\s+)*"
        # Cooperation in a field is the agreement's domain, not an action of its own.
        r"(?!(?:cooperation|partnership|interaction)\b)[a-z]+(?:ing|tions?|ments?|sions?|ances?|ences?)\b[^;]*)", re.I),
    subject_end=re.compile(r"\s+(?:used\s+by|signed|concluded|between|for\s+(?:19|20)\d\d|dated|during|"
                           r"on\s+the\s+sidelines)\b|,"),
)
INDICATORS = indicators.Grammar(
    lang="en", of_amount_is_no_goal=True, phrase_stop=frozenset(indicators.PHRASE_STOP_EN), verb_ending=None,
    plant_names_decline=False, asset=indicators.ASSET_EN, read_asset=indicators.read_asset_en,
)
