"""Money and other quantities in text, as exact decimals with their evidence spans.

``find_quantities("trade reached $4.4 bn")`` gives one :class:`Quantity` with
``value == Decimal("4400000000")`` and ``unit == "USD"``. The words (multipliers,
currencies in all their inflections, units, counted nouns, qualifiers) are data
in ``lexicons/units.tsv`` so that a user can teach the engine a new word without
touching code. The lexicon is read once, on first use.

The scan is anchored on digits: every number is found with one cheap regex and
the words around it are matched from there, so the cost grows with the number of
digits in a text, not with the size of the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from kenes.extraction.quick import CaseFree

LEXICON = Path(__file__).with_name("lexicons") / "units.tsv"

QUALIFIERS = ("approximately", "at_least", "more_than", "up_to")


@dataclass(frozen=True)
class Quantity:
    start: int  # the whole expression, qualifier words included ("more than $3 billion")
    end: int
    value: Decimal  # fully expanded and exact: "$1.5 bn" -> Decimal("1500000000")
    unit: str  # ISO 4217 code for money, else a lower-case noun ("percent", "enterprises")
    qualifier: str | None  # one of QUALIFIERS or None
    number_start: int  # just the number and its unit, without the qualifier
    number_end: int

    @property
    def is_money(self) -> bool:
        return _is_currency(self.unit)


def format_decimal(value: Decimal) -> str:
    """The contract's decimal string: no exponent, no trailing zeros ("10000000000", "17.8")."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


# Whitespace inside an expression: ordinary, no-break and narrow no-break spaces.
_SP = "[ \u00a0\u202f\t]"
_LETTER_AFTER = r"(?![^\W\d_])"
_HYPHEN_ENDING = re.compile(r"-[^\W\d_]{1,4}(?![^\W\d_])")
_LETTER_BEFORE = r"(?<![^\W\d_])"

# A number: thousands grouped by commas, dots (two groups or more) or spaces, or plain
# digits; then an optional decimal part. "1,300,000", "1 300 000", "185,1", "4.4".
_NUMBER = re.compile(
    r"(?<![\w.,/:])"
    r"(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?:[ \u00a0\u202f]\d{3})+)(?!\d)|\d+)"
    r"(?:[.,]\d+)?"
)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_NEXT_IS_NUMBER_PART = re.compile(r"[.,:/]\d")


@dataclass(frozen=True)
class _Lexicon:
    multipliers: dict[str, Decimal]
    right: re.Pattern  # multiplier / currency / unit / counted noun after a number
    prefix: re.Pattern  # a currency sign or code right before a number (searched backwards)
    qualifier: re.Pattern  # a qualifier right before the quantity
    postqualifier: re.Pattern
    growth: re.Pattern
    partof: re.Pattern
    values: dict[str, dict[str, str]]  # kind -> folded form -> value


def _fold(form: str) -> str:
    return re.sub(r"\s+", " ", form.casefold())


def _form_pattern(form: str) -> str:
    stem = form.endswith("*") and len(form) > 1
    word = form[:-1] if stem else form
    pattern = _SP.join(re.escape(part) for part in word.split(" "))
    pattern = pattern.replace(_SP, _SP + "+")
    if stem:
        return pattern + r"[^\W\d_]*"
    if word[-1].isalpha():
        return pattern + _LETTER_AFTER
    return pattern


def _alternation(forms: list[str]) -> str:
    # Longest first so that "долларов США" wins over "долларов".
    ordered = sorted(set(forms), key=lambda f: (-len(f.rstrip("*")), f))
    return "|".join(_form_pattern(f) for f in ordered)


