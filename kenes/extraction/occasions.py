"""Meetings, events and agreements: noun-headed phrases with their date, place and status.

Heads ("meeting", "заседание", "Forum", "memorandum", "соглашение") are matched
with their ordinal and complement; the date is the nearest date in the sentence.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from kenes.extraction import lexicons, provenance
from kenes.extraction.indicators import find_dates
from kenes.extraction.names import country_of
from kenes.extraction.quick import Needled
from kenes.extraction.schema import Agreement, Event, Meeting
from kenes.extraction.spans import Ordered, SentenceIndex, starting_in
from kenes.extraction.translit import fold

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5,
             "шест": 6, "седьм": 7, "восьм": 8, "девят": 9, "десят": 10, "eleventh": 11, "twelfth": 12,
             "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
             "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "одиннадцат": 11, "двенадцат": 12,
             "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17,
             "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20}
_ORDINALS_LONGEST_FIRST = sorted(_ORDINALS.items(), key=lambda kv: -len(kv[0]))  # «пятнадцатое» before «пят…»
# An ordinal before a head noun ("the 5th meeting", «второе заседание»): the language grammars' patterns
# start with it.
ORDINAL = r"(?i:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th|-?[а-я]{1,3}))\s+|" \
       r"(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)\w*\s+)?"


# Words that say an agreement is still to come, read around the agreement itself, not in the
# whole sentence ("the roadmap signed in March … and a memorandum that is to be signed").
_AGREEMENT_LEFT_STOP = {"the", "a", "an", "of", "and", "have", "has", "had", "we", "they", "approved", "signed",
                        "adopted", "to", "on", "in", "with", "two", "both", "its", "their", "our", "implementation",
                        "within", "stages", "including", "following", "all", "new", "these", "those", "by",
                        # a relative word opens a clause about agreements, not one's title ("where agreements …")
                        "where", "which", "whose", "when",
                        # "Also signed were agreements on …": the verb before the document
                        "were", "was", "are", "is",
                        # a verb of the sentence before the document ("the ministers will adopt a joint communiqué")
                        "will", "would", "shall", "adopt", "sign", "signing", "conclude", "concluded", "approve",
                        "ministers", "leaders", "presidents", "parties", "sides"}


@dataclass(frozen=True)
class Grammar:
    """How one language names meetings, events and agreements: its module's ``OCCASIONS``
    (kenes.extraction.grammar_en, grammar_ru). The steps here are the same for every language."""

    lang: str
    meeting: re.Pattern  # a meeting noun with its ordinal, modifiers and (where the pattern reads it) complement
    held: re.Pattern  # a verb saying it took place
    meeting_end: Callable[[str, re.Match, int], int]  # (text, match, sentence end) → where the name ends
    trim_meeting: Callable[[str], str]  # the name without the date, organisers and trailing words after it
    not_a_meeting: re.Pattern | None  # a name that makes it an event ("X Energy Summit")
    names_who_met: Callable[[str], bool]  # whether the words after the head name who met
    met_noun: str  # what a meeting told by its verb is called when the verb has no noun ("meeting")
    met_with: str  # "meeting with X"
    signing_of: str  # "signing of the X"
    event: re.Pattern
    event_name: Callable[[str, re.Match], tuple[str, int] | None]  # (name, start), None when no name
    quoted_name_signal: bool  # a quoted or Latin name makes an event likelier (Cyrillic text)
    agreement: re.Pattern
    counted_agreements: bool  # "19 agreements were signed" is a record (the count before the head)
    bare_agreement_needs_complement: bool  # a head alone is a record only when "… signed" follows it
    agreement_head: str  # the head of each part of "agreements on X and Y"
    meeting_head: re.Pattern  # the meeting noun of a title: its cue, and what a later mention must share
    format_words: re.Pattern  # how a meeting was held ("via video link", «по видеосвязи»): not who met
    ceremony: re.Pattern  # a signing ceremony ("The ceremony was attended by …")
    relative_day: re.Pattern  # "today" / "yesterday" (groups "today" and "yesterday")
    agreement_noun: re.Pattern  # the head noun of an agreement's title ("memorandum", «соглашение»)
    agreement_word: re.Pattern  # a head word that starts the next agreement of a sentence
    event_hint: re.Pattern  # a word every event name has: a sentence without one is not scanned further
    event_head: re.Pattern  # the noun that makes a phrase an event: the events rule's cue
    # A plural head with adjectives only ("ключевых соглашений"): agreements in general, no record
    generic_plural: re.Pattern | None = None
    # A meeting the text names by its noun alone, titled by who met ("negotiations of A and B", «встреча A и B»)
    titled_by_people: Callable[[str, list[str]], str] | None = None
    # The present tense said of the meeting itself ("the talks are taking place", «проходит встреча»)
    present_held: re.Pattern | None = None
    # A plural document head and its singular ("memoranda" → "memorandum"): "memoranda on A, on B and on C"
    # are one memorandum each
    singular_heads: tuple[tuple[str, str], ...] = ()


def _cue(g: Grammar, record: str, cue: str, shape: str = "{}") -> re.Pattern:
    """A status cue of the language (lexicons/<lang>/status_cues.tsv); a pattern that never matches when
    the language has none."""
    return lexicons.status_cue(g.lang, record, cue, shape) or _NEVER


_NEVER = re.compile(r"(?!)")


def _date_near(dates, start: int, end: int, s_start: int, s_end: int) -> str | None:
    found = [d for d in dates if s_start <= d.start < s_end and d.kind in {"date", "month", "year"}]
    if not found:
        return None
    return min(found, key=lambda d: min(abs(d.start - end), abs(d.end - start))).value


def _ordinal(phrase: str) -> int | None:
    m = re.match(r"(\d+)", phrase)
    if m:
        return int(m.group(1))
    low = phrase.lower()
    for word, n in _ORDINALS_LONGEST_FIRST:
        if low.startswith(word):
            return n
    return None


def find(text: str, g: Grammar, sentences, published, orgs, people=None) -> dict:
    """The meetings, events and agreements of a text, read with the language's grammar ``g``."""
    dates = find_dates(text, g.lang, published)
    meetings = _meetings(text, g, sentences, dates, orgs, published, people)
    agreements = _agreements(text, g, sentences, dates)
    met = _met_with(text, g, sentences, dates, published, meetings, people or [])
    if met:
        # "A met with B. At the meeting, …": the bare noun after it names the meeting the verb told.
        first = min(m.spans[0][0] for m in met)
        meetings = [m for m in meetings if not (_bare(m.title) and m.date is None and m.spans[0][0] > first)]
    meetings += met
    meetings += _signing_ceremonies(text, g, sentences, dates, published, meetings, agreements, people or [])
    return {"meetings": meetings,
            "events": _events(text, g, sentences, dates, published),
            "agreements": agreements}


