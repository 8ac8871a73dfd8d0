"""Numbers written in words: "tūkstantis du šimtai", "femoghalvfjerds", "dalawampu't lima", "పన్నెండు వందల".

Translators spell numbers out where the source has digits; the digit check then reports a missing or
changed number. :func:`find_spelled_numbers` reads cardinals, ordinals, simple fractions and multipliers
written in words, and digits followed by a scale word ("2,5 mln.", "12 thousand", "3 లక్షల"), so the check
can compare them with the digits of the other language version.

Package choice: the word forms come from CLDR's rule-based number format (RBNF) data through
``unicode-rbnf`` (MIT, pure Python, CLDR XML shipped in the wheel, no dependencies; maintained by
Rhasspy's author, github.com/rhasspy/unicode-rbnf, checked with 2.4.1). It covers lt, da, fil (Tagalog),
en and ~80 other languages, with the gendered rulesets CLDR has (Lithuanian masculine/feminine, Danish
common/neuter). ``num2words`` (LGPL) was looked at: it has no Tagalog, raises ``NotImplementedError`` for
Lithuanian ordinals and its Telugu is not usable ("ఒకటి వంద" for 100, "ఒకటివ" for first). Neither has
Telugu in CLDR quality, so Telugu's 1-19, tens and scale words are written here (a base lexicon, ~40
words) and everything else is derived by rule.

What CLDR lacks is added by documented rules, not per-number lists: Lithuanian case endings of the
cardinal (i-stem plural adjective endings for 4-9; the two irregular paradigms du/dvi and trys), noun
(šimtas, tūkstantis, milijonas) and adjective paradigms (ordinals, plain and pronominal, from the cardinal
stem: penk-i -> penk-t-as, septyn-i -> septin-t-as), collective numerals (treji, ketveri, penkeri: "prieš
trejus metus") and -dalis fractions (trečdalis, ketvirtadalis); Danish "-sindstyve" long tens, "-del"
fractions and "-dobbelt" multipliers; Tagalog linkers (-ng/-g, "na", "'t"), the "-mpu/-napu" tens (CLDR
prints the archaic "dalawáng pû"), labing-/labin- teens, "ika-"/"pang-" ordinals, "san-" contractions
(sandaan) and d > r after a vowel (apat na raan); Telugu "-ల/-లు" plurals, "-ొందలు" hundreds, "-వ/-ో"
ordinals, "-గురు" human counts and glued case suffixes. English scale words after digits are read in
every language (translations copy "$11 billion" through).

Precision rules (what is *not* read):

* a form of "one" that doubles as the indefinite article (a, an, one, en, et, isa, isang, vienas, ఒక,
  ein, un, ...) is read only as part of a longer number ("et tusind", "isang daan", "one hundred");
* a scale word alone ("thousands", "milijonai", "daan" = road/hundred, "tusind" in "tusind tak") is read
  only after a multiplier, except the singular forms that always mean exactly one of them (Lithuanian
  "šimtas", "tūkstantis", Tagalog "sandaan", Telugu "వెయ్యి", "లక్ష");
* Tagalog zero "wala"/"walang" (= none, there is no) is not read;
* a word that has a common non-numeric sense ("second" the time unit, Danish "anden" = other, Lithuanian
  "pusė" = side, "quarter") is returned with ``ambiguous=True``; callers that need certainty drop those.

Joints CLDR's sample numbers do not show are derived from the ones they do: a language whose two-digit
numbers drop a final vowel before a vowel (Italian "venti" + "uno" = "ventuno") drops it at every joint
("cento" + "ottanta" = "centottanta"), and a unit that takes an accent at the end of a compound ("ventitré")
takes it in every compound ("trecentotré"). A bare hundred or thousand after a thousand ("mil ciento",
"tusind hundrede og tolv") or heading a number that goes on ("hundertzwanzig", "tusind syvhundrede") is one
of them; alone it is not read ("tausend Dank"). A test spells numbers with CLDR in ten languages and reads
them back.

Parsing is greedy over word tokens: a number grows while the next word fits the place value structure
("twenty five" joins, "five twenty" does not) and stops before a linker that is not followed by a number.
Compounds that languages write as one word ("zweitausend", "tretusind") are split into lexicon pieces; a
word is read only if all its pieces form one number. A fraction before a scale word multiplies it
("pusantro milijono" = 1500000, "half a million").

Known gaps: ordinals glued to a noun (Danish "tredjeplads", Telugu "రెండవస్థానంలో"), age and decade
compounds ("dvidešimtmetis"), Telugu oblique forms before nouns ("పద సంవత్సరాల") and ordinals of tens
(ఇరవయ్యవ), Spanish-derived Tagalog numbers (bente, singkwenta), ordinals above 99 outside Lithuanian, Danish
"hundrede" alone (100), French "quatre-vingt" before "mille",
and languages written without spaces (ja, zh, th, ...), which are not read at all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

import regex

from aligner.langid.codes import canonical

__all__ = ["SpelledNumber", "find_spelled_numbers", "supported_languages"]

KINDS = ("cardinal", "ordinal", "fraction", "multiplier", "scaled")


@dataclass(frozen=True)
class SpelledNumber:
    """One number written (partly) in words: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    value: Decimal
    kind: str
    scale: str | None = None
    ambiguous: bool = False


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

# Word classes: NUM (an atom below 1000 that adds), HUND (x100), SCALE (x1000 and up), ORD (ordinal atom),
# CONJ (linker between number words), FRAC (fraction), DENOM (fraction denominator after a cardinal:
# "thirds"), MULT (multiplier word: "twice"), TIMES (word after a cardinal making it a multiplier).
NUM, HUND, SCALE, ORD, CONJ, FRAC, DENOM, MULT, TIMES = range(9)


@dataclass(frozen=True)
class _Entry:
    cls: int
    value: Decimal
    weak: bool = False  # a form of one that is also an article: read only inside a longer number
    alone: bool = False  # HUND/SCALE that may stand alone ("šimtas" = one hundred)
    ambiguous: bool = False
    dot: bool = False  # an abbreviation: a word only with its dot ("mio." yes, the name "Mia" no)


#: aligner language code -> RBNF locale
_RBNF_LOCALE = {"tl": "fil", "nb": "no", "no": "no"}
#: Languages whose words are not separated by spaces or whose script this module does not tokenise.
_NO_SPACES = frozenset("ja zh yue th lo km my".split())


