"""Quantitative claims and named actors in the sentences: what a fact-checker checks and who is talked about.

``claims`` lists every number a speaker says, one row per number, with what it counts or qualifies,
its value, unit, kind and any approximation ("some 950", "more than 200"), and the offsets of the number in
the document text so each row can be quoted. ``actors`` lists every mention of a country, international
organisation or titled person, with the tone of the sentence that names it; ``actors_by`` counts the
mentions and averages that tone by speaker, topic or any grouping.

Claims
------
Numbers are found as written: digits (``950``, ``2,000``, ``1.5``), with a currency sign (``$34``), a scale
word (``200 million``), a percent sign or word (``44%``, ``5 percent``, ``2 percentage points``), and numbers
written as words (``Seventeen``, ``twenty-five``, ``two hundred and fifty thousand``, ``a dozen``), fractions
(``one-quarter``, ``two-thirds of``, ``a third of``, ``half of``/``half the``), ratios (``one in five``) and
vague plurals (``thousands of``, ``tens of millions of``: value left empty). Each number gets a ``kind``:

* evidence (:data:`EVIDENCE_KINDS`): ``count`` (a number of things: 950 terrorist attacks), ``percent``,
  ``fraction`` (one-quarter, half, one in five), ``money`` (a currency sign or word) and ``duration``
  (a length of time or a time ago: 17 years, nine months, two years ago);
* not evidence, kept so they can be filtered out: ``year`` (a calendar year or decade: 2018, the 1990s),
  ``date`` (a day of a month: January 20), ``time`` (7:06, 5 p.m.) and ``label`` (a number that names
  rather than counts: Article 5, Title 42, Phase 2, number one).

A four-digit number from 1000 to 2099 is a ``year`` unless a plural noun follows it and no year word
("in", "since", "by", a month ...) comes before it: "2000 delegates" is a count, "2000 years" a duration,
"in 2018" and "the 2020 election" are years.

Left out: ordinals ("first", "the third", "20th": mostly sequence and discourse markers, "for the first
time" is a claim of novelty, not a quantity); "one", "a" and "an" on their own (a determiner or pronoun far
more often than a count: "one country", "except for one"; "one million", "one-quarter", "one in five" and
"1" are kept); number words capitalised inside a sentence (names: "Air Force One", "Group of Seven");
numbers joined to letters or by a slash (COVID-19, G7, B117, 5G, 9/11, 24/7) and number-noun compounds that
are not times ("two-state solution", "10-point plan"; "30-day" and "two-year" are durations).

``noun`` is what the number counts or qualifies, found by a heuristic: the words right of the number
(after "of the ..." for shares and fractions, after "in/for ..." for money; "more", "new", "most" ... are
skipped), up to four words, stopping at a function word, punctuation, a common verb ("said", "met") or a
participle that ends the phrase ("2000 delegates participating in" -> "delegates"; "half of the Russian
banking system's assets" keeps "banking"). When nothing follows and the number comes after "increased
by", "rose to", "reached" and the like, the words after "number of" / "share of" / "amount of" earlier in
the sentence are taken ("the number of tourists ... has increased by 200 million" -> "tourists"), else the
words before the verb ("Unemployment fell to 4%" -> "Unemployment"). It is empty when neither finds one.

Actors
------
Countries come from ``pycountry`` (ISO 3166-1: its ``name``, ``common_name`` and ``official_name``), with
the aliases, canonical names and exclusions of ``toolkit/data/actors.yaml``: dependent territories and
special administrative regions (Hong Kong, Macao, Puerto Rico, Greenland) are places, not states, and are
left out; cities and regions named after a state ("Mexico City", "South China Sea", "Latin America") are
ignored. Only names are matched, not adjectives ("Chinese", "Russian": they qualify people, goods and
languages). Organisations and a few persons come from the same file. Any other person is found by a title
followed by capitalised names ("President Xi", "Prime Minister Modi", "Dr. Fauci"); the actor is the
mention as written (title kept: "Secretary Clinton" and "President Clinton" are different people) unless
the gazetteer lists the form or the name after the title ("President Xi" -> "Xi Jinping").

Matching is case-sensitive ("WHO" is the organisation, "who" is not; "turkey dinner" is not Turkey) and
the longest match wins ("Republic of Tajikistan" is one mention of Tajikistan; "People's Republic of
China" one of China). Every written form counts: "World Trade Organisation (WTO)" is two mentions of the
World Trade Organization. A few country names are also first names, surnames or US states (Georgia,
Jordan, Chad: the gazetteer's ``ambiguous`` forms); they count only when they are not part of a longer
capitalised name ("Vernon Jordan", "Georgia Tech", "Chad Meredith"), not after "the" ("the Georgia
attorney general": the countries take no article), and the sentence gives context: another country
within 80 characters (the United States does not count: American sources name it next to its states), a
context word from the gazetteer (Tbilisi, Amman), or "the king of" / "President Sisi of" just before the
name. A few forms count only outside a longer capitalised name (the gazetteer's ``standalone``: "the
Security Council" is the UN's, "Russia's Security Council" is not). "Congo" alone names two states and is
not counted; "Democratic Republic of the Congo" and "Republic of the Congo" are.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import operator
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .errors import ToolkitTypeError, ToolkitValueError, TranscriptError, TranscriptNotFoundError
from .schema import TABLES, conform, group_keys, require_columns, spoken
from .text import trie_regex

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_KINDS",
    "CLAIM_COLUMNS",
    "CLAIM_KINDS",
    "EVIDENCE_KINDS",
    "Gazetteer",
    "actors",
    "actors_by",
    "claims",
    "default_gazetteer_path",
    "load_gazetteer",
]

#: Columns of :func:`claims`, in order.
CLAIM_COLUMNS = ["doc_id", "sentence_id", "speaker", "role", "topic", "qualifier", "number", "value", "unit",
                 "noun", "kind", "start", "end", "sentence"]
#: Columns of :func:`actors`, in order.
ACTOR_COLUMNS = ["doc_id", "sentence_id", "speaker", "role", "topic", "actor", "kind", "mention", "start", "end",
                 "sentiment", "polarity", "vader_compound"]
#: The sentence columns each reads (the optional ones when the table has them).
_CLAIM_READS = ["doc_id", "sentence_id", "speaker", "role", "start", "text", "topic"]
_ACTOR_READS = [*_CLAIM_READS, "sentiment", "polarity", "vader_compound"]
_BY_STATS = ["n_mentions", "n_sentences", "polarity_mean", "compound_mean", "share_positive", "share_negative"]

#: Every ``kind`` of claim; the first five are evidence, the rest are kept so users can filter them out.
CLAIM_KINDS = ("count", "percent", "fraction", "money", "duration", "year", "date", "time", "label")
EVIDENCE_KINDS = CLAIM_KINDS[:5]
#: Every ``kind`` of actor.
ACTOR_KINDS = ("country", "organisation", "person")

_DTYPES = {"int": "int64", "float": "float64", "str": "str"}
_CLAIM_TYPES = {"sentence_id": "int", "start": "int", "end": "int", "value": "float"}
_ACTOR_TYPES = {"sentence_id": "int", "start": "int", "end": "int", "polarity": "float",
                "vader_compound": "float"}


def _table(columns: dict[str, list], cols: list[str], types: dict[str, str], name: str) -> pd.DataFrame:
    """Columns (lists of equal length) as a DataFrame with the documented columns, dtypes and order (sorted
    by doc, sentence, start); :func:`toolkit.schema.conform` it once the table is in the data dictionary."""
    df = pd.DataFrame(columns, columns=cols)
    for c in cols:
        df[c] = df[c].astype(_DTYPES[types.get(c, "str")])
    df = df.sort_values(["doc_id", "sentence_id", "start", "end"], kind="mergesort").reset_index(drop=True)
    return conform(name, df) if name in TABLES else df


def _records(data: pd.DataFrame, cols: list[str]) -> dict[str, list]:
    """The columns ``cols`` of ``data`` (those it has) as lists holding the values of
    ``data.to_dict("records")`` (Python scalars; None for ``pd.NA``), read a column at a time: building a
    dict per sentence took a third of the time of :func:`claims` and :func:`actors`. Numeric NumPy and
    ``str`` columns give those values with ``tolist()``; any other dtype goes through ``to_dict``."""
    if not data.columns.is_unique:
        rows = data.to_dict("records")   # duplicate names: to_dict keeps the last one; so do we
        return {c: [r[c] for r in rows] for c in cols if c in data}
    out = {}
    for c in cols:
        if c not in data:
            continue
        col = data[c]
        dtype = col.dtype
        if (isinstance(dtype, np.dtype) and dtype.kind in "biuf") or (
                isinstance(dtype, pd.StringDtype) and dtype.na_value is not pd.NA):
            out[c] = col.tolist()
        else:
            out[c] = [r[c] for r in data[[c]].to_dict("records")]
    return out


def _context(value, default):
    """A sentence's value of an optional column (``topic``, ``sentiment``, ...), or ``default`` when it is
    missing (None, or NaN where text is expected)."""
    if value is None or (isinstance(default, str) and isinstance(value, float) and math.isnan(value)):
        return default
    return value


# ======================================================================================================
# Claims
# ======================================================================================================

_UNITS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {w: 10 * i for i, w in enumerate(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 2)}
_BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CARDINAL = {*_UNITS, *_TENS, *_BIG, "hundred", "dozen"}
_VAGUE = {"dozens", "tens", "hundreds", "thousands", "millions", "billions", "trillions"}
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                 "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                 "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
_TIME_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
               "months", "year", "years", "decade", "decades", "century", "centuries"}
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.")
#: Plural nouns after a year that still make it a year ("2019 levels", "the 2022 midterms").
_YEAR_NOUNS = {"levels", "elections", "midterms", "games", "olympics", "figures", "numbers", "rates", "prices",
               "budgets", "estimates", "projections", "standards", "guidelines"}
_PLURAL_IRREGULAR = {"people", "children", "men", "women", "personnel", "staff", "police", "troops", "cattle",
                     "feet", "teeth", "mice", "geese", "data", "media", "criteria", "phenomena"}
#: Words that end a noun phrase.
_STOP = {"a", "an", "the", "and", "or", "but", "nor", "so", "yet", "that", "which", "who", "whom", "whose", "where",
         "when", "while", "if", "then", "than", "as", "because", "though", "although", "since", "until", "unless",
         "whether", "in", "on", "at", "to", "for", "from", "by", "with", "about", "into", "onto", "over", "under",
         "of", "off", "out", "up", "down", "around", "across", "along", "among", "against", "between", "through",
         "during", "before", "after", "above", "below", "per", "via", "like", "near", "is", "are", "was", "were",
         "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should",
         "can", "could", "may", "might", "must", "it", "its", "they", "them", "their", "theirs", "we", "us", "our",
         "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "i", "me", "my", "mine", "this",
         "these", "those", "there", "here", "not", "no", "now", "already", "also", "just", "only", "even", "still",
         "very", "too", "more", "most", "less", "least", "each", "every", "all", "both", "any", "some", "many",
         "much", "few", "several", "other", "such", "own", "same", "ago", "alone", "again", "ever", "never",
         "always", "today", "yesterday", "tomorrow", "whatever", "however", "within", "without", "toward", "towards", "upon", "beyond", "despite",
         "including", "except", "inside", "outside", "together", "apiece"}
#: Common verbs that end a noun phrase after its first word ("2000 delegates met", "one in five Americans say").
_VERBS = {"say", "says", "said", "tell", "tells", "told", "meet", "meets", "met", "make", "makes", "made", "take",
          "takes", "took", "come", "comes", "came", "go", "goes", "went", "get", "gets", "got", "see", "sees", "saw",
          "know", "knows", "knew", "think", "thinks", "thought", "become", "becomes", "became", "leave", "leaves",
          "left", "feel", "feels", "felt", "bring", "brings", "brought", "begin", "begins", "began", "keep", "keeps",
          "kept", "hold", "holds", "held", "stand", "stands", "stood", "hear", "hears", "heard", "mean", "means",
          "meant", "pay", "pays", "paid", "run", "runs", "ran", "lose", "loses", "lost", "win", "wins", "won", "grow",
          "grows", "grew", "rise", "rises", "rose", "fall", "falls", "fell", "die", "dies", "live", "lives", "want",
          "wants", "need", "needs", "believe", "believes", "support", "supports", "oppose", "opposes", "remain",
          "remains", "face", "faces", "owe", "owes", "receive", "receives", "work", "works", "help", "helps",
          "represent", "represents", "account", "accounts", "include", "includes", "participate", "participates",
          "cost", "costs"}
_SKIP_FIRST = {"more", "fewer", "less", "other", "additional", "extra", "new", "most"}
_PHRASE_END = frozenset(",;:.!?)—–\"”")
_DETERMINERS = {"the", "a", "an", "all", "our", "their", "its", "his", "her", "your", "my", "these", "those",
                "this", "that"}
_PRONOUNS = {"them", "us", "you", "it", "those", "these", "which", "whom", "ours", "theirs"}

_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")
_NOUN_WORD_RE = re.compile(r"\s+((?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*)")
_CURRENCY_SIGNS = {"$": "currency:USD", "€": "currency:EUR", "£": "currency:GBP", "¥": "currency:JPY"}
_CURRENCY_WORDS = re.compile(
    r"\s+(?:(?P<usd>(?:(?:US|U\.S\.)\s+)?dollars?)|(?P<eur>euros?)|(?P<cny>yuan|renminbi)|(?P<rub>rubles?|roubles?)"
    r"|(?P<jpy>yen)|(?P<inr>rupees?)|(?P<gbp>pounds\s+sterling))(?![\w])", re.IGNORECASE)
_CURRENCY_CODES = {"usd": "USD", "eur": "EUR", "cny": "CNY", "rub": "RUB", "jpy": "JPY", "inr": "INR", "gbp": "GBP"}
_PERCENT = re.compile(r"\s?%|\s+(?:(?P<pct>percent|per\s+cent)|(?P<pp>percentage\s+points?))(?![\w])", re.IGNORECASE)
_SCALE = re.compile(r"\s+(hundred|thousand|million|billion|trillion)(?![\w-])", re.IGNORECASE)
_TIME_SUFFIX = re.compile(r"\s?(?:[ap]\.\s?m\.|[AP]\.\s?M\.|(?:am|pm|AM|PM)(?![\w])|o['’]clock(?![\w]))")
_CLOCK = re.compile(r":\d\d(?!\d)")
_TRAILING_QUALIFIER = re.compile(r"\s+or\s+(?:more|so|less|fewer)(?![\w])|-plus(?![\w])|\+", re.IGNORECASE)
_QUALIFIERS = sorted(["more than", "over", "almost", "nearly", "about", "around", "approximately", "roughly",
                      "some", "at least", "at most", "up to", "less than", "fewer than", "under", "close to",
                      "upwards of", "as many as", "as much as", "as few as", "as little as", "an estimated",
                      "estimated", "well over", "just over", "just under", "just about", "only about",
                      "no more than", "no fewer than", "no less than", "not more than", "more or less",
                      "approx."], key=len, reverse=True)
_QUALIFIER_RE = re.compile(r"(?<![\w])(" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in _QUALIFIERS)
                           + r")\s+$", re.IGNORECASE)
_YEAR_CUE = re.compile(r"(?<![\w])(?:in|since|until|till|by|before|after|during|from|through|year|fiscal|early|"
                       r"late|mid|summer|spring|fall|autumn|winter|circa|" + _MONTHS + r")\s+$", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"(?<![\w])(?:" + _MONTHS + r")\s+$")
_MONTH_AFTER = re.compile(r"\s+(?:of\s+)?(?:" + _MONTHS + r")(?![\w])")
_LABEL_CUE = re.compile(r"(?<![\w])(?:article|section|title|chapter|phase|tier|level|category|class|room|gate|"
                        r"route|flight|number|no\.|page|paragraph|step|stage|item|version|model|form|schedule|"
                        r"resolution|amendment|district|ward|precinct|tower|camp|apollo|agenda|vision|day|week|"
                        r"h\.\s?r\.|unscr)\s+$", re.IGNORECASE)
_ENUM_BEFORE = re.compile(r"(?:^|[;:—–]|(?<![\w])(?:and|then|also|number)\s*,?)[\s\"“‘'(]*$", re.IGNORECASE)
_ENUM_AFTER = re.compile(r"\s*[,:)]")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half(?![\w-])", re.IGNORECASE)
_OCLOCK = re.compile(r"\s+o['’]clock(?![\w])", re.IGNORECASE)
_RATIO = re.compile(r"\s+(?:in|out\s+of)\s+(\d+(?![\d,.])|[A-Za-z]+(?:-[A-Za-z]+)?)(?![\w-])")
_OF = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
_CHANGE_VERB = re.compile(r"(?<![\w])(?:(?:has|have|had)\s+(?:been\s+)?)?(?:increased|decreased|rose|risen|fell|"
                          r"fallen|grew|grown|dropped|declined|jumped|climbed|went\s+up|went\s+down|gone\s+up|"
                          r"gone\s+down|reached|hit|totall?ed|stands\s+at|stood\s+at|is\s+at|was\s+at|"
                          r"is\s+up|is\s+down|was\s+up|was\s+down)(?:\s+(?:by|to|at))?\s+$", re.IGNORECASE)
_AMOUNT_OF = re.compile(r"(?<![\w])(?:number|share|percentage|proportion|amount|total|volume|value|level|count)"
                        r"\s+of(?:\s+(?:the|all|our|their))?(?=\s)", re.IGNORECASE)

#: Words that can be part of a number written as words (see ``_ClaimParser._word_number``): cardinals,
#: vague plurals, "half" and the fractions of "a third of". "a" and "an" start one only before one of them.
_NUMBER_WORDS = frozenset(_CARDINAL | _VAGUE | {"half"} | set(_DENOMINATORS))
#: The words ``_ClaimParser._word_number`` can start a number at; it returns None at any other word.
_NUMBER_STARTS = _NUMBER_WORDS | {"a", "an"}
#: Pre-filter of :func:`claims`: a sentence holds a number only if it has a character ``str.isdigit`` accepts
#: (every such character is a word character that is no underscore and no ASCII letter: checked over all
#: of Unicode by the tests) or, once lower-cased, one of ``_NUMBER_WORDS`` with no ASCII letter either
#: side (a weaker test than the tokenizer's, so it lets through every sentence the parser could read a
#: number in: no character that is not a letter lower-cases to an ASCII letter). Most sentences fail both
#: and are not tokenised at all.
_DIGIT_LIKE = re.compile(r"[^\W_A-Za-z]")
_NUMBER_WORD_RE = re.compile(r"(?<![a-z])(?:" + trie_regex(_NUMBER_WORDS) + r")(?![a-z])")
#: ``_NUMBER_WORD_RE`` without a regular expression: its words are made of a-z only, so it finds one exactly
#: where one of them is a whole run of a-z of the lowered text; ``bytes.split()`` gives those runs once every
#: other character is a space (a character that is not ASCII first made a "?" by ``encode``: one each).
#: In an ASCII text, ``_DIGIT_LIKE`` finds 0-9 only, and lowering changes A-Z only: both read from its bytes.
_AZ_BYTES = bytes(i if 97 <= i <= 122 else 32 for i in range(256))
_AZ_LOWER_BYTES = bytes(i + 32 if 65 <= i <= 90 else i if 97 <= i <= 122 else 32 for i in range(256))
_ASCII_DIGITS = b"0123456789"
_NUMBER_WORD_BYTES = frozenset(w.encode("ascii") for w in _NUMBER_WORDS if re.fullmatch("[a-z]+", w))
assert len(_NUMBER_WORD_BYTES) == len(_NUMBER_WORDS), "number words of other characters than a-z"


def _may_hold_claim(text: str) -> bool:
    """False only for a sentence in which :class:`_ClaimParser` cannot find a number (see ``_DIGIT_LIKE``)."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_DIGITS)) != len(data) or not _NUMBER_WORD_BYTES.isdisjoint(
            data.translate(_AZ_LOWER_BYTES).split())
    return _DIGIT_LIKE.search(text) is not None or not _NUMBER_WORD_BYTES.isdisjoint(
        text.lower().encode("ascii", "replace").translate(_AZ_BYTES).split())