def _read_lexicon(paths: list[Path]) -> dict[str, list[tuple[str, str]]]:
    from kenes.extraction.lexicons import LexiconError

    entries: dict[str, list[tuple[str, str]]] = {}
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"lexicon {path} cannot be read: {exc}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not parts[1]:
                raise LexiconError(f"lexicon {path} line {number}: expected KIND<TAB>FORM<TAB>VALUE")
            kind, form, value = parts
            entries.setdefault(kind, []).append((form, value.strip()))
    return entries


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    from kenes.extraction.lexicons import files

    # The built-in units first, then the user's own (KENES_LEXICONS).
    entries = _read_lexicon(files(LEXICON.name))

    def forms(kind: str) -> list[str]:
        return [form for form, _ in entries.get(kind, [])]

    values = {
        kind: {_fold(form.rstrip("*")): value for form, value in pairs}
        for kind, pairs in entries.items()
    }
    multipliers = {form: Decimal(value) for form, value in values.get("multiplier", {}).items()}
    # One-letter multipliers ("$44m", "$5b") only count when glued to the number:
    # "5 m" is as likely to be metres.
    glued = forms("multiplier")
    spaced = [f for f in glued if len(f.rstrip("*.")) > 1]
    units = forms("currency") + forms("unit")
    describing_word = (
        r"(?!(?:the|a|an|of|and|or|in|to|for|by|on|with|at|from|than|per|"
        # (an Uzbek word keeps its o‘/g‘ in whichever apostrophe it is written: "qo‘shma", "qoʻshma")
        r"и|в|на|с|по|из|до|за|к|от|или)" + _LETTER_AFTER + r")[^\W\d_][\w'’‘ʻ`-]*"
    )
    right = re.compile(
        # a multiplier, glued ("1.5bn") or after a space ("1.5 bn")
        rf"(?:(?P<mult>{_alternation(glued)})|{_SP}(?P<mult2>{_alternation(spaced)}))?"
        # a currency or unit ("$10 billion dollars", "4,4 млрд. долл. США", "17.8%")
        rf"(?:\.?{_SP}?(?P<unit>{_alternation(units)})"
        # or a counted noun with up to three describing words before it
        # ("45 узбекских IT-компаний": a short prefix may be glued to the noun by a hyphen)
        rf"|\.?{_SP}+(?P<adj>(?:{describing_word}{_SP}+){{0,3}}?)(?:[^\W\d_]{{1,5}}-)?"
        rf"(?P<noun>{_alternation(forms('noun'))}))?",
        re.IGNORECASE,
    )
    prefix = re.compile(
        rf"(?:{_LETTER_BEFORE}(?P<prefix>{_alternation(forms('prefix'))})){_SP}?\Z",
        re.IGNORECASE,
    )
    qualifier = re.compile(
        rf"{_LETTER_BEFORE}(?P<qualifier>{_alternation(forms('qualifier'))}){_SP}+\Z",
        re.IGNORECASE,
    )
    postqualifier = re.compile(
        rf"(?:-?[^\W\d_]{{0,3}})?{_SP}*(?P<post>{_alternation(forms('postqualifier'))})",
        re.IGNORECASE,
    )
    growth = re.compile(
        rf"{_LETTER_BEFORE}(?:{_alternation(forms('growth'))})", re.IGNORECASE
    )
    partof = re.compile(
        rf"{_LETTER_BEFORE}(?:{_alternation(forms('partof'))})[\s,]*(?:\w+[\s,]+)?\Z",
        re.IGNORECASE,
    )
    return _Lexicon(multipliers, right, prefix, qualifier, postqualifier, growth, partof, values)


def _parse_number(raw: str, thousands_comma: bool) -> Decimal | None:
    digits = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in digits:
        digits = digits.replace(" ", "")
        digits = digits.replace(",", ".")
    elif digits.count(",") > 1 or (digits.count(".") > 1):
        # Several separators of one kind are thousands: "1,300,000", "1.300.000".
        sep, other = ("," , ".") if digits.count(",") > 1 else (".", ",")
        digits = digits.replace(sep, "").replace(other, ".")
    elif "," in digits and "." in digits:
        # "1,300.5" (English) or "1.300,5" (Russian): the last separator is the decimal one.
        if digits.rfind(",") > digits.rfind("."):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif "," in digits:
        whole, _, fraction = digits.partition(",")
        # English groups thousands with a comma; Russian, Kazakh and Uzbek write the
        # decimal comma ("185,1 млрд"): lexicons/numbers.tsv.
        if thousands_comma and len(fraction) == 3 and whole != "0":
            digits = whole + fraction
        else:
            digits = whole + "." + fraction
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _lookup(lexicon: _Lexicon, kind: str, matched: str) -> str | None:
    """The lexicon value for a matched form (exact form first, then the longest stem)."""
    table = lexicon.values.get(kind, {})
    folded = _fold(matched)
    if folded in table:
        return table[folded]
    for length in range(len(folded), 0, -1):
        value = table.get(folded[:length])
        if value is not None:
            return value
    return None