def _fold(word: str, strip_accents: bool) -> str:
    word = word.lower().replace("’", "'").replace("\u00ad", "")
    if strip_accents:
        word = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
        word = unicodedata.normalize("NFC", word)
    return word


def _add(lex: dict, word: str, entry: _Entry) -> None:
    """First entry wins: the cardinal reading of a form beats a derived ordinal or fraction."""
    if word and word not in lex:
        lex[word] = entry


def _rbnf_forms(locale: str):
    """(value, purpose, phrase) for the numbers whose spell-out teaches us the words."""
    from unicode_rbnf import FormatPurpose, RbnfEngine

    engine = RbnfEngine.for_language(locale)
    values = list(range(0, 100)) + [k * 100 for k in range(1, 10)] + [101, 325]
    for s in (10**3, 10**6, 10**9, 10**12):
        values += [s, 2 * s, 5 * s, 20 * s]
    for purpose in (FormatPurpose.CARDINAL, FormatPurpose.ORDINAL):
        for n in values:
            if purpose == FormatPurpose.ORDINAL and not 0 < n < 100:
                continue
            try:
                result = engine.format_number(n, purpose)
            except Exception:  # a locale without ordinal rules, or a number out of its range
                continue
            for name, text in result.text_by_ruleset.items():
                if "year" in name or "verbose" in name or not text:
                    continue
                yield n, purpose == FormatPurpose.ORDINAL, text


_WORD = regex.compile(r"[\p{L}\p{M}\u200c\u200d]+(?:['’-][\p{L}\p{M}\u200c\u200d]+)*")


_SPLIT = regex.compile(r"[-\s]+|(?=')")


def _split_word(word: str) -> list[str]:
    return [p for p in _SPLIT.split(word) if p]