class _Token:
    """A token of :class:`_ClaimParser`; what the parser asks of it is computed once (it asks often)."""

    __slots__ = ("end", "is_num", "is_word", "low", "start", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text
        self.is_num = text[0].isdecimal()   # not "²": str.isdigit accepts it, float() does not
        self.is_word = text[0].isalpha()
        self.low = text.lower()


@dataclass
class _Claim:
    start: int
    end: int
    value: float
    unit: str = ""
    kind: str = ""
    qualifier: str = ""
    noun: str = ""
    digits: bool = False
    fraction: bool = False
    vague: bool = False
    time: bool = False
    compound_unit: str = ""     # "year" of "30-year"
    after: int = -1             # where the noun may start (after a trailing qualifier); -1: at ``end``
    range_start: bool = False   # the first number of a range "10-15%"


def _is_plural(word: str) -> bool:
    w = word.lower()
    return w in _PLURAL_IRREGULAR or (w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2)


def _noun_words(text: str, pos: int, limit: int = 4) -> tuple[str, int]:
    """Up to ``limit`` noun-phrase words from ``pos`` (see module docstring); returns the phrase and its end."""
    words: list[tuple[int, int, str]] = []
    while len(words) < limit:
        m = _NOUN_WORD_RE.match(text, pos)
        if not m:
            break
        w = m.group(1)
        low = w.lower()
        if not words and low in _SKIP_FIRST:
            pos = m.end()
            continue
        if low in _STOP or low in _UNITS or low in _TENS or low in _BIG or low in _VAGUE:
            break
        if words and low in _VERBS:
            break
        if words and low.endswith(("ing", "ed")) and len(low) > 4:
            nxt = _NOUN_WORD_RE.match(text, m.end())
            if not nxt or nxt.group(1).lower() in _STOP or text[m.end():m.end() + 1] in _PHRASE_END:
                break   # a participle after the noun ("delegates participating in"), not "banking system"
        words.append((m.start(1), m.end(1), w))
        pos = m.end()
        if text[pos:pos + 1] in _PHRASE_END:
            break
    if not words:
        return "", pos
    return " ".join(text[words[0][0]:words[-1][1]].split()), words[-1][1]


def _skip_words(text: str, pos: int, first: set[str], determiner: bool = False) -> int:
    """Skip one word of ``first`` (``of``, ``in`` ...) and one determiner after ``pos`` (a determiner
    alone too if ``determiner``: "half the country"); ``-1`` if a pronoun follows (the number counts
    something named elsewhere: "50 of them")."""
    m = _NOUN_WORD_RE.match(text, pos)
    if m and determiner and m.group(1).lower() in _DETERMINERS:
        return m.end()
    if not m or m.group(1).lower() not in first:
        return pos
    pos = m.end()
    m = _NOUN_WORD_RE.match(text, pos)
    if m and m.group(1).lower() in _PRONOUNS:
        return -1
    if m and m.group(1).lower() in _DETERMINERS:
        pos = m.end()
    return pos


def _find_noun(text: str, claim: _Claim, lead: int) -> tuple[str, bool]:
    """The noun a claim counts or qualifies, and whether it follows the number directly."""
    if claim.compound_unit:
        return claim.compound_unit, True
    pos = claim.after if claim.after >= 0 else claim.end
    first = {"of"} | ({"in", "for", "worth"} if claim.kind == "money" else set())
    after = _skip_words(text, pos, first, determiner=claim.fraction)
    if after >= 0:
        noun, _ = _noun_words(text, after)
        if noun:
            return noun, after == pos
    before = text[:lead]
    if _CHANGE_VERB.search(before):
        window = re.split(r"[,;:—–()]", before[-150:])[-1]   # this clause only
        found = list(_AMOUNT_OF.finditer(window))
        if found:
            noun, _ = _noun_words(window, found[-1].end())
            if noun:
                return noun, False
        verb = _CHANGE_VERB.search(before)
        words = re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", before[:verb.start()][-60:])
        phrase: list[str] = []
        for w in reversed(words):
            if w.lower() in _STOP or len(phrase) == 3:
                break
            phrase.insert(0, w)
        if phrase:
            return " ".join(phrase), False
    return "", False


#: A token of ``_TOKEN_RE`` with the white space before it. Tokens are separated by white space only (every
#: other character starts a token: ``\S`` is the last alternative), so these pieces tile the text up to its
#: trailing white space and their running lengths are the tokens' end offsets. No token starts with white
#: space, so a piece without its leading white space (``str.lstrip``: the same characters as ``\s``) is
#: its token.
_TOKEN_PIECE_RE = re.compile(r"\s*(?:" + _TOKEN_RE.pattern + ")")
#: Whether a token can start a number (see ``_ClaimParser.claims``), for the tokens met lately.
_STARTS: dict[str, bool] = {}
_STARTS_SIZE = 1 << 16


def _starts_number(token: str) -> bool:
    return token[0].isdecimal() or token.lower() in _NUMBER_STARTS


class _Tokens:
    """The tokens of a text (``_TOKEN_RE.finditer``), as a read-only sequence of :class:`_Token`; each token is
    made when first read. Texts, start and end offsets come as lists from two ``findall`` calls, since the
    parser reads only the tokens around a number, and most tokens are never read."""

    __slots__ = ("_made", "ends", "starts", "texts")

    def __init__(self, text: str):
        pieces = _TOKEN_PIECE_RE.findall(text)
        self.texts = list(map(str.lstrip, pieces))
        self.ends = list(itertools.accumulate(map(len, pieces)))
        self.starts = list(map(operator.sub, self.ends, map(len, self.texts)))
        self._made: dict[int, _Token] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> _Token:
        t = self._made.get(i)
        if t is None:
            t = self._made[i] = _Token(self.starts[i], self.ends[i], self.texts[i])
        return t


class _ClaimParser:
    """Finds the numbers of one sentence (see module docstring)."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = _Tokens(text)
        self.starts, self._ends = self.tokens.starts, self.tokens.ends
        self.first_word = next((i for i, t in enumerate(self.tokens.texts) if t[0].isalpha() or t[0].isdigit()), -1)

    # -- token helpers -------------------------------------------------------------------------------
    def _adjacent(self, i: int, j: int) -> bool:
        n = len(self.starts)
        return 0 <= i < n and 0 <= j < n and self._ends[i] == self.starts[j]

    def _spaced(self, i: int, j: int) -> bool:
        """Tokens ``i`` and ``j`` are separated by whitespace only."""
        n = len(self.starts)
        if not (0 <= i < n and 0 <= j < n):
            return False
        gap = self.text[self._ends[i]:self.starts[j]]
        return bool(gap) and gap.isspace()

    def _chained(self, i: int, j: int) -> bool:
        """Is number token ``i`` joined by a hyphen at token ``j`` (just before or after it) to another number?"""
        toks = self.tokens
        if not (0 <= j < len(toks)) or toks[j].text not in "-‐–" or not (self._adjacent(i, j) or self._adjacent(j, i)):
            return False
        other = j + 1 if j > i else j - 1
        return 0 <= other < len(toks) and toks[other].is_num and (self._adjacent(j, other) or self._adjacent(other, j))

    def _index_at(self, pos: int) -> int:
        """The first token that starts at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    # -- number cores --------------------------------------------------------------------------------
    def _cardinal(self, i: int) -> tuple[float, int] | None:
        """Value and last token of a run of cardinal number words starting at token ``i``."""
        toks = self.tokens
        total, current, last, j, prev = 0.0, 0.0, -1, i, ""
        while j < len(toks) and toks[j].is_word and toks[j].low in _CARDINAL:
            w = toks[j].low
            if w in _UNITS:
                if prev == "unit" or (prev == "tens" and not 1 <= _UNITS[w] <= 9):
                    break
                current += _UNITS[w]
                prev = "unit"
            elif w in _TENS:
                if prev in ("unit", "tens"):
                    break
                current += _TENS[w]
                prev = "tens"
            elif w == "hundred":
                if prev in ("hundred", "dozen"):
                    break
                current = (current or 1) * 100
                prev = "hundred"
            elif w == "dozen":
                if prev == "dozen":
                    break
                current = (current or 1) * 12
                prev = "dozen"
            else:
                total += (current or 1) * _BIG[w]
                current = 0
                prev = "big"
            last = j
            k = j + 1
            if (k < len(toks) and toks[k].text in "-‐" and self._adjacent(j, k) and self._adjacent(k, k + 1)
                    and prev == "tens" and toks[k + 1].low in _UNITS and 1 <= _UNITS[toks[k + 1].low] <= 9):
                j = k + 1
                continue
            if self._spaced(j, k) and k < len(toks):
                if (toks[k].low == "and" and prev in ("hundred", "big") and self._spaced(k, k + 1)
                        and k + 1 < len(toks) and (toks[k + 1].low in _UNITS or toks[k + 1].low in _TENS)):
                    j = k + 1
                    continue
                if toks[k].low in _CARDINAL:
                    j = k
                    continue
            break
        if last < 0:
            return None
        return total + current, last

    def _word_number(self, i: int) -> tuple[_Claim, int] | None:
        """A number written as words at token ``i`` (the claim and its last token), or None."""
        toks, text = self.tokens, self.text
        t = toks[i]
        if t.text[0].isupper() and i != self.first_word:
            return None   # "Air Force One", "Group of Seven": a name
        if self._adjacent(i - 1, i) and toks[i - 1].text in "-‐":
            return None   # second part of a compound already rejected ("zero-sum", "one-on-one")
        w = t.low
        nxt = i + 1
        # vague plurals: "thousands of", "tens of millions of"
        if w in _VAGUE:
            if not (self._spaced(i, nxt) and nxt < len(toks) and toks[nxt].low == "of"):
                return None
            last = i
            if (self._spaced(nxt, nxt + 1) and nxt + 1 < len(toks) and toks[nxt + 1].low in _VAGUE
                    and toks[nxt + 1].low != "tens"):
                last = nxt + 1
            elif w == "tens":
                return None
            return _Claim(t.start, toks[last].end, float("nan"), vague=True), last
        # "half of", "half the", "half a million"
        if w == "half":
            if self._adjacent(i, nxt):
                return None
            if self._spaced(i, nxt) and nxt < len(toks) and toks[nxt].low in ("a", "an") and self._spaced(nxt, nxt + 1):
                card = self._cardinal(nxt + 1) if nxt + 1 < len(toks) and toks[nxt + 1].low in _BIG else None
                if card:
                    return _Claim(t.start, toks[card[1]].end, 0.5 * card[0]), card[1]
            if self._spaced(i, nxt) and nxt < len(toks) and (toks[nxt].low == "of" or toks[nxt].low in _DETERMINERS):
                return _Claim(t.start, t.end, 0.5, fraction=True), i
            return None
        # "a million", "a dozen", "a third of"
        if w in ("a", "an"):
            if not (self._spaced(i, nxt) and nxt < len(toks)):
                return None
            n = toks[nxt].low
            if n in _BIG or n in ("hundred", "dozen"):
                card = self._cardinal(nxt)
                if card:
                    return _Claim(t.start, toks[card[1]].end, card[0]), card[1]
            if n in _DENOMINATORS and not n.endswith("s") and self._spaced(nxt, nxt + 1) \
                    and nxt + 1 < len(toks) and toks[nxt + 1].low == "of":
                return _Claim(t.start, toks[nxt].end, 1 / _DENOMINATORS[n], fraction=True), nxt
            return None
        if w not in _CARDINAL or w in _BIG or w in ("hundred", "dozen"):
            return None   # a scale word alone ("-odd thousand"); "a thousand", "one million" are kept
        card = self._cardinal(i)
        if card is None:
            return None
        value, last = card
        k = last + 1
        # fractions: "one-quarter", "two-thirds", "two thirds of"
        if k + 1 < len(toks) and toks[k].text in "-‐" and self._adjacent(last, k) and self._adjacent(k, k + 1):
            d = toks[k + 1].low
            if d in _DENOMINATORS and d not in ("half",) and value < 100:
                return _Claim(t.start, toks[k + 1].end, value / _DENOMINATORS[d], fraction=True), k + 1
            if d in _TIME_UNITS:
                return _Claim(t.start, toks[last].end, value, compound_unit=d), k + 1
            return None   # "two-state", "one-on-one", "zero-sum"
        if (self._spaced(last, k) and k < len(toks) and toks[k].low in _DENOMINATORS and toks[k].low != "half"
                and self._spaced(k, k + 1) and k + 1 < len(toks) and toks[k + 1].low == "of" and value < 100):
            return _Claim(t.start, toks[k].end, value / _DENOMINATORS[toks[k].low], fraction=True), k
        # "two and a half"
        m = _AND_A_HALF.match(text, toks[last].end)
        if m:
            value += 0.5
            last = self._index_at(m.end()) - 1
            return _Claim(t.start, m.end(), value), last
        claim = _Claim(t.start, toks[last].end, value)
        if last == i and w == "one":
            claim.kind = "?one"   # "one" alone: kept only with a percent or as a ratio (see claims())
        return claim, last

    def _digit_number(self, i: int) -> tuple[_Claim, int] | None:
        """A number written with digits at token ``i`` (the claim and its last token), or None."""
        toks, text = self.tokens, self.text
        t = toks[i]
        start, unit = t.start, ""
        if self._adjacent(i - 1, i):
            p = toks[i - 1].text
            if p in _CURRENCY_SIGNS:
                start = toks[i - 1].start
                unit = _CURRENCY_SIGNS[p]
                if self._adjacent(i - 2, i - 1) and toks[i - 2].text in ("US", "U.S"):
                    start = toks[i - 2].start
            elif p in "-‐–" and self._adjacent(i - 2, i - 1) and toks[i - 2].is_num:
                if self._chained(i - 2, i - 3) or self._chained(i, i + 1):
                    return None   # 1-800-621-3362, 2021-01-20
            elif p in "’‘'" and len(t.text) == 2 and not (self._adjacent(i, i + 1) and toks[i + 1].is_word):
                return _Claim(toks[i - 1].start, t.end, float(t.text), digits=True, kind="year"), i   # ’22
            elif p not in "(“\"'‘[—":
                return None   # COVID-19, B117, 9/11, No.5
        value = float(t.text.replace(",", ""))
        claim = _Claim(start, t.end, value, unit=unit, digits=True)
        k = i + 1
        if self._adjacent(i, k):
            nxt = toks[k].text
            if nxt == "/" or (nxt in (".", ",") and self._adjacent(k, k + 1) and toks[k + 1].is_num):
                return None
            if nxt == ":":
                m = _CLOCK.match(text, t.end)
                if not m:
                    return None
                claim.end, claim.time = m.end(), True
                claim.value += int(m.group()[1:]) / 60
            elif toks[k].is_word:
                low = toks[k].low
                if low == "s" and len(t.text) == 4:
                    claim.end, claim.kind = toks[k].end, "year"   # a decade: the 1990s
                    return claim, k
                return None   # 20th, 5G, 3D
            elif nxt in "-‐" and self._adjacent(k, k + 1):
                if toks[k + 1].is_word and toks[k + 1].low in _TIME_UNITS:
                    claim.compound_unit = toks[k + 1].low
                    return claim, k + 1
                if toks[k + 1].is_word and toks[k + 1].low == "plus":
                    claim.qualifier, claim.after = "plus", toks[k + 1].end
                    return claim, k + 1
                if not toks[k + 1].is_num or self._chained(k + 1, k + 2):
                    return None   # "10-point plan", 1-800-...
                claim.range_start = True
        return claim, i

    # -- the whole sentence --------------------------------------------------------------------------
    def claims(self) -> list[_Claim]:
        out: list[_Claim] = []
        toks = self.tokens
        i = 0
        # only a digit or a word of _NUMBER_STARTS can start a number: the others are passed over unread
        global _STARTS
        texts, starts = toks.texts, _STARTS
        new = set(texts).difference(starts)
        if new:
            if len(starts) + len(new) > _STARTS_SIZE:   # a bound on memory: start afresh (a new dict: a dict
                starts = _STARTS = {}                   # in use elsewhere only ever gains entries)
                new = set(texts)
            starts.update(zip(new, map(_starts_number, new)))
        for k in list(itertools.compress(range(len(texts)), map(starts.__getitem__, texts))):
            if k < i:
                continue   # inside the number found last
            i = k
            t = toks[i]
            if t.is_num:
                found = self._digit_number(i)
            elif t.is_word and t.low in _NUMBER_STARTS:   # _word_number returns None at any other word
                found = self._word_number(i)
            else:
                found = None
            if not found:
                continue
            claim, last = found
            self._extend(claim)
            if claim.kind == "?one":
                if claim.unit or claim.fraction:
                    claim.kind = ""
                else:
                    continue
            self._classify(claim)
            prev = out[-1] if out else None
            if prev is not None and prev.range_start and not prev.unit and prev.kind == "count" and claim.unit:
                prev.unit, prev.kind, prev.noun = claim.unit, claim.kind, claim.noun   # "10-15%"
            out.append(claim)
            i = max(self._index_at(claim.end), last + 1)
        return out

    def _extend(self, claim: _Claim) -> None:
        """Scale words, ratios, percent and currency words, times and trailing qualifiers after a number."""
        text = self.text
        if claim.compound_unit:
            return
        if claim.digits and claim.kind != "year":
            m = _SCALE.match(text, claim.end) if not claim.time else None
            if m:
                claim.value *= 100 if m.group(1).lower() == "hundred" else _BIG[m.group(1).lower()]
                claim.end = m.end()
            m = _TIME_SUFFIX.match(text, claim.end)
            if m and (claim.time or (claim.value.is_integer() and 1 <= claim.value <= 12 and not claim.unit)):
                claim.end, claim.time = m.end(), True
        elif not claim.digits:
            m = _OCLOCK.match(text, claim.end)
            if m:
                claim.end, claim.time = m.end(), True
                return
        if claim.time or claim.kind == "year":
            return
        # ratio: "one in five", "3 out of 10"
        m = _RATIO.match(text, claim.end)
        if m and not claim.fraction and not claim.vague and not claim.unit:
            second = m.group(1)
            denom = float(second) if second.isdecimal() else None
            if denom is None:
                sub = _ClaimParser(second.lower())
                card = sub._cardinal(0) if sub.tokens and sub.tokens[0].low in _CARDINAL else None
                denom = card[0] if card and sub.tokens[card[1]].end == len(second) else None
            if denom and claim.value < denom <= 1000:
                claim.value, claim.end, claim.fraction = claim.value / denom, m.end(), True
                if claim.kind == "?one":
                    claim.kind = ""
                return
        m = _PERCENT.match(text, claim.end)
        if m and not claim.fraction and not claim.unit:
            claim.unit = "percentage point" if m.group("pp") else "percent"
            claim.end = m.end()
        if not claim.unit:
            pos = claim.end
            if claim.vague:
                of = _OF.match(text, pos)
                pos = of.end() if of else -1
            m = _CURRENCY_WORDS.match(text, pos) if pos >= 0 else None
            if m:
                claim.unit = "currency:" + _CURRENCY_CODES[m.lastgroup]
                claim.end = m.end()
        m = _TRAILING_QUALIFIER.match(text, claim.end)
        if m and not claim.qualifier:
            claim.qualifier = " ".join(m.group().lower().lstrip("-").split())
            claim.after = m.end()

    def _classify(self, claim: _Claim) -> None:
        """Kind, leading qualifier and noun of a claim."""
        text = self.text
        before = text[max(0, claim.start - 40):claim.start]
        m = _QUALIFIER_RE.search(before)
        lead = claim.start
        if m and not claim.qualifier:
            claim.qualifier = " ".join(m.group(1).lower().split())
            lead = claim.start - (len(before) - m.start(1))
        if claim.time:
            claim.kind = "time"
        elif claim.unit.startswith("currency:"):
            claim.kind = "money"
        elif claim.unit:
            claim.kind = "percent"
        elif claim.fraction:
            claim.kind = "fraction"
        elif claim.kind == "year":
            pass
        elif claim.digits and claim.value.is_integer() and 1 <= claim.value <= 31 and (
                _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(text, claim.end)):
            claim.kind = "date"
        elif claim.digits and _LABEL_CUE.search(before) and text[claim.start:claim.end].isdigit():
            claim.kind = "label"   # "Title 42", "Article 5"; not "the number 1.9 trillion"
        elif not claim.digits and not claim.unit and not claim.fraction and (
                _LABEL_CUE.search(before) or (_ENUM_AFTER.match(text, claim.end) and _ENUM_BEFORE.search(
                    text[:claim.start]))):
            claim.kind = "label"   # "Number two, ...", "And, three, ...": an enumeration, not a count
        elif claim.digits and claim.value.is_integer() and 1000 <= claim.value <= 2099 and "," not in \
                text[claim.start:claim.end] and claim.end - claim.start == 4:
            noun, direct = _find_noun(text, claim, lead)
            plural = bool(noun) and direct and noun.split()[0].islower() and _is_plural(noun.split()[0]) \
                and noun.split()[0].lower() not in _YEAR_NOUNS
            if _YEAR_CUE.search(before) or not plural:
                claim.kind = "year"
        if not claim.kind:
            claim.kind = "count"
        if claim.kind in EVIDENCE_KINDS:
            claim.noun, _ = _find_noun(text, claim, lead)
            head = claim.noun.split()[-1].lower() if claim.noun else ""
            if claim.kind == "count" and (head in _TIME_UNITS or claim.compound_unit):
                claim.kind = "duration"


def claims(sentences: pd.DataFrame, *, include_narrator: bool = False) -> pd.DataFrame:
    """One row per number said in the sentences: the quantitative claims a fact-checker checks.

    ``include_narrator=True`` also reads narrator and caption text (titles, lead paragraphs, captions).
    See the module docstring for what is found and how. Rows are sorted by ``doc_id``, ``sentence_id``,
    ``start``. Columns:

    ``doc_id`` (str), ``sentence_id`` (int), ``speaker`` (str), ``role`` (str): the sentence's, as in the
    sentence table; ``topic`` (str): its primary topic, or empty when the table has no ``topic`` column;
    ``qualifier`` (str): the approximation or bound said with the number, lower case as written ("some",
    "more than", "about", "nearly", "over", "at least", "up to", "or more", "plus" ...), else empty;
    ``number`` (str): the number as written, with its currency sign, scale, percent or currency word
    ("44%", "200 million", "$34 billion", "one-quarter", "Seventeen"); ``value`` (float): its value as
    stated (44.0 for 44%, 200000000.0, 0.25 for one-quarter, 0.2 for one in five; empty for vague plurals
    such as "thousands of"); ``unit`` (str): ``percent``, ``percentage point``, ``currency:<ISO 4217 code>``
    ("$" and "dollars" are taken as US dollars, "¥" as yen) or empty; ``noun`` (str): what the number
    counts or qualifies ("world’s population", "terrorist attacks", "years"), as written, empty when none
    is found; ``kind`` (str): one of :data:`CLAIM_KINDS` (evidence: count, percent, fraction, money,
    duration; not evidence: year, date, time, label); ``start``, ``end`` (int): offsets of ``number`` in
    the document text (``document_text[start:end] == number``); ``sentence`` (str): the sentence.
    """
    require_columns(sentences, {"doc_id", "sentence_id", "speaker", "role", "start", "text"}, func="claims")
    if not isinstance(include_narrator, bool):
        raise ToolkitTypeError(f"The `include_narrator` parameter of claims() must be True or False; "
                               f"got {include_narrator!r}.")
    data = sentences[[c for c in _CLAIM_READS if c in sentences]]   # only what the rows need: faster
    data = data if include_narrator else spoken(data)
    cols = _records(data, ["text"])
    # the claims are a function of the text alone: a text met again is parsed once (its rows share the claims,
    # which are only read from here on); a text with none is remembered as the empty tuple (no new object)
    memo: dict[str, list[_Claim] | tuple] = {}
    found = []
    for i, text in enumerate(cols["text"]):
        parsed = memo.get(text) if type(text) is str else None
        if parsed is None:
            parsed = (_ClaimParser(text).claims() or ()) if _may_hold_claim(text) else ()
            if type(text) is str:
                memo[text] = parsed
        if parsed:
            found.append((i, parsed))
    cols = _records(data.take([i for i, _ in found]), _CLAIM_READS)
    out: dict[str, list] = {c: [] for c in CLAIM_COLUMNS}
    topics = cols.get("topic", [""] * len(found))
    for j, (_, parsed) in enumerate(found):
        text, offset, topic = cols["text"][j], int(cols["start"][j]), _context(topics[j], "")
        for c in parsed:
            for col, value in zip(CLAIM_COLUMNS, (
                    cols["doc_id"][j], cols["sentence_id"][j], cols["speaker"][j], cols["role"][j], topic,
                    c.qualifier, text[c.start:c.end], c.value, c.unit, c.noun, c.kind, offset + c.start,
                    offset + c.end, text)):
                out[col].append(value)
    return _table(out, CLAIM_COLUMNS, _CLAIM_TYPES, "claims")


# ======================================================================================================
# Actors
# ======================================================================================================

_TOP_KEYS = {"name", "version", "source", "licence", "license", "description", "actors", "ignore", "exclude_iso",
             "titles", "not_names", "replace", "pycountry"}
_ENTRY_KEYS = {"kind", "aliases", "iso", "ambiguous", "context", "standalone"}
_PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le",
              "del", "dos", "das", "y"}