@dataclass
class _Candidate:
    start: int
    end: int
    number_start: int
    number_end: int
    value: Decimal
    factor: Decimal  # the multiplier applied (1 when none)
    unit: str | None
    qualifier: str | None


def _qualifier_before(
    text: str, lexicon: _Lexicon, position: int, times: bool
) -> tuple[int, str | None]:
    window_start = max(0, position - 40)
    window = text[window_start:position]
    if times:
        # "почти в 2,5 раза": the preposition stands between qualifier and number.
        stripped = re.sub(rf"{_LETTER_BEFORE}[вВ]{_SP}+\Z", "", window)
        window = stripped
    found = lexicon.qualifier.search(window)
    if not found:
        return position, None
    qualifier = _lookup(lexicon, "qualifier", found.group("qualifier"))
    start = window_start + found.start("qualifier")
    if qualifier == "up_to":
        # "boost trade up to $5 billion", "довести товарооборот до $10 млрд": after a word
        # of growth, "to" names the target, it is not a bound. "grew by up to 5%" still is.
        before = text[max(0, start - 60):start]
        words = re.findall(r"[^\W\d_][\w'’-]*", before)[-6:]
        if words and words[-1].casefold() not in {"by", "на"} and any(
            lexicon.growth.match(word) for word in words
        ):
            return position, None
    return start, qualifier


def find_quantities(text: str, lang: str = "en") -> list[Quantity]:
    """Every money amount and quantity in ``text``, sorted by start, not overlapping."""
    # Targets, figures and projects all ask for the same document's quantities: scan once.
    return list(_find_quantities(text, lang))


# Two entries: the document being extracted (and one more), never a pile of old texts.
@lru_cache(maxsize=2)
def _find_quantities(text: str, lang: str) -> tuple[Quantity, ...]:
    lexicon = _lexicon()
    from kenes.extraction.lexicons import number_writing

    writing = number_writing(lang)
    thousands_comma, hyphen_endings = writing["comma"] == "thousands", writing["hyphen_endings"] == "yes"
    candidates: list[_Candidate] = []
    for number in _NUMBER.finditer(text):
        read = _read_number(text, lexicon, number, thousands_comma, hyphen_endings)
        if read is not None:
            candidates.append(_candidate(text, lexicon, number, *read))
    _inherit_units(text, lexicon, candidates)
    _counted_units(text, lexicon, candidates)
    candidates += _spelled_counts(text, lexicon, lang)
    candidates.sort(key=lambda c: c.start)
    candidates = _compounds(text, candidates)
    quantities: list[Quantity] = []
    last_end = -1
    for c in candidates:
        if c.unit is None or c.start < last_end:
            continue
        quantities.append(
            Quantity(c.start, c.end, c.value, c.unit, c.qualifier, c.number_start, c.number_end)
        )
        last_end = c.end
    return tuple(quantities)