def _from_rbnf(lang: str, lex: dict, strip: bool) -> None:
    locale = _RBNF_LOCALE.get(lang, lang)
    phrases: dict[tuple[int, bool], set[str]] = {}
    for n, is_ord, text in _rbnf_forms(locale):
        phrases.setdefault((n, is_ord), set()).add(_fold(text, strip))
    scales = {}
    # Scale words: the last word of "two thousand", "five million", ... (plural and singular forms).
    units = {n: texts for (n, is_ord), texts in phrases.items() if not is_ord and n < 100}
    for (n, is_ord), texts in phrases.items():
        if is_ord or n < 100 or n % 100:
            continue
        s = next(s for s in (10**12, 10**9, 10**6, 10**3, 100) if n % s == 0)
        k = n // s
        for text in texts:
            words = _split_word(text)
            if k == 1 and len(words) == 1:
                scales.setdefault(words[0], s)
            elif k in (2, 5, 20) and len(words) > 1:
                scales.setdefault(words[-1], s)
            elif k in (2, 5, 20):  # one compound word: "zweitausend" = "zwei" + "tausend"
                for unit in units.get(k, ()):
                    if words[0].startswith(unit) and len(words[0]) > len(unit) + 2:
                        scales.setdefault(words[0][len(unit):], s)
    # A language that writes one hundred or one thousand as one word ("cent", "cien", "cento", "mil", "mille",
    # "honderd") lets that word start a number: "cent quarante" = 140, "mil doscientos" = 1200.
    # (Romance languages; the Germanic ones only for the hundred: "Tusind tak", "tausend Dank" are thanks, and
    # Tagalog "daan" alone is a road.)
    alone_at = (100, 1000) if lang in _ROMANCE else (100,) if lang in ("nl", "de", "af") else ()
    single = {words[0] for (n, is_ord), texts in phrases.items() if not is_ord and n in alone_at
              for words in map(_split_word, texts) if len(words) == 1}
    # ... and so does the word that starts 101-199 when it is a hundred word of its own ("cento e um", "ciento uno")
    starts = {words[0] for (n, is_ord), texts in phrases.items() if not is_ord and 100 < n < 200
              for words in map(_split_word, texts) if len(words) > 1} if lang in _ROMANCE else set()
    for word in starts - set(units.get(1, ())) - {w for t in units.get(1, ()) for w in _split_word(t)}:
        if word not in scales:
            _add(lex, word, _Entry(HUND, Decimal(100), alone=True))
    single |= starts
    # A one-word hundred or thousand that carries its own "one" ("etthundra", "eintausend", "etthundratusen")
    # says exactly one of them wherever it stands.
    ones = {w for t in units.get(1, ()) for w in _split_word(t)} | {"ein", "ett", "een", "et"} & set(lex)
    single |= {w for w in scales if any(w.startswith(o) and len(w) > len(o) + 2 for o in ones)}
    for word, s in scales.items():
        _add(lex, word, _Entry(HUND if s == 100 else SCALE, Decimal(s), alone=word in single))
    # A unit that takes an accent at the end of a compound (Italian "ventitré": "tre" -> "tré"), as CLDR writes
    # it in the two-digit numbers: the same form ends the longer compounds ("trecentotré").
    for n in range(21, 100):
        tens, unit = units.get(n - n % 10, ()), units.get(n % 10, ())
        for text in phrases.get((n, False), ()):
            for t in tens:
                tail = text[len(t) - 1:] if text.startswith(t[:-1]) else ""
                tail = tail[1:] if text.startswith(t) else tail
                for u in unit:
                    if tail and tail != u and _fold(tail, True) == _fold(u, True) and tail[-1] != u[-1]:
                        _add(lex, tail, _Entry(NUM, Decimal(n % 10)))
    for (n, is_ord), texts in sorted(phrases.items()):
        for text in texts:
            if not is_ord and n < 1000 and "-" in text and " " not in text:
                # one hyphenated word (French "quatre-vingt-six", "dix-sept"): the reader's tokens keep hyphens
                _add(lex, text, _Entry(NUM, Decimal(n)))
            words = [w for w in _split_word(text) if w not in ("'t",)]
            if len(words) == 1:
                w = words[0]
                if is_ord:
                    _add(lex, w, _Entry(ORD, Decimal(n), ambiguous=(n == 2 and lang not in ("lt", "tl"))))
                elif n < 1000 and w not in scales:
                    _add(lex, w, _Entry(NUM, Decimal(n), weak=(n == 1)))
            elif not is_ord and n < 1000 and n % 100 == 0 and len(words) == 2:
                # "dalawang daan", "to hundrede": the first word is the multiplier's form before a scale.
                _add(lex, words[0], _Entry(NUM, Decimal(n // 100), weak=(n == 100)))
            elif not is_ord and n >= 1000 and len(words) == 2 and words[1] in scales:
                k = n // scales[words[1]]
                if k < 1000:
                    _add(lex, words[0], _Entry(NUM, Decimal(k), weak=(k == 1)))


# ---- Lithuanian: case endings (documented paradigms of the grammar, applied to CLDR's nominatives) ----

#: Plural adjective-like endings of 4-9 (keturi, penki, ... devyni): masc. nom/gen/dat/acc/instr/loc,
#: then the feminine ones.
_LT_PL = ("i", "ių", "iems", "is", "iais", "iuose", "ios", "ių", "ioms", "ias", "iomis", "iose")
#: -a nouns (teens: dvylika, dvylikos, dvylikai, dvyliką, dvylika, dvylikoje), and the short locative and
#: instrumental "-e" of speech and sports writing ("su ta pačia vienuolike", with the same eleven).
_LT_A = ("a", "os", "ai", "ą", "oje", "e")
#: -as nouns (šimtas, milijonas, milijardas), singular then plural.
_LT_AS_SG = ("as", "o", "ui", "ą", "u", "e")
_LT_AS_PL = ("ai", "ų", "ams", "us", "ais", "uose")
#: Adjective endings (ordinals), plain and pronominal (definite: pirmasis, pirmoji, pirmojo, ...).
_LT_ADJ = ("as", "o", "am", "ą", "u", "ame", "i", "ų", "iems", "us", "ais", "uose",
           "a", "os", "ai", "oje", "oms", "as", "omis", "ose",
           "asis", "ojo", "ajam", "ąjį", "uoju", "ajame", "ieji", "ųjų", "iesiems", "uosius", "aisiais",
           "uosiuose", "oji", "osios", "ajai", "ąją", "ąja", "ojoje", "osioms", "ąsias", "osiomis", "osiose")
#: The two irregular paradigms (du/dvi, trys) and the suppletive ordinal stems of 1-4.
_LT_IRREGULAR = {2: ("du", "dvi", "dviejų", "dviem", "dviems", "dviejose", "dviejuose"),
                 3: ("trys", "trijų", "trims", "tris", "trimis", "trijuose", "trijose")}
_LT_ORD_STEM = {1: "pirm", 2: "antr", 3: "treči", 4: "ketvirt"}
#: Collective numerals (dveji, treji, ketveri, penkeri, ...: with plural-only nouns, "prieš trejus metus" =
#: three years ago): stems of 2-4 are irregular, 5-9 add -er to the cardinal stem; plural adjective endings.
_LT_COLLECTIVE_STEM = {2: "dvej", 3: "trej", 4: "ketver"}
_LT_COLLECTIVE = ("i", "ų", "iems", "us", "ais", "uose", "os", "oms", "as", "omis", "ose")  # dveji, treji
_LT_COLLECTIVE_SOFT = ("i", "ių", "iems", "ius", "iais", "iuose", "ios", "ioms", "ias", "iomis", "iose")
_LT_MULT = {"dvi": 2, "tri": 3, "keturi": 4, "penki": 5, "šeši": 6, "septyni": 7, "aštuoni": 8, "devyni": 9,
            "dešimt": 10}


def _lt_as_stem(word: str) -> str | None:
    """Stem of an -as noun from any of the forms CLDR prints (šimtas, šimtai, milijonų)."""
    for end in ("as", "ai", "ų"):
        if word.endswith(end) and not word[: -len(end)].endswith(("č", "t")):
            return word[: -len(end)]
    if word.endswith("tas"):
        return word[:-2]
    return None


def _lt_forms(lex: dict) -> None:
    base = {w: e for w, e in lex.items() if e.cls in (NUM, HUND, SCALE)}
    for n, forms in _LT_IRREGULAR.items():
        for f in forms:
            _add(lex, f, _Entry(NUM, Decimal(n)))
    for n, stem in _LT_COLLECTIVE_STEM.items():
        for end in _LT_COLLECTIVE if n < 4 else _LT_COLLECTIVE_SOFT:
            _add(lex, stem + end, _Entry(NUM, Decimal(n)))
    ord_stems: dict[int, str] = dict(_LT_ORD_STEM)
    for w, e in base.items():
        v = int(e.value)
        if e.cls == NUM and w.endswith("i") and 4 <= v <= 9:
            stem = w[:-1]
            for end in _LT_PL:
                _add(lex, stem + end, e)
            ord_stems[v] = stem.replace("yn", "in").replace("uon", "un") + "t"
            if v >= 5:
                for end in _LT_COLLECTIVE_SOFT:
                    _add(lex, stem + "er" + end, e)
        elif e.cls == NUM and w == "nulis":  # -is noun: nulis, nulio, nuliui, nulį, nuliu, nulyje
            for end in ("is", "io", "iui", "į", "iu", "yje"):
                _add(lex, "nul" + end, e)
        elif e.cls == NUM and w.endswith("as") and v == 1:
            for end in _LT_ADJ[:20]:
                _add(lex, w[:-2] + end, e)
        elif e.cls == NUM and w.endswith("lika"):
            for end in _LT_A:
                _add(lex, w[:-1] + end, e)
            ord_stems[v] = w + "t"
        elif e.cls == NUM and w.endswith("šimt"):
            for end in ("ties", "čiai", "tį", "čia", "tyje", "čių"):
                _add(lex, w[:-1] + end, e)
            ord_stems[v] = w
        elif e.cls in (HUND, SCALE) and (stem := _lt_as_stem(w)):  # šimtas, milijonas, milijardas
            for end in _LT_AS_SG:  # singular forms mean exactly one hundred/million: may stand alone
                lex[stem + end] = _Entry(e.cls, e.value, alone=True)
            for end in _LT_AS_PL:
                lex[stem + end] = _Entry(e.cls, e.value)
            ord_stems[v] = stem
        elif e.cls == SCALE and w.endswith("tis"):  # tūkstantis
            stem = w[:-3]
            for end in ("tis", "čio", "čiui", "tį", "čiu", "tyje"):
                lex[stem + end] = _Entry(SCALE, e.value, alone=True)
            for end in ("čiai", "čių", "čiams", "čius", "čiais", "čiuose"):
                _add(lex, stem + end, e)
            ord_stems[v] = stem + "t"
    for v, stem in ord_stems.items():
        for end in _LT_ADJ:
            if v >= 100 and end in _LT_ADJ[:20]:
                continue  # plain ordinal forms of 100/1000 are the cardinal noun forms
            _add(lex, stem + end, _Entry(ORD, Decimal(v)))
        if 3 <= v <= 10:  # trečdalis, ketvirtadalis, penktadalis: fractions from the ordinal stem
            dal = ("treč" if v == 3 else stem + "a") + "dal"
            for end in ("is", "io", "iui", "į", "iu", "yje"):
                _add(lex, dal + end, _Entry(FRAC, Decimal(1) / v))
            for end in ("iai", "ių", "iams", "ius", "iais"):
                _add(lex, dal + end, _Entry(DENOM, Decimal(v)))
    for prefix, v in _LT_MULT.items():
        for end in ("ai", "as", "a", "o", "ą", "u", "i", "os", "ų", "us", "ą"):
            _add(lex, prefix + "gub" + end, _Entry(MULT, Decimal(v)))
    for end in ("ė", "ės", "ei", "ę", "e", "ėje"):
        _add(lex, "pus" + end, _Entry(FRAC, Decimal("0.5"), ambiguous=True))
    for w in ("pusantro", "pusantros", "pusantrų", "pusantrą", "pusantra"):
        _add(lex, w, _Entry(FRAC, Decimal("1.5")))
    for w in ("ketvirtis", "ketvirčio", "ketvirtį", "ketvirčiu"):
        _add(lex, w, _Entry(FRAC, Decimal("0.25"), ambiguous=True))
    for w in ("kartus", "kartų"):
        _add(lex, w, _Entry(TIMES, Decimal(0)))


def _da_forms(lex: dict) -> None:
    for w, e in list(lex.items()):
        v = int(e.value)
        if e.cls == NUM and v in (50, 60, 70, 80, 90) and w.endswith("s"):
            _add(lex, w + "indstyve", e)  # halvtredsindstyve, tresindstyve, firsindstyve
        if e.cls == ORD and 3 <= v <= 20:
            for end in ("del", "dele", "delen", "delene"):  # tredjedel, fjerdedele
                _add(lex, w + end, _Entry(FRAC if end in ("del", "delen") else DENOM,
                                          Decimal(1) / v if end in ("del", "delen") else Decimal(v)))
        if e.cls == NUM and 3 <= v <= 10:
            for end in ("dobbelt", "dobbelte", "doblet", "doble", "dobling"):
                _add(lex, w + end, _Entry(MULT, Decimal(v)))
    for w in ("halvdelen", "halvdel", "halv", "halvt", "halve"):
        _add(lex, w, _Entry(FRAC, Decimal("0.5")))
    _add(lex, "halvanden", _Entry(FRAC, Decimal("1.5")))
    _add(lex, "halvandet", _Entry(FRAC, Decimal("1.5")))
    _add(lex, "kvart", _Entry(FRAC, Decimal("0.25")))
    for w in ("dobbelt", "dobbelte", "dobbelten", "fordoblet", "fordoble"):
        _add(lex, w, _Entry(MULT, Decimal(2)))
    _add(lex, "gange", _Entry(TIMES, Decimal(0)))
    _add(lex, "og", _Entry(CONJ, Decimal(0)))
    for w in ("mio", "mia", "mill", "mil"):  # abbreviations: read only with their dot (see _ABBREV)
        lex.pop(w, None)


_TL_TENS = {2: "dalawa", 3: "tatlo", 4: "apat", 5: "lima", 6: "anim", 7: "pito", 8: "walo", 9: "siyam"}


def _tl_link(word: str) -> list[str]:
    """Tagalog linker forms: -ng after a vowel, -g after n ("isang", "daang"); "na" after others is a word."""
    if word[-1] in "aeiou":
        return [word + "ng"]
    if word[-1] == "n":
        return [word + "g"]
    return []


def _tl_forms(lex: dict) -> None:
    for w in [w for w, e in lex.items() if e.value == 0 and e.cls == NUM]:
        del lex[w]  # "wala", "walang" = none / there is no: not read as zero
    # Teens: labing- + unit, also written apart ("labing apat") or with the linker assimilated before
    # d, t, l, s ("labindalawa", "labintatlo", "labinlima").
    _add(lex, "labing", _Entry(NUM, Decimal(10)))
    for v in range(1, 10):
        unit = next((w for w, e in lex.items() if e.cls == NUM and e.value == v and "-" not in w
                     and not w.endswith("ng")), None)
        if unit:
            for f in ("labing" + unit, "labin" + unit, "labing-" + unit):
                _add(lex, f, _Entry(NUM, Decimal(10 + v)))
    # Tens by sandhi: unit + linker + "pu" (ten): dalawa-ng-pu -> dalawampu, tatlo -> tatlumpu, apat -> apatnapu.
    for v, unit in _TL_TENS.items():
        tens = (unit[:-1] + "u" if unit.endswith("o") else unit) + "mpu" if unit[-1] in "aeiou" else unit + "napu"
        _add(lex, tens, _Entry(NUM, Decimal(10 * v)))
    _add(lex, "sampu", _Entry(NUM, Decimal(10)))
    for w, e in list(lex.items()):
        if e.cls in (NUM, HUND, SCALE):
            for f in _tl_link(w):
                _add(lex, f, e)
    # san-/sang- contraction of "isang": sandaan, sanlibo, sang-milyon.
    for w, e in list(lex.items()):
        if e.cls in (HUND, SCALE) and not w.startswith("san"):
            for f in ("san" + w, "sang" + w, "sang-" + w, "san-" + w):
                _add(lex, f, _Entry(e.cls, e.value, alone=True))
    # Ordinals: ika- and pang- before the cardinal; dalawa and tatlo are reduplicated roots that lose their
    # first syllable (ikalawa, ikatlo, pangalawa, pangatlo).
    for w, e in list(lex.items()):
        if e.cls == NUM and not e.weak and 2 <= e.value < 100 and not w.endswith("ng") and "-" not in w:
            stems = [w] + ([w[2:]] if int(e.value) in (2, 3) else [])
            for stem in stems:
                for f in ("ika" + stem, "ika-" + stem, "pang-" + stem, "pang" + stem[1:] if stem[0] not in "aeiou"
                          else "pang" + stem):
                    _add(lex, f, _Entry(ORD, e.value))
                    for g in _tl_link(f):
                        _add(lex, g, _Entry(ORD, e.value))
    for w in ("una", "unang", "pang-una", "ikaisa", "ika-isa", "kauna-unahan", "kauna-unahang"):
        _add(lex, w, _Entry(ORD, Decimal(1)))
    for w in ("kalahati", "kalahating"):
        _add(lex, w, _Entry(FRAC, Decimal("0.5")))
    _add(lex, "sangkapat", _Entry(FRAC, Decimal("0.25")))
    for w in ("doble", "dobleng", "makalawa"):
        _add(lex, w, _Entry(MULT, Decimal(2)))
    _add(lex, "beses", _Entry(TIMES, Decimal(0)))
    for w in ("at", "t"):
        _add(lex, w, _Entry(CONJ, Decimal(0)))
    _add(lex, "na", _Entry(CONJ, Decimal(1)))  # value 1: the linker may also stand before a scale word
    # d -> r after a vowel: "apat na raan", "siyam na raang".
    for w, e in list(lex.items()):
        if e.cls == HUND and w.startswith("d"):
            _add(lex, "r" + w[1:], _Entry(HUND, e.value))


def _en_forms(lex: dict) -> None:
    for w in ("a", "an"):
        _add(lex, w, _Entry(NUM, Decimal(1), weak=True))
    _add(lex, "and", _Entry(CONJ, Decimal(0)))
    for w, e in list(lex.items()):
        if e.cls == ORD and 3 <= e.value <= 20:
            _add(lex, w + "s", _Entry(DENOM, e.value))  # two thirds, three fifths
    _add(lex, "quarters", _Entry(DENOM, Decimal(4)))
    _add(lex, "halves", _Entry(DENOM, Decimal(2)))
    _add(lex, "half", _Entry(FRAC, Decimal("0.5")))
    _add(lex, "quarter", _Entry(FRAC, Decimal("0.25"), ambiguous=True))
    for w, v in (("twice", 2), ("thrice", 3), ("double", 2), ("doubled", 2), ("triple", 3), ("tripled", 3),
                 ("quadruple", 4), ("quadrupled", 4), ("twofold", 2), ("threefold", 3), ("tenfold", 10)):
        _add(lex, w, _Entry(MULT, Decimal(v)))
    _add(lex, "times", _Entry(TIMES, Decimal(0)))
    _add(lex, "lakh", _Entry(SCALE, Decimal(10**5)))
    _add(lex, "crore", _Entry(SCALE, Decimal(10**7)))


# ---- Telugu: CLDR has no Telugu spell-out; base words written here, everything else by rule ----

_TE_BASE = {
    1: "ఒకటి", 2: "రెండు", 3: "మూడు", 4: "నాలుగు నాల్గు", 5: "ఐదు అయిదు", 6: "ఆరు", 7: "ఏడు", 8: "ఎనిమిది",
    9: "తొమ్మిది", 10: "పది", 11: "పదకొండు", 12: "పన్నెండు", 13: "పదమూడు", 14: "పద్నాలుగు పధ్నాలుగు",
    15: "పదిహేను పదునైదు", 16: "పదహారు", 17: "పదిహేడు", 18: "పద్దెనిమిది పధ్ధెనిమిది", 19: "పందొమ్మిది",
    20: "ఇరవై", 30: "ముప్పై ముప్ఫై", 40: "నలభై నలబై", 50: "యాభై ఏభై", 60: "అరవై", 70: "డెబ్బై డెబ్భై",
    80: "ఎనభై ఎనబై", 90: "తొంభై తొంబై", 100: "నూట", 200: "ఇన్నూరు ఇన్నూట", 300: "మున్నూరు మున్నూట",
    400: "నన్నూరు నన్నూట",
}
#: Scale words: singular (may stand alone), oblique/plural forms (need a multiplier).
_TE_SCALE = {100: ("వంద నూరు", "వందల వందలు"), 1000: ("వెయ్యి వేయి", "వేల వేలు"), 10**5: ("లక్ష లక్షా", "లక్షల లక్షలు"),
             10**7: ("కోటి కోటీ", "కోట్ల కోట్లు"), 10**6: ("మిలియన్", "మిలియన్ల మిలియన్లు"),
             10**9: ("బిలియన్", "బిలియన్ల బిలియన్లు")}
_TE_VOWEL_SIGN_END = regex.compile(r"[\u0c41\u0c3f]$")  # final -u / -i vowel sign
#: Human-count forms 2-4 are suppletive (ఇద్దరు, ముగ్గురు, నలుగురు); 5 and up add -గురు to the cardinal.
_TE_HUMAN = {"ఇద్దరు": 2, "ముగ్గురు": 3, "నలుగురు": 4}
#: Case and other suffixes a Telugu numeral may carry glued to it (stripped before lookup).
_TE_SUFFIXES = ("సారిగా", "సారి", "లో", "కి", "కు", "ను", "ని", "తో", "గా", "మంది", "వ")


def _te_lexicon(lex: dict) -> None:
    for v, words in _TE_BASE.items():
        for w in words.split():
            _add(lex, w, _Entry(NUM, Decimal(v), weak=(v == 1)))
    _add(lex, "ఒక", _Entry(NUM, Decimal(1), weak=True))
    for v, (sg, pl) in _TE_SCALE.items():
        cls = HUND if v == 100 else SCALE
        for w in sg.split():
            _add(lex, w, _Entry(cls, Decimal(v), alone=True))
        for w in pl.split():
            _add(lex, w, _Entry(cls, Decimal(v)))
    for v, words in list(_TE_BASE.items()):
        if v > 10:
            continue
        for w in words.split():
            stem = _TE_VOWEL_SIGN_END.sub("", w)
            if stem != w and 2 <= v <= 9:
                for end in ("ొందలు", "ొందల", "ొంద"):  # రెండొందలు: -u + వందలు sandhi
                    _add(lex, stem + end, _Entry(NUM, Decimal(100 * v)))
            if stem != w and v >= 2:
                for end in ("వ", "వది", "ో", "వ."):  # రెండవ, రెండవది, రెండో
                    _add(lex, stem + end, _Entry(ORD, Decimal(v)))
            if v >= 5:
                _add(lex, w + "గురు", _Entry(NUM, Decimal(v)))
            if stem != w and v >= 2:
                _add(lex, stem + "ింతలు", _Entry(MULT, Decimal(v)))  # రెండింతలు = twofold
    for w, v in _TE_HUMAN.items():
        _add(lex, w, _Entry(NUM, Decimal(v)))
    for w in ("మొదటి", "మొదటిది", "తొలి"):
        _add(lex, w, _Entry(ORD, Decimal(1)))
    _add(lex, "సగం", _Entry(FRAC, Decimal("0.5")))
    _add(lex, "సగానికి", _Entry(FRAC, Decimal("0.5")))
    _add(lex, "పావు", _Entry(FRAC, Decimal("0.25")))
    _add(lex, "ముప్పావు", _Entry(FRAC, Decimal("0.75")))
    _add(lex, "రెట్టింపు", _Entry(MULT, Decimal(2)))
    for w in ("రెట్లు", "రెట్ల", "సార్లు"):
        _add(lex, w, _Entry(TIMES, Decimal(0)))


_ROMANCE = frozenset({"es", "pt", "it", "fr", "ca", "ro", "gl"})
#: The word that joins the parts of a number written in words ("ochenta y seis", "duzentos e quinze"); the
#: reader takes it only before a smaller part ("cinco e seis" stays two numbers).
_CONJUNCTIONS = {"es": ("y",), "pt": ("e",), "it": ("e",), "fr": ("et",), "ca": ("i",), "ro": ("și", "şi"),
                 "gl": ("e",), "nl": ("en",), "de": ("und",), "af": ("en",)}

_WEAK_GENERIC = frozenset("ein eine einen einem einer eines un une uno una een ett en et".split())


@dataclass(frozen=True)
class _Lang:
    lex: dict
    compound: regex.Pattern | None
    scaled: regex.Pattern
    decimal: str
    strip: bool
    suffixes: tuple[str, ...] = ()  # glued suffixes stripped before lookup (Telugu), or prefixes (Tagalog)
    scale_of: dict | None = None  # scale word or abbreviation (folded) after digits -> factor
    heads: frozenset = frozenset()  # first two letters of the compound pieces (a cheap gate)
    tails: frozenset = frozenset()  # last two letters
    elided: dict | None = None  # elided compound piece -> full piece ("cent" -> "cento"), see _elided_pieces


@cache
def supported_languages() -> frozenset[str]:
    """The language codes :func:`find_spelled_numbers` reads (aligner's languages with spell-out data)."""
    from unicode_rbnf import RbnfEngine

    from aligner.langid.codes import TIER

    rbnf = set(RbnfEngine.get_supported_languages())
    langs = {c for c in set(TIER) | {"tl", "nb"} if _RBNF_LOCALE.get(c, c) in rbnf and c not in _NO_SPACES}
    return frozenset(langs | {"te"})


_ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9}
#: Scale abbreviations (read after digits or number words, with their dot).
_ABBREV = {"lt": {"tūkst.": 10**3, "mln.": 10**6, "mln": 10**6, "mlrd.": 10**9, "mlrd": 10**9},
           "da": {"mio.": 10**6, "mia.": 10**9, "mill.": 10**6, "mia": 10**9, "mio": 10**6, "tus.": 10**3},
           "nb": {"mill.": 10**6, "mrd.": 10**9}, "sv": {"milj.": 10**6, "mdr.": 10**9, "mkr": 10**6},
           "de": {"Tsd.": 10**3, "Mio.": 10**6, "Mrd.": 10**9}, "nl": {"mln.": 10**6, "mld.": 10**9},
           "en": {"bn": 10**9, "mln": 10**6, "tn": 10**12}, "fr": {"Md": 10**9, "Mds": 10**9},
           "es": {"mill.": 10**6}, "it": {"mln": 10**6, "mld": 10**9, "mila": 10**3}}


@cache
def _language(lang: str) -> _Lang | None:
    if lang not in supported_languages():
        return None
    strip = lang == "tl"
    lex: dict[str, _Entry] = {}
    if lang == "te":
        _te_lexicon(lex)
    else:
        _from_rbnf(lang, lex, strip)
    extra = {"lt": _lt_forms, "da": _da_forms, "tl": _tl_forms, "en": _en_forms}.get(lang)
    if extra:
        extra(lex)
    for w in _CONJUNCTIONS.get(lang, ()):  # "ochenta y seis", "trezentos e onze", "vingt et un"
        lex.setdefault(w, _Entry(CONJ, Decimal(0)))
    for w in _WEAK_GENERIC:
        if w in lex and lex[w].cls == NUM and lex[w].value == 1:
            lex[w] = _Entry(NUM, Decimal(1), weak=True)
    pieces = sorted((w for w, e in lex.items() if e.cls in (NUM, HUND, SCALE, ORD) and len(w) > 1),
                    key=len, reverse=True)
    elided = _elided_pieces(lang, pieces, lex) if _elides(lang) else {}
    alts = [regex.escape(w) for w in pieces]
    alts += [regex.escape(e) + f"(?=[{_VOWELS}])" for e in sorted(elided, key=len, reverse=True)]
    compound = regex.compile("(?:(" + "|".join(alts) + "))+") if pieces else None
    abbrev = {k.lower(): v for k, v in _ABBREV.get(lang, {}).items()}
    scale_words = {w: int(e.value) for w, e in lex.items() if e.cls in (HUND, SCALE)}
    scale_words.update(abbrev)
    for w, v in _ENGLISH_SCALES.items():  # copied through untranslated: "$11 billion", "£2.8bn"
        scale_words.setdefault(w, v)
    for w, v in abbrev.items():
        if w.endswith("."):
            lex.setdefault(w[:-1], _Entry(SCALE, Decimal(v), dot=True))
    from aligner.facts.numbers import number_conventions

    decimal = number_conventions(lang).decimal
    digits = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
    alts = "|".join(regex.escape(w) for w in sorted(scale_words, key=len, reverse=True))
    scaled = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}.,])(?P<num>{digits})[ \u00a0\u202f]?(?:[£$€¥₱₹][ \u00a0]?)?(?:na[ \u00a0])?"
        rf"(?P<scale>{alts})(?![\p{{L}}\p{{M}}])",
        regex.IGNORECASE,
    )
    return _Lang(lex, compound, scaled, decimal, strip, _AFFIXES.get(lang, ()), scale_words,
                 frozenset(w[:2] for w in [*pieces, *elided]), frozenset(w[-2:] for w in pieces), elided)