_MET_WITH = re.compile(
    r"\b(?<!will )(?<!to )(?:met|has met|had met)\s+(?:with\s+)?(?=[A-Z]|the\s|his\s|her\s)|"
    # "received the Uzbek delegation", "hosted Minister X" (not "received a letter": a name or a delegation)
    r"\b(?<!will )(?<!to )(?:received|has received|hosted|has hosted)\s+(?=(?:the\s+|a\s+)?(?:(?-i:[A-Z])|delegation))|"
    # "held talks with", "had a telephone conversation with"
    r"\b(?<!will )(?<!to )(?:held|has held|had|conducted)\s+(?:bilateral\s+|separate\s+|official\s+)?"
    r"(?P<noun>talks|negotiations|a meeting|meetings|a telephone conversation|a phone call|a conversation)\s+with\s+|"
    r"(?<![\w\-])встретил(?:ся|ась|ись)\s+с(?:о)?\s+|"
    r"(?<![\w\-])принял[аи]?\s+(?=(?-i:[А-ЯЁ])|делегаци)|"
    r"(?<![\w\-])провел[аи]?\s+(?:двусторонние\s+|официальные\s+)?"
    r"(?P<noun_ru>переговоры|встречу|телефонный разговор)\s+с(?:о)?\s+", re.I)
_MET_WITH_CHECKED = Needled(_MET_WITH)  # most sentences hold none of its verbs
# What a meeting told by its verb is called: the verb's own noun when it has one ("talks with X").
_MET_NOUN = {"a meeting": "meeting", "meetings": "meeting", "a telephone conversation": "telephone conversation",
             "a phone call": "phone call", "a conversation": "conversation", "встречу": "встреча"}


_VISIT = re.compile(r"(?:\S+\s+){0,2}?(?:state\s+|official\s+|working\s+)?visit|(?:\S+\s+){0,2}?визит", re.I)


# What sets a meeting told by its verb inside another: "on the sidelines of", "as part of his participation in",
# "в рамках", "на полях".
_FRAME_BEFORE = re.compile(r"(?:on the (?:sidelines|margins) of|as part of|during|in the framework of|within the framework of|"
                           r"(?:his|her|their) participation in|participating in|в рамках|на полях|в ходе|"
                           r"участия в)(?:\s+[\w\-]+){0,4}?\s*$", re.I)


def _framed(text: str, s_start: int, at: int, verb: int) -> bool:
    """Whether the meeting named at ``at`` is the frame of a meeting told by its verb at ``verb``."""
    return at < verb and bool(_FRAME_BEFORE.search(text, max(s_start, at - 60), at))


def _met_with(text, g: Grammar, sentences, dates, published, meetings, people) -> list[Meeting]:
    """"On the sidelines of the forum, Minister X met with Minister Y": a meeting told by its verb."""
    out: list[Meeting] = []
    dl_end = _dateline_end(text, sentences, dates)
    for s_start, s_end in sentences:
        mm = _MET_WITH_CHECKED.search(text, s_start, s_end)
        # A meeting already read in the sentence is this one told by its noun; a visit is not ("X met Y, who
        # arrived on an official visit": the meeting took place during the visit).
        # Nor is one the verb's sentence sets it in ("as part of his participation in the forum, X met Y").
        if not mm or any(s_start <= a < s_end and not _VISIT.match(mt.title) and not _framed(text, s_start, a, mm.start())
                         for mt in meetings for a, _b in mt.spans):
            continue
        if re.search(r"\b(?:will|would|plan\w*|next)\b|(?<!\w)(?:встретятся|планиру)", text[s_start : mm.start()], re.I):
            continue
        # (an acronym in brackets is part of the counterpart's name: "the Director of the Institute (ABC) Name")
        obj = re.match(r"(?:[^.;:()]|\([^().;:]{1,12}\)){3,160}?(?=\s+(?:on the sidelines|during|in the framework|within|to discuss|and discussed|"
                       r"ahead of|on the eve of|prior to|"
                       r"at the|in [A-Z]|on \d)\b|[.;:)]|\((?![^().;:]{1,12}\))|,\s+(?:on|during|in|at|where|and|to|котор\w+|где|когда|чтобы)\b|"
                       r",\s+[\w.\-]+(?:\s+[\w.\-]+)?\s+(?:reports|reported|writes|informs)\b|$)|"
                       r"[^.;:()]{3,160}",
                       text[mm.end() : s_end])
        if not obj:
            continue
        counterpart = obj.group().strip().rstrip(",")
        if not any(p for p in people if any(mm.end() <= a < mm.end() + len(obj.group()) for a, _b in p.spans)):
            continue  # "met with journalists": a meeting names whom it was with
        date = _meeting_date(dates, mm.start(), mm.end() + len(obj.group()), s_start, s_end, dl_end) \
            or _weekday_date(text, g, s_start, s_end, published)
        # (Reported near the top with no date of its own, it stays undated: a report's date, like its
        # dateline, dates the report, not what it tells — EXTRACTION.md — unless the text says "today".)
        if date is None and meetings:
            date = meetings[0].date  # "Deputies also met with …": during the occasion the report is about
        noun = (mm.group("noun") or mm.group("noun_ru") or "").lower()
        noun = _MET_NOUN.get(noun, noun) or g.met_noun
        title = f"{noun} {g.met_with} {counterpart}"
        participants = [p.name for p in people if any(s_start <= a < s_end for a, _b in p.spans)]
        meeting = Meeting(title=title, date=date, format="in_person", participants=participants,
                          spans=[(mm.start(), mm.end() + len(obj.group().rstrip(" ,")))])
        out.append(provenance.stamp(meeting, f"{g.lang}.meetings.met_with", [_words_of(mm)],
                                    {"dated"} if date else {"undated"}))
    return out


def _words_of(m: re.Match) -> tuple[int, int]:
    """The match's span without the spaces at its ends: the cue words as a reader sees them."""
    found = m.group()
    return m.start() + len(found) - len(found.lstrip()), m.end() - len(found) + len(found.rstrip())




def _signing_ceremonies(text, g: Grammar, sentences, dates, published, meetings, agreements, people) -> list[Meeting]:
    """"… signed a memorandum. The ceremony was attended by …": the signing is a meeting of its own,
    named after the first document signed there, on the day the signing sentence gives."""
    out: list[Meeting] = []
    for n, (s_start, s_end) in enumerate(sentences):
        cm = g.ceremony.search(text, s_start, s_end)
        if not cm or any(s_start <= a < s_end for mt in meetings + out for a, _b in mt.spans):
            continue
        window = sentences[n - 1][0] if n else s_start
        signed = next((a for a in agreements if a.status == "signed" and window <= a.spans[0][0] < s_end), None)
        if signed is None:
            continue
        a_start = signed.spans[0][0]
        a_sentence = next(((x, y) for x, y in sentences if x <= a_start < y), (s_start, s_end))
        if any(a_sentence[0] <= a < a_sentence[1] for mt in meetings for a, _b in mt.spans):
            continue  # "signed … during the state visit": the signing is part of a meeting already found
        dl_end = _dateline_end(text, sentences, dates)
        date = _meeting_date(dates, a_start, signed.spans[0][1], a_sentence[0], a_sentence[1], dl_end)
        date = date or _relative_date(text, g, a_sentence, published)
        title = g.signing_of + signed.title
        participants = [p.name for p in people
                        if any(a_sentence[0] <= a < a_sentence[1] or s_start <= a < s_end for a, _b in p.spans)]
        meeting = Meeting(title=title, date=date, format="in_person", participants=participants,
                          spans=[(cm.start(), cm.end()), signed.spans[0]])
        out.append(provenance.stamp(meeting, f"{g.lang}.meetings.signing_ceremony", [(cm.start(), cm.end()), *signed.cues],
                                    {"dated"} if date else {"undated"}))
    return out