def _compounds(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """"3 млрд 100 млн долларов", "1 billion 200 million": one amount written with two multipliers, the
    larger first, is their sum, in the unit the second gives."""
    out: list[_Candidate] = []
    for c in candidates:
        prev = out[-1] if out else None
        if prev is not None and prev.factor >= 1_000_000 and 1 < c.factor < prev.factor \
                and (prev.unit is None or c.unit in (None, prev.unit)) and not text[prev.end : c.start].strip() \
                and c.start - prev.end <= 2 and c.qualifier is None and (prev.unit or c.unit):
            out[-1] = _Candidate(start=prev.start, end=c.end, number_start=prev.number_start, number_end=c.number_end,
                                 value=prev.value + c.value, factor=prev.factor, unit=c.unit or prev.unit,
                                 qualifier=prev.qualifier)
            continue
        out.append(c)
    return out


def _read_number(text: str, lexicon: _Lexicon, number: re.Match, thousands_comma: bool, hyphen_endings: bool):
    """(value, the words after it, an inner post-qualifier, where it ends) of a number that is a
    quantity's; None for a name ("COVID-19"), a date or time, an ordinal or a compound word."""
    n_start, n_end = number.span()
    length = len(text)
    # "COVID-19", "Su-35": a number glued to a word by a hyphen is a name.
    if n_start >= 2 and text[n_start - 1] == "-" and text[n_start - 2].isalpha():
        return None
    # "28.08.2024", "10:30", "1/2": part of a date, a time or a fraction.
    if _NEXT_IS_NUMBER_PART.match(text, n_end):
        return None
    value = _parse_number(number.group(), thousands_comma)
    if value is None:
        return None
    # Kazakh and Uzbek put the qualifier after the number: "600-ден астам кәсіпорын",
    # "600 dan ortiq korxona".
    inner_post = lexicon.postqualifier.match(text, n_end)
    right = lexicon.right.match(text, inner_post.end() if inner_post else n_end)
    if inner_post and (right.group("mult") or right.group("mult2") or not (right.group("unit") or right.group("noun"))):
        # The postposition follows the whole amount, never sits inside "5 млн".
        inner_post = None
        right = lexicon.right.match(text, n_end)
    mult_text = right.group("mult") or right.group("mult2")
    end = right.end() if (mult_text or right.group("unit") or right.group("noun")) else n_end
    if end < length and text[end - 1].isalnum() and (
        text[end].isalpha() or (text[end] == "-" and end + 1 < length and text[end + 1].isalpha())
    ):
        # "2nd", "18-й", "5-year": an ordinal or a compound word, not a quantity;
        # a post-qualifier ("600-ден астам") is the exception, and so is a case ending written after
        # a hyphen on an abbreviated multiplier or unit ("$1,2 млрд-тан", "5 mlrd-dan").
        case_ending = hyphen_endings and (mult_text or right.group("unit")) and _HYPHEN_ENDING.match(text, end)
        if not lexicon.postqualifier.match(text, end) and not case_ending:
            return None
    return value, right, inner_post, end


def _candidate(text: str, lexicon: _Lexicon, number: re.Match, value: Decimal, right: re.Match, inner_post,
               end: int) -> _Candidate:
    """The quantity a number starts: its multiplier, unit or currency, qualifier and span."""
    n_start, n_end = number.span()
    raw = number.group()
    mult_text = right.group("mult") or right.group("mult2")
    unit_text, noun_text = right.group("unit"), right.group("noun")
    factor = Decimal(1)
    if mult_text:
        factor = Decimal(_lookup(lexicon, "multiplier", mult_text) or 1)
        value *= factor
    unit: str | None = None
    if unit_text:
        unit = _lookup(lexicon, "currency", unit_text) or _lookup(lexicon, "unit", unit_text)
    elif noun_text:
        unit = _lookup(lexicon, "noun", noun_text)
        if not mult_text and "," not in raw and "." not in raw and _YEAR_LIKE.fullmatch(raw):
            # "in 2023 projects worth…": a year, not a count of 2023 projects.
            unit = None
            end = n_end
        if unit is not None and value != value.to_integral_value():
            unit = None
            end = n_end
    start = n_start
    prefixed = lexicon.prefix.search(text, max(0, n_start - 8), n_start)
    if prefixed:
        currency = _lookup(lexicon, "prefix", prefixed.group("prefix"))
        if currency and (unit is None or unit == currency or noun_text):
            start = prefixed.start("prefix")
            if noun_text:
                # "$5 million projects": the money is the quantity, the noun is not its unit.
                end = right.end("mult") if right.group("mult") else (
                    right.end("mult2") if right.group("mult2") else n_end
                )
            unit = currency
    q_start, qualifier = _qualifier_before(text, lexicon, start, unit == "times")
    post = lexicon.postqualifier.match(text, end)
    if inner_post is not None:
        post = None
        qualifier = qualifier or _lookup(lexicon, "postqualifier", inner_post.group("post"))
    if post and qualifier is None and unit is not None:
        qualifier = _lookup(lexicon, "postqualifier", post.group("post"))
        end = post.end()
    return _Candidate(start=q_start, end=end, number_start=start,
                      number_end=end if not post or qualifier is None else post.start(),
                      value=value, factor=factor, unit=unit, qualifier=qualifier)


# Counts written as words: "six pilot projects", "шести совместных проектов", "a dozen joint ventures".
# "one"/"один" are left out: "one of the projects" counts nothing.
_EN_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "a dozen": 12, "two dozen": 24,
}
# Russian stems with every case ending: "пять", "пяти", "пятью"; "двух", "двумя".
_RU_NUMBER_WORDS = [
    (r"дв(?:а|е|ух|ум|умя)", 2), (r"тр(?:и|[её]х|[её]м|[её]мя)", 3), (r"четыр(?:е|[её]х|[её]м|ьмя)", 4),
    (r"пят(?:ь|и|ью)", 5), (r"шест(?:ь|и|ью)", 6), (r"сем(?:ь|и|ью)", 7), (r"вос(?:емь|ьми|емью|ьмью)", 8),
    (r"девят(?:ь|и|ью)", 9), (r"десят(?:ь|и|ью)", 10), (r"одиннадцат(?:ь|и|ью)", 11),
    (r"двенадцат(?:ь|и|ью)", 12), (r"тринадцат(?:ь|и|ью)", 13), (r"четырнадцат(?:ь|и|ью)", 14),
    (r"пятнадцат(?:ь|и|ью)", 15), (r"шестнадцат(?:ь|и|ью)", 16), (r"семнадцат(?:ь|и|ью)", 17),
    (r"восемнадцат(?:ь|и|ью)", 18), (r"девятнадцат(?:ь|и|ью)", 19), (r"двадцат(?:ь|и|ью)", 20),
    (r"тридцат(?:ь|и|ью)", 30), (r"сорок(?:а)?", 40), (r"пят(?:ьдесят|идесяти)", 50),
]
_SPELLED = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(sorted(_EN_NUMBER_WORDS, key=len, reverse=True)).replace(" ", r"\s+")
    + "|" + "|".join(f"(?:{p})" for p, _ in _RU_NUMBER_WORDS) + r")(?![^\W\d_])",
    re.IGNORECASE,
)