#: Vowels a compound piece may lose its final vowel before (Italian "cento" + "ottanta" = "centottanta").
_VOWELS = "aeiouàèéìíòóùú"


@cache
def _elision_languages() -> frozenset[str]:
    """The languages of :func:`supported_languages` whose spell-out elides (:func:`_elides`)."""
    return frozenset(lang for lang in supported_languages() - {"te"} if _elides(lang))


@cache
def _elides(lang: str) -> bool:
    """Whether ``lang``'s CLDR spell-out drops a final vowel where two number words meet at a vowel.

    Learned from the data, not listed: a language elides when one of its two-digit numbers is written as one
    word equal to the tens word without its last vowel plus a unit that starts with a vowel (Italian
    "venti" + "uno" = "ventuno", "trenta" + "otto" = "trentotto"). CLDR spells only the two-digit joints that
    way; the same elision happens at every other joint of such a language ("cento" + "ottanta" =
    "centottanta", "duecento" + "undici"), which the vocabulary built from CLDR's few sample numbers misses.
    Asked per language (a run reads a few), not for every supported language at once: loading the spell-out
    rules of all 60-odd languages cost each process about 0.6 CPU s.
    """
    from unicode_rbnf import RbnfEngine

    if lang == "te" or lang not in supported_languages():
        return False
    try:
        engine = RbnfEngine.for_language(_RBNF_LOCALE.get(lang, lang))
        spell = {n: _fold(engine.format_number(n).text, False) for n in (1, 8, 20, 21, 28, 30, 31, 38)}
    except Exception:  # a locale without cardinal rules
        return False
    for tens in (20, 30):
        for unit in (1, 8):
            t, u, joined = spell[tens], spell[unit], spell[tens + unit]
            if t[-1:] in _VOWELS and u[:1] in _VOWELS and joined == t[:-1] + u:
                return True
    return False