#: "the king of", "President Sisi of", "King Abdullah II of", "Ambassador to" just before an ambiguous name.
_TITLE_OF = re.compile(r"(?<![\w])(?:[Kk]ing|[Qq]ueen|[Cc]rown\s+[Pp]rince|[Ee]mir|[Ss]ultan|[Pp]resident|"
                       r"[Pp]rime\s+[Mm]inister|[Ff]oreign\s+[Mm]inister|[Mm]inister|[Aa]mbassador|[Ee]mbassy|"
                       r"[Kk]ingdom|[Rr]epublic)(?:\s+[A-Z][\w'’.\-]*){0,3}\s+of\s+(?:the\s+)?$"
                       r"|(?<![\w])[Aa]mbassador\s+to\s+$")
#: Characters around an ambiguous name within which another country confirms it.
_CONTEXT_WINDOW = 80
_NAME_TOKEN = re.compile(r"\s+([^\W\d_][^\s,;:!?()\[\]{}<>\\\"“”—–/]*)")


@lru_cache(maxsize=1)
def _sentence_starters() -> frozenset:
    """Words that often open a sentence (the sentence splitter's list), lower case."""
    text = resources.files("toolkit").joinpath("data").joinpath("sentence_starters.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def default_gazetteer_path() -> Path:
    """The shipped gazetteer (``toolkit/data/actors.yaml``)."""
    return Path(str(resources.files("toolkit").joinpath("data").joinpath("actors.yaml")))


def _norm(form: str) -> str:
    return " ".join(form.replace("’", "'").split())


def _guarded_alternatives(forms: list[str], before: str, prefixes: tuple[str, ...] = ()) -> list[str] | None:
    """Alternatives of a regular expression equivalent to
    ``(?<!before)(?:(?:prefix|...)\\s+)?(?:trie_regex(forms))``, each opening with a plain character, or None
    when a form or prefix opens with white space (only possible in a hand-built :class:`Gazetteer`).

    Python's regex engine skips ahead in C to the positions whose character can start a match only when
    every alternative opens with a plain character; a lookbehind first makes it try every position. So the
    trie is split by first character and the lookbehind moves after it, as a two-character lookbehind
    (``(?<!B[\\s\\S])``: "the character before the one just read is not in B"), and the optional prefix is
    distributed into alternatives of its own (``(?:P\\s+)?T`` tries the same matches in the same order as
    ``(?:P\\s+T|T)``). The alternatives come in the trie's order, so the matches are the same; on White
    House briefings the forms are found 2.5 times faster.
    """
    if any(not f or f[0].isspace() for f in [*forms, *prefixes]):
        return None
    guard = r"(?<!" + before + r"[\s\S])"
    alts = [re.escape(p[0]) + guard + re.escape(p[1:]) + r"\s+(?:" + trie_regex(forms) + ")" for p in prefixes]
    tails: dict[str, list[str]] = {}
    for f in forms:
        tails.setdefault(f[0], []).append(f[1:])
    for ch in sorted(tails):   # trie_regex's order; it reads an apostrophe as either apostrophe
        rest = [t for t in tails[ch] if t]
        tail = trie_regex(rest) if rest else ""
        if rest and len(rest) < len(tails[ch]):
            tail = "(?:" + tail + ")?"   # the character alone is a form too
        alts += [re.escape(c) + guard + tail for c in (("'", "’") if ch == "'" else (ch,))]
    return alts


@dataclass
class Gazetteer:
    """A validated gazetteer: the shipped one, or the shipped one with a user's file. Use :func:`load_gazetteer`."""

    name: str
    version: str
    source: str
    paths: list[Path]
    sha256: str                                   # of the files read, in order
    forms: dict[str, tuple[str, str] | None]      # normalised form -> (actor, kind); None: an ignore phrase
    ambiguous: dict[str, str]                     # normalised ambiguous form -> actor
    standalone: dict[str, str]                    # normalised form counted only outside longer names -> actor
    context: dict[str, re.Pattern]                # actor -> its context words
    titles: list[str]
    not_names: frozenset
    _forms_re: re.Pattern = field(repr=False, default=None)
    _titles_re: re.Pattern = field(repr=False, default=None)

    def __post_init__(self):
        forms = sorted((f for f in self.forms if f), key=len, reverse=True)
        titles = sorted((t for t in self.titles if t), key=len, reverse=True)
        prefixes = ("Deputy", "Assistant", "Under")   # "Deputy Secretary Smith"
        fast = _guarded_alternatives(forms, r"[\w.@/#]") if forms else None
        self._forms_re = None if not forms else re.compile(
            (r"(?:" + "|".join(fast) + r")" if fast else r"(?<![\w.@/#])(?:" + trie_regex(forms) + r")")
            + r"(?![\w$&])")
        fast = _guarded_alternatives(titles, r"[\w.]", prefixes) if titles else None
        self._titles_re = None if not titles else re.compile(
            (r"(?:" + "|".join(fast) + r")" if fast else
             r"(?<![\w.])(?:(?:" + "|".join(prefixes) + r")\s+)?(?:" + trie_regex(titles) + r")") + r"(?=\s)")
        self._title_words = frozenset(t.rstrip(".") for t in self.titles) | frozenset(
            t.split()[-1] for t in self.titles)

    # -- matching ------------------------------------------------------------------------------------
    def _may_name(self, texts: list[str]) -> list[int] | range:
        """Indices of the ``texts`` in which a form or a title occurs: :meth:`match` finds no actor in the
        others (see :meth:`_scan`); every index when the texts cannot be scanned joined."""
        found = self._scan(texts)
        return range(len(texts)) if found is None else sorted(found)

    def _scan(self, texts: list[str]) -> dict[int, tuple[list, list]] | None:
        """The matches of the forms and of the titles in each text that has any, as ``{index: (form spans,
        title spans)}`` (``(start, end)`` in the text), in the order ``finditer`` on that text gives them.

        The texts are searched joined by NUL characters, two scans instead of two per text. That finds the
        same matches: no form or title holds a NUL (then no match does: their patterns read white space
        between words, never a NUL), so the matches in one text are found from its start, leftmost first,
        as in the text alone; and each pattern's lookbehind and lookahead treat a NUL as they treat the start
        or end of a text (it is no word character, ``.@/#$&`` or white space). None (scan each text) when the
        texts are not all strings free of NUL."""
        try:
            joined = "\0".join(texts)
        except TypeError:   # a text that is no string
            return None
        if joined.count("\0") != len(texts) - 1 or any("\0" in f for f in [*self.forms, *self.titles]):
            return None
        starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        found: dict[int, tuple[list, list]] = {}
        for which, pattern in enumerate((self._forms_re, self._titles_re)):
            if pattern is None:
                continue
            i, lo, hi = -1, 0, -1   # the text of the last match, where it starts, where the next one starts
            for m in pattern.finditer(joined):
                s = m.start()
                if not lo <= s < hi:
                    i = bisect.bisect_right(starts, s) - 1
                    lo, hi = starts[i], starts[i + 1] if i + 1 < len(starts) else len(joined) + 1
                found.setdefault(i, ([], []))[which].append((s - lo, m.end() - lo))
        return found

    def _person(self, text: str, title_start: int, title_end: int) -> tuple[int, int] | None:
        """The span of "<title> <Name ...>" from a title match, or None when no name follows.

        Names are up to four capitalised words (initials, "Jr.", and particles such as "bin" or "van"
        between them); a possessive or a full stop ends them. A title word ends a name unless it is its
        last word ("Mr. President" is no one, "Senator Angus King" is); a word of ``not_names`` ends it and
        takes the word before it along ("General White House Counsel", "President Lincoln Memorial").
        ``title_start`` and ``title_end``: the title's span.
        """
        tokens, pos = [], title_end
        while len(tokens) < 6:
            t = _NAME_TOKEN.match(text, pos)
            if not t:
                break
            tokens.append((t.start(1), t.group(1)))
            pos = t.end()
        taken: list[tuple[int, str]] = []   # (end offset, "name", "initial" or "particle")
        for idx, (start, tok) in enumerate(tokens):
            if len(taken) == 4:
                break
            clean, stop = tok, False
            if not (re.fullmatch(r"[A-Z]\.", tok) or tok in ("Jr.", "Sr.")) and tok.endswith("."):
                clean, stop = tok.rstrip("."), True
            if clean.endswith(("'s", "’s")):
                clean, stop = clean[:-2], True
            clean = clean.rstrip("'’-")
            if not clean:
                break
            nxt = tokens[idx + 1][1] if idx + 1 < len(tokens) and not stop else ""
            if not clean[0].isupper():
                if clean in _PARTICLES and taken and nxt[:1].isupper():
                    taken.append((start + len(clean), "particle"))
                    continue
                break
            if clean in self.not_names:
                if taken:
                    taken.pop()
                break
            has_name = any(kind == "name" for _, kind in taken)
            if clean in self._title_words and not (has_name and not nxt[:1].isupper()):
                break
            if "." in clean.rstrip(".") and len(clean) > 2:
                break   # "U.S."
            taken.append((start + len(clean), "name" if len(clean.rstrip(".")) > 1 else "initial"))
            if stop:
                break
        if not any(kind == "name" for _, kind in taken):
            return None
        return title_start, taken[-1][0]

    def match(self, text: str, spans: tuple[list, list] | None = None) -> list[tuple[int, int, str, str]]:
        """Actor mentions in ``text``: ``(start, end, actor, kind)`` by the rules of the module docstring.
        ``spans``: the spans of the forms and titles in ``text``, if :meth:`_scan` found them already."""
        if spans is None:
            spans = tuple([m.span() for m in p.finditer(text)] if p else [] for p in (self._forms_re,
                                                                                       self._titles_re))
        cands = []
        for s, e in spans[0]:
            cands.append((s, e, 1, self.forms.get(_norm(text[s:e]))))
        for s, e in spans[1]:
            span = self._person(text, s, e)
            if span:
                mention = _norm(text[span[0]:span[1]])
                name = _norm(text[e:span[1]])
                hit = self.forms.get(mention) or self.forms.get(name)
                actor = hit if hit and hit[1] == "person" else (mention, "person")
                cands.append((span[0], span[1], 0, actor))
        if not cands:
            return []   # most sentences name no one
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), -c[2]))
        chosen, last_end = [], -1
        for s, e, _, actor in cands:
            if s >= last_end:
                chosen.append((s, e, actor))
                last_end = e
        found = [(s, e, a[0], a[1]) for s, e, a in chosen if a is not None]
        others = [(s, e, a) for s, e, a, k in found if k == "country" and a != "United States"
                  and _norm(text[s:e]) not in self.ambiguous]
        out = []
        for s, e, actor, kind in found:
            form = _norm(text[s:e])
            if self.standalone.get(form) == actor and self._in_name(text, s, e):
                continue
            if self.ambiguous.get(form) == actor and not self._confirmed(text, s, e, actor, others):
                continue
            out.append((s, e, actor, kind))
        return out

    @staticmethod
    def _in_name(text: str, s: int, e: int) -> bool:
        """Is ``text[s:e]`` part of a longer capitalised name ("Vernon Jordan", "Georgia Tech", "Russia's
        Security Council")? A common sentence opener before it does not count ("And Jordan", "Today Georgia":
        ``toolkit/data/sentence_starters.txt``)."""
        prev = re.search(r"([^\W\d_][\w'’.\-]*)\s+$", text[:s])
        if prev and prev.group(1)[0].isupper() and (text[:prev.start(1)].strip(" \"“‘'(") != ""
                                                    or prev.group(1).lower() not in _sentence_starters()):
            return True
        nxt = re.match(r"\s+([^\W\d_][\w'’\-]*)", text[e:])
        return bool(nxt and nxt.group(1)[0].isupper() and nxt.group(1) != "I")

    def _confirmed(self, text: str, s: int, e: int, actor: str, others: list) -> bool:
        """Is an ambiguous form (Georgia, Jordan) the country here? See the module docstring."""
        if self._in_name(text, s, e):
            return False   # "Vernon Jordan", "Georgia Tech", "Chad Meredith"
        if re.search(r"(?<![\w])[Tt]he\s+$", text[:s]):
            return False   # "the Georgia attorney general", "the Jordan River": the countries take no article
        if any(a != actor and os < e + _CONTEXT_WINDOW and oe > s - _CONTEXT_WINDOW for os, oe, a in others):
            return True
        if _TITLE_OF.search(text[max(0, s - 80):s]):
            return True
        rx = self.context.get(actor)
        return bool(rx and rx.search(text))