def _spelled_value(word: str) -> int | None:
    folded = re.sub(r"\s+", " ", word.casefold())
    if folded in _EN_NUMBER_WORDS:
        return _EN_NUMBER_WORDS[folded]
    return next((v for p, v in _RU_NUMBER_WORDS if re.fullmatch(p, folded)), None)


@lru_cache(maxsize=8)
def _number_words(lang: str) -> re.Pattern | None:
    """A pattern finding a language's own number words (``lexicons/<lang>/number_words.tsv``: "бес",
    "o'n") as whole words; None for a language without them."""
    from kenes.extraction import lexicons

    words = sorted(lexicons.number_words(lang), key=len, reverse=True)
    # ("ikki tomonlama", "екі жақты": bilateral, not two of anything)
    not_before = "|".join(map(re.escape, lexicons.not_numbers_before(lang))) or "(?!)"
    return re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'])(?!\s+(?:" + not_before + "))",
                      re.IGNORECASE) if words else None


# The number words read in the lower-cased text (kenes.extraction.quick): their values are the same.
_SPELLED_CASE_FREE = CaseFree(_SPELLED)


def _spelled(text: str, lang: str):
    """Each number written as a word, with its value: the English and Russian words, then the language's own."""
    for found in _SPELLED_CASE_FREE.finditer(text):
        yield found, _spelled_value(found.group())
    pattern = _number_words(lang)
    if pattern is not None:
        from kenes.extraction.lexicons import canon, number_words

        for found in pattern.finditer(canon(text)):  # canon keeps the length: offsets hold
            yield found, number_words(lang).get(found.group().lower())


def _spelled_counts(text: str, lexicon: _Lexicon, lang: str = "en") -> list[_Candidate]:
    out = []
    for found, value in _spelled(text, lang):
        right = lexicon.right.match(text, found.end())
        if value is not None and right.group("mult2") and right.group("unit"):
            # An amount in words: "ten billion dollars", "пять миллиардов долларов".
            factor = Decimal(_lookup(lexicon, "multiplier", right.group("mult2")) or 1)
            unit = _lookup(lexicon, "currency", right.group("unit")) or _lookup(lexicon, "unit", right.group("unit"))
            if unit is not None and factor > 1:
                start, qualifier = _qualifier_before(text, lexicon, found.start(), False)
                out.append(_Candidate(start=start, end=right.end(), number_start=found.start(),
                                      number_end=right.end(), value=Decimal(value) * factor, factor=factor,
                                      unit=unit, qualifier=qualifier))
            continue
        # Otherwise only a counted noun: "five percent" or "two million" stay with the digit rules. One is
        # never a count: "бір жоба", "bir loyiha" is "a project" (English and Russian have no "one" here).
        if value is None or value < 2 or not right.group("noun") or right.group("mult") or right.group("mult2"):
            continue
        unit = _lookup(lexicon, "noun", right.group("noun"))
        if unit is None:
            continue
        start, qualifier = _qualifier_before(text, lexicon, found.start(), False)
        out.append(_Candidate(start=start, end=right.end(), number_start=found.start(), number_end=right.end(),
                              value=Decimal(value), factor=Decimal(1), unit=unit, qualifier=qualifier))
    return out


