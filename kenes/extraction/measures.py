"""Measures: actions proposed, agreed, planned, discussed or reported done.

A trigger from ``lexicons/triggers.tsv`` ("proposed", "договорились") marks where
a measure is; the action phrase is what follows it (or precedes it, for passive
triggers), cut at the next trigger or clause, and split at coordination so that
"forming X and establishing Y" gives two measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kenes.extraction import lexicons, provenance
from kenes.extraction.names import country_of
from kenes.extraction.quick import AnyOf, lowered, needle_pattern, without_case
from kenes.extraction.schema import Measure, Person
from kenes.extraction.spans import Cover, Ordered, whole_words

_CONTENT = re.compile(r"[^\W\d_][\w\-’']{2,}")
_STOP = set("the and for with from that this these those their its into about amid over under between "
            "also was were has have had been are will would should could more both two sides side "
            "как что это его ее их также был была были для при между или чтобы который".split())
# The verbs that start an action in an English list are data (lexicons/en/action_verbs.tsv).
_EN_VERBS = "|".join(re.escape(v).replace(r"\ ", " ") for v in lexicons.words("en", "action_verbs.tsv"))
SPLIT_EN = re.compile(
    r"\s+[–—]\s*|\s*[–—]\s+|;\s+|,?\s+as well as\s+|,?\s+alongside\s+|,?\s+including(?: the one)?(?: on)?\s+|,\s+and\s+|,\s+|"
    r"\s+and\s+(?=(?:also\s+)?(?:to\s+)?(?:\w+ly\s+)?(?:\w+ing|" + _EN_VERBS + r")\b)|"
    # "attention was paid to X and to the Y": a second object of the same preposition, a second item.
    r",?\s+and\s+(?=to\s+the\b)")
_VERB_START = re.compile(r"(?:to\s+)?(?:\w+ing|" + _EN_VERBS + r")\b|(?:the\s+)?\w+(?:tion|ment|sion)\s+of\b", re.I)
_ACTION_START = re.compile(r"(?:(?:and|or|also)\s+)*(?:to\s+)?(?:\w+ly\s+)?(?:(?:the|a|an)\s+(?:[\w\-]+\s+)?\w+ing|\w+ing|" + _EN_VERBS
                           + r"|(?:the\s+|a\s+)?(?:[\w\-]+\s+)?\w+(?:tion|ment|sion|ance|ence)s?\s+(?:of|on)"
                           # "the increase in mutual trade": a noun of change with what changes
                           r"|(?:the\s+|an?\s+)?(?:[\w\-]+\s+)?(?:increase|growth|rise|reduction|launch|expansion)\s+(?:in|of))\b",
                           re.I)
_PREPOSITION_END = re.compile(r"(?:^|\s)(?:in|on|of|for|with|в|во|по|на|о|об|с|со)\s+(?:[\w\-]+\s+)?[\w\-]+\s*,\s*$",
                              re.I)
# An action word in any case («развитии транспорта и …», «развивать …»): what follows it is its object.
_RU_ACTION_ANY = re.compile(r"[\w\-]*(?:ть|ться|ти|чь|[нт]и(?:е|я|ю|ем|и|й))\b", re.I)
_RU_ACTION = re.compile(r"[\w\-]*(?:ть|ться|ти|чь|ние|ение|ание|тие)\b", re.I)
# A list announced inline: "agreed on the following steps: launching …", «согласовали следующие шаги: …».
_ANNOUNCER = re.compile(r"\s*(?:the\s+)?(?:following|следующ\w*)(?:\s+[\w\-]+){0,3}\s*:\s*", re.I)
_A_THING = re.compile(r"an?\s", re.I)
# A noun with a complement of its own ("partnership towards food security", «сотрудничество в сфере ИТ»).
_OWN_COMPLEMENT = re.compile(r"[^\W\d_][\w\-]*\s+(?:towards?|in|on|for|with|between|within|across|в|во|по|на|для|"
                             r"между|с|со)\s+\S", re.I)
# Words that open the list of what a general phrase stands for, before a colon.
_IN_PARTICULAR = re.compile(r",\s*(?:in particular|including|namely|notably|в частности|в том числе|а именно|"
                            r"прежде всего)\s*:\s*", re.I)
# The end of a phrase that announces a list ("hold the following bilateral meetings:").
_ANNOUNCES = re.compile(r"(?:following|следующ\w*)(?:\s+[\w\-]+){0,3}$", re.I)
SPLIT_RU = re.compile(r"\s+[–—]\s*|\s*[–—]\s+|;\s+|,\s+а также\s+|,\s+и\s+|,\s+|\s+и\s+(?=\w+(?:ть|ться|ние|ение|ание|тие|нии|тии)\b)")
_CUT = re.compile(r",\s*(?:reported|reports)(?=\s+(?:the\s|(?-i:[A-Z])))|,\s*according\s+to\b|"
                  r",\s*(?:сообщает|сообщили|сообщило|сообщила|передает|передаёт|пишет|цитирует)\b|,\s+which\b|\s+due to\b|,\s+who\b|\s+in order to\b|,\s+(?:(?:в|на|с|для|по|при|из)\s+)?котор\w+|\s+—\s+для\b|\s+-\s+для\b|[“”\"«»]\s*,?\s*"
                  r"(?:[–—-]\s*)?(?:said|emphasi[sz]ed|noted|stressed|added|stated|"
                  r"сказал|подчеркнул|отметил|заявил|добавил|сообщил|пояснил|подчеркивается|отмечается|говорится|"
                  r"сообщается)|"
                  # ", calling it a key step …", ", established after the 2nd meeting …": what is said of the
                  # item before (a reporting gerund, a participle with its adjunct), not an action of its own.
                  r",\s+(?:calling|describing|saying|noting|terming)\s+(?:it|them|this)\b|"
                  # "…, a Plan of Practical Actions was adopted": a clause of its own after the goal it serves
                  r",\s+(?:a|an|the)\s+(?:[\w\-]+\s+){1,6}(?:was|were|has been|have been)\s+(?:adopted|signed|approved|"
                  r"set up|established|created|launched)\b|"
                  # "…, as these issues have a direct impact on …", «…, так как …»: the reason, not the action
                  r",\s+(?:as|since|because)\s+(?:these|this|it|they|such|the)\b|,\s+(?:так как|поскольку|потому что)\b|"
                  # "…, expressing Kazakhstan's readiness to …": the speaker's next statement.
                  r",\s+(?:expressing|stressing|emphasi[sz]ing|underlining|underscoring|highlighting|recalling|adding|"
                  r"pointing\s+out)\b|"
                  # "…, with interregional relations playing a special role": an absolute clause, said of the action
                  r",\s+with\s+(?:[\w\-’']+\s+){1,4}(?:playing|being|having|becoming|remaining|accounting|making)\b|"
                  # "…, noted the Minister": who said it, after a quotation without its marks
                  r",\s+(?:said|noted|stressed|emphasi[sz]ed|added|stated)\s+(?:the|a|an|(?-i:[A-Z]))|"
                  r",\s+(?:established|created|set\s+up|signed|held|adopted|launched|founded|formed)\s+"
                  r"(?:after|at|in|on|during|by|under|following|last|earlier)\b|"
                  # "…,” Surnamov said": the closing quote, then who said it.
                  r",?\s*[”\"»]\s*,?\s*(?:[A-Z][\w\-’']+\s+){1,3}(?:said|stated|noted|added|stressed|emphasi[sz]ed)\b|"
                  # "— … подъездных путей, — сообщил Name": direct speech closed by a dash, then who said it.
                  r",?\s+[—–]\s*(?:сказал|подчеркнул|отметил|заявил|добавил|сообщил|пояснил|said|noted|stated|added|"
                  r"stressed)\w*\b|"
                  # "…, cultural ties, primeminister.kz said": who reported it, after the last item
                  r",\s+(?:[\w.\-’']+\s+){1,3}(?:said|says|reports|reported|writes|informs|stated)\s*[.!]?\s*$|"
                  # "… for 2024–2028 and noted that …": a new reported statement, not part of the action.
                  r",?\s+and\s+(?:also\s+)?(?:noted|said|stated|stressed|emphasi[sz]ed|added|pointed out|recalled)\b", re.I)
# " – Alpha, Beta and Gamma – ": a list set off by a pair of dashes belongs to the phrase around it.
_SAID_THAT = re.compile(r"\b(?:said|says|noted|notes|stated|stressed|emphasi[sz]ed|added|announced|explained|"
                        r"pointed\s+out|informed|reported)\s+that\s+|(?<![\w\-])(?:сообщил|отметил|заявил|подчеркнул|"
                        r"добавил|пояснил|рассказал)[аи]?,\s+что\s+", re.I)
_DASH_PAIR = re.compile(r"\s[–—]\s(?:[^–—.;:]{1,60}?)\s[–—]\s")
_PLURAL_SUBJECT = re.compile(r"\b(?:parties|sides|ministers|presidents|leaders|heads of state|both countries|"
                             r"the two countries|we|стороны|главы государств|главы|президенты|министры|лидеры)\b", re.I)
_MEETING_NOUN = re.compile(r"\b(?:meeting|session|talks|summit|round\s?table|consultations)\b|"
                           r"(?<!\w)(?:заседани|встреч|переговор|саммит|консультаци|кругл\w+\s+стол)", re.I)
_NAMES_A_MEETING = re.compile(
    r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+|this\s+)?(?:[\w\-]+\s+){0,3}?"
    r"(?:visit|meeting|session|summit|talks|negotiations|consultations)\b(?!\s+(?:on|about|regarding)\b)|"
    r"(?:[\w\-]+\s+){0,3}?(?:визит|заседани|встреч|саммит|переговор)[а-яё]*(?!\s+(?:по|о|об)\b)", re.I)
_MEETING_WORDS = re.compile(r"\b(?:meetings?|sessions?)\b", re.I)  # nouns that end like "-ing" and "-sion" actions
_HELD_ALONE = re.compile(r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:held|organi[sz]ed|conducted)",
                         re.I)
_ADJECTIVAL = re.compile(r"(?:previously|all|the|newly|any|earlier|already)\s+$", re.I)


def content_words(text: str) -> list[str]:
    return [w.lower() for w in _CONTENT.findall(text) if w.lower() not in _STOP]


@cache
@dataclass(frozen=True)
class Grammar:
    """How one language lists measures: its grammar module's ``MEASURES`` (kenes.extraction.grammar_en,
    grammar_ru). The cue words are the language's rows of lexicons/triggers.tsv."""

    lang: str
    split: re.Pattern  # where a list of actions splits into its items
    # «торговлю, транспорт и безопасность»: the last item of a list follows a bare «и», no comma
    last_item_without_comma: bool
    # What a signed agreement is about when that is an action ("on holding joint exercises", «о создании
    # …»): the group "x"; and where that action's words end ("… used by …", "between …").
    agreement_subject: re.Pattern
    subject_end: re.Pattern


