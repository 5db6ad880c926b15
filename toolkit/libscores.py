"""TextBlob's and VADER's sentence scores, bit for bit, in a fraction of the libraries' time.

:func:`textblob_scores` returns what ``textblob.en.sentiment(text)`` returns (the polarity and subjectivity of
``TextBlob(text).sentiment``: PatternAnalyzer with the bundled lexicon) and :func:`vader_scores` what
``SentimentIntensityAnalyzer().polarity_scores(text)`` returns. The numbers are the libraries' own, to the
last bit: the time saved is work the libraries do that cannot change the result, never other arithmetic.

* TextBlob: ``find_tokens`` and ``Sentiment.assessments`` are followed step by step, with the same string
  operations and the same arithmetic in the same order. Skipped: regular-expression passes where they
  cannot change the text (the contraction patterns are literals, applied with ``str.replace``; collapsing
  whitespace and taking the runs of non-whitespace is ``str.split``; the sarcasm pattern needs a "!"; the
  emoticon pattern changes a sentence only where a space separates two characters of an emoticon); the
  punctuation loops for a token already split once (a bounded cache, which also keeps the pieces lowercased);
  the sentence loop when the text has no "!", no paragraph break and no face split by a space (its words are
  then its tokens, lowercased; a face split by a space is then looked for where the pieces of a token meet,
  remembered per token, and where two tokens meet, in the line of the whitespace-separated tokens), or when
  its only end mark is its last run of marks; an unknown word when no negation or modifier is pending and it
  is neither "!", "(!)" nor an emoticon; and the whole loop when no word is in the lexicon or one of those.
  The lexicon is a plain dictionary instead of the library's lazily loaded dictionary of part-of-speech
  dictionaries, and each assessment keeps only its numbers (the library also collects its words).
* VADER: only a word of the lexicon (not a booster, not the "kind" of "kind of") gets a valence other than
  the int 0, so only those positions are scored: ``sentiment_valence`` line for line, with the words
  lowercased once (the library lowers the whole sentence again in every check), ``negated`` of one word as
  a set lookup, ``_negation_check`` and ``_special_idioms_check`` line for line on the lowercased words (the
  latter only where two neighbouring words it reads start one of its phrases), and the library's own
  ``scalar_inc_dec`` and ``_least_check`` (only in a sentence with "least"). The zeros stay in the list (they
  count in ``neu``; a text whose tokens are all known to have no lexicon word is all zeros at once) and the
  library's own ``_but_check`` runs; ``score_valence`` finishes line for line, its ``_sift_sentiment_scores``
  reading only the non-zero valences (zeros add to neither sum). A text holding a
  character of the emoji lexicon goes to the library whole (emoji become words there).

The shortcuts are verified for textblob 0.20.1 and vaderSentiment 3.3.2: ``tests/test_libscores.py``
compares them with the libraries on tricky strings, random texts and real transcripts (VADER's valences
before rounding, too), and ``benchmarks/sentiment_exact.py`` on all 476,000 sentences of the White House
corpus. With another installed version (or a TextBlob analyser configured otherwise than by default) both
functions call the libraries instead, so the numbers are always the libraries'; :func:`fast_paths` says
which are in use.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from itertools import chain, compress, pairwise
from operator import itemgetter

__all__ = ["fast_paths", "textblob_scores", "vader_scores"]

#: The library versions the shortcuts were verified against.
VERIFIED = {"textblob": "0.20.1", "vaderSentiment": "3.3.2"}


def _verified(package: str) -> bool:
    try:
        return version(package) == VERIFIED[package]
    except PackageNotFoundError:
        return False


# ---------------------------------------------------------------------------------------------- TextBlob

#: find_tokens: tokens that end a sentence, and tokens that may follow one in the same sentence.
_ENDS = ("...", ".", "!", "?")
_CLOSERS = ("'", '"', "”", "’", "...", ".", "!", "?", ")")
_LINEBREAK = re.compile(r"\n{2,}")  # the linebreak argument TextBlob's Parser.find_tokens passes


class _TextBlob:
    """TextBlob's analyser and, when the fast path may be used (``fast``), what it needs of the library."""

    def __init__(self):
        from textblob import _text
        from textblob.en import sentiment

        self.sentiment = sentiment
        literal = re.compile(r"[\w' ]+")
        self.fast = bool(_verified("textblob")
                         and getattr(sentiment.tokenizer, "__func__", None) is _text.Parser.find_tokens
                         and tuple(sentiment.negations) == ("no", "not", "n't", "never")
                         and tuple(sentiment.modifiers) == ("RB",)
                         and _text.TOKEN.pattern == r"(\S+)\s"
                         and all(literal.fullmatch(a) and literal.fullmatch(b) and "'" in a
                                 for a, b in _text.replacements.items()))
        if not self.fast:
            return
        len(sentiment)  # loads the lexicon (a lazy dictionary)
        modifiers = tuple(sentiment.modifiers)
        #: word -> (polarity, subjectivity, intensity, whether it modifies the next word): entry[None] of the
        #: words that have one (assessments asks for part of speech None).
        self.lexicon = {w: (*entry[None], any(m in entry for m in modifiers))
                        for w, entry in dict.items(sentiment) if None in entry}
        self.emoticons: dict[str, float] = {}  # lowercased face -> polarity; the first class holding it wins
        for (_, p), faces in _text.EMOTICONS.items():
            for face in faces:
                self.emoticons.setdefault(face.lower(), p)
        # RE_EMOTICONS allows a space between consecutive characters of a face, and removes it: a sentence
        # without such a pair around a space is left as it is. One branch per first character ("x [DP]"):
        # the strings of the alternation of the pairs, found about three times faster.
        followers: dict[str, set[str]] = {}
        for faces in _text.EMOTICONS.values():
            for face in faces:
                for a, b in pairwise(face):
                    followers.setdefault(a, set()).add(b)
        self.joinable = re.compile("|".join(f"{re.escape(a)} [{''.join(map(re.escape, sorted(bs)))}]"
                                            for a, bs in sorted(followers.items())))
        self.faces, self.sarcasm = _text.RE_EMOTICONS, _text.RE_SARCASM
        self.replace = _text.replacements
        self.punctuation = tuple(_text.PUNCTUATION.replace(".", ""))  # find_tokens handles periods apart
        self.all_punctuation = _text.PUNCTUATION
        self.lead, self.trail = frozenset(self.punctuation), frozenset((*self.punctuation, "."))
        self.abbreviations = _text.ABBREVIATIONS
        self.abbr = (_text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)
        self.eos = _text.EOS
        self.breaks = frozenset((*_ENDS, self.eos))
        self.tail = frozenset((*(c for c in _CLOSERS if c not in ("'", '"')), self.eos))
        self.negations = frozenset(sentiment.negations)
        self.modifier = sentiment.modifier
        self.special = frozenset((*self.negations, "!", "(!)", *self.emoticons))
        self.active = frozenset(self.lexicon).union(self.special)  # the words that may change an assessment
        self.pieces = _Pieces(self)
        self.lowered = _Lowered(self.pieces, self.joinable)