def _fail(path, problem: str):
    raise TranscriptError(path, problem)


def _str_list(value, path, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        _fail(path, f"{where} must be a list of names; got {value!r}.")
    for v in value:
        if not isinstance(v, str) or not v.strip():
            _fail(path, f"{where} has an empty or non-text entry {v!r}; quote names YAML reads as numbers, "
                        "dates or booleans.")
    return [v.strip() for v in value]


def _read_gazetteer(path: Path) -> dict:
    """Read and validate one gazetteer file; errors name the file (and the line for YAML errors)."""
    from .codebook import _is_shipped
    from .io import load_yaml

    if path.is_dir():
        raise TranscriptNotFoundError(path, "is a folder, not a gazetteer file.")
    if not path.is_file():
        raise TranscriptNotFoundError(path, "gazetteer file not found.")
    raw = path.read_bytes()
    try:
        data = load_yaml(raw.decode("utf-8-sig"), shipped=_is_shipped(path))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        _fail(path, f"is not a valid UTF-8 YAML gazetteer{where}: {getattr(exc, 'problem', exc)}.")
    if not isinstance(data, dict):
        _fail(path, "a gazetteer must be a YAML mapping with an 'actors' key.")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        _fail(path, f"unknown gazetteer key(s) {sorted(map(str, unknown))}; allowed: {sorted(_TOP_KEYS)}.")
    for key in ("replace", "pycountry"):
        if key in data and not isinstance(data[key], bool):
            _fail(path, f"'{key}' must be true or false; got {data[key]!r}.")
    entries = data.get("actors") or {}
    if not isinstance(entries, dict):
        _fail(path, "'actors' must be a mapping of canonical names to entries (kind, aliases, ...).")
    out: dict[str, dict] = {}
    seen: dict[str, str] = {}
    for name, spec in entries.items():
        if not isinstance(name, str) or not name.strip():
            _fail(path, f"an actor has an empty or non-text name {name!r}.")
        where = f"actor {name!r}"
        if not isinstance(spec, dict):
            _fail(path, f"{where} must be a mapping with at least 'kind'; got {spec!r}.")
        bad = set(spec) - _ENTRY_KEYS
        if bad:
            _fail(path, f"{where} has unknown key(s) {sorted(map(str, bad))}; allowed: {sorted(_ENTRY_KEYS)}.")
        kind = spec.get("kind")
        if kind not in ACTOR_KINDS:
            _fail(path, f"{where}: 'kind' must be one of {list(ACTOR_KINDS)}; got {kind!r}.")
        aliases = _str_list(spec.get("aliases"), path, f"{where}: 'aliases'")
        iso = spec.get("iso")
        if iso is not None and (kind != "country" or not isinstance(iso, str) or not re.fullmatch(r"[A-Z]{3}", iso)):
            _fail(path, f"{where}: 'iso' must be the ISO 3166-1 alpha-3 code (three capital letters) of a "
                        f"country; got {iso!r}.")
        ambiguous = _str_list(spec.get("ambiguous"), path, f"{where}: 'ambiguous'")
        context = _str_list(spec.get("context"), path, f"{where}: 'context'")
        standalone = _str_list(spec.get("standalone"), path, f"{where}: 'standalone'")
        for form in [name.strip(), *aliases]:
            key = _norm(form)
            if key in seen and seen[key] != name:
                _fail(path, f"the form {form!r} is listed under both {seen[key]!r} and {name!r}; give each "
                            "form one actor.")
            seen[key] = name
        out[name.strip()] = {"kind": kind, "aliases": aliases, "iso": iso, "ambiguous": ambiguous,
                             "context": context, "standalone": standalone}
    lists = {key: _str_list(data.get(key), path, f"'{key}'") for key in ("ignore", "titles", "not_names",
                                                                         "exclude_iso")}
    bad_iso = [c for c in lists["exclude_iso"] if not re.fullmatch(r"[A-Z]{3}", c)]
    if bad_iso:
        _fail(path, f"'exclude_iso' must list ISO 3166-1 alpha-3 codes; got {bad_iso}.")
    if not out and not any(lists.values()):
        _fail(path, "the gazetteer lists no actors, ignore phrases or titles.")
    return {"meta": data, "actors": out, **lists, "replace": data.get("replace", False),
            "pycountry": data.get("pycountry", True), "sha256": hashlib.sha256(raw).hexdigest()}


def _pycountry_countries() -> list:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportError("actors() takes country names from the pycountry package: pip install pycountry") \
            from None
    return list(pycountry.countries)


def _country_forms(c) -> list[str]:
    """pycountry's names of a country as they are written in running text."""
    forms = []
    for attr in ("name", "common_name", "official_name"):
        v = getattr(c, attr, None)
        if not v or ", " in v:
            continue   # "Iran, Islamic Republic of" is an index form
        v = re.sub(r"^the\s+", "", v)
        inner = re.search(r"\(([^)]*)\)", v)
        if inner:
            forms.append(inner.group(1).strip())
            v = re.sub(r"\s*\([^)]*\)", "", v)
        forms.append(v.strip())
    return [f for f in forms if f]


def _build(files: list[dict], paths: list[Path]) -> Gazetteer:
    """Merge validated files (shipped first) with pycountry into one :class:`Gazetteer`."""
    if files[-1]["replace"]:
        files = files[-1:]
    entries: dict[str, dict] = {}
    ignore, titles, not_names, exclude = [], [], [], set()
    use_pycountry = files[-1]["pycountry"]
    for f in files:
        for name, spec in f["actors"].items():
            if spec["iso"]:
                for other in [n for n, e in entries.items() if e["iso"] == spec["iso"]]:
                    del entries[other]
            entries[name] = spec
        ignore += f["ignore"]
        titles += f["titles"]
        not_names += f["not_names"]
        exclude |= set(f["exclude_iso"])
    forms: dict[str, tuple[str, str] | None] = {}
    if use_pycountry:
        by_iso = {e["iso"]: n for n, e in entries.items() if e["iso"]}
        known = set()
        for c in _pycountry_countries():
            known.add(c.alpha_3)
            names = _country_forms(c)
            if c.alpha_3 in exclude:
                for f in names:
                    forms.setdefault(_norm(f), None)
                continue
            canonical = by_iso.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
            for f in names:
                forms[_norm(f)] = (canonical, "country")
        unknown = sorted(set(by_iso) - known)
        if unknown:
            where = paths[-1] if len(paths) else None
            _fail(where, f"unknown ISO 3166-1 code(s) {unknown} (not in pycountry).")
    for phrase in ignore:
        forms[_norm(phrase)] = None
    ambiguous, standalone, context = {}, {}, {}
    for name, spec in entries.items():
        for f in [name, *spec["aliases"]]:
            forms[_norm(f)] = (name, spec["kind"])
        for key, found in (("ambiguous", ambiguous), ("standalone", standalone)):
            for f in spec[key]:
                if (forms.get(_norm(f)) or (None,))[0] != name:
                    _fail(paths[-1], f"actor {name!r}: {key} form {f!r} is not one of its names or aliases.")
                found[_norm(f)] = name
        if spec["context"]:
            context[name] = re.compile(r"(?<![\w])(?:" + "|".join(
                re.escape(_norm(w)).replace(r"\ ", r"\s+").replace("'", "['’]")
                for w in sorted(spec["context"], key=len, reverse=True)) + r")(?![\w])")
    meta = files[-1]["meta"]
    digest = hashlib.sha256("".join(f["sha256"] for f in files).encode()).hexdigest() if len(files) > 1 \
        else files[0]["sha256"]
    return Gazetteer(name=str(meta.get("name", paths[-1].stem)), version=str(meta.get("version", "")),
                     source=str(meta.get("source", "")).strip(), paths=paths, sha256=digest, forms=forms,
                     ambiguous=ambiguous, standalone=standalone, context=context, titles=sorted(set(titles)),
                     not_names=frozenset(not_names))


@lru_cache(maxsize=1)
def _shipped() -> dict:
    return _read_gazetteer(default_gazetteer_path())


def load_gazetteer(path: str | os.PathLike | None = None) -> Gazetteer:
    """The shipped gazetteer, with the actors of a user's file at ``path`` added (or, with ``replace: true``
    in that file, that file alone). Raises :class:`toolkit.TranscriptError` naming the file and the problem:
    invalid YAML, unknown keys, an empty name, a bad kind, ISO code or list."""
    if path is None:
        return _default_gazetteer()
    if not isinstance(path, (str, os.PathLike)):
        raise ToolkitTypeError(f"The `gazetteer` parameter must be a path to a YAML file or None; "
                               f"got {type(path).__name__}.")
    p = Path(path)
    return _build([_shipped(), _read_gazetteer(p)], [default_gazetteer_path(), p])


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _build([_shipped()], [default_gazetteer_path()])


def actors(sentences: pd.DataFrame, *, gazetteer: str | os.PathLike | Gazetteer | None = None,
           include_narrator: bool = False) -> pd.DataFrame:
    """One row per mention of a named actor (country, organisation, person) in the sentences.

    ``gazetteer`` is a YAML file in the format of ``toolkit/data/actors.yaml`` that adds to (or, with
    ``replace: true``, replaces) the shipped gazetteer, or a :class:`Gazetteer` from :func:`load_gazetteer`.
    ``include_narrator=True`` also reads narrator and caption text. See the module docstring for the rules.
    Rows are sorted by ``doc_id``, ``sentence_id``, ``start``. Columns:

    ``doc_id`` (str), ``sentence_id`` (int), ``speaker`` (str), ``role`` (str): the sentence's; ``topic``
    (str): its primary topic, empty when the table has no ``topic`` column; ``actor`` (str): the canonical
    name ("China", "Shanghai Cooperation Organisation", "Xi Jinping"; a titled person the gazetteer does not
    list keeps the mention: "Prime Minister Modi"); ``kind`` (str): ``country``, ``organisation`` or
    ``person``; ``mention`` (str): the words as written ("SCO", "Republic of Tajikistan", "President Xi");
    ``start``, ``end`` (int): offsets of the mention in the document text; ``sentiment`` (str),
    ``polarity`` (float), ``vader_compound`` (float): the sentence's tone label and scores (empty when the
    sentence table has not been scored: see :mod:`toolkit.sentiment`).
    """
    require_columns(sentences, {"doc_id", "sentence_id", "speaker", "role", "start", "text"}, func="actors")
    if not isinstance(include_narrator, bool):
        raise ToolkitTypeError(f"The `include_narrator` parameter of actors() must be True or False; "
                               f"got {include_narrator!r}.")
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
    data = sentences[[c for c in _ACTOR_READS if c in sentences]]   # only what the rows need: faster
    data = data if include_narrator else spoken(data)
    cols = _records(data, ["text"])
    texts = cols["text"]
    scanned = gaz._scan(texts)
    if scanned is None:
        found = [(i, hits) for i in range(len(texts)) if (hits := gaz.match(texts[i]))]
    else:
        found = [(i, hits) for i in sorted(scanned) if (hits := gaz.match(texts[i], scanned[i]))]
    cols = _records(data.take([i for i, _ in found]), _ACTOR_READS)
    none, nan = [""] * len(found), [float("nan")] * len(found)
    topics, labels = cols.get("topic", none), cols.get("sentiment", none)
    polarity, compound = cols.get("polarity", nan), cols.get("vader_compound", nan)
    out: dict[str, list] = {c: [] for c in ACTOR_COLUMNS}
    for j, (_, hits) in enumerate(found):
        text, offset = cols["text"][j], int(cols["start"][j])
        sentence = (cols["doc_id"][j], cols["sentence_id"][j], cols["speaker"][j], cols["role"][j],
                    _context(topics[j], ""))
        tone = (_context(labels[j], ""), _context(polarity[j], float("nan")), _context(compound[j], float("nan")))
        for s, e, actor, kind in hits:
            for col, value in zip(ACTOR_COLUMNS, (*sentence, actor, kind, text[s:e], offset + s, offset + e, *tone)):
                out[col].append(value)
    return _table(out, ACTOR_COLUMNS, _ACTOR_TYPES, "actors")


def actors_by(actor_table: pd.DataFrame, by: str | list[str] = "speaker") -> pd.DataFrame:
    """Mentions of each actor by a grouping (``speaker``, ``topic``, ``doc_id`` or a list of columns).

    Takes the table :func:`actors` returns. Columns: the ``by`` column(s); ``actor`` (str) and ``kind``
    (str); ``n_mentions`` (int): mentions of the actor by the group; ``n_sentences`` (int): distinct
    sentences that name it; ``polarity_mean`` and ``compound_mean`` (float): mean TextBlob polarity and
    VADER compound score of those sentences (each sentence once, however often it names the actor);
    ``share_positive`` and ``share_negative`` (float): share of those sentences labelled ``positive`` /
    ``negative`` (empty when the sentences carry no label). Sorted by the group, then ``n_mentions``
    (most first), then ``actor``.
    """
    keys = group_keys(by, "actors_by", actor_table)
    if not isinstance(actor_table, pd.DataFrame):
        raise ToolkitTypeError(f"actors_by() expects the actors table from actors() (a pandas DataFrame); "
                               f"got {type(actor_table).__name__}.")
    needed = {*keys, "doc_id", "sentence_id", "actor", "kind", "sentiment", "polarity", "vader_compound"}
    missing = needed - set(actor_table.columns)
    if missing:
        raise ToolkitValueError(f"actors_by() expects the actors table from actors(); missing columns: "
                                f"{sorted(missing)}.")
    clash = [k for k in keys if k in ("actor", "kind", *_BY_STATS)]
    if clash:
        raise ToolkitValueError(f"The `by` parameter of actors_by() names columns of the output: {clash}; "
                                "group by the sentence's columns (speaker, role, topic, doc_id, ...).")
    cols = [*keys, "actor", "kind", *_BY_STATS]
    if actor_table.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("n_mentions", "n_sentences") else
                                          "float64" if c in _BY_STATS else "str") for c in cols})
    groups = [*keys, "actor", "kind"]
    n = actor_table.groupby(groups, sort=False, dropna=False).size().rename("n_mentions")
    once = actor_table.drop_duplicates([*groups, "doc_id", "sentence_id"])
    labelled = once["sentiment"].astype(str).ne("")
    once = once.assign(_pos=(once["sentiment"] == "positive").where(labelled).astype(float),
                       _neg=(once["sentiment"] == "negative").where(labelled).astype(float))
    stats = once.groupby(groups, sort=False, dropna=False).agg(
        n_sentences=("sentence_id", "size"), polarity_mean=("polarity", "mean"),
        compound_mean=("vader_compound", "mean"), share_positive=("_pos", "mean"), share_negative=("_neg", "mean"))
    out = stats.join(n).reset_index()[cols]
    out = out.sort_values([*keys, "n_mentions", "actor"], ascending=[True] * len(keys) + [False, True],
                          kind="mergesort").reset_index(drop=True)
    return out.astype({"n_mentions": "int64", "n_sentences": "int64"})