@cache
def _trigger_res(lang: str):
    # Passive triggers ("… was also discussed", "… are planned to be launched") first: their words
    # ("discussed", "planned") would otherwise be read as active triggers with nothing after them.
    found = lexicons.triggers(lang)
    weak = lexicons.weak_triggers(lang)
    return [(stance, side, re.compile(r"(?<![\w\-])(?:" + rx + r")(?![\w\-])", re.I), rx in weak)
            for stance, side, rx in sorted(found, key=lambda t: t[1] != "before")]


@cache
def _topic_exclusions() -> dict[str, re.Pattern]:
    """Per topic, the phrases that contain one of its keywords without being about it ("!wind farm")."""
    out = {}
    for row in lexicons._rows("topics.tsv"):
        masks = [kw[1:] for kw in row[1:] if kw.startswith("!")]
        if masks:
            out[row[0]] = re.compile(r"(?<!\w)(?:" + "|".join(masks) + r")", re.I)
    return out


def _topics(text: str) -> list[str]:
    exclusions = _topic_exclusions()
    found = []
    for topic, pattern in lexicons.topics():
        masked = exclusions[topic].sub(" ", text) if topic in exclusions else text
        if pattern.search(masked):
            found.append(topic)
    return found


@cache
def _any_trigger(lang: str) -> AnyOf | None:
    """All triggers of a language in one quick check: most sentences have none, and one scan
    tells so where seventy would."""
    return AnyOf.of((rx for _s, _side, rx in lexicons.triggers(lang)), lead=r"(?<![\w\-])")