@lru_cache(maxsize=1)
def _textblob() -> _TextBlob:
    return _TextBlob()


class _Pieces(dict):
    """token -> the tokens find_tokens splits it into (its punctuation loops, line for line), for the
    whitespace-separated tokens of a text. Bounded: cleared when it holds 200,000 tokens."""

    def __init__(self, tb: _TextBlob):
        super().__init__()
        self.tb = tb

    def __missing__(self, token: str) -> tuple[str, ...]:
        tb, t = self.tb, token
        if not (t[0] in tb.lead or t[-1] in tb.trail):  # no punctuation at either end
            pieces: tuple[str, ...] = (t,)
        else:
            punctuation, replace, abbreviations = tb.punctuation, tb.replace, tb.abbreviations
            abbr1, abbr2, abbr3 = tb.abbr
            tokens, tail = [], []
            while t.startswith(punctuation) and t not in replace:
                tokens.append(t[0])
                t = t[1:]
            while t.endswith(punctuation + (".",)) and t not in replace:
                if t.endswith(punctuation):
                    tail.append(t[-1])
                    t = t[:-1]
                if t.endswith("..."):
                    tail.append("...")
                    t = t[:-3].rstrip(".")
                if t.endswith("."):
                    if (t in abbreviations or abbr1.match(t) is not None or abbr2.match(t) is not None
                            or abbr3.match(t) is not None):
                        break
                    tail.append(t[-1])
                    t = t[:-1]
            if t != "":
                tokens.append(t)
            tokens.extend(reversed(tail))
            pieces = tuple(tokens)
        if len(self) >= 200_000:
            self.clear()
        self[token] = pieces
        return pieces