_CONNECTOR = re.compile(
    rf"{_SP}*(?:[-–—]|(?:and then|and|or|to|then|и|или|до|and up to|—){_SP}+\$?)?{_SP}*\Z",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")


def _inherit_units(text: str, lexicon: _Lexicon, candidates: list[_Candidate]) -> None:
    """Give a bare number the unit of its neighbour in a range or a part-of phrase.

    "up to 5 billion and then 10 billion US dollars" and "3–5 billion dollars" name
    dollars once for both numbers; "more than 1,000 enterprises, of which over 400
    joint" counts enterprises twice.
    """
    for index, bare in enumerate(candidates):
        if bare.unit is not None:
            continue
        following = candidates[index + 1] if index + 1 < len(candidates) else None
        if _is_year(text, bare):
            # "reached $1.46 billion in 2024 and $392.7 million in Q1 2025": the year is a date,
            # not the first number of a range.
            continue
        if (
            following is not None
            and following.unit is not None
            and following.start - bare.end <= 12
            and _CONNECTOR.match(text[bare.end:following.start]) is not None
            and (bare.factor != 1 or following.factor != 1)
        ):
            bare.unit = following.unit
            if bare.factor == 1:
                bare.value *= following.factor
            continue
        if index > 0 and bare.factor == 1:
            previous = candidates[index - 1]
            gap = text[previous.end:bare.start]
            if (
                previous.unit is not None
                and not _is_currency(previous.unit)
                and len(gap) <= 80
                and not _SENTENCE_BREAK.search(gap)
                and lexicon.partof.search(gap)
            ):
                bare.unit = previous.unit


# "raise the number of exchange students in the region to 10,000": the bare number counts
# the noun that "the number of" names.
_NUMBER_OF = re.compile(
    r"(?:\bnumber\s+of|(?<![^\W\d_])(?:числ[оа]|количеств[оа]))\s+(?:[^\W\d_][\w'’-]*\s+){0,2}"
    r"(?P<noun>[^\W\d_]{3,}(?:s|ов|ев|ей|ий))\b[^.;!?\d]{0,60}?(?:\bto|\bup\s+to|(?<![^\W\d_])до)\s+\Z",
    re.IGNORECASE,
)


def _counted_units(text: str, lexicon: _Lexicon, candidates: list[_Candidate]) -> None:
    for bare in candidates:
        if bare.unit is not None:
            continue
        found = _NUMBER_OF.search(text[max(0, bare.number_start - 120):bare.number_start])
        if found and not _YEAR_LIKE.fullmatch(text[bare.number_start:bare.number_end]):
            noun = found.group("noun")
            # The lexicon's unit when it knows the noun ("предприятий" → enterprises).
            bare.unit = _lookup(lexicon, "noun", noun) if lexicon.right.fullmatch(" " + noun) else None
            bare.unit = bare.unit or noun.lower()


_YEAR_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:in|of|for|since|by|until|till|during|from|through|year|fiscal|"
    r"в|во|за|к|до|с|по|от|на|итогам|году|года)\s+\Z",
    re.IGNORECASE,
)


def _is_year(text: str, bare: _Candidate) -> bool:
    """A bare four-digit 19xx/20xx after "in", "за", "of"… is a year."""
    raw = text[bare.number_start:bare.number_end]
    return bool(
        bare.factor == 1
        and _YEAR_LIKE.fullmatch(raw)
        and _YEAR_BEFORE.search(text[max(0, bare.number_start - 12):bare.number_start])
    )


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()