def _dateline_end(text: str, sentences, dates) -> int:
    """Where the dateline ("SHYMKENT, October 14, 2025 –", "Туркестан, 17 октября 2025 года.") ends.

    Its date is the report's, not the date of what the report tells: a date written in
    the text itself wins over it.
    """
    head = text[:160]
    dash = re.search(r"\s[–—-]\s|\)\s*[–—-]", head)
    first_date = next((d for d in dates if d.start < 120), None)
    if first_date is None:
        return 0
    if dash and first_date.end <= dash.start():
        return dash.end()
    if sentences and first_date.end <= sentences[0][1] and sentences[0][1] - sentences[0][0] < 60:
        return sentences[0][1]
    return 0


# "met … ahead of the 20th session", «накануне заседания»: the session is still to come.


def _meetings(text, g: Grammar, sentences, dates, orgs, published=None, people=None):
    """Meetings named by a head noun, one record per meeting however often the report names it."""
    dl_end = _dateline_end(text, sentences, dates)
    records: list[dict] = []
    # The bodies' mentions by position (a scan of every mention per meeting was quadratic).
    org_spans = Ordered([(a, b, k, n, o.name) for k, o in enumerate(orgs) for n, (a, b) in enumerate(o.spans)],
                        key=lambda x: x[0])
    for si, (s_start, s_end) in enumerate(sentences):
        sentence = text[s_start:s_end]
        for m in g.meeting.finditer(text, s_start, s_end):
            c = _meeting_mention(text, g, m, (s_start, s_end), dates, dl_end, published)
            if c is None:
                continue
            start, end = c["start"], c["end"]
            # The first body (in the order of orgs) named inside the title, found by position.
            inside = [x for x in org_spans.between(start, end + 5) if x[1] <= end + 5]
            c["body"] = min(inside, key=lambda x: (x[2], x[3]))[4] if inside else None
            c["date"] = _meeting_date(dates, start, end, s_start, s_end, dl_end) or _weekday_date(
                text, g, s_start, s_end, published)
            # "today", "yesterday", or the present tense said of the meeting: counted from the report's date.
            now = None if c["date"] else _relative_date(text, g, (s_start, s_end), published) or (
                published if published and len(published) == 10 and _said_now(text, g, start, end) else None)
            c["today"] = now is not None
            c["date"] = c["date"] or now
            if c["date"] is None and records and re.search(r"\b(?:that|the same) (?:day|evening|morning)\b|"
                                                           r"(?<!\w)в (?:тот|этот) же день|(?<!\w)в тот день",
                                                           sentence, re.I):
                c["date"] = records[-1]["date"]  # "Later that day …": the day of the meeting just reported
            c["near_date"] = next((d.value for d in starting_in(dates, s_start, s_end) if d.kind in {"date", "month", "year"}
                                   and d.start >= max(dl_end, s_start) and d.end <= s_end
                                   and (start <= d.start <= end + 50 or start - 30 <= d.end <= start)), None)
            if c["today"] and c["near_date"] is None:
                c["near_date"] = c["date"]  # "yesterday … the meeting of X": dated as plainly as by a date
            # A complement names who met ("of the Commission", "between X and Y", "Фамилиевой с …");
            # an adjective alone ("productive talks") does not make another meeting.
            head = re.search(r"(?:meeting|session|talks|negotiations|consultations|videoconference|visit|summit|round\s?table|заседани|встреч|"
                             r"переговор|визит|саммит|кругл)\w*", c["bare_title"], re.I)
            # How it was held ("по видеосвязи", "via video link") does not name another meeting.
            rest = g.format_words.sub("", c["bare_title"][head.end():] if head else "")
            if re.match(r"\s+(?:with|с|со)\s", rest):
                c["body"] = None  # "a videoconference with the EU special envoy": a counterpart, not the body
            c["complement"] = g.names_who_met(rest)
            if records:
                if _told_again(records, c, g):
                    continue
            elif not (c["held"] or c["specific"] or si <= 2):
                continue
            records.append(_meeting_record(text, g, c, (s_start, s_end)))
    _who(text, sentences, records, people or [], orgs)
    _titled_by_people(text, g, sentences, records, people or [])
    return [_stamp_meeting(Meeting(title=r["title"], body=r["body"], ordinal=r["ordinal"], date=r["date"],
                                   format=r["format"], place=r["place"], organizers=r["organizers"],
                                   participants=r["participants"], spans=sorted(set(r["spans"]))), r, g.lang)
            for r in records]


def _said_now(text: str, g: Grammar, start: int, end: int) -> bool:
    """The present tense right next to the meeting's name («проходит встреча», "the talks are taking place"),
    not anywhere in its sentence ("… discussed the reforms that are taking place")."""
    if g.present_held is None:
        return False
    said = g.present_held.pattern
    return bool(re.search(r"(?:" + said + r")\s+$", text[max(0, start - 25) : start], re.I)
                or re.match(r"\s*(?:" + said + ")", text[end : end + 40], re.I))


def _relative_date(text: str, g: Grammar, sentence: tuple[int, int], published: str | None) -> str | None:
    """The day "today" or "yesterday" in the sentence means, counted from the report's date; None
    without either word (a dateline alone dates the report, not what it reports: EXTRACTION.md)."""
    rel = g.relative_day.search(text, sentence[0], sentence[1])
    if rel is None or not published or len(published) != 10:
        return None
    day = datetime.date.fromisoformat(published) - datetime.timedelta(days=1 if rel.group("yesterday") else 0)
    return day.isoformat()