class _Lowered(dict):
    """token -> its pieces (:class:`_Pieces`), lowercased; ``joined`` holds the tokens of the dictionary whose
    pieces, joined by spaces, hold a face split by a space (``joinable``: ``": )"`` of ``":)"``). Bounded:
    :meth:`trim` clears both when it holds 200,000 tokens (between texts, never while a text is read, so every
    token of a text read is in the dictionary, and in ``joined`` if its pieces hold such a face)."""

    def __init__(self, pieces: _Pieces, joinable: re.Pattern):
        super().__init__()
        self.pieces, self.joinable = pieces, joinable
        self.joined: set[str] = set()

    def __missing__(self, token: str) -> tuple[str, ...]:
        pieces = self.pieces[token]
        if len(pieces) > 1 and self.joinable.search(" ".join(pieces)) is not None:
            self.joined.add(token)
        lowered = self[token] = tuple([piece.lower() for piece in pieces])
        return lowered

    def trim(self) -> None:
        if len(self) >= 200_000:
            self.clear()
            self.joined.clear()


def _words(tb: _TextBlob, string: str) -> list[str]:
    """The words TextBlob assesses: ``" ".join(find_tokens(string)).split()``, lowercased."""
    if "'" in string:  # every contraction of the replacement table holds an apostrophe
        for a, b in tb.replace.items():
            string = string.replace(a, b)  # re.sub with a literal pattern and replacement
    string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
              .replace("'", " ' ").replace('"', ' " '))
    eos = tb.eos
    if "\n" in string:
        string = string.replace("\r\n", "\n")
        if "\n\n" in string:
            string = _LINEBREAK.sub(f" {eos} ", string)
    # find_tokens collapses whitespace and takes the runs of non-whitespace (TOKEN): what str.split gives.
    split = string.split()
    if "!" not in string and eos not in string:
        lowered = tb.lowered
        lowered.trim()
        # [w for t in split for w in lowered[t]], concatenated in C; every token of split is now in lowered.
        words = list(chain.from_iterable(map(lowered.__getitem__, split)))
        # The line of all the tokens, " ".join(tokens), holds a face split by a space (joinable: a character,
        # a space, a character) where the pieces of a token meet (the tokens in lowered.joined) or where two
        # tokens meet: those are the last character of one whitespace-separated token and the first of the
        # next (a token's pieces start with its first character and end with its last: its punctuation loops
        # only drop periods before a final "..."), the places where " ".join(split) has a space.
        if lowered.joined.isdisjoint(split) and tb.joinable.search(" ".join(split)) is None:
            # No sentence has a "!" (sarcasm), a paragraph break to drop, or a face split by a space (each
            # sentence's line is a part of the line of all the tokens): the words are the tokens, lowercased.
            return words
    # The tokens, [piece for t in split for piece in pieces[t]], concatenated in C (map over the caches).
    tokens = list(chain.from_iterable(map(tb.pieces.__getitem__, split)))
    # Sentences, as find_tokens groups them: an end mark ("." "!" "?" "..." or a paragraph break) and the
    # closing marks after it end one. Usually the only end is the text's last run of marks.
    n = j = len(tokens)
    while j and tokens[j - 1] in tb.tail:
        j -= 1
    if tb.breaks.isdisjoint(tokens[:j]):  # no end before the last run of marks: one sentence
        sentences = [[t for t in tokens if t != eos] if eos in tokens else tokens]
    else:  # the library's loop
        sentences = [[]]
        i = j = 0
        while j < n:
            if tokens[j] in _ENDS or tokens[j] == eos:
                while j < n and (tokens[j] in _CLOSERS or tokens[j] == eos):
                    if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                        break  # balanced quotes
                    j += 1
                sentences[-1].extend(t for t in tokens[i:j] if t != eos)
                sentences.append([])
                i = j
            j += 1
        sentences[-1].extend(tokens[i:j])
    words: list[str] = []
    for s in sentences:
        if not s:
            continue
        line = " ".join(s)
        if "!" in line or tb.joinable.search(line) is not None:
            if "!" in line:
                line = tb.sarcasm.sub("(!)", line)
            if tb.joinable.search(line) is not None:
                line = tb.faces.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), line)
            s = line.split()
        words.extend([w.lower() for w in s])
    return words