@cache
def _triggers_without_case(lang: str):
    triggers = _trigger_res(lang)
    plain = without_case([rx for _stance, _side, rx, _weak in triggers])
    return None if plain is None else [(t[0], t[1], rx, t[3]) for t, rx in zip(triggers, plain, strict=True)]


def find(text: str, g: Grammar, sentences: list[tuple[int, int]], people: list[Person]) -> list[Measure]:
    """Measures: the action phrases next to the language's cues (lexicons/triggers.tsv), split into
    distinct actions, each with who proposed it."""
    lang = g.lang
    # The triggers are read in the lower-cased text when they can be (kenes.extraction.quick).
    triggers, scanned = _trigger_res(lang), text
    if (plain := _triggers_without_case(lang)) is not None and (lower := lowered(text)) is not None:
        triggers, scanned = plain, lower
    any_trigger = _any_trigger(lang)
    person_at = [(a, b, p) for p in people for a, b in p.spans] + _surname_mentions(text, people)
    # The mentions by position (and by their place in person_at, which decides the last speaker): a scan
    # of every mention for each sentence and trigger was quadratic in long documents.
    by_start = Ordered([(a, b, p, k) for k, (a, b, p) in enumerate(person_at)], key=lambda x: x[0])
    # "The parties agreed": the people who led the meeting for the parties when the text names
    # them as co-chairs, or the few officials the document names; a long list is nobody in particular.
    chairs = _co_chairs(text, person_at)
    all_titled = [p for p in people if p.roles]
    titled = chairs or (all_titled if len(all_titled) <= 3 else [])
    measures: list[Measure] = []
    said: set[frozenset[str]] = set()  # the words of each action found, to tell one said again
    last_speaker: list[str] = []
    for n, (s_start, s_end) in enumerate(sentences):
        if n == 0 and re.match(r"[^\n.!?]{10,200}\n\s*\n", text[s_start:]) and len(sentences) > 3:
            continue  # the headline: what it announces, the body says again in full
        speakers = _named_in(by_start, s_start, s_end)
        if any_trigger is None or any_trigger.search(text, s_start, s_end):
            hits = _hits(text, scanned, triggers, _needles(lang), s_start, s_end)
            for k, (t_start, t_end, stance, side, weak) in enumerate(hits):
                a, b, listed = _stretch(text, sentences, n, hits, k)
                clause_start = hits[k - 1][1] if k > 0 and side == "after" and hits[k - 1][3] == "after" else s_start
                proposers = [] if re.match(r"поруч", text[t_start:t_end], re.I) else \
                    _proposers(text, s_start, t_start, by_start, titled, last_speaker, clause_start)
                for p_start, p_end in _pieces(text, a, b, g):
                    if _no_action(text, text[p_start:p_end], (t_start, t_end, side), p_end, b):
                        continue
                    if any(s_start <= q.spans[0][0] and q.spans[0][0] < p_end and p_start < q.spans[0][1]
                           for q in measures[-8:]):
                        continue  # two triggers around one phrase ("The prospects for X were discussed")
                    for phrase, spans in distributed(text, p_start, p_end):
                        words = frozenset(w.lower() for w in content_words(phrase))
                        if words not in said:  # the same action said again further on is one measure
                            said.add(words)
                            measure = Measure(text=phrase, stance=stance, proposers=proposers,
                                              topics=_topics(phrase), spans=spans)
                            measures.append(stamp_measure(measure, lang, weak, (t_start, t_end), listed))
        # A named speaker sets who "it was suggested" refers to next, with or without a measure here.
        if speakers:
            last_speaker[:] = speakers[-1:]
    return measures


@cache
def _needles(lang: str) -> list[re.Pattern | None]:
    """The opening letters of each of the language's triggers (kenes.extraction.quick.needle_pattern), in
    the order of ``_trigger_res``; the same for the case-free forms, whose letters are those lowered."""
    return [needle_pattern(rx) for _stance, _side, rx, _weak in _trigger_res(lang)]


def _hits(text: str, scanned: str, triggers, openings, s_start: int, s_end: int) -> list[tuple]:
    """(start, end, stance, side, weak) of each cue in the sentence, the first of overlapping ones."""
    hits: list[tuple] = []
    # A cue none of whose opening letters are in the sentence is not tried (kenes.extraction.quick);
    # the letters are in lower case, so they are looked for in the lower-cased text.
    lower = scanned if scanned is not text else lowered(text)
    for (stance, side, rx, weak), starts in zip(triggers, openings, strict=True):
        if starts is not None and lower is not None and not starts.search(lower, s_start, s_end):
            continue
        for m in rx.finditer(scanned, s_start, s_end):
            if any(h[0] < m.end() and m.start() < h[1] for h in hits):
                continue
            # ("the proposed projects": an adjective; "the readiness of X to …" is a cue all the same)
            if _ADJECTIVAL.search(text[max(s_start, m.start() - 12) : m.start()]) and side == "after" \
                    and stance == "proposed" and re.match(r"(?:proposed|suggested|recommended)", m.group(), re.I):
                continue
            # "The dates will be agreed through diplomatic channels": a passive participle, whose
            # object (if any) came before it, not an agreement on what follows.
            if side == "after" and re.search(r"\b(?:be|been|being|is|are|was|were)\s+$",
                                             text[max(s_start, m.start() - 8) : m.start()], re.I) \
                    and re.match(r"agreed|decided|discussed|considered", m.group(), re.I):
                continue
            hits.append((m.start(), m.end(), stance, side, weak))
    hits.sort()
    return hits