def _meeting_mention(text, g: Grammar, m: re.Match, sentence, dates, dl_end, published) -> dict | None:
    """The title, span and what the words around say of one meeting noun; None when it names no meeting
    held (an event's name, how another was held, one still to come)."""
    s_start, s_end = sentence
    start = m.start()
    end = g.meeting_end(text, m, s_end)
    title = g.trim_meeting(re.sub(r"[\s,]+$", "", text[start:end]))
    end = start + len(title)
    if g.not_a_meeting is not None and g.not_a_meeting.search(title):
        return None
    if re.search(r"\b(?:by|via|through|over)\s+(?:a\s+)?$|(?<!\w)(?:по|в формате|в режиме)\s+$",
                 text[max(s_start, start - 12) : start], re.I):
        return None  # "talks by videoconference": how the meeting just named was held
    bare_title = re.sub(r"^(?:the|a|an|this|that)\s+", "", title, flags=re.I)
    held_m = g.held.search(text, max(s_start, start - 60), min(s_end, end + 60))
    # "met … ahead of the session" (the session is to come), but "ahead of the session, held on 3 May …"
    ahead = _cue(g, "meeting", "ahead", r"{}\s+(?:the\s+)?$").search(text[max(s_start, start - 30) : start]) \
        and (held_m is None or held_m.start() < start)
    upcoming = bool(_cue(g, "meeting", "next", r"{}\s+(?:\w+\s+)?$").search(text[max(s_start, start - 30) : start]) or ahead
                    or re.match(r"(?:next|следующ|очередн)", bare_title, re.I))
    # A meeting still to come — proposed ("proposed holding the ninth meeting"), announced ("will be
    # held in 2026", «планируется провести»), or dated after the report — is not a meeting record
    # (the contract counts meetings held); the measures step reads it as a planned action.
    if upcoming or _cue(g, "meeting", "to_hold", r"{}\s+(?:the\s+|a\s+|an\s+)?$").search(text[max(s_start, start - 30) : start]) \
            or _cue(g, "meeting", "future", r"^[^.;]{0,40}?{}").search(text[end:min(s_end, end + 60)]) \
            or _later_than(_meeting_date(dates, start, end, s_start, s_end, dl_end), published):
        return None
    specific = len(bare_title.split()) > 1 and not re.fullmatch(r"(?:next|following|этого|данного)\s+\w+",
                                                                 bare_title, re.I)
    return {"start": start, "end": end, "title": title, "bare_title": bare_title, "specific": specific,
            "ordinal": _ordinal(bare_title), "held_m": held_m, "held": held_m is not None}


def _told_again(records: list[dict], c: dict, g: Grammar) -> bool:
    """Whether the mention ``c`` is a meeting already in ``records`` (then it is added to that one):
    "The meeting was co-chaired by …", a headline's "a roundtable" named in full later."""
    ordinal, title, near_date, start, end = c["ordinal"], c["title"], c["near_date"], c["start"], c["end"]
    same_ordinal = next((r for r in records if ordinal is not None and r["ordinal"] == ordinal), None)
    if same_ordinal is not None and same_ordinal["date"] is None and c["date"]:
        # The headline's mention had no date; the text dates the meeting itself.
        same_ordinal["date"] = c["date"]
    distinct = same_ordinal is None and (ordinal is not None and all(r["ordinal"] != ordinal for r in records)) or (
        c["complement"] and ordinal is None and c["body"] is None and not _same_meeting(title, records)
        and (c["held"] or (near_date is not None and all(r["date"] != near_date for r in records)))) or (
        c["specific"] and c["held"] and near_date is not None and same_ordinal is None
        and all(r["date"] != near_date for r in records))
    bare_same = next((r for r in records if c["complement"] and _head(r["title"], g) == _head(title, g) and (
        _bare(r["title"]) or (r["ordinal"] is None and len(r["spans"]) == 1 and _words(r["title"]) < _words(title)))),
        None)
    if distinct and bare_same is not None:
        # "a roundtable in Bishkek" in the headline, then 'the roundtable "Water and Energy …"':
        # one meeting, named in full the second time.
        bare_same["title"] = title
        bare_same["spans"].append((start, end))
        bare_same["mentions"] += 1
        bare_same["body"] = bare_same["body"] or c["body"]
        if bare_same["ordinal"] is None:
            bare_same["ordinal"] = ordinal
        if bare_same["date"] is None and c["date"]:
            bare_same["date"] = c["date"]
        return True
    if not distinct:
        # A later mention of a meeting already found ("The meeting was co-chaired by …",
        # "По итогам заседания …"): one record per meeting.
        target = next((r for r in records if ordinal is not None and r["ordinal"] == ordinal), records[0])
        if target["date"] is None and (c["today"] or c["near_date"]):
            target["date"] = c["date"]  # the headline named it; the body dates it ("Сегодня … состоялось")
        target["spans"].append((start, end))
        target["mentions"] += 1
        return True
    return False


def _meeting_record(text, g: Grammar, c: dict, sentence_span) -> dict:
    """A new meeting's record: its date, format and place."""
    start, end, title, date = c["start"], c["end"], c["title"], c["date"]
    s_end = sentence_span[1]
    sentence = text[sentence_span[0] : s_end]
    # A telephone or video call is held at a distance: "online" (the contract's only remote format),
    # never "in_person".
    fmt = ("online" if re.search(r"\bonline|video\s?conferenc|video\s?call|phone|онлайн|видеоконференц|"
                                 r"дистанционн|телефон|видеосвяз", sentence, re.I)
           or re.search(r"phone|телефон", title, re.I)
           else "hybrid" if re.search(r"hybrid|гибридн|смешанн", sentence, re.I)
           else "in_person" if re.search(r"in person|in-person|очно|visit|talks|визит|переговор", sentence,
                                         re.I) else None)
    place = None
    pm = re.search(r"\b(?:in|at|в)\s+((?:the\s+)?[A-ZА-Я][\w\-]+(?:\s+residence)?)", text[end:min(s_end, end + 60)])
    if pm and not re.match(r"(?:the\s+)?(?:presence|context|field|framework|December|January|February|March|April|"
                           r"May|June|July|August|September|October|November)", pm.group(1)):
        place = pm.group(1)
    head_m = g.meeting_head.search(text, start, end)
    held_m = c["held_m"]
    cues = ([head_m.span()] if head_m else []) + ([_words_of(held_m)] if held_m else [])
    return {"title": title, "body": c["body"], "ordinal": c["ordinal"], "date": date,
            "format": fmt, "place": place, "spans": [(start, end)], "cues": cues, "held": c["held"],
            "mentions": 1}


def _stamp_meeting(meeting: Meeting, r: dict, lang: str) -> Meeting:
    """A meeting noun ("meeting", «заседание») is the rule; a verb saying it was held, an ordinal, a body
    and a date each make it likelier a meeting the report tells of, not one it only names."""
    signals = set()
    if r["held"]:
        signals.add("held_verb")
    if r["ordinal"] is not None or r["body"]:
        signals.add("named_body")
    if not r["date"]:
        signals.add("undated")
    if r["mentions"] > 1:
        signals.add("repeated")
    return provenance.stamp(meeting, f"{lang}.meetings.head_noun", r["cues"], signals)




def _words(title: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_][\w\-]{2,}", title)} - {"the", "and", "of", "between", "with"}


def _head(title: str, g: Grammar) -> str | None:
    found = g.meeting_head.search(title)
    return found.group().lower().replace(" ", "") if found else None


def _bare(title: str) -> bool:
    """The meeting noun alone ("roundtable", «заседания»), with at most an article or a determiner."""
    return bool(re.fullmatch(r"(?:(?:the|a|an|this|that|этого|данного|этой)\s+)?[\w\-]+(?:\s+стол\w*)?", title, re.I))


def _later_than(date: str | None, published: str | None) -> bool:
    """A meeting dated after the report (a later year, or a later month of its year) is still to come."""
    if not date or not published:
        return False
    n = min(len(date), len(published), 7)
    return date[:4] > published[:4] or (n == 7 and date[:7] > published[:7])


_PARTICIPATION = re.compile(r"co-?chair|headed\s+by|led\s+by|took\s+part|participat|held\s+(?:talks|a\s+meeting|"
                            r"a\s+(?:tele)?phone)|met\s+with|moderat|во\s+главе|сопредседател|приняли?\s+участие|"
                            r"провел[аи]?\s+(?:переговоры|встречу|телефонный)|встретил|участ", re.I)