def _elided_pieces(lang: str, pieces: list[str], lex: dict) -> dict[str, str]:
    """Elided form -> full piece for the pieces of a compound that end in a vowel ("cent" -> "cento").

    Only pieces of four letters or more (a two-letter stem would match too much) whose elided form is not a
    word of its own; the compound pattern takes the elided form only before a vowel.
    """
    out: dict[str, str] = {}
    for w in pieces:
        if len(w) >= 4 and w[-1] in _VOWELS and w[:-1] not in lex and lex[w].cls in (NUM, HUND, SCALE):
            out.setdefault(w[:-1], w)
    return out


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _digits_value(s: str, decimal: str) -> Decimal | None:
    group = "." if decimal == "," else ","
    s = regex.sub(r"[ \u00a0\u202f]", "", s)
    if decimal == "," and regex.fullmatch(r"\d{1,3}(?:\.\d{3})+", s) is None and s.count(".") == 1 and "," not in s:
        s = s.replace(".", ",")  # "2.5 mln." in a comma-decimal text: a decimal point, not grouping
    if decimal == "." and regex.fullmatch(r"\d{1,3}(?:,\d{3})+", s) is None and s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    s = s.replace(group, "").replace(decimal, ".")
    try:
        return Decimal(s)
    except ArithmeticError:
        return None