def _stretch(text: str, sentences, n: int, hits: list[tuple], k: int) -> tuple[int, int, bool]:
    """Where the actions of cue ``k`` are: after it up to the next cue (or the list it opens), or before
    it from the previous one; and whether they are the items of a list."""
    t_start, t_end, _stance, side, _weak = hits[k]
    s_start, s_end = sentences[n]
    if side != "after":
        a = hits[k - 1][1] if k > 0 else s_start
        # "Name, deputy head of X, said that the construction of Y is to be completed": the action is
        # the subject of the reported clause, not the speaker or the speaker's title.
        said = list(_SAID_THAT.finditer(text, a, t_start))
        return (said[-1].end() if said else a), t_start, False
    a, b = t_end, hits[k + 1][0] if k + 1 < len(hits) else s_end
    # "утвердили:" followed by a numbered list: each item is a measure; so is "proposed a number
    # of measures:" followed by items ending in semicolons.
    if not text[a:b].strip(" :\n") or text[a:b].rstrip().endswith(":"):
        la, lb = _list_after(text, sentences, n)
        if lb > la or not text[a:b].strip(" :\n"):
            return la, lb, True
    if (announced := _ANNOUNCER.match(text, a, b)) and announced.end() < b:
        a = announced.end()
    # "discussed economic cooperation, in particular: A, B and C": the items are the actions
    if (particular := _IN_PARTICULAR.search(text, a, b)) and text[particular.end():b].strip():
        return particular.end(), b, True
    return a, b, False


def _no_action(text: str, phrase: str, cue: tuple[int, int, str], p_end: int, b: int) -> bool:
    """Whether a piece next to a cue names no action: an event to come, the next speaker, a frame, the
    rest of a list, a cost, a phrase announcing the list after it."""
    t_start, t_end, side = cue
    # "… will be held", «… состоится»: only a meeting to come is an action of the parties; a
    # forum or an exhibition to come is an event.
    if side == "before" and re.search(r"held|take place|convene|состоится|пройд|проведен", text[t_start:t_end], re.I) \
            and not _MEETING_NOUN.search(phrase):
        return True
    # "the Turkmen side said it [would consider …]": the subject of the next trigger.
    if re.search(r"\b(?:said|says|stated|replied|added|noted|answered)(?:\s+that)?(?:\s+(?:it|they|he|she|we))?$",
                 phrase, re.I):
        return True
    if len(content_words(phrase)) < 2 or re.match(
            r"(?:at|by|in|during|on|of|with|its|his|her|through|via|within|under|it|together\s+with|jointly\s+with)\b",
            phrase, re.I):
        return True
    if re.match(r"[а-яё]+(?:ем|им|ющ|ящ|вш|нн)(?:ых|ый|ий|ая|ое|ие|ую|ым|ими|их)\b", phrase):
        return True  # "…предприятий, создаваемых на территории Центра": a participle describing the item before
    if re.match(r"(?:other|others|etc|прочие|другие|(?:и\s+)?ряд\s+других|и\s+др)\b", phrase, re.I):
        return True  # "… and other projects": the rest of a list, no action named
    if re.search(r"\b(?:was|were|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:held|organi[sz]ed|conducted)"
                 r"[\s.,;]*$", phrase + text[p_end:b], re.I):
        return True  # "… a business forum and cultural events were successfully held": occasions, not actions
    # "the official visit of President X to Kazakhstan", «6-е заседание Совета»: a meeting named, no action
    # done to it (holding or preparing one, «проведение заседания», is an action and stays)
    # (a meeting to come, «Очередное заседание … состоится», is one; so are the issues of a visit)
    # ("meeting" ends like a gerund but names no action)
    if side == "after" and _NAMES_A_MEETING.match(phrase) \
            and not _ACTION_START.match(_MEETING_WORDS.sub("visit", phrase)) \
            and not any(_RU_ACTION_ANY.fullmatch(w) for w in phrase.split()) \
            and not re.match(r"(?:the\s+)?(?:issues?|questions?|matters?|вопрос)", phrase, re.I):
        return True
    if _HELD_ALONE.fullmatch(phrase.strip(" ,.;")):
        return True  # "… was successfully held": what the sentence says of a meeting named before the cue
    if re.match(r"(?:estimated|valued|worth|costing|стоимостью|оценива|(?:for|with)\s+a\s+total\s+(?:amount|value|sum|cost)"
                r"|in\s+the\s+amount\s+of|на\s+(?:общую\s+)?сумму)", phrase, re.I):
        return True  # the cost of what came before, not an action
    # "hold the following meetings:" only announces the items after it
    return bool(_ANNOUNCES.search(phrase) and text[p_end:b].lstrip().startswith(":"))


def agreed_subjects(text: str, g: Grammar, agreements, found: list[Measure]) -> list[Measure]:
    """A signed agreement "on holding joint military exercises" (a decision, a memorandum) is that action
    agreed: one measure, in the document's words, unless a cue already gave one at those words."""
    taken = Cover(span for m in found for span in m.spans)
    out: list[Measure] = []
    for agreement in agreements:
        if agreement.status not in {"signed", "in_force"} or not agreement.spans:
            continue
        a_start, a_end = agreement.spans[0]
        subject = g.agreement_subject.search(text, a_start, a_end)
        if subject is None:
            continue
        start, end = subject.span("x")
        if (stop := g.subject_end.search(text, start, end)) is not None:
            end = stop.start()
        end = start + len(text[start:end].rstrip(" ,;"))
        words = text[start:end]
        if len(content_words(words)) < 2 or taken.overlaps(start, end):
            continue
        measure = Measure(text=re.sub(r"\s+", " ", words), stance="agreed", proposers=[], topics=_topics(words),
                          spans=[(start, end)])
        signals = {"short_phrase"} if len(content_words(words)) <= 2 else set()
        out.append(provenance.stamp(measure, f"{g.lang}.measures.agreement_subject", [*agreement.cues[:1]], signals))
    return out


def stamp_measure(measure: Measure, lang: str, weak: bool, cue: tuple[int, int], listed: bool) -> Measure:
    """The rule is the cue's stance (``en.measures.agreed_cue``; ``weak_…`` for a cue marked weak in the
    lexicon); the signals say what else makes the phrase more or less likely an action."""
    words = len(content_words(measure.text))
    signals = {"proposer_named"} if measure.proposers else set()
    if listed:
        signals.add("list_item")
    if words <= 2:
        signals.add("short_phrase")
    elif words > 20:
        signals.add("long_phrase")
    rule = f"{lang}.measures.{'weak_' if weak else ''}{measure.stance}_cue"
    return provenance.stamp(measure, rule, [cue], signals)