_ORGANIZER_CUE = re.compile(r"(?:organi[sz]ed|hosted|convened)\s+by|with\s+the\s+support\s+of|supported\s+by|"
                            r"организатор\w*|организован\w*|при\s+поддержке|при\s+содействии", re.I)


def _who(text, sentences, records, people, orgs) -> None:
    """Participants: the people named in the sentences that tell of the meeting (and, for the occasion of
    the report, every person whom the report shows taking part); organisers: the bodies named as hosting,
    organising or supporting it ("hosted the roundtable", "organized by X", «при поддержке»)."""
    # Sentences by position, and which tell of taking part (asked once each): scanning every sentence
    # for every mention was quadratic in long documents.
    index = SentenceIndex(sentences)
    takes_part: dict[int, bool] = {}

    def participation_in(n: int | None) -> bool:
        if n is None:
            return False
        if n not in takes_part:
            a, b = sentences[n]
            takes_part[n] = bool(_PARTICIPATION.search(text[a:b]))
        return takes_part[n]

    # The sentence of every mention, found once (not once per meeting).
    people_at = [(p, [index.at(ps) for ps, _pe in p.spans]) for p in people]
    orgs_at = [(o, [(index.at(os_), os_, oe) for os_, oe in o.spans]) for o in orgs]
    for k, r in enumerate(records):
        where = {index.at(s) for s, _e in r["spans"]} - {None}
        names = []
        for p, sentences_of in people_at:
            for n in sentences_of:
                in_meeting = n in where
                # The first meeting is the occasion of the report: whoever speaks or takes part in it.
                occasion = k == 0 and participation_in(n)
                if (in_meeting or occasion) and p.name not in names:
                    names.append(p.name)
                    break
        if k == 0 and len(records) == 1:
            # A single meeting: everyone the report has speaking at it.
            names += [p.name for p in people if p.name not in names and p.roles]
        r["participants"] = names
        organizers = []
        for o, mentions in orgs_at:
            for n, os_, oe in mentions:
                if n not in where:
                    continue
                before = text[max(0, os_ - 40) : os_]
                after = text[oe : oe + 25]
                if re.search(r"(?:" + _ORGANIZER_CUE.pattern + r")\s+(?:the\s+)?$", before, re.I) or re.match(
                        r"\s+(?:hosted|organi[sz]ed|convened|провел\w*|организовал\w*|выступил\w*\s+организатор)",
                        after, re.I):
                    if o.name not in organizers:
                        organizers.append(o.name)
        r["organizers"] = organizers


def _titled_by_people(text, g: Grammar, sentences, records, people) -> None:
    """"A and B held negotiations": a meeting named by its noun alone takes the names of the two or three
    people its first sentence names ("negotiations of A and B"), as a reader would call it."""
    if g.titled_by_people is None:
        return
    index = SentenceIndex(sentences)
    for r in records:
        bare = re.sub(r"^(?:the|a|an)\s+", "", r["title"], flags=re.I)
        if not _bare(bare):
            continue
        first = min(r["spans"])
        n = index.at(first[0])
        if n is None:
            continue
        a, b = sentences[n]
        named = sorted((min(s for s, _e in p.spans if a <= s < b), p.name) for p in people
                        if any(a <= s < b for s, _e in p.spans))
        if 2 <= len(named) <= 3:
            r["title"] = g.titled_by_people(bare, [name for _at, name in named])


def _same_meeting(title: str, records) -> bool:
    # Country names and generic words ("visit", "President") do not tell one meeting from another.
    generic = re.compile(r"(?:meeting|session|talks|negotiation|visit|summit|president|minister|republic|state|"
                         r"заседани|встреч|переговор|визит|президент|министр|республик)", re.I)

    def words(t):
        return {fold(w) for w in re.split(r"[\s\-]+", t) if len(w) > 3 and not country_of(w) and not generic.match(w)}

    def head(t):
        found = generic.search(t)
        return found.group().lower() if found else None
    own = words(title)
    if not own:
        # "the state visit of the President of Uzbekistan" again: same kind of meeting, nothing new named.
        return any(head(title) == head(r["title"]) for r in records)
    return any(len(own & words(r["title"])) >= min(2, len(own)) for r in records)


# Days of the week (Monday first) in the four languages, in the forms a report uses ("on Tuesday", «во
# вторник», "сейсенбі күні", "seshanba kuni").
_WEEKDAYS = [re.compile(r"(?<![^\W\d_])(?:" + forms + r")(?![^\W\d_])", re.I) for forms in (
    r"monday|понедельник|дүйсенбі|dushanba|душанба",
    r"tuesday|вторник|сейсенбі|seshanba|сешанба",
    r"wednesday|сред[уа]|сәрсенбі|chorshanba|чоршанба",
    r"thursday|четверг|бейсенбі|payshanba|пайшанба",
    r"friday|пятниц[уа]|жұма\s+күні|juma\s+kuni|жума\s+куни",
    r"saturday|суббот[уа]|сенбі|shanba|шанба",
    r"sunday|воскресенье|жексенбі|yakshanba|якшанба",
)]


def _weekday_date(text: str, g: Grammar, s_start: int, s_end: int, published: str | None) -> str | None:
    """"… met in Astana on Tuesday" in a report of Wednesday 14 May: the Tuesday before, 13 May. Only for a
    past meeting in a report whose day is known."""
    if _cue(g, "meeting", "not_past").search(text, s_start, s_end):
        return None
    return weekday_before(text[s_start:s_end], published)


def weekday_before(sentence: str, published: str | None) -> str | None:
    """The date of the one day of the week the sentence names, the last such day up to the report's."""
    if not published or len(published) != 10:
        return None
    named = [day for day, pattern in enumerate(_WEEKDAYS) if pattern.search(sentence)]
    if len(named) != 1:
        return None
    try:
        report = datetime.date.fromisoformat(published)
    except ValueError:
        return None
    return (report - datetime.timedelta(days=(report.weekday() - named[0]) % 7)).isoformat()


def _meeting_date(dates, start, end, s_start, s_end, dl_end) -> str | None:
    """The date the sentence gives the meeting: one written after it ("held … on October 13") first."""
    found = [d for d in starting_in(dates, s_start, s_end) if d.kind in {"date", "month", "year"}
             and d.start >= dl_end]
    if not found:
        return None
    after = [d for d in found if end <= d.start <= end + 80]
    if after:
        return after[0].value
    return min(found, key=lambda d: min(abs(d.start - end), abs(d.end - start))).value