def textblob_scores(text: str) -> tuple[float, float]:
    """``(polarity, subjectivity)`` exactly as ``textblob.en.sentiment(text)`` (``TextBlob(text).sentiment``)."""
    tb = _textblob()
    if not tb.fast or type(text) is not str:
        polarity, subjectivity = tb.sentiment(text)
        return polarity, subjectivity
    lexicon, emoticons, negations = tb.lexicon, tb.emoticons, tb.negations
    words = _words(tb, text)
    if tb.active.isdisjoint(words):
        # No word is in the lexicon, a negation, "!", "(!)" or an emoticon: every word takes the "unknown word,
        # nothing pending" branch below (only such words make a negation or modifier pending), no assessment is
        # made, and the mean of none is 0 / 1.0 for both.
        return 0.0, 0.0
    # Sentiment.assessments, with [polarity, subjectivity, intensity, negated] for each assessment.
    a: list[list] = []
    m = None  # preceding modifier (a known word that modifies: an adverb)
    n = None  # preceding negation
    modifier = tb.modifier
    special = tb.special
    for w in words:
        entry = lexicon.get(w)
        if entry is not None:
            p, s, i, is_modifier = entry
            if m is None:
                a.append([p, s, i, 1])
            else:  # "really good"
                last = a[-1]
                last[0] = max(-1.0, min(p * last[2], +1.0))
                last[1] = max(-1.0, min(s * last[2], +1.0))
                last[2] = i
            if n is not None:  # "not really good"
                last = a[-1]
                last[2] = 1.0 / last[2]
                last[3] = -1
            m = w if is_modifier else None
            n = w if w in negations else None
        elif m is None and n is None and w not in special:
            continue  # an unknown word with no negation or modifier pending changes nothing
        else:
            if w in negations:
                n = w
            elif n and len(w.strip("'")) > 1:  # a negation carries over small words ("not a good")
                n = None
            if n is not None and m is not None and modifier(m):  # "really not good"
                a[-1][3] = -1
                n = None
            elif m is not None and len(w) > 2:  # a modifier carries over small words
                m = None
            if w == "!" and len(a) > 0:
                a[-1][0] = max(-1.0, min(a[-1][0] * 1.25, +1.0))
            if w == "(!)":
                a.append([0.0, 1.0, 1.0, 1])
            if w.isalpha() is False and len(w) <= 5 and w not in tb.all_punctuation:
                p = emoticons.get(w)
                if p is not None:
                    a.append([p, 1.0, 1.0, 1])
    # Sentiment.__call__: the mean of the assessments, as its avg() sums them ("not good" = -0.5 x "good").
    polarity = subjectivity = 0
    for p, s, _, negated in a:
        polarity += 1 * (p * -0.5 if negated < 0 else p)
        subjectivity += 1 * s
    return polarity / float(len(a) or 1), subjectivity / float(len(a) or 1)


# ------------------------------------------------------------------------------------------------- VADER


class _Vader:
    """VADER's analyser and module, whether the fast path may be used, and a cache of the words VADER makes
    of each whitespace-separated token."""

    def __init__(self):
        from vaderSentiment import vaderSentiment as module

        self.analyzer = module.SentimentIntensityAnalyzer()
        self.module = module
        self.lexicon = self.analyzer.lexicon
        self.negate = frozenset(module.NEGATE)
        self.fast = _verified("vaderSentiment")
        # polarity_scores replaces a character that is a key of the emoji lexicon (keys of several characters
        # never match); when no key is an ASCII character, an ASCII text needs no test.
        self.emoji_chars = frozenset(e for e in self.analyzer.emojis if len(e) == 1)
        self.ascii_safe = not any(e.isascii() for e in self.emoji_chars)
        self.tokens = _TokenCache(module.SentiText._strip_punc_if_word, self.lexicon, module.BOOSTER_DICT)
        # The first two words of the phrases _special_idioms_check looks up ("kind of", "kiss of death"): the
        # n-grams it builds are of words without spaces, so one equals a phrase only if it starts with these.
        phrases = [k.split(" ") for k in (*module.SPECIAL_CASES, *module.BOOSTER_DICT) if " " in k]
        self.idiom_pairs = frozenset((p[0], p[1]) for p in phrases)
        self.idiom_starts = frozenset(p[0] for p in phrases)