# What opens an item of a list: "1.", "2)", a keycap digit ("1️⃣", as posts from messaging channels
# number their points), a bullet or a dash.
LIST_MARK = re.compile(r"(?:\d+[.)]|\d\ufe0f?\u20e3|[-•–—▪●◦])\s*")


def list_items(text: str, sentences, n: int) -> list[tuple[int, int]]:
    """The marked items of the list that follows sentence ``n`` (which ends on a colon), each without
    its mark and without a heading before a dash ("2. Transport – building …" → "building …")."""
    items = []
    for s, e in sentences[n + 1 :]:
        a = item_start(text, s, e)
        if a == s:
            break
        items.append((a, e))
    return items


def item_start(text: str, s: int, e: int) -> int:
    """Where the words of a list item ``text[s:e]`` start: after its mark and a heading before a dash;
    ``s`` when it is no marked item."""
    mark = LIST_MARK.match(text, s, e)
    if mark is None or mark.end() == s:
        return s
    a = mark.end()
    heading = re.search(r"\s[–—-]\s", text[a : min(e, a + 80)])
    return a + heading.end() if heading else a


# "cooperation in trade, energy and transport", «взаимодействие в области торговли, инвестиций и энергетики»:
# the action, its preposition (with "the field of", «в области»), then the fields it is taken to.
_FIELD_PREPOSITION = re.compile(
    r"\s(?:in|в|во)\s+(?:the\s+)?(?:(?:fields?|areas?|spheres?|sectors?|domains?)\s+of\s+(?:the\s+)?|"
    r"(?:област(?:и|ях)|сфер(?:е|ах)|отрасл(?:и|ях))\s+)?", re.I)
_AREA_NOUN = re.compile(r"(?<=\s)(?:areas?|spheres?|fields?|sectors?|domains?|сферах|сферы|областях|отраслях)$", re.I)
_FIELD_SEPARATOR = re.compile(r",\s*(?:and\s+|и\s+|as\s+well\s+as\s+|а\s+также\s+)?", re.I)
_LAST_FIELD = re.compile(r"\s+(?:and|и)\s+", re.I)
_RU_ADJECTIVE = re.compile(r"[а-яё\-]+(?:ой|ей|ых|их|ого|его|ая|яя|ое|ее|ые|ие)", re.I)
_ADJECTIVES_JOINED = re.compile(r"([а-яё\-]+(?:ой|ей|ых|их|ого|его|ая|яя|ое|ее|ые|ие))\s+и\s+"
                                r"([а-яё\-]+(?:ой|ей|ых|их|ого|его|ая|яя|ое|ее|ые|ие)\s+[а-яё]+)", re.I)