def _events(text, g: Grammar, sentences, dates, published=None):
    pub_year = int(published[:4]) if published else None
    out, seen = [], set()
    for s_start, s_end in sentences:
        if not g.event_hint.search(text, s_start, s_end):
            continue
        sentence = text[s_start:s_end]
        for m in g.event.finditer(text, s_start, s_end):
            end = m.end()
            if (named := g.event_name(text, m)) is None:
                continue
            name, start = named
            before = text[max(s_start, m.start() - 40) : m.start()]
            if re.search(r"(?:establish\w*|creat\w*|создани\w*)\s+(?:an?\s+|the\s+)?$", before, re.I):
                continue  # a body being set up, not an event
            key = fold(name)
            words = set(key.split()) - {"the", "of", "and", "on", "for", "in"}
            same = next((e for e in out if words and (words <= set(fold(e.name).split()) or
                                                      set(fold(e.name).split()) <= words)), None)
            if key in seen or same is not None:
                # "X Y Expo" and later "the X Y Expo 2030": one event.
                if same is not None and len(name) > len(same.name):
                    same.name = name
                if same is not None:
                    same.spans.append((start, end))
                continue
            seen.add(key)
            # The event's own clause says whether it is still to come, whatever tense the report is in.
            window = text[max(s_start, m.start() - 160) : min(s_end, end + 60)]
            year_in_name = re.search(r"(?:19|20)\d\d", name)
            year_after = re.match(r"\s+(?:in|в)\s+((?:19|20)\d\d)\b", text[end : end + 12])
            if year_after and not year_in_name:
                year_in_name = re.search(r"\d{4}", year_after.group(1))  # "… Year of Tourism in 2027"
            planned = bool(_cue(g, "event", "planned").search(window)) or bool(
                year_in_name and pub_year and int(year_in_name.group()) > pub_year) or _later_month(window, published)
            place = None
            pm = re.search(r"\b(?:held|пройд[её]т|состоится|take place)\s+(?:in|в)\s+([A-ZА-Я][\w\-]+)|\bв\s+([А-Я][\w\-]+е)\b", sentence)
            if pm:
                place = pm.group(1) or pm.group(2)
            event = Event(name=name, status="planned" if planned else "held",
                          date=_range_start(text, dates, m.start(), end, s_start, s_end) if planned else None,
                          place=place or (country_name(sentence) if planned else None), spans=[(start, end)])
            head = g.event_head.search(text, min(start, m.start()), end)
            signals = {"quoted_or_latin_name"} if g.quoted_name_signal and re.search(r"[«\"“]|[A-Z]", name) else set()
            if not re.search(r"[A-ZА-ЯЁ]", name):
                signals.add("lower_case_name")
            out.append(provenance.stamp(event, f"{g.lang}.events.head_noun", [head.span()] if head else [], signals))
    return out




_MONTHS = {m: i + 1 for i, ms in enumerate([
    "january|январ", "february|феврал", "march|март", "april|апрел", "may|ма[йяе]", "june|июн", "july|июл",
    "august|август", "september|сентябр", "october|октябр", "november|ноябр", "december|декабр"]) for m in [ms]}
_SEASONS = {"spring": 3, "весн": 3, "summer": 6, "лет": 6, "autumn": 9, "fall": 9, "осен": 9, "winter": 12, "зим": 12}


def _later_month(window: str, published: str | None) -> bool:
    """"in June", "in the autumn", «в октябре», «осенью» with no year, in a report published earlier in
    the year: the event is still to come."""
    if not published or len(published) < 7:
        return False
    pub_month = int(published[5:7])
    for alts, month in _MONTHS.items():
        if re.search(r"\b(?:in|by)\s+(?:" + alts.split("|")[0] + r")\b(?!\s+(?:\d{4}|of\s+last|last))|(?<!\w)в\s+(?:" + alts.split("|")[1]
                     + r")\w*\b(?!\s+(?:\d{4}|прошлого|предыдущего|of\s+last|last))", window, re.I) \
                and month > pub_month:
            return True
    for word, month in _SEASONS.items():
        if re.search(r"\b(?:in\s+(?:the\s+)?" + word + r")\b|(?<!\w)" + word + r"(?:ой|ом|ью)\b", window, re.I) \
                and month > pub_month:
            return True
    return False


def _range_start(text, dates, start, end, s_start, s_end) -> str | None:
    """The date of an event, its first day when the text gives a range («С 22 по 24 октября», "22-24 May")."""
    value = _date_near(dates, start, end, s_start, s_end)
    mention = next((d for d in dates if d.value == value and s_start <= d.start < s_end), None)
    if not value or mention is None:
        return value
    whole = re.match(r"(?:[Сс]|from)?\s*(\d{1,2})\s*(?:[–—-]|по|to|until|till)\s*\d{1,2}\b",
                     text[mention.start : mention.end], re.I)
    if whole and len(value) == 7:
        return f"{value}-{int(whole.group(1)):02d}"  # a range read as its month: the first day
    if len(value) != 10:
        return value
    m = re.search(r"(?:(?<!\w)[Сс]\s+|\bfrom\s+)?(\d{1,2})(?:\s*[–—-]\s*|\s+по\s+|\s+(?:to|until|till)\s+)$",
                  text[max(0, mention.start - 12) : mention.start])
    if m and 1 <= int(m.group(1)) < int(value[8:10]):
        return value[:8] + f"{int(m.group(1)):02d}"
    return value


def _agreement_starts(g: Grammar, text: str, start: int, end: int):
    """Where the next agreements of the sentence begin (their head words), to bound this one's stretch."""
    return [(m.start(), m.end()) for m in g.agreement_word.finditer(text, start, end)]




def country_name(sentence: str) -> str | None:
    m = re.search(r"\bheld in ([A-Z][\w\-]+)", sentence)
    return m.group(1) if m else None


def _sides(text: str) -> set[str]:
    """The two countries a bilateral report is about: the two most named, when a third is named far less."""
    counts: dict[str, int] = {}
    for w in re.findall(r"[A-ZА-ЯЁ][\w\-]+", text):
        for part in w.split("-"):
            c = country_of(part)
            if c:
                counts[c] = counts.get(c, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) >= 2 and (len(ranked) == 2 or ranked[2][1] * 2 < ranked[1][1]):
        return {ranked[0][0], ranked[1][0]}
    return set()