class _TokenCache(dict):
    """token -> (VADER's word for it, the word lowercased, whether the word is in the lexicon and is not a
    booster), and in ``plain`` the tokens met so far whose word is not (they never get a valence). Bounded:
    both are cleared when it holds 200,000 tokens."""

    def __init__(self, strip, lexicon, boosters):
        super().__init__()
        self.strip, self.lexicon, self.boosters = strip, lexicon, boosters
        self.plain: set[str] = set()

    def __missing__(self, token: str) -> tuple[str, str, bool]:
        if len(self) >= 200_000:
            self.clear()
            self.plain.clear()
        word = self.strip(token)
        lower = word.lower()
        hit = lower in self.lexicon and lower not in self.boosters
        value = self[token] = (word, lower, hit)
        if not hit:
            self.plain.add(token)
        return value


@lru_cache(maxsize=1)
def _vader() -> _Vader:
    return _Vader()


def _special_idioms_check(v: _Vader, valence: float, lower: list[str], i: int) -> float:
    """``SentimentIntensityAnalyzer._special_idioms_check`` (line for line) on the lowercased words."""
    special_cases, boosters = v.module.SPECIAL_CASES, v.module.BOOSTER_DICT
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in special_cases:
            valence = special_cases[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in special_cases:
            valence = special_cases[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in special_cases:
            valence = special_cases[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):  # booster bigrams such as "sort of", "kind of"
        if n_gram in boosters:
            valence = valence + boosters[n_gram]
    return valence


def _valence(v: _Vader, words: list[str], lower: list[str], i: int, is_cap_diff: bool, idioms: bool = True,
             least: bool = True) -> float:
    """``SentimentIntensityAnalyzer.sentiment_valence`` for the lexicon word at ``i``: the library's code line
    for line, on the words lowercased once (the library lowers the whole list in every check), with the
    library's own ``scalar_inc_dec`` (for boosters: it is 0.0 for any other word) and ``_least_check``, and
    ``_negation_check`` inlined, line for line (``negated`` of one word: a set lookup and "n't").

    ``idioms=False`` says that no word of ``lower`` starts a phrase of ``_special_idioms_check`` (it then
    leaves the valence as it is), ``least=False`` that "least" is not among them (nor does ``_least_check``);
    where they may apply, ``_special_idioms_check`` runs only when a pair of neighbouring words it reads
    starts a phrase."""
    module, lexicon, boosters = v.module, v.lexicon, v.module.BOOSTER_DICT
    negate, n_scalar = v.negate, module.N_SCALAR
    item, item_lowercase = words[i], lower[i]
    valence = lexicon[item_lowercase]
    if item_lowercase == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and lower[i - 1] == "no") \
            or (i > 1 and lower[i - 2] == "no") \
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
        valence = lexicon[item_lowercase] * module.N_SCALAR
    if item.isupper() and is_cap_diff:
        if valence > 0:
            valence += module.C_INCR
        else:
            valence -= module.C_INCR
    for start_i in range(3):
        if i > start_i and lower[i - (start_i + 1)] not in lexicon:
            s = (module.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                 if lower[i - (start_i + 1)] in boosters else 0.0)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            # _negation_check(v, valence, lower, start_i, i), inlined (its branches for this start_i)
            before = lower[i - (start_i + 1)].lower()  # _negated of the word before the window
            if start_i == 0:
                if before in negate or "n't" in before:
                    valence = valence * n_scalar
            elif start_i == 1:
                if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
                    valence = valence * 1.25
                elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                    pass
                elif before in negate or "n't" in before:
                    valence = valence * n_scalar
            else:
                if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                        (lower[i - 1] == "so" or lower[i - 1] == "this"):
                    valence = valence * 1.25
                elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                    pass
                elif before in negate or "n't" in before:
                    valence = valence * n_scalar
            if start_i == 2 and idioms:  # here i > 2; its n-grams start at i - 3 to i
                pairs = v.idiom_pairs
                if ((lower[i - 3], lower[i - 2]) in pairs or (lower[i - 2], lower[i - 1]) in pairs
                        or (lower[i - 1], item_lowercase) in pairs
                        or (i < len(lower) - 1 and (item_lowercase, lower[i + 1]) in pairs)):
                    valence = _special_idioms_check(v, valence, lower, i)
    return v.analyzer._least_check(valence, words, i) if least else valence


_WORD, _LOWER, _HIT = itemgetter(0), itemgetter(1), itemgetter(2)  # the fields of a _TokenCache value


def _sentiments(v: _Vader, text: str) -> tuple[list[float], bool]:
    """The valences ``polarity_scores`` gives the words of ``text`` (stripped, without emoji) before
    ``score_valence``, and whether any word has one (when none has, the list is the library's zeros
    without its "but" rule, which leaves zeros zero)."""
    tokens = v.tokens
    split = text.split()
    if tokens.plain.issuperset(split):  # every word known to be without valence: the library's zeros
        return [0] * len(split), False
    info = list(map(tokens.__getitem__, split))
    hits = list(compress(range(len(info)), map(_HIT, info)))  # [i for i, x in enumerate(info) if x[2]]
    if hits:
        lower = list(map(_LOWER, info))
        if "kind" in lower:  # "kind" of "kind of" is a booster
            hits = [i for i in hits if not (lower[i] == "kind" and i < len(lower) - 1 and lower[i + 1] == "of")]
    sentiments: list[float] = [0] * len(info)  # the library appends the int 0 for words without valence
    if not hits:
        return sentiments, False
    words = list(map(_WORD, info))
    n_caps = sum(map(str.isupper, words))  # allcap_differential: some but not all words in capitals
    is_cap_diff = 0 < len(words) - n_caps < len(words)
    idioms, least = not v.idiom_starts.isdisjoint(lower), "least" in lower
    for i in hits:
        sentiments[i] = _valence(v, words, lower, i, is_cap_diff, idioms, least)
    if "but" in lower:
        sentiments = v.analyzer._but_check(words, sentiments)
    return sentiments, True


def vader_scores(text: str) -> dict[str, float]:
    """``{"neg", "neu", "pos", "compound"}`` exactly as ``SentimentIntensityAnalyzer().polarity_scores(text)``."""
    v = _vader()
    if not v.fast or type(text) is not str or not (
            (v.ascii_safe and text.isascii()) or v.emoji_chars.isdisjoint(set(text))):
        return v.analyzer.polarity_scores(text)
    text = text.strip()  # polarity_scores strips the text after replacing emoji (none here)
    sentiments, scored = _sentiments(v, text)
    if not scored:  # what score_valence makes of zeros
        if not sentiments:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    return _score_valence(v, sentiments, text)


def _score_valence(v: _Vader, sentiments: list[float], text: str) -> dict[str, float]:
    """``SentimentIntensityAnalyzer.score_valence`` (line for line) for a non-empty list, with
    ``_sift_sentiment_scores`` reading only the non-zero valences (a zero adds nothing to either sum: the
    words without valence only count in ``neu``) and ``_punctuation_emphasis`` inlined."""
    sum_s = float(sum(sentiments))
    # _punctuation_emphasis: _amplify_ep + _amplify_qm
    ep_count = text.count("!")
    if ep_count > 4:  # noqa: PLR1730 (the library's lines)
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        if qm_count <= 3:
            qm_amplifier = qm_count * 0.18
        else:
            qm_amplifier = 0.96
    punct_emph_amplifier = ep_amplifier + qm_amplifier
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound = v.module.normalize(sum_s)
    # _sift_sentiment_scores
    pos_sum = 0.0
    neg_sum = 0.0
    scored = list(filter(None, sentiments))  # [s for s in sentiments if s]
    neu_count = len(sentiments) - len(scored)   # the zeros (a NaN would be truthy, and counts nowhere)
    for sentiment_score in scored:
        if sentiment_score > 0:
            pos_sum += (float(sentiment_score) + 1)
        if sentiment_score < 0:
            neg_sum += (float(sentiment_score) - 1)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    pos = math.fabs(pos_sum / total)
    neg = math.fabs(neg_sum / total)
    neu = math.fabs(neu_count / total)
    return {"neg": round(neg, 3), "neu": round(neu, 3), "pos": round(pos, 3), "compound": round(compound, 4)}


def fast_paths() -> dict[str, bool]:
    """Which library each function reproduces itself (True) rather than calls (False): see the module
    docstring."""
    return {"textblob": _textblob().fast, "vaderSentiment": _vader().fast}