def distributed(text: str, s: int, e: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """One action taken to several fields is one measure per field, the action said with each ("cooperation
    in trade", "cooperation in energy", …), its evidence the action's words and the field's; any other
    phrase is itself, once."""
    phrase = text[s:e]
    if not lexicons.convention("split_fields"):
        return [(phrase, [(s, e)])]
    for prep in _FIELD_PREPOSITION.finditer(phrase):
        core = phrase[: prep.start()]
        if len(content_words(core)) < 1 or len(core.split()) > 8:
            continue
        items = _field_items(phrase, prep.end())
        if items is None:
            continue
        out = []
        for k, (a, b) in enumerate(items):
            # "…, in the water sector": an item that brings its own preposition takes the action alone
            own = _FIELD_PREPOSITION.match(" " + phrase[a:b])
            head = (s, s + len(core.rstrip())) if own else (s, s + len(phrase[: prep.end()].rstrip()))
            spans = [head, (s + a, s + b)]
            said = f"{text[head[0]:head[1]].rstrip()} {phrase[a:b]}"
            # "in the cultural, humanitarian and security areas", «в транзитной и аграрной сферах»: adjectives
            # share the noun of the next item that has one
            area = None if _AREA_NOUN.search(phrase, a, b) else next(
                (found for x, y in items[k + 1 :] if (found := _AREA_NOUN.search(phrase, x, y))), None)
            # (an adjective: a Russian one by its ending, an English one only before the list's last item)
            adjective = _RU_ADJECTIVE.fullmatch(phrase[a:b]) or (
                re.fullmatch(r"[a-z][\w\-]*", phrase[a:b]) and area is not None and area.end() == items[-1][1])
            if area and adjective:
                spans.append((s + area.start(), s + area.end()))
                said += " " + area.group()
            out.append((said, spans))
        return out
    return [(phrase, [(s, e)])]


def _field_items(phrase: str, start: int) -> list[tuple[int, int]] | None:
    """The fields listed from ``start`` (two or more, each a short phrase naming no action), else None."""
    items, pos = [], start
    for sep in _FIELD_SEPARATOR.finditer(phrase, start):
        items.append((pos, sep.start()))
        pos = sep.end()
    items.append((pos, len(phrase)))
    last = _LAST_FIELD.search(phrase, items[-1][0])
    if last and len(phrase[last.end() :].split()) <= 2:
        items[-1:] = [(items[-1][0], last.start()), (last.end(), len(phrase))]
    # «транзитной и аграрной сферах»: two adjectives joined by «и» are two fields of one noun
    split = []
    for a, b in items:
        joined = _ADJECTIVES_JOINED.fullmatch(phrase, a, b)
        split += [(a, joined.end(1)), (joined.start(2), b)] if joined else [(a, b)]
    items = split
    if len(items) < 2:
        return None
    for a, b in items:
        words = phrase[a:b].split()
        own = _FIELD_PREPOSITION.match(" " + phrase[a:b])
        # a field is a common noun or two ("trade", «сельском хозяйстве»), or a phrase with its own preposition
        if not own and (not 1 <= len(words) <= 3 or not words[0][:1].islower()) or len(words) > 6 \
                or _ACTION_START.match(phrase[a:b]) or _RU_ACTION_ANY.match(words[0]) and not own \
                or re.search(r"\d", phrase[a:b]):
            return None
    return items


def _list_after(text: str, sentences, n: int) -> tuple[int, int]:
    start = end = sentences[n][1]
    for s, e in sentences[n + 1 :]:
        # Numbered or bulleted items, or items that each end in a semicolon but the last.
        if re.match(r"\d+[.)]\s|\d\ufe0f?\u20e3|[-•–]\s", text[s:e]) or text[start:end].rstrip().endswith(";") or (
                end == start and text[s:e].rstrip().endswith(";")):
            end = e
        else:
            break
    return start, end


_GERUND_AFTER_PREPOSITION = re.compile(r"\b(?:in|of|for|on|by|with|at|from|about|related\s+to)\s+\w+ing$", re.I)
_AREAS = re.compile(r"(?:and\s+)?[\w\-]+\s+(?:areas?|spheres?|fields?|sectors?|domains?)|"
                    # «…, транспортной и энергетической сферах сотрудничества»
                    r"(?:[а-яё\-]+(?:ой|ей|ых|их)\s+(?:и\s+)?)+(?:сфер|област|отрасл|направлени|сектор)[а-яё]*"
                    r"(?:\s+[а-яё\-]+)?", re.I)
# (not a verbal noun in «-ние», «-тие»: «создание совместных предприятий» is an action of its own)
_ADJECTIVES_ONLY = re.compile(r"(?:(?![а-яё\-]+(?:[аяеёи]ние|[аыиоуя]тие)(?:\s|$))"
                              r"[а-яё\-]+(?:ой|ей|ых|их|ого|его|ому|ему|ым|им|ый|ий|ая|яя|ое|ее|ые|ие|ую|юю)"
                              r"(?:\s+|$))+", re.I)


def _pieces(text: str, a: int, b: int, g: Grammar) -> list[tuple[int, int]]:
    segment = text[a:b]
    cut = _CUT.search(segment)
    if cut:
        b = a + cut.start()
        segment = text[a:b]
    splitter = g.split
    raw, pos, commas = [], 0, [False]  # commas[i]: the piece i follows a comma
    inside = [(d.start(), d.end()) for d in _DASH_PAIR.finditer(segment) if len(content_words(d.group())) <= 6]
    # A quoted name («Кыргызстан – Узбекистан») is never split.
    inside += [(q.start(), q.end()) for q in re.finditer(r"«[^»]{1,120}»|“[^”]{1,120}”|\"[^\"]{1,120}\"", segment)]
    for m in splitter.finditer(segment):
        if any(ds <= m.start() < de for ds, de in inside):
            continue
        if m.group().strip() in {"–", "—"} and re.search(r"(?:^|\s)[A-ZА-ЯЁ][\w\-’']+$", segment[: m.start()]) \
                and re.match(r"[A-ZА-ЯЁ][\w\-’']+", segment[m.end() :]):
            continue  # "the Uzbekistan – Kazakhstan agenda": two names joined by a dash, one phrase
        if m.group().strip() == "and" and _GERUND_AFTER_PREPOSITION.search(segment[: m.start()]):
            continue  # "in introducing and using X": two gerunds of one preposition, one object
        if m.group().strip() == "and" and re.fullmatch(r"\s*(?:to\s+)?[\w\-]+", segment[pos : m.start()]):
            continue  # "implement and advance the system": two verbs with one object, one action
        # "Commission on Economic, Trade, Technical and X Cooperation": commas inside a title.
        if m.group().startswith(",") and re.search(r"(?:^|\s)[A-Z][a-z]+$", segment[: m.start()]) \
                and re.match(r"[A-Z][a-z]+\b(?:,|\s+(?:and\s+)?[A-Z])", segment[m.end() :]) \
                and re.search(r"\b(?:of|on|for)\s+(?:[A-Z][\w\-]*,?\s+)*[A-Z][a-z]+$", segment[: m.start()]):
            continue
        raw.append((a + pos, a + m.start()))
        commas.append(m.group().lstrip().startswith(","))
        pos = m.end()
    raw.append((a + pos, b))
    merged = _merged(text, raw, commas)
    out = []
    for s, e in merged:
        for lines in re.finditer(r"[^\n]+", text[s:e]):
            ls, le = _trimmed(text, s + lines.start(), s + lines.end())
            # Split "A and B" of two noun phrases when both are long enough to be actions.
            out.extend(_split_and(text, ls, le, g, listed=len(merged) >= 2 and (s, e) == tuple(merged[-1])))
    return [(s, e) for s, e in out if e > s]


def _merged(text: str, raw: list[tuple[int, int]], commas: list[bool]) -> list[list[int]]:
    """The pieces with those that are no action of their own joined to the one before: too short, an
    adjunct of place or time, more objects of the verb before, adjectives alone."""
    # A piece too short to be an action belongs to the one before it ("food, textiles").
    merged: list[list[int]] = []
    listing = False  # the pieces merged last were a preposition's objects: a list is under way
    for (s, e), after_comma in zip(raw, commas, strict=False):
        # A piece that is a prepositional adjunct ("…, on the sidelines of the Forum", «…, в рамках …»)
        # says where or when the action before it happens: it is not an action of its own.
        adjunct = re.match(r"\s*(?:on|at|in|during|within|through|via|under|by|before|after|ahead of|"
                           r"в рамках|на полях|в ходе|в течение|до|после|на базе|в том числе)\s|"
                           # a participle clause describing the noun before it ("…, signed in Tashkent",
                           # «…, подписанного главами правительств»)
                           r"\s*(?!estimated|valued)(?:\w+ed|signed|held|built|made)\s+(?:in|at|by|on|last)\s|"
                           # "…, scheduled to take place in spring", "…, investing KZT 18.4 billion": when or
                           # at what cost, not a second action
                           r"\s*(?:scheduled|planned|expected|set|due)\s+(?:to|for)\s|"
                           r"\s*(?:investing|spending|allocating|totalling|totaling|amounting to)\s+(?:[A-Z]{3}\b|[$€£₸]|\d|"
                           r"about|around|over|some|more than|nearly|almost)|"
                           # (not a soft adjective in «-нний»: «двустороннего взаимодействия» is an item)
                           r"\s*(?![а-яё]+нн(?:его|ему|ей|ий|ие|их|ее|яя|юю)\s)"
                           r"[а-яё]+(?:нн|вш|ющ|ящ|нут|ыт|ят)[а-яё]*(?:ого|ой|ых|ую|ое|ые|ий|ый|ая|ему|ом|ей|его)\s",
                           text[s:e], re.I)
        # "expand trade, regional transit, and digital customs": after a verb, pieces
        # that are no action of their own are more objects of it.
        # A piece that opens with "a"/"an" is a thing of its own ("constructing a meat plant, a sugar factory").
        more_objects = merged and after_comma and _VERB_START.match(text[merged[0][0] : merged[0][1]].strip()) \
            and not _ACTION_START.match(text[s:e].strip()) and not _A_THING.match(text[s:e].strip())
        # "cooperation in energy, agriculture and tourism", «сотрудничество в энергетике, сельском хозяйстве и
        # туризме»: short pieces after a preposition's object are more objects of it, not actions.
        # ("partnership towards water security" after "… potential of the region," has a preposition of its
        # own: a thing with its complement, an item of the list, not a bare object of the one before.)
        own_complement = _OWN_COMPLEMENT.match(text[s:e].strip())
        more_objects = more_objects or (
            merged and after_comma and not own_complement and len(text[s:e].split()) <= 4
            and _PREPOSITION_END.search(text[merged[-1][0] : s])
            and not _ACTION_START.match(text[s:e].strip()) and not _RU_ACTION.match(text[s:e].strip()))
        # «в области торговли, промышленной кооперации, инвестиций, энергетики, …»: once a preposition's list
        # has begun, each short item after it is one more of its objects.
        more_objects = more_objects or (merged and after_comma and listing and not own_complement
                                        and len(text[s:e].split()) <= 4
                                        and not _ACTION_START.match(text[s:e].strip())
                                        and not _RU_ACTION.match(text[s:e].strip())
                                        # «строительство ГЭС», «создание фонда»: an action named by its noun
                                        and not re.match(r"[а-яё\-]+(?:ние|тие|ство)\b", text[s:e].strip(), re.I))
        # "in the political, trade-economic, and cultural-humanitarian areas": the noun the adjectives qualify.
        more_objects = more_objects or (merged and after_comma and _AREAS.fullmatch(text[s:e].strip()))
        # «торгово-экономической, культурно-гуманитарной»: adjectives alone qualify what is around them.
        if merged and (len(content_words(text[s:e])) < 2 or adjunct or more_objects
                       or _ADJECTIVES_ONLY.fullmatch(text[s:e].strip())):
            listing = bool(more_objects) or listing
            merged[-1][1] = e
        else:
            listing = False
            merged.append([s, e])
    return merged


def _trimmed(text: str, ls: int, le: int) -> tuple[int, int]:
    """One line of a piece without its list marker and lead words ("as well as", "to"), its closing
    punctuation, and a dangling conjunction or the next subject at its end."""
    m = re.match(r"\s*(?:\d+[.)]\s*|[-•–]\s*)?(?:as well as\s+|in the context of\s+|to\s+|that\s+|on\s+|"
                 r"the need to\s+|:\s*|(?:the\s+)?(?:issues?|questions?|matters?)\s+(?:related\s+to|concerning|regarding)"
                 r"\s+(?=\w+ing\b))?", text[ls:le], re.I)
    ls += m.end() if m else 0
    while le > ls and text[le - 1] in " .,;:!?\"'“”»«–—-\n":
        if text[le - 1] in "»”" and text.count("«“"[text[le - 1] == "”"], ls, le) > text.count(text[le - 1], ls, le - 1):
            break  # the closing quote of a name the phrase opened («Казахстан – Туркменистан»)
        le -= 1
    # "… with equal shares, and Surnamov" / "… canal and": the next subject or a dangling
    # conjunction before the following trigger is not part of the action.
    tail = re.search(r"(?:,?\s+(?:and|while|whereas|и|а)(?:\s+(?P<name>[A-ZА-Я][\w\-’']+)){1,3}|"
                     r",?\s+(?:and|и|а)(?:\s+(?:also|также))?)$", text[ls:le])
    if tail and tail.group("name") and re.search(r"\b(?:of|on|for)\s+(?:[A-Z][\w\-]*,?\s+)*[A-Z][\w\-]*$",
                                             text[ls : ls + tail.start()]):
        tail = None  # "… Commission on Technical and X Cooperation": the end of a title
    if tail and not (tail.group("name") and (country_of(tail.group("name")) or re.search(
            r"(?:\bbetween|(?<!\w)между)\s+(?:\S+\s+){0,3}\S+$", text[ls : ls + tail.start()], re.I))):
        le = ls + tail.start()
    return ls, le


_AND = re.compile(r"\s+(?:and|и)\s+(?![A-ZА-Я]|then\b|затем\b|\d)")
# Only two actions are split ("… and introducing …", «… и перейти …»), never two objects of one action
# ("tariffs for grain and fertiliser cargoes", «семян хлопчатника и кормовых культур»). (An adjective may
# come first: "… and deep processing of grain", "… and joint development of …".)
_ACTION_AFTER_AND = re.compile(
    r"(?:the\s+|a\s+)?(?:(?:deep|joint|further|new|full|close|mutual|\w+(?:al|ive|ic))\s+)?"
    r"(?:\w+ing|\w+(?:tion|ment|sion)s?\s+of|" + _EN_VERBS + r")\b|"
    r"\w+(?:ть|ться|ти|чь|ние|ение|ание|тие|ции|ция|цию|вки|зки|пки|дки|вка|зка)\b|"
    # «… и совместный ремонт каналов»: an adjective before a noun of action
    r"[а-яё]+(?:ый|ий|ой|ая|ое|ую)\s+(?:ремонт|запуск|ввод|обмен|монтаж|экспорт|импорт|транзит|"
    r"\w+(?:ние|тие|ство|ция))\b|"
    # «… и до конца 2024 года подписать …»: an infinitive after a short adverbial
    r"(?:[\w\-]+\s+){1,4}\w+(?:ть|ти)\b", re.I)


def _split_and(text: str, s: int, e: int, g: Grammar, listed: bool = False) -> list[tuple[int, int]]:
    ands = list(_AND.finditer(text, s, e))
    # "joint breeding of cattle and sheep and deep processing of wool": the first "and" joins two objects;
    # a later one before an action word splits the two actions.
    later = next((m for m in ands[1:] if _ACTION_AFTER_AND.match(text, m.end(), e)
                  and len(content_words(text[m.end() : e])) >= 2 and "," not in text[m.end() : e]
                  and not _GERUND_AFTER_PREPOSITION.search(text, s, m.start())), None)
    if ands and later is not None and not _ACTION_AFTER_AND.match(text, ands[0].end(), e) \
            and len(content_words(text[s : later.start()])) >= 3:
        return [(s, later.start()), (later.end(), e)]
    m = re.search(r"\s+(?:and|и)\s+(?![A-ZА-Я]|then\b|затем\b|\d)", text[s:e])
    if m:
        left, right = text[s : s + m.start()], text[s + m.end() : e]
        action = _ACTION_AFTER_AND.match(right)
        # «(важность) развития X и формирования Y»: two nouns of action in one oblique case, each opening its
        # side, are two actions (whatever «между» the first has); after another noun («программы X и развития Y») they are its objects.
        same_case = re.match(r"[а-яё]+[нт](ия|ию|ием)\s", left, re.I)
        if same_case and re.match(r"[а-яё]+[нт]" + same_case.group(1) + r"\s", right, re.I) \
                and len(content_words(left)) >= 3 and len(content_words(right)) >= 2 and "," not in right:
            return [(s, s + m.start()), (s + m.end(), e)]
        # "between Bishkek and Ganja", «между Ташкентом и Алматы»: the two ends of one link; "in introducing
        # and using X": two gerunds of one preposition, with one object.
        if re.search(r"(?:\bbetween|(?<!\w)между)\s+(?:\S+\s+){0,3}\S+$", left, re.I) \
                or _GERUND_AFTER_PREPOSITION.search(left):
            return [(s, e)]
        # Without an action word on the right, "and" joins two objects of the one verb ("launch the
        # trade and logistics zone", «бизнеса Казахстана и предпринимателей Туркменистана»): one measure.
        if action and len(content_words(left)) >= 3 and len(content_words(right)) >= 2 \
                and "," not in right:
            return [(s, s + m.start()), (s + m.end(), e)]
        # "a leather tannery and a brick works": two things, each with its article, are two items.
        if _A_THING.match(left) and _A_THING.match(right) and len(content_words(right)) >= 2 and "," not in right:
            return [(s, s + m.start()), (s + m.end(), e)]
        # «торговлю, транспорт и региональную безопасность»: the last of a list of items, each an item of its
        # own, is one too (Russian writes no comma before the «и»).
        if listed and g.last_item_without_comma and len(content_words(left)) >= 2 and len(content_words(right)) >= 2 \
                and "," not in right and not re.search(r"\s(?:в|во|на|по|с|со|для|о|об)\s", left) \
                and not _RU_ACTION_ANY.match(left):
            return [(s, s + m.start()), (s + m.end(), e)]
    return [(s, e)]


def _surname_mentions(text: str, people: list[Person]) -> list[tuple[int, int, Person]]:
    """«Фамилиев предложил», «Фамилиевой»: a surname alone is the person the document named in full."""
    out = []
    known = Cover(span for p in people for span in p.spans)
    stems = []
    for p in people:
        parts = p.name.split()
        if len(parts) < 2:
            continue
        stem = re.sub(r"(?<=[вн])(?:а|ой|ым|у|е)$|[аяоы]$", "", parts[-1]) if re.search("[а-яё]", parts[-1]) else parts[-1]
        if len(stem) >= 4:
            stems.append((stem, p))
    # One pass over the text for every surname (a search per person was quadratic in long documents).
    where = whole_words(text, [stem for stem, _p in stems], r"\w{0,3}")
    for stem, p in stems:
        for start, end in where[stem]:
            if not known.covers(start):
                out.append((start, end, p))
    return out


def _co_chairs(text: str, person_at) -> list[Person]:
    m = re.search(r"co-?chaired\s+by|сопредседател\w*|(?:заседание|meeting)\s+(?:провели|was\s+chaired\s+by)", text, re.I)
    if not m:
        return []
    sentence_end = text.find(".", m.end())
    chairs = []
    for a, _b, p in sorted(person_at, key=lambda x: x[0]):
        if m.end() <= a < (sentence_end if sentence_end > 0 else len(text)) and p not in chairs:
            chairs.append(p)
    return chairs[:2] if len(chairs) >= 2 else []


def _named_in(by_start: Ordered, start: int, end: int) -> list[str]:
    """The names of the people mentioned in ``[start, end)``, in the order of person_at."""
    return [p.name for _a, _b, p, _k in sorted(by_start.between(start, end), key=lambda x: x[3])]


def _proposers(text, s_start, t_start, by_start: Ordered, titled, last_speaker, clause_start=None) -> list[str]:
    named = []
    # The subject of this trigger: the last person named since the previous trigger ("Surnamov
    # proposed X, and Surnamova called for Y"), not one met "with" («в ходе встречи с Фамилиевым»).
    for a, _b, p, _k in by_start.between(clause_start or s_start, t_start):
        if p.name not in named and not re.search(
                r"(?:\bс|\bсо|\bwith|\bк|\bto)\s+$", text[max(s_start, a - 5) : a], re.I):
            named.append(p.name)
    if named:
        return named
    before = text[s_start:t_start]
    if _PLURAL_SUBJECT.search(before):
        return [p.name for p in titled]
    if re.search(r"\b(?:it was|he|she|он|она)\b", before, re.I) or not before.strip():
        return list(last_speaker)
    # "the Director of the X Institute … proposed": the person holding that role.
    for p in titled:
        for role in p.roles:
            if role.organization and role.organization.split(" under ")[0] in before:
                return [p.name]
    return []