def _list_intro(text: str, pos: int) -> str | None:
    """For an item of a numbered or bulleted list, the line that introduces the list; else None."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not re.match(r"\s*(?:\d+[.)]|[-•–])\s", text[line_start : pos + 1]):
        return None
    k = line_start - 1
    while k > 0:
        prev_start = text.rfind("\n", 0, k) + 1
        line = text[prev_start:k]
        if line.strip() and not re.match(r"\s*(?:\d+[.)]|[-•–])\s", line):
            return line
        k = prev_start - 1
    return None


def _agreements(text, g: Grammar, sentences, dates):
    """Agreements named by a head noun, each with the status, date and place its own stretch of the
    sentence gives."""
    sides = _sides(text)
    out, seen = [], set()
    taken: list[tuple[int, int]] = []
    previous_status: dict[int, str | None] = {}
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        for m in g.agreement.finditer(text, s_start, s_end):
            found = _agreement_phrase(text, g, m, (s_start, s_end))
            if found is None:
                continue
            start, phrase, has_complement = found
            # Status, date and place come from the agreement's own stretch of the sentence: from the
            # end of the agreement before it to the start of the next one.
            prev_end = max([s_start] + [b for a, b in taken if b <= start])
            next_start = min([s_end] + [a for a, b in _agreement_starts(g, text, m.end(), s_end)])
            local = text[max(prev_end, start - 80) : next_start]
            status = _agreement_status(text, g, (start, start + len(phrase)), (prev_end, next_start),
                                       previous_status.get(s_start))
            previous_status[s_start] = status
            taken.append((start, start + len(phrase)))
            place = None
            pm = re.search(r"\b(?:signed|подписа\w*)\b[^.]{0,40}?\b(?:in|в)\s+([A-ZА-Я][\w\-]+)", local)
            if pm and status == "signed":
                place = pm.group(1)
            local_dates = starting_in(dates, max(prev_end, start - 80), next_start)
            parties = sorted({c for w in re.findall(r"[A-ZА-Я][\w\-]+", sentence) if (c := country_of(w))})
            if len(parties) < 2 and len(sides) == 2:
                parties = sorted(sides)  # a bilateral report: its agreements bind its two sides
            more = list(_more_of_kind(text, g, phrase, start + len(phrase), s_end))
            if more:
                taken.extend((a, b) for a, b, _t in more)
            for title in _agreement_titles(phrase, g, bool(more)):
                key = fold(title)
                if key in seen:
                    continue
                seen.add(key)
                agreement = Agreement(title=title, status=status,
                                      date=_date_near(local_dates, start, m.end(), s_start, s_end) if status != "planned"
                                      else None,
                                      place=place, parties=parties, spans=[(start, start + len(phrase))])
                out.append(_stamp_agreement(agreement, text, g, (start, start + len(phrase)),
                                            (max(prev_end, start - 80), next_start), has_complement))
            for a, b, title in more:
                if fold(title) not in seen:
                    seen.add(fold(title))
                    agreement = Agreement(title=title, status=status, place=place, parties=parties, spans=[(a, b)])
                    out.append(_stamp_agreement(agreement, text, g, (a, b), (a, b), True))
    return out


def _more_of_kind(text: str, g: Grammar, phrase: str, end: int, s_end: int):
    """"memoranda on A, on B and on C": after a plural head's first complement, each complement that repeats
    its preposition is one more document of the kind, titled with the singular head (start, end, title)."""
    head = next(((plural, one) for plural, one in g.singular_heads
                 if re.match(rf"(?:[\w\-]+\s+){{0,3}}?{plural}\s+(\w+)\s", phrase, re.I)), None)
    if head is None:
        return
    prep = re.match(rf"(?:[\w\-]+\s+){{0,3}}?{head[0]}\s+(\w+)\s", phrase, re.I).group(1)
    # («о» before a consonant, «об» before a vowel: one preposition)
    preps = "о|об|обо" if prep.lower() in {"о", "об", "обо"} else re.escape(prep)
    # (a list may go on with the other prepositions of a document's subject: «соглашения в таможенной сфере, …, о
    # создании центра»; and after «в области A» with a field alone, the «в области» left out: «…, B и C»)
    joint = re.compile(rf"(?:\s*,\s*(?:(?:and|as well as|и|а также)\s+)?|\s+(?:and|и)\s+)"
                       rf"(?:(?P<prep>{preps}|о|об|обо|по|on)\s+)?"
                       rf"([^,.;:()]{{2,120}}?)(?=\s*[,.;:()]|\s+(?:and|и)\s+(?:{preps})\s|\s*$)", re.I)
    field = re.match(r"\w+\s+((?:в|in)\s+(?:области|сфере|the\s+field\s+of))\s", phrase, re.I)
    field = field.group(1) if field else None
    pos = end
    while (m := joint.match(text, pos, s_end)) is not None:
        item = m.group(2).strip()
        if m.group("prep"):
            lead = m.group("prep")
            field = (lead + " " + item.split()[0]) if re.match(r"(?:в|in)$", lead, re.I) and re.match(
                r"(?:области|сфере)\s", item) else None
            if field:
                item = item.split(None, 1)[1]
                lead = field
        elif field and _FIELD_NOUN.match(item):
            lead = field  # «…, в области предупреждения ЧС, исследования космоса»: the same field word
        else:
            return
        yield m.start(2), m.end(2), f"{head[1]} {lead} {item}"
        pos = m.end()


# A field's noun in the genitive that a left-out «в области» governs («исследования», «строительства»), not a
# participle or a verb («подписанные», «будут»).
_FIELD_NOUN = re.compile(r"[а-яё\-]+(?:ия|ии|ения|ания|ства|ции|ки|ти|ы|а)\b(?<!нные\b)", re.I)


def _agreement_words(text: str, g: Grammar, m: re.Match, s_start: int, s_end: int) -> tuple[int, str]:
    """Where the agreement's phrase starts and the phrase: the left context trimmed to its own modifiers
    ("24 joint investment agreements"), a counted set kept with its count and worth."""
    start, phrase = m.start(), m.group()
    words = phrase.split()
    head_at = next((k for k, w in enumerate(words) if g.agreement_noun.match(w)), 0)
    cut_at = max((k + 1 for k in range(head_at) if words[k].lower() in _AGREEMENT_LEFT_STOP
                  or words[k].lower() in {"signed", "approved", "adopted", "ministers", "parties", "sides"}),
                 default=0)
    if cut_at:
        drop = len(" ".join(words[:cut_at])) + 1
        lead = len(phrase) - len(phrase.lstrip())
        start += lead + drop
        phrase = phrase.lstrip()[drop:]
        words = phrase.split()
    counted = None
    while len(words) > 1 and (words[0].lower() in _AGREEMENT_LEFT_STOP or words[0][:1].isdigit()):
        if words[0][:1].isdigit() and len(words) == 2:
            counted = words[0]
        start += len(words[0]) + (len(phrase) - len(phrase.lstrip()))
        phrase = text[start : m.end()].lstrip()
        start = m.end() - len(phrase)
        words = phrase.split()
    number_before = re.search(r"(?<![\w.,])(\d+)\s+$", text[max(s_start, start - 12) : start])
    if len(words) == 1 and counted is None and number_before and g.counted_agreements:
        counted = number_before.group(1)
    if counted and len(words) == 1 and counted in text[max(s_start, start - 12) : start]:
        # "19 agreements worth $3.8 billion were signed": a counted set of agreements is a record.
        start = text.rfind(counted, max(s_start, start - 12), start)
        worth = re.match(r"\s+(?:worth|totall?ing|valued\s+at|with\s+a\s+total\s+value\s+of)\s+(?:over\s+|more\s+than\s+|"
                         r"about\s+|around\s+|nearly\s+)?(?:[A-Z]{3}\s?|[$€£₸])?[\d.,]*\d(?:\s*(?:billion|million|bn|mln|"
                         r"thousand))?(?:\s+(?:dollars|euros|tenge|soums|sums))?", text[m.end() : s_end])
        phrase = text[start : m.end() + (worth.end() if worth else 0)]
    return start, phrase.rstrip()


def _agreement_phrase(text: str, g: Grammar, m: re.Match, sentence) -> tuple[int, str, bool] | None:
    """(start, phrase, whether a complement names it) of the agreement a head noun names; None when it
    names none: a head alone not said to be signed, a study programme, "the agreements reached"."""
    s_start, s_end = sentence
    start, phrase = _agreement_words(text, g, m, s_start, s_end)
    words = phrase.split()
    after = text[m.end() : min(s_end, m.end() + 30)]
    has_complement = bool(re.search(r"\s(?:on|of|establishing|for|between|to|о|об|по|между)\s", phrase))
    bare = len(words) == 1
    signed_before = re.search(r"(?:signed|подписа\w*|approved|утвердил\w*|утвержд\w*)\s+(?:an?\s+|the\s+)?$",
                              text[max(s_start, start - 30) : start], re.I)
    if bare and re.match(r"protocols?$|протокол$", words[0], re.I) and signed_before:
        pass  # "the co-chairs signed a protocol", «подписан протокол»: a record of its own
    elif bare and not re.match(r"\s+(?:signed|подписан)", after) and not re.match(r"[Сс]овместн\w+\s+заявлени", phrase):
        return None
    if re.search(r"программ|program", phrase, re.I) and not (
            signed_before or re.search(r"\d{4}|сотрудничеств|cooperation|partnership|партн[её]рств|действий",
                                       phrase, re.I)
            or re.search(r"(?:sign|approv|adopt|подпис|утвер|принят)\w*", text[s_start:s_end], re.I)):
        return None  # a study or exchange programme, not a document between the parties
    head = g.agreement_noun.search(phrase)
    if head and re.search(r"\s(?:of|the|certain|its|our|main|этих|ряд)\s+(?:the\s+)?(?:\w+\s+)?$", " " + phrase[: head.start()]):
        # "significance of agreements on …": the agreement starts after "of".
        cut = max(phrase.rfind(" of ", 0, head.start()), phrase.rfind(" the ", 0, head.start()),
                  phrase.rfind(" certain ", 0, head.start()))
        if cut >= 0:
            drop = len(phrase[: cut].rstrip()) + len(re.match(r"\s*\w+\s+", phrase[cut:]).group())
            start += drop
            phrase = phrase[drop:]
            words = phrase.split()
    if g.bare_agreement_needs_complement and not has_complement and len(words) == 1 \
            and not re.match(r"\s+signed", after) and not (signed_before and re.match(r"protocols?$", words[0], re.I)):
        return None
    if words and words[0].lower() in {"main", "goal", "achieved", "certain", "signing", "review"}:
        return None
    if len(words) == 2 and not has_complement and words[0].lower() in {"this", "that", "these", "those", "such", "said",
                                                                      "этого", "этом", "это", "данное", "данного"}:
        return None  # "this agreement": one named before, not a document of its own
    if re.fullmatch(r"(?:the\s+)?agreements?\s+reached", phrase, re.I):
        return None
    if g.generic_plural is not None and not has_complement and g.generic_plural.search(phrase) \
            and not re.search(r"[A-ZА-ЯЁ0-9«\"“]", phrase):
        return None
    # "… on November 21", "… in Tashkent": when and where it was signed are not part of its title.
    phrase = re.sub(r"\s+on\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
                    r"November|December)(?:\s+\d{1,2})?(?:,?\s+\d{4})?$", "", phrase)
    return start, re.sub(r"\s+(?:in|at|в)\s+[A-ZА-Я][\w\-]+$", "", phrase), has_complement


def _agreement_titles(phrase: str, g: Grammar, more: bool = False) -> list[str]:
    """"agreements on allied relations and border demarcation": one agreement each; with ``more`` (other
    complements of the plural head follow), the first in the singular too."""
    sm = re.match(r"(agreements|соглашения|соглашений)\s+(on|о|об|по)\s+(.+?)\s+(?:and|и)\s+(?:(?:on|о|об|по)\s+)?(.+)$",
                  phrase)
    if sm and len(sm.group(3).split()) <= 4:
        return [f"{g.agreement_head} {sm.group(2)} {sm.group(3)}", f"{g.agreement_head} {sm.group(2)} {sm.group(4)}"]
    plural = next(((p, one) for p, one in g.singular_heads if re.match(rf"{p}\s", phrase, re.I)), None) if more else None
    return [f"{plural[1]}{phrase[len(plural[0]):]}" if plural else phrase]


def _agreement_status(text: str, g: Grammar, span: tuple[int, int], stretch: tuple[int, int],
                      previous: str | None) -> str | None:
    """What the agreement's own stretch of the sentence (``stretch``: from the end of the one before
    to the start of the next) says of it, by the language's status cues; ``previous``: the status of the
    one before in the sentence."""
    (start, end), (prev_end, next_start) = span, stretch
    local = text[max(prev_end, start - 80) : next_start]
    own_before = text[max(prev_end, start - 80) : start]
    own_after = text[end:next_start]
    planned = _cue(g, "agreement", "planned")
    if _cue(g, "agreement", "in_force_after", r"[\s,]*{}").match(own_after):
        return "in_force"  # "the Treaty …, in force since April 2023", «…, который уже вступил в силу»
    if _cue(g, "agreement", "in_force_before").search(own_before) and not planned.search(own_before):
        return "in_force"  # «констатировали вступление в силу Договора …», "the entry into force of the Treaty"
    if planned.search(own_before) or planned.search(own_after[:60]) \
            and not _cue(g, "agreement", "signed_after").match(own_after):
        return "planned"
    if _cue(g, "agreement", "signed").search(local):
        return "signed"
    if _cue(g, "agreement", "in_force").search(local):
        return "in_force"
    if previous and re.fullmatch(r"[\s,]*(?:and|as well as|а также|и|,)?[\s,]*(?:an?\s+|the\s+)?", text[prev_end:start]):
        return previous  # "подписан протокол, а также соглашение … и меморандум …"
    listed = _list_intro(text, start)
    if listed is not None and _cue(g, "agreement", "signed").search(listed):
        return "signed"  # "The following documents were signed:\n1. Protocol …;\n2. Agreement …"
    return None


# Heads the title patterns take that a grammar's agreement_noun leaves out: one contract, a capitalised "Plan of …".
_OTHER_HEAD = re.compile(r"(?i:contract|communiqu[ée])|\bPlans?\b")


def _stamp_agreement(agreement: Agreement, text: str, g: Grammar, span: tuple[int, int], local: tuple[int, int],
                     has_complement) -> Agreement:
    """The head noun ("memorandum", «соглашение») is the rule's cue, with the word that gave the status
    ("signed", «подписали») when the agreement's stretch of the sentence (``local``) has one."""
    head = g.agreement_noun.search(text, *span) or _OTHER_HEAD.search(text, *span)
    cues = [head.span()] if head else []
    said = _cue(g, "agreement", "signed").search(text, *local) if agreement.status == "signed" else \
        _cue(g, "agreement", "planned").search(text, *local) if agreement.status == "planned" else None
    if said:
        cues.append(said.span())
    signals = set() if agreement.status else {"no_status"}
    if not has_complement and len(agreement.title.split()) <= 2:
        signals.add("bare_head")
    return provenance.stamp(agreement, f"{g.lang}.agreements.head_noun", cues, signals)