def _clean(value: Decimal) -> Decimal:
    """2.5E+6 -> 2500000, 0.50 -> 0.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _place(n: int) -> int:
    p = 1
    while n and n % (p * 10) == 0:
        p *= 10
    return p if n else 10**18


@dataclass
class _Tok:
    start: int
    end: int
    entry: _Entry
    group: int  # tokens split from one written word share a group


def _tokens(text: str, lang: _Lang, lo: int, hi: int) -> list[_Tok | None]:
    """Number-word tokens of text[lo:hi]; None marks a non-number word or a gap that breaks a number."""
    out: list[_Tok | None] = []
    lex = lang.lex
    prev_end = lo
    for gid, m in enumerate(_WORD.finditer(text, lo, hi)):
        s, e = m.span()
        gap = text[prev_end:s]
        if out and out[-1] is not None and (len(gap) > 3 or gap.strip(" \u00a0\u202f-")):
            out.append(None)  # punctuation between two words ends a number
        prev_end = e
        raw = m.group()
        word = _fold(raw, lang.strip)
        entry = lex.get(word)
        if entry is None and lang.suffixes:  # Telugu case suffixes glued to the numeral: నాలుగులో, ఏడుగురుని;
            for aff in lang.suffixes:  # Tagalog verb prefixes before a numeral: naka-dalawang (scored two)
                if aff.endswith("-"):
                    if word.startswith(aff) and (entry := lex.get(word[len(aff) :])) is not None and entry.cls == NUM:
                        break
                    entry = None
                elif word.endswith(aff) and (entry := lex.get(word[: -len(aff)])) is not None:
                    break
        if entry is not None:
            if entry.dot:
                if text[e : e + 1] != ".":
                    out.append(None)
                    continue
                e += 1
                prev_end = e
            out.append(_Tok(s, e, entry, gid))
            continue
        if word.isascii() and not any(c.isalpha() for c in word):
            out.append(None)
            continue
        parts = _split_word(word) if ("-" in word or "'" in word) else ()
        if len(parts) > 1 and all(p.lstrip("'") in lex for p in parts):
            pos = s
            for p in parts:
                ps = raw.lower().find(p.lstrip("'"), pos - s) + s
                out.append(_Tok(ps, ps + len(p.lstrip("'")), lex[p.lstrip("'")], gid))
                pos = ps + len(p)
            continue
        pieces = _compound(word, lang)
        if pieces:
            for n, p in enumerate(pieces):
                entry = lex[p]
                if n == 0 and entry.cls in (HUND, SCALE) and not entry.alone:
                    # a word that starts with a bare hundred or thousand and goes on with number pieces is a
                    # number ("hundertzwanzig", "hundraåttio", "tausendzweihundert"), unlike the word alone
                    # ("tausend Dank")
                    entry = replace(entry, alone=True)
                out.append(_Tok(s, e, entry, gid))
            continue
        out.append(None)
    return out


def _compound(word: str, lang: _Lang) -> list[str] | None:
    if lang.compound is None or len(word) < 4 or len(word) > 80:  # German/Dutch/Italian write 6 digits as one word
        return None
    if word[:2] not in lang.heads or word[-2:] not in lang.tails:
        return None
    m = lang.compound.fullmatch(word)
    if m is None:
        return None
    pieces = m.captures(1)
    if lang.elided:
        pieces = [lang.elided.get(p, p) for p in pieces]
    return pieces if len(pieces) > 1 else None


def _read(toks: list[_Tok | None], i: int, weak: bool = False):
    """Longest number starting at toks[i]: (end index exclusive, value, kind, ambiguous) or None.

    ``weak``: also read a lone form of "one" that doubles as the article, marked ambiguous.
    """
    first = toks[i]
    if first is None:
        return None
    total, current, last_scale = 0, 0, 10**18
    j, end_j, kind = i, None, "cardinal"
    ambiguous = False
    weak_only = True
    bare_head = False  # a scale word that may not stand alone started the number: it needs a smaller part after it
    while j < len(toks) and (t := toks[j]) is not None:
        e = t.entry
        v = e.value
        if e.cls == CONJ:
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if j == i or nxt is None:
                break
            if nxt.entry.cls in (HUND, SCALE) and v and 0 < current < 1000:  # "apat na daan"
                j += 1
                continue
            if nxt.entry.cls not in (NUM, ORD):
                break
            nv = int(toks[j + 1].entry.value)
            if toks[j + 1].entry.cls == NUM and nv >= (_place(current) if current else last_scale):
                break
            j += 1
            continue
        if e.cls in (NUM, ORD) and (e.cls == NUM or v < 100):
            iv = int(v)
            limit = _place(current) if current else last_scale
            if iv >= limit or (current and iv == 0):
                break
            current += iv
            weak_only = weak_only and e.weak
            ambiguous = ambiguous or e.ambiguous
            end_j = j + 1
            if e.cls == ORD:
                kind = "ordinal"
                j += 1
                break
        elif e.cls == HUND or (e.cls == ORD and v == 100):
            # A bare hundred word after a thousand is one hundred ("mil ciento doce", "tusind hundrede og tolv");
            # at the head of a number only when it may stand alone or a smaller part follows (bare_head).
            if current >= 100 or total and last_scale <= 100:
                break
            if current == 0 and not total and not e.alone:
                if j != i:
                    break
                bare_head = True
            current = (current or 1) * 100
            weak_only = False
            end_j = j + 1
            if e.cls == ORD:
                kind = "ordinal"
                j += 1
                break
        elif e.cls in (SCALE, ORD):
            iv = int(v)
            if iv >= last_scale or (current == 0 and total):
                break
            if current == 0 and not e.alone:
                if j != i:
                    break
                bare_head = True
            total += (current or 1) * iv
            current, last_scale = 0, iv
            weak_only = False
            end_j = j + 1
            if e.cls == ORD:
                kind = "ordinal"
                j += 1
                break
        elif e.cls in (FRAC, MULT):
            if j == i:
                if e.cls == FRAC:  # "pusantro milijono", "half a million": a fraction of a scale word
                    k = j + 1
                    if k < len(toks) and toks[k] is not None and toks[k].entry.weak:
                        k += 1
                    if k < len(toks) and toks[k] is not None and toks[k].entry.cls in (HUND, SCALE):
                        return (k + 1, _clean(v * toks[k].entry.value), "cardinal", False)
                return (j + 1, v, "fraction" if e.cls == FRAC else "multiplier", e.ambiguous)
            break
        elif e.cls == DENOM:
            if j > i and total == 0 and 0 < current < 20 and end_j == j:
                return (j + 1, _clean(Decimal(current) / v), "fraction", ambiguous)
            break
        elif e.cls == TIMES:
            if j > i and end_j == j and not weak_only:
                return (j + 1, Decimal(total + current), "multiplier", ambiguous)
            break
        j += 1
    if end_j is None or (bare_head and end_j == i + 1):
        return None  # "tusind tak", "thousand" alone: no number (see the precision rules above)
    if weak_only and kind == "cardinal":
        if not weak:
            return None
        ambiguous = True
    return end_j, Decimal(total + current), kind, ambiguous


_AFFIXES = {"te": _TE_SUFFIXES, "tl": ("nakaka-", "naka-", "maka-", "pagka-")}
_IKA = regex.compile(r"(?<![\p{L}\p{N}])[Ii]ka-?(\d+)(?![\p{N}])")


def find_spelled_numbers(text: str, language: str, *, weak: bool = False) -> list[SpelledNumber]:
    """Numbers written in words (and digits with a scale word) in ``text`` of ``language`` (ISO 639-1).

    ``weak``: also return a lone "one" that doubles as the indefinite article ("more than one", "viena"),
    marked ``ambiguous``: a caller that only asks whether a value *could* be written here wants them.

    >>> [(n.surface, n.value, n.kind) for n in find_spelled_numbers("tre hundrede og femogtyve år", "da")]
    [('tre hundrede og femogtyve', Decimal('325'), 'cardinal')]
    """
    lang = _language(canonical(language)) if language else None
    if lang is None or not text:
        return []
    found: list[SpelledNumber] = []
    spans: list[tuple[int, int]] = []
    if any(c.isdigit() for c in text):
        for m in lang.scaled.finditer(text):
            v = _digits_value(m.group("num"), lang.decimal)
            sw = m.group("scale")
            factor = lang.scale_of.get(_fold(sw, lang.strip))
            if v is None or factor is None:
                continue
            found.append(SpelledNumber(m.start(), m.end(), m.group(), _clean(v * factor),
                                       "scaled", scale=sw))
            spans.append(m.span())
    if lang.strip:  # Tagalog ordinals with digits: ika-5, ika-21
        for m in _IKA.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in spans):
                found.append(SpelledNumber(m.start(), m.end(), m.group(), Decimal(m.group(1)), "ordinal"))
                spans.append(m.span())
        spans.sort()
    pieces = []
    lo = 0
    for s, e in spans + [(len(text), len(text))]:
        pieces.append((lo, s))
        lo = e
    for lo, hi in pieces:
        toks = _tokens(text, lang, lo, hi)
        i = 0
        while i < len(toks):
            r = _read(toks, i, weak) if toks[i] is not None else None
            if r is None:
                i += 1
                continue
            j, value, kind, ambiguous = r
            a, b = toks[i], toks[j - 1]
            if kind == "fraction" and i > 0 and toks[i - 1] is not None and toks[i - 1].entry.cls == ORD:
                ambiguous = True  # "second half", "første halvdel": a part of a game or a list, not 1/2
            # A number must not start or end inside a word split into pieces.
            if (i > 0 and toks[i - 1] is not None and toks[i - 1].group == a.group) or (
                j < len(toks) and toks[j] is not None and toks[j].group == b.group
            ):
                g = a.group
                while i < len(toks) and toks[i] is not None and toks[i].group == g:
                    i += 1
                continue
            end = b.end
            found.append(SpelledNumber(a.start, end, text[a.start : end], value, kind, ambiguous=ambiguous))
            i = j
    found.sort(key=lambda n: n.start)
    return found
