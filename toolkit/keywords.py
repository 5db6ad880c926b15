"""Keywords: tokens, frequencies, TF-IDF, keyness, collocations, concordances, dispersion, diversity.

**Tokens.** A token is a word by :data:`toolkit.text.WORD_RE`, the definition
behind every ``n_words`` column, so rates per 1,000 words agree across tables.
A *term* is a token normalised by: lower-casing (``lower=True``), curly
apostrophes made straight, optional Snowball stemming (``stem=True``, NLTK's
English Snowball stemmer: no download), and optional n-grams (``ngram=2``: two
consecutive tokens of one sentence; n-grams never cross a sentence). With
``stopwords=True`` (the default) terms in the shipped stopword list
(``toolkit/data/stopwords_en.txt``) are left out; an n-gram is left out when it
starts or ends with a stopword ("rule of law" is kept, "of the" is not). Pass
your own list of words, or ``False`` to keep every word. Tokens with no letter
(numbers) are left out unless ``numbers=True``. The size of a group (``c`` and
``d`` in keyness, the denominator of ``rate_per_1000``) is always its number of
words, stopwords and numbers included, as corpus linguists count corpus size.

**Who is counted.** Frequencies, TF-IDF, keyness, collocations and lexical
diversity count what speakers say: narrator and caption text (titles, lead
paragraphs, photo credits) is left out. Concordances and dispersion show every
sentence, with its ``role``.

**Keyness** (Rayson & Garside 2000; Hardie 2014), for a term with frequency
``a`` in the target of ``c`` words and ``b`` in the reference of ``d`` words:
``E1 = c(a+b)/(c+d)``, ``E2 = d(a+b)/(c+d)``, ``G2 = 2(a ln(a/E1) + b ln(b/E2))``
(a zero count contributes 0), signed negative when ``a/c < b/d``; ``p_value``
from the chi-squared distribution with 1 degree of freedom; ``log_ratio =
log2((a/c)/(b/d))`` with :data:`LOG_RATIO_ZERO` (0.5) put in for a zero count.
Rank by effect size (``log_ratio``), filter by significance (``p_adjusted``:
Holm's correction over the target's terms by default, since a keyness table
makes thousands of tests). Against a short reference the 0.5 put in for a zero
count is a large rate, and a term the reference never uses can get a negative
``log_ratio`` with a positive ``g2``: read the counts beside it.
"""

from __future__ import annotations

import fnmatch
import itertools
import math
import operator
import re
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain, pairwise
from typing import NamedTuple

import numpy as np
import pandas as pd

from .errors import ToolkitTypeError, ToolkitValueError, check_option
from .schema import group_keys, require_columns, spoken, spoken_rows
from .text import WORD_RE
from .text import stopwords as shipped_stopwords

__all__ = ["LOG_RATIO_ZERO", "collocations", "dispersion", "keyness", "keyness_stats", "kwic",
           "lexical_diversity", "term_frequencies", "terms", "tfidf_terms", "tokens"]

#: The count put in for a zero frequency in Log Ratio (Hardie 2014's suggestion), so that a term
#: found in only one of the two corpora gets a finite effect size.
LOG_RATIO_ZERO = 0.5

_CORRECTIONS = {"holm", "bonferroni", "fdr_bh", "none"}
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer
    return SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


def _stopword_set(stopwords, func: str) -> frozenset[str]:
    if stopwords is True:
        return shipped_stopwords()
    if stopwords is False or stopwords is None:
        return frozenset()
    if isinstance(stopwords, str) or not isinstance(stopwords, Iterable):
        raise ToolkitTypeError(f"The `stopwords` parameter of {func}() must be True (the shipped list), False, "
                               f"or a list of words; got {stopwords!r}.")
    return frozenset(str(w).lower().replace("’", "'") for w in stopwords)


class _Normaliser:
    """Turns a sentence into terms by the module's rules (see the module docstring)."""

    def __init__(self, *, lower=True, stem=False, stopwords=True, ngram=1, numbers=False, func="terms"):
        if not isinstance(ngram, int) or isinstance(ngram, bool) or ngram < 1:
            raise ToolkitValueError(f"The `ngram` parameter of {func}() must be a positive integer; got {ngram!r}.")
        self.lower, self.stem, self.ngram, self.numbers = lower, stem, ngram, numbers
        self.stop = _stopword_set(stopwords, func)
        self._term_of: dict[str, str | None] = {}   # word_term of each spelling seen by terms()

    def word(self, token: str) -> str:
        w = token.replace("’", "'")
        if self.stem:
            return _stem(w.lower())
        return w.lower() if self.lower else w

    def spans(self, text: str) -> list[tuple[str, int, int, int]]:
        """``(term, start, end, index of first token)`` for each term of ``text`` (offsets into ``text``)."""
        toks = [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]
        stop = self.stop
        keep = [self.numbers or _LETTER.search(t) is not None for t, _, _ in toks]
        lowered = [t.lower().replace("’", "'") for t, _, _ in toks]
        words = [self.word(t) for t, _, _ in toks]
        out = []
        n = self.ngram
        for i in range(len(toks) - n + 1):
            if not all(keep[i:i + n]):
                continue
            if stop and (lowered[i] in stop or lowered[i + n - 1] in stop):
                continue
            out.append((" ".join(words[i:i + n]), toks[i][1], toks[i + n - 1][2], i))
        return out

    def word_term(self, token: str) -> str | None:
        """The single-word term of one word, or None when the word is left out (a stopword, or a number)."""
        lw = token.lower().replace("’", "'")
        if lw in self.stop or not (self.numbers or _LETTER.search(token)):
            return None
        return lw if self.lower and not self.stem else self.word(token)

    def terms(self, text: str) -> list[str]:
        if self.ngram != 1:
            return [t for t, _, _, _ in self.spans(text)]
        return self.terms_of(WORD_RE.findall(text))

    def terms_of(self, words: list[str]) -> list[str]:
        """The single-word terms of ``words`` (a text's :data:`WORD_RE` matches); each spelling is
        normalised once per normaliser."""
        out = []
        memo = self._term_of
        for w in words:
            t = memo.get(w, "")
            if t == "":
                t = memo[w] = self.word_term(w)
            if t is not None:
                out.append(t)
        return out


class _Words(NamedTuple):
    """Every word (:data:`WORD_RE`) of a list of texts: ``n_words`` per text; ``word``, in reading order, as an
    index into ``distinct`` (each distinct spelling once, so a normaliser looks at each spelling once).
    ``tokenised``: the last :func:`_tokenise` of these texts, by the normaliser's settings (TF-IDF and
    keyness by topic tokenise the same sentences by the same rules)."""

    n_words: np.ndarray
    word: np.ndarray
    distinct: list[str]
    tokenised: dict


class _Index(dict):
    """Key -> its position among the keys seen so far (given on first sight)."""

    def __missing__(self, key) -> int:
        i = self[key] = len(self)
        return i


#: The last texts read by :func:`_words` and their words. The keyword tables of one analysis (TF-IDF, two
#: keyness tables, collocations) read the same sentences; the regular expression then runs once, not four
#: times; in the analysis's workers, :func:`toolkit.interview.qa_pairs` takes the words :func:`keyness` read
#: of the same sentences. One entry, compared by content (see :meth:`_Texts.same`), so it only ever gives the
#: words of exactly these texts; its arrays are read-only. Setting it to None lets the words (and the
#: tokenisation kept with them) go.
_last_words: tuple[_Texts, _Words] | None = None


class _Texts:
    """A list of texts: ``column`` (a list of strings or a pandas Series), or its rows where ``rows`` (a
    boolean mask) is True, read :meth:`chunks` at a time. Nothing is copied: a corpus's text column is large,
    and pandas' pyarrow strings become Python strings only when read (on the White House corpus, a copy of
    the spoken texts took 130 MB and their Python strings 240 MB). What is kept is a snapshot (pyarrow data
    cannot change; other columns are kept as a tuple of their strings), so the texts stay those given even
    if the column is changed later."""

    def __init__(self, column, rows: np.ndarray | None = None):
        self.arrow = _pyarrow_data(column)
        self.items = None if self.arrow is not None else tuple(column.tolist() if isinstance(column, pd.Series)
                                                               else column)
        self.rows = rows
        self.n = len(column) if rows is None else int(np.count_nonzero(rows))

    def __len__(self) -> int:
        return self.n

    def chunks(self, size: int = 10_000):
        """The texts, as lists of at most ``size`` strings (empty lists left out)."""
        total = len(self.arrow) if self.arrow is not None else len(self.items)
        for i in range(0, total, size):
            keep = None if self.rows is None else self.rows[i:i + size]
            if self.arrow is not None:
                import pyarrow as pa

                part = self.arrow.slice(i, size)
                part = (part if keep is None else part.filter(pa.array(keep))).to_pylist()
            else:
                part = self.items[i:i + size]
                part = list(part if keep is None else itertools.compress(part, keep))
            if part:
                yield part

    def __iter__(self):
        return chain.from_iterable(self.chunks())

    def same(self, other: _Texts) -> bool:
        """Whether ``other`` holds exactly these texts: two pyarrow columns with the same rows are compared as
        arrow data (no Python string made; the same column is recognised at once), anything else text by
        text."""
        if self.n != other.n:
            return False
        same_rows = (self.rows is None and other.rows is None) or (
            self.rows is not None and other.rows is not None and np.array_equal(self.rows, other.rows))
        if same_rows and self.arrow is not None and other.arrow is not None and (
                self.arrow is other.arrow or self.arrow.equals(other.arrow)):
            return True
        if same_rows and self.items is not None and other.items is not None:
            return self.items == other.items
        return all(a == b for a, b in zip(self, other, strict=True))


def _pyarrow_data(column):
    """The pyarrow data a column of strings is stored in (pandas' string column when pyarrow is installed, or
    an ``ArrowDtype`` column), without a copy; None for any other column (Python strings: pandas without
    pyarrow, object columns)."""
    if not isinstance(column, pd.Series):
        return None
    dtype = column.dtype
    if not (getattr(dtype, "storage", None) == "pyarrow" or type(dtype).__name__ == "ArrowDtype"):
        return None
    arrow = getattr(column.array, "__arrow_array__", None)
    return None if arrow is None else arrow()


def _as_texts(texts) -> _Texts:
    return texts if isinstance(texts, _Texts) else _Texts(texts)


def _spoken_texts(sentences: pd.DataFrame) -> _Texts:
    """The texts of the spoken sentences (:func:`toolkit.schema.spoken`), not copied."""
    return _Texts(sentences["text"], spoken_rows(sentences))


def _words(texts) -> _Words:
    global _last_words
    texts, last = _as_texts(texts), _last_words
    if last is not None and last[0].same(texts):
        return last[1]
    out = _read_words(texts)
    _last_words = (texts, out)
    return out


def spoken_words(sentences: pd.DataFrame) -> _Words:
    """The words of the spoken sentences' texts (what the keyword tables read; from the memo when a keyword
    table of these sentences has just read them), without their tokenisations."""
    return _words(_spoken_texts(sentences))._replace(tokenised={})


def merge_words(parts: list[_Words]) -> _Words:
    """The :class:`_Words` of the texts of ``parts`` one after the other: exactly what :func:`_words` reads
    from all the texts (each distinct spelling numbered where the texts first use it), without reading them
    again. The analysis reads each batch's words in its worker and merges them for the corpus tables."""
    index = _Index()
    n_words, word = [], []
    for part in parts:
        ids = np.fromiter(map(index.__getitem__, part.distinct), dtype=np.int64, count=len(part.distinct))
        n_words.append(part.n_words)
        # int32 ids while they fit (a corpus has millions of words; int64 parts, if any, make the whole int64)
        word.append((ids.astype(np.int32) if len(index) < 1 << 31 else ids)[part.word])
    out = _Words(np.concatenate(n_words) if n_words else np.zeros(0, dtype=np.int64),
                 np.concatenate(word) if word else np.zeros(0, dtype=np.int64), list(index), {})
    out.n_words.flags.writeable = out.word.flags.writeable = False
    return out


def remember_words(sentences: pd.DataFrame, words: _Words | None) -> None:
    """Give :func:`_words` the words of the spoken sentences' texts (from :func:`merge_words`), so the next
    keyword tables of these sentences do not read them again. Nothing is remembered when there are no words
    (None) or they cannot be theirs (another number of texts)."""
    global _last_words
    if words is None:
        return
    texts = _spoken_texts(sentences)
    if len(texts) == len(words.n_words):
        _last_words = (texts, words)


def _words_read(texts) -> _Words | None:
    """The words of exactly these texts if :func:`_words` read them last (else None; nothing is read)."""
    last, texts = _last_words, _as_texts(texts)
    return last[1] if last is not None and last[0].same(texts) else None


#: :data:`WORD_RE` with possessive quantifiers: the same matches (a run of letters and digits is never followed
#: by one more, nor the repetition by anything), found without keeping backtracking points (10% faster).
_WORD_SCAN = re.compile(r"[^\W_]++(?:['’\-.][^\W_]++)*+")
#: A word put between texts so that one scan reads many (a letter that English text hardly ever holds).
_SEPARATOR = "\ua66e"
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")   # WORD_RE's class


def _word_scanner(text: str) -> re.Pattern:
    """A pattern that finds in ``text`` exactly what :data:`WORD_RE` finds, faster: ``_WORD_SCAN`` with its class
    of letters and digits (``[^\\W_]``, a Unicode category test per character) written out as a set of
    characters: the ASCII letters and digits (the ASCII characters in the class) and those of the other
    characters of ``text`` that are in the class. On ``text`` each character is in one class if and only if
    it is in the other, so the matches are the same."""
    others = set(_ASCII_RUNS.sub("", text))
    if len(others) > 1000:
        return _WORD_SCAN
    cls = "[0-9A-Za-z" + "".join(re.escape(c) for c in sorted(others) if _LETTER_OR_DIGIT.match(c)) + "]"
    return re.compile(cls + "++(?:['’\\-.]" + cls + "++)*+")


def _read_words(texts) -> _Words:
    """:func:`_words` without the memo."""
    return _read_words_joined(texts) or _read_words_each(texts)


def _read_words_joined(texts) -> _Words | None:
    """:func:`_read_words` by one scan of each chunk of texts joined by ``" " + _SEPARATOR + " "``; None when a
    text holds the separator or is no string. The scan finds each text's words with a separator between
    texts: no word runs across white space, and nothing in :data:`WORD_RE` looks beyond its match."""
    texts = _as_texts(texts)
    index = _Index()
    index[_SEPARATOR]   # id 0: the separators
    n_words = np.zeros(len(texts), dtype=np.int64)
    parts = []
    i = 0
    for chunk in texts.chunks():   # a corpus's words never all exist as strings at once
        try:
            joined = f" {_SEPARATOR} ".join(chunk)
        except TypeError:
            return None
        if joined.count(_SEPARATOR) != len(chunk) - 1:
            return None
        found = _word_scanner(joined).findall(joined)
        ids = np.fromiter(map(index.__getitem__, found), dtype=np.int64, count=len(found))
        between = np.flatnonzero(ids == 0)
        n_words[i:i + len(chunk)] = np.diff(between, prepend=-1, append=len(ids)) - 1
        parts.append(np.delete(ids, between) - 1)
        i += len(chunk)
    word = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    n_words.flags.writeable = word.flags.writeable = False
    return _Words(n_words, word, list(index)[1:], {})


def _read_words_each(texts) -> _Words:
    """:func:`_read_words`, one text at a time."""
    texts = _as_texts(texts)
    index = _Index()
    n_words = np.zeros(len(texts), dtype=np.int64)
    parts = []
    i = 0
    for chunk in texts.chunks():
        per_text = [WORD_RE.findall(t) for t in chunk]
        n_words[i:i + len(per_text)] = np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text))
        parts.append(np.fromiter(map(index.__getitem__, chain.from_iterable(per_text)), dtype=np.int64,
                                 count=int(n_words[i:i + len(per_text)].sum())))
        i += len(per_text)
    word = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    n_words.flags.writeable = word.flags.writeable = False
    return _Words(n_words, word, list(index), {})


class _Tokenised(NamedTuple):
    """The terms of a list of texts: ``term[i]`` (an index into ``vocab``, which is in alphabetical order, so
    ids sort like the terms) came from text ``sentence[i]``; ``n_words`` counts every word of each text
    (stopwords and numbers included). ``sentence`` and ``term`` are int32 when the ids fit (mind overflow in
    arithmetic on them)."""

    n_words: np.ndarray
    sentence: np.ndarray
    term: np.ndarray
    vocab: list[str]


def _tokenise(texts: _Texts, norm: _Normaliser) -> _Tokenised:
    words = _words(texts)
    settings = (norm.lower, norm.stem, norm.ngram, norm.numbers, norm.stop)
    made = words.tokenised.get(settings)
    if made is not None:
        return made
    words.tokenised.clear()   # one at a time: the last is let go before the next is made
    made = words.tokenised[settings] = _tokenise_words(texts, words, norm)
    return made


def _tokenise_words(texts: _Texts, words: _Words, norm: _Normaliser) -> _Tokenised:
    # int32 ids where they fit: a corpus has millions of terms, and these arrays are kept while its keyword
    # tables are made
    ids = np.int32 if max(len(texts), len(words.distinct)) < 1 << 31 else np.int64
    index = _Index()
    if norm.ngram == 1:
        # each distinct spelling normalised once, then every word looked up by its id
        of_word = np.fromiter((-1 if t is None else index[t] for t in map(norm.word_term, words.distinct)),
                              dtype=np.int64, count=len(words.distinct))
        alphabetical = _alphabetical(index)
        known = of_word >= 0
        of_word[known] = alphabetical[of_word[known]]
        term = of_word.astype(ids)[words.word]
        at = np.flatnonzero(term >= 0)
        term = term[at]
        # the text of the word at position p of the reading order: the first text whose words end after p
        sentence = np.searchsorted(np.cumsum(words.n_words), at, side="right").astype(ids)
        del at
    else:
        per_text = [norm.terms(t) for t in texts]
        term = np.fromiter((index[t] for ts in per_text for t in ts), dtype=np.int64)
        sentence = np.repeat(np.arange(len(texts), dtype=ids),
                             np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text)))
        term = _alphabetical(index)[term].astype(ids)
    sentence.flags.writeable = term.flags.writeable = False
    return _Tokenised(words.n_words, sentence, term, sorted(index))


def _alphabetical(index: _Index) -> np.ndarray:
    """The position of each key of ``index`` (by its number) among the keys in alphabetical order."""
    found = list(index)
    order = sorted(range(len(found)), key=found.__getitem__)
    rank = np.empty(len(found), dtype=np.int64)
    rank[order] = np.arange(len(found), dtype=np.int64)
    return rank


def terms(text: str, *, lower: bool = True, stem: bool = False, stopwords=True, ngram: int = 1,
          numbers: bool = False) -> list[str]:
    """The terms of one text by the module's rules: ``terms("We fight terrorism.")`` is ``['fight', 'terrorism']``."""
    if not isinstance(text, str):
        raise ToolkitTypeError(f"terms() expects a string; got {type(text).__name__}.")
    return _Normaliser(lower=lower, stem=stem, stopwords=stopwords, ngram=ngram, numbers=numbers).terms(text)


def tokens(sentences: pd.DataFrame, *, lower: bool = True, stem: bool = False, stopwords=True, ngram: int = 1,
           numbers: bool = False, include_narrator: bool = False) -> pd.DataFrame:
    """One row per term of every sentence, traceable to the characters it came from.

    Columns: ``doc_id``, ``sentence_id``, ``speaker``, ``role``, ``topic`` (when
    the sentences have one), ``token_index`` (position of the term's first word
    among all the words of its sentence, from 0), ``term`` (normalised),
    ``token`` (as written), ``start`` and ``end`` (offsets into the document
    text: ``document_text[start:end] == token``).
    """
    require_columns(sentences, {"doc_id", "sentence_id", "speaker", "role", "start", "text"}, func="tokens")
    norm = _Normaliser(lower=lower, stem=stem, stopwords=stopwords, ngram=ngram, numbers=numbers, func="tokens")
    data = sentences if include_narrator else spoken(sentences)
    extra = ["topic"] if "topic" in data.columns else []
    rows = []
    for rec in data[["doc_id", "sentence_id", "speaker", "role", *extra, "start", "text"]].itertuples(index=False):
        for term, s, e, i in norm.spans(rec.text):
            rows.append((rec.doc_id, rec.sentence_id, rec.speaker, rec.role, *([rec.topic] if extra else []),
                         i, term, rec.text[s:e], rec.start + s, rec.start + e))
    cols = ["doc_id", "sentence_id", "speaker", "role", *extra, "token_index", "term", "token", "start", "end"]
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"sentence_id": "int64", "token_index": "int64", "start": "int64", "end": "int64"})


def _keys_or_all(by, func: str, df=None) -> list[str]:
    return [] if by is None else group_keys(by, func, df)


def _has_na(values: tuple) -> bool:
    for v in values:
        try:
            if pd.isna(v) is True:
                return True
        except (TypeError, ValueError):
            continue
    return False


class _Counts(NamedTuple):
    """Term counts by group, as arrays.

    ``sizes``: words of every group (keyed by the group's tuple of values, as
    the rows give them). ``groups``/``tuples``: the groups that use a term and
    have no missing value (what ``groupby`` keeps), sorted as ``groupby(sort=True)``
    sorts them; ``groups`` is a table of their key values, with the dtypes
    pandas infers from those values. ``g``, ``t``, ``count``, ``doc_freq``: one
    entry per (group, term) used, sorted by group then term; ``g`` indexes
    ``groups``, ``t`` indexes ``vocab`` (alphabetical).
    """

    keys: list[str]
    sizes: Counter
    groups: pd.DataFrame
    tuples: list[tuple]
    vocab: list[str]
    g: np.ndarray
    t: np.ndarray
    count: np.ndarray
    doc_freq: np.ndarray

    def rows_of(self, i: int) -> slice:
        """The entries of group ``i`` (a slice of ``g``, ``t``, ``count``, ``doc_freq``)."""
        lo, hi = np.searchsorted(self.g, [i, i + 1])
        return slice(int(lo), int(hi))

    def terms(self, t: np.ndarray):
        """The term strings of ids ``t``, as a column (the dtype pandas infers for a list of terms)."""
        return pd.Series(np.array(self.vocab, dtype=object)[t].tolist() if len(t) else [], dtype=_str_dtype())


def _str_dtype():
    """The dtype pandas gives a column of Python strings (``str`` in pandas 3, ``object`` before)."""
    return pd.Series(["x"]).dtype


def _group_numbers(sentences: pd.DataFrame, keys: list[str], rows: np.ndarray | None) -> tuple[np.ndarray, list]:
    """The group of each of the sentences in ``rows`` (a boolean mask; None: all), numbered in order of first
    appearance, and each group's tuple of key values: what a dict of the rows' tuples of values (those
    ``itertuples()`` gives) numbers. No keys: one group, ``("",)``. Key columns of strings, integers or
    booleans without missing values are read as pandas codes (no Python value for each row: a corpus's
    document ids as Python strings take 50 MB); other columns value by value."""
    n = len(sentences) if rows is None else int(np.count_nonzero(rows))
    if not keys:
        return np.zeros(n, dtype=np.int64), ([("",)] if n else [])
    columns = [sentences[c] for c in keys]
    if all(isinstance(c.dtype, pd.StringDtype) or c.dtype.kind in "iub" for c in columns) and \
            not any(c.isna().any() for c in columns):
        codes, uniques = zip(*(pd.factorize(c) for c in columns))
        if math.prod(max(len(u), 1) for u in uniques) < 1 << 62:
            combined = codes[0].astype(np.int64)
            for c, u in zip(codes[1:], uniques[1:], strict=True):
                combined = combined * len(u) + c
            if rows is not None:
                combined = combined[rows]
            group, found = pd.factorize(combined)
            found = np.asarray(found, dtype=np.int64)
            values = []
            for u in reversed(uniques):
                found, at = np.divmod(found, len(u))
                values.append(u.take(at).tolist())
            return group.astype(np.int64), list(zip(*reversed(values), strict=True))
    data = sentences[list(dict.fromkeys(keys))]
    data = data if rows is None else data[rows]
    index: dict[tuple, int] = {}
    values = zip(*(data[c].tolist() for c in keys))   # the values itertuples() gives, without its per-cell cost
    group = np.fromiter((index.setdefault(r, len(index)) for r in values), dtype=np.int64, count=n)
    return group, list(index)


def _counts(sentences: pd.DataFrame, keys: list[str], norm: _Normaliser, func: str) -> _Counts:
    """Term counts by group and group sizes in words (spoken sentences only; each sentence tokenised once)."""
    require_columns(sentences, {*keys, "doc_id", "role", "text"}, func=func)
    spoken_at = spoken_rows(sentences)
    k = keys or ["_all"]
    tok = _tokenise(_Texts(sentences["text"], spoken_at), norm)
    sent_group, all_tuples = _group_numbers(sentences, keys, spoken_at)
    words = np.zeros(len(all_tuples), dtype=np.int64)
    np.add.at(words, sent_group, tok.n_words)
    sizes = Counter(dict(zip(all_tuples, words.tolist(), strict=True)))
    with_terms = np.bincount(tok.sentence, minlength=len(sent_group)) > 0
    counted = [i for i in np.unique(sent_group[with_terms]).tolist() if not _has_na(all_tuples[i])]
    groups = pd.DataFrame([all_tuples[i] for i in counted], columns=k)
    order = groups.sort_values(k, kind="stable").index.to_numpy() if counted else np.zeros(0, dtype=np.int64)
    counted_sorted = np.asarray(counted, dtype=np.int64)[order]
    rank = np.full(len(all_tuples), -1, dtype=np.int64)
    rank[counted_sorted] = np.arange(len(counted_sorted), dtype=np.int64)
    # Every word's (group, term, document) as one integer, sorted: a corpus has millions of words, so the
    # arrays are made one at a time and each let go as soon as the next is made.
    sent_rank = rank[sent_group]
    sent_doc = pd.factorize(sentences["doc_id"])[0].astype(np.int64) + 1   # 0: no doc_id
    if spoken_at is not None:
        sent_doc = sent_doc[spoken_at]
    del sent_group
    sentence, t = tok.sentence, tok.term
    key = sent_rank[sentence]
    kept = key >= 0
    if not kept.all():
        key, sentence, t = key[kept], sentence[kept], t[kept]
    del kept
    v = max(len(tok.vocab), 1)
    n_docs = int(sent_doc.max(initial=0)) + 1
    key *= v
    key += t
    del t
    if (len(counted_sorted) * v) * n_docs < 1 << 62:
        # sorted by (key, doc): one sort of one integer per word rather than a lexsort of two
        key *= n_docs
        key += sent_doc[sentence]
        del sentence
        key.sort()
        doc = key % n_docs
        key //= n_docs
    else:
        doc = sent_doc[sentence]
        del sentence
        o = np.lexsort((doc, key))
        key, doc = key[o], doc[o]
        del o
    new_doc = _new_runs(key)   # where each (group, term) starts; then where each of its documents starts
    starts = np.flatnonzero(new_doc)
    new_doc[1:] |= doc[1:] != doc[:-1]
    new_doc &= doc > 0
    del doc
    count = np.diff(np.append(starts, len(key))).astype(np.int64)
    doc_freq = np.add.reduceat(new_doc.astype(np.int64), starts) if len(starts) else np.zeros(0, dtype=np.int64)
    del new_doc
    key = key[starts]
    return _Counts(k, sizes, groups.iloc[order].reset_index(drop=True), [all_tuples[i] for i in counted_sorted],
                   tok.vocab, key // v, key % v, count, doc_freq)


def _order(g: np.ndarray, values: np.ndarray, *, descending: bool = False) -> np.ndarray:
    """``np.lexsort((-values if descending else values, g))``: for integer ``g >= 0`` and integer ``values``
    (when the pair fits in one int64), one stable sort of one integer per entry rather than a lexsort of two
    (the same order: ties keep their order in both)."""
    if len(values) and values.dtype.kind in "iu" and g.dtype.kind in "iu" and int(g.min()) >= 0:
        low, high = int(values.min()), int(values.max())
        span = high - low + 1
        if (int(g.max()) + 1) * span < 1 << 62:
            within = (high - values) if descending else (values - low)
            return np.argsort(g.astype(np.int64) * span + within.astype(np.int64), kind="stable")
    return np.lexsort((-values if descending else values, g))


def _rank_desc(g: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Rank of each value within its group, largest first, ties sharing the lower rank: what
    ``groupby(...)[col].rank(method="min", ascending=False)`` gives, as int64."""
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    o = _order(g, values, descending=True)
    gs, vs = g[o], values[o]
    pos = np.arange(n)
    new_group = _new_runs(gs)
    new_value = new_group.copy()
    new_value[1:] |= vs[1:] != vs[:-1]
    group_start = np.maximum.accumulate(np.where(new_group, pos, 0))
    run_start = np.maximum.accumulate(np.where(new_value, pos, 0))
    out = np.empty(n, dtype=np.int64)
    out[o] = run_start - group_start + 1
    return out


class _Freq(NamedTuple):
    """A frequency table as arrays, in its row order (group, rank, term): indices into ``counts``."""

    counts: _Counts
    g: np.ndarray
    t: np.ndarray
    count: np.ndarray
    rate: np.ndarray
    doc_freq: np.ndarray
    rank: np.ndarray


def _frequencies(sentences: pd.DataFrame, keys: list[str], n, min_count, norm: _Normaliser, func: str) -> _Freq:
    cnt = _counts(sentences, keys, norm, func)
    kept = cnt.count >= min_count
    g, t, count, doc_freq = cnt.g[kept], cnt.t[kept], cnt.count[kept], cnt.doc_freq[kept]
    group_size = np.array([cnt.sizes[tp] for tp in cnt.tuples], dtype=float)[g]
    rate = count / np.where(group_size > 0, group_size, np.nan) * 1000
    rank = _rank_desc(g, count)
    if n is not None:
        top = rank <= n
        g, t, count, rate, doc_freq, rank = g[top], t[top], count[top], rate[top], doc_freq[top], rank[top]
    o = _order(g, rank)   # by group, rank and term: the entries come sorted by group and term
    return _Freq(cnt, g[o], t[o], count[o], rate[o], doc_freq[o], rank[o])


def _empty_counts(k: list[str]) -> pd.DataFrame:
    """The counts table when no term was found at all (the dtypes pandas' groupby gives an empty table)."""
    long = pd.DataFrame(columns=k)
    long["term"] = []
    long["doc_id_"] = []
    counts = long.groupby([*k, "term"], sort=True).agg(count=("doc_id_", "size"), doc_freq=("doc_id_", "nunique"))
    return counts.reset_index()


def term_frequencies(sentences: pd.DataFrame, by: str | list[str] | None = "speaker", *, n: int | None = None,
                     min_count: int = 1, lower: bool = True, stem: bool = False, stopwords=True, ngram: int = 1,
                     numbers: bool = False) -> pd.DataFrame:
    """How often each term is used, by any grouping (speaker, role, topic, doc_id, ...; ``None``: all text).

    Columns: the ``by`` column(s), ``term``, ``count``, ``rate_per_1000``
    (count per 1,000 words of the group), ``doc_freq`` (documents of the group
    that use the term), ``rank`` (1 = most frequent in the group; ties share
    the lower rank). Sorted by group, rank, term. ``n`` keeps the terms ranked
    ``n`` or better in each group; ``min_count`` drops rarer terms.
    """
    keys = _keys_or_all(by, "term_frequencies", sentences)
    _check_n(n, "term_frequencies")
    _check_n(min_count, "term_frequencies", name="min_count")
    norm = _Normaliser(lower=lower, stem=stem, stopwords=stopwords, ngram=ngram, numbers=numbers,
                       func="term_frequencies")
    f = _frequencies(sentences, keys, n, min_count, norm, "term_frequencies")
    cols = [*keys, "term", "count", "rate_per_1000", "doc_freq", "rank"]
    if not len(f.counts.t):
        empty = _empty_counts(f.counts.keys)
        empty["rate_per_1000"] = np.zeros(0)
        empty["rank"] = np.zeros(0, dtype=np.int64)
        return empty[cols].reset_index(drop=True)
    out = f.counts.groups.iloc[f.g][keys].reset_index(drop=True)
    out["term"] = f.counts.terms(f.t)
    out["count"], out["rate_per_1000"], out["doc_freq"], out["rank"] = f.count, f.rate, f.doc_freq, f.rank
    return out


def tfidf_terms(sentences: pd.DataFrame, by: str | list[str] = "speaker", *, n: int | None = 10,
                min_count: int = 1, lower: bool = True, stem: bool = False, stopwords=True, ngram: int = 1,
                numbers: bool = False) -> pd.DataFrame:
    """The terms that set each group apart, by TF-IDF (scikit-learn), treating each group as one document.

    scikit-learn's defaults: ``idf = ln((1 + g) / (1 + g_t)) + 1`` for ``g``
    groups, ``g_t`` of which use the term, times the raw count, then each
    group's vector scaled to unit length. With only two groups (an interviewer
    and an interviewee) the idf can take just two values: prefer
    :func:`keyness` there. Columns: the ``by`` column(s), ``term``, ``count``,
    ``rate_per_1000``, ``tfidf``, ``rank`` (1 = highest TF-IDF in the group).
    Sorted by group, rank, term; ``n`` terms per group (``None``: all).
    """
    keys = group_keys(by, "tfidf_terms", sentences)
    _check_n(n, "tfidf_terms")
    _check_n(min_count, "tfidf_terms", name="min_count")
    norm = _Normaliser(lower=lower, stem=stem, stopwords=stopwords, ngram=ngram, numbers=numbers,
                       func="tfidf_terms")
    f = _frequencies(sentences, keys, None, min_count, norm, "tfidf_terms")
    if not len(f.g):
        return pd.DataFrame(columns=[*keys, "term", "count", "rate_per_1000", "tfidf", "rank"])
    tfidf = np.round(_tfidf(f.g, f.t, f.count), 12)   # the same ranks whatever the summation order
    rank = _rank_desc(f.g, tfidf)
    kept = np.ones(len(rank), dtype=bool) if n is None else rank <= n
    o = np.flatnonzero(kept)[np.lexsort((f.t[kept], rank[kept], f.g[kept]))]
    out = f.counts.groups.iloc[f.g[o]][keys].reset_index(drop=True)
    out["term"] = f.counts.terms(f.t[o])
    out["count"], out["rate_per_1000"], out["tfidf"], out["rank"] = f.count[o], f.rate[o], tfidf[o], rank[o]
    return out


def _tfidf(g: np.ndarray, t: np.ndarray, count: np.ndarray) -> np.ndarray:
    """scikit-learn's TF-IDF of each (group, term, count) row (rows in frequency-table order: group, rank, term).

    The count matrix is built as ``TfidfVectorizer`` builds it from one document per group listing its terms
    in row order (columns in alphabetical order; in each row, the terms in the order the vectorizer first
    met them), so the same floating-point sums give bit-for-bit the values it gives (tested).
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    rows = np.unique(g, return_inverse=True)[1]
    terms, col = np.unique(t, return_inverse=True)
    first_seen = np.full(len(terms), len(t), dtype=np.int64)
    np.minimum.at(first_seen, col, np.arange(len(t)))
    seen_rank = np.empty(len(terms), dtype=np.int64)
    seen_rank[np.argsort(first_seen)] = np.arange(len(terms))
    o = _order(rows, seen_rank[col])
    indptr = np.zeros(rows.max() + 2, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=rows.max() + 1), out=indptr[1:])
    small = indptr[-1] <= np.iinfo(np.int32).max
    x = sparse.csr_array((count[o].astype(np.float64), col[o].astype(np.int32 if small else np.int64),
                          indptr.astype(np.int32 if small else np.int64)), shape=(rows.max() + 1, len(terms)))
    y = TfidfTransformer().fit(x).transform(x, copy=False).tocoo()
    # back to the rows' order, whatever order the entries come out in
    cells = y.row.astype(np.int64) * len(terms) + y.col
    where = np.argsort(cells)
    return y.data[where][np.searchsorted(cells[where], rows * len(terms) + col)]


def _check_n(n, func: str, *, name: str = "n") -> None:
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise ToolkitValueError(f"The `{name}` parameter of {func}() must be a positive integer or None; got {n!r}.")


def keyness_stats(a, b, c, d, *, zero: float = LOG_RATIO_ZERO) -> pd.DataFrame:
    """G2, its p-value, Log Ratio and chi2 for counts ``a`` (target) and ``b`` (reference) in corpora of ``c`` and
    ``d`` words (scalars or arrays). The formulas are in the module docstring.

    Columns: ``g2`` (signed log-likelihood), ``p_value`` (chi-squared, 1 d.f.),
    ``log_ratio``, ``chi2`` (Pearson's chi-squared of the 2x2 table, no
    continuity correction, signed like ``g2``). Worked check (METHODS.md):
    ``keyness_stats(100, 50, 100_000, 100_000)`` gives ``g2`` 16.99.
    """
    return pd.DataFrame(_keyness_arrays(a, b, c, d, zero=zero))


def _keyness_arrays(a, b, c, d, *, zero: float = LOG_RATIO_ZERO) -> dict[str, np.ndarray]:
    """The columns of :func:`keyness_stats`, as arrays (computed element by element: an element's value does not
    depend on the others, so one call over many targets gives what one call per target gives)."""
    a, b, c, d = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (a, b, c, d))
    if np.any(a < 0) or np.any(b < 0) or np.any(a > c) or np.any(b > d) or np.any(c <= 0) or np.any(d <= 0):
        raise ToolkitValueError("keyness_stats() needs 0 <= a <= c and 0 <= b <= d with c, d > 0 (counts and "
                                "corpus sizes in words).")
    n = c + d
    e1, e2 = c * (a + b) / n, d * (a + b) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / np.where(e1 > 0, e1, 1)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / np.where(e2 > 0, e2, 1)), 0.0)
    g2 = np.maximum(2 * (t1 + t2), 0.0)
    sign = np.sign(a / c - b / d)
    # np.sqrt, like math.sqrt, is correctly rounded: the same p as math.erfc(math.sqrt(x / 2)), element by element
    p = np.fromiter(map(math.erfc, np.sqrt(g2 / 2).tolist()), dtype=float, count=len(g2))
    log_ratio = np.log2((np.where(a > 0, a, zero) / c) / (np.where(b > 0, b, zero) / d))
    ab, cd = a + b, (c - a) + (d - b)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = np.where(ab * cd > 0, n * (a * (d - b) - b * (c - a)) ** 2 / (c * d * ab * cd), 0.0)
    return {"g2": sign * g2, "p_value": p, "log_ratio": log_ratio, "chi2": sign * chi2}


def _adjust(p: np.ndarray, method: str) -> np.ndarray:
    """Multiple-comparison adjusted p-values (Holm, Bonferroni, Benjamini-Hochberg), capped at 1."""
    m = len(p)
    if method == "none" or m == 0:
        return p.copy()
    if method == "bonferroni":
        return np.minimum(p * m, 1.0)
    order = np.argsort(p, kind="stable")
    ranked = p[order]
    if method == "holm":
        adj = np.maximum.accumulate((m - np.arange(m)) * ranked)
    else:  # fdr_bh: p_(i) m / i, made monotone from the largest p down
        adj = np.minimum.accumulate((ranked * m / np.arange(1, m + 1))[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adj, 1.0)
    return out


def keyness(sentences: pd.DataFrame, by: str | list[str] = "speaker", *, target=None, reference=None,
            within: str | list[str] | None = None, min_count: int = 1, n: int | None = None,
            correction: str = "holm", chi2: bool = False, lower: bool = True, stem: bool = False, stopwords=True,
            ngram: int = 1, numbers: bool = False) -> pd.DataFrame:
    """Key terms of each group against the rest, a named reference group, or a reference corpus.

    - ``by``: the grouping column(s) (speaker, role, topic, doc_id, ...).
    - ``target``: one group (or a list) to report; default every group
      (except the named reference groups).
    - ``reference``: ``None`` (each target against all other groups), a group
      value or list of values (against those groups together), or another
      sentence table (against that reference corpus: e.g. the White House
      briefings).
    - ``within``: column(s) inside which groups are compared
      (``within="doc_id"``: each speaker against the others in the same
      document).
    - ``min_count``: leave out terms used fewer times in target and reference
      together. ``n``: keep the ``n`` most positive and ``n`` most negative terms
      by ``g2`` for each target. ``correction``: ``"holm"`` (default),
      ``"bonferroni"``, ``"fdr_bh"`` (Benjamini-Hochberg) or ``"none"``, over each
      target's terms. ``chi2=True`` adds the ``chi2`` column.

    Columns: the ``within`` and ``by`` column(s) (the target group),
    ``reference`` (``rest``, the reference groups `|`-joined, or ``reference
    corpus``), ``term``, ``count_target``, ``count_reference``, ``size_target``
    and ``size_reference`` (words), ``rate_target`` and ``rate_reference``
    (per 1,000 words), ``g2`` (signed: negative when the term is relatively
    more frequent in the reference), ``p_value``, ``p_adjusted``, ``log_ratio``
    (0.5 put in for a zero count: against a small reference, a term it never
    uses can then get a Log Ratio below 0 with a positive ``g2``; read the two
    together). Sorted by group, then ``g2`` from most
    positive to most negative, then term. Every term that either side uses is
    listed, so a term the target never uses can be negatively key.
    """
    keys = group_keys(by, "keyness", sentences)
    wkeys = [] if within is None else group_keys(within, "keyness", sentences, name="within")
    check_option(correction, _CORRECTIONS, name="correction", func="keyness")
    _check_n(n, "keyness")
    _check_n(min_count, "keyness", name="min_count")
    if set(wkeys) & set(keys):
        raise ToolkitValueError(f"keyness(): `within` {wkeys} and `by` {keys} must be different columns.")
    norm = _Normaliser(lower=lower, stem=stem, stopwords=stopwords, ngram=ngram, numbers=numbers, func="keyness")
    allk = [*wkeys, *keys]
    cnt = _counts(sentences, allk, norm, "keyness")
    sizes = cnt.sizes
    groups = sorted(sizes)
    targets = _targets(groups, keys, wkeys, target, reference)
    vocab, term_of = cnt.vocab, cnt.t
    ref_counts = None
    if isinstance(reference, pd.DataFrame):
        if wkeys:
            raise ToolkitValueError("keyness(): `within` cannot be used with a reference corpus.")
        rc = _counts(reference, [], norm, "keyness")
        # one alphabetical vocabulary for the two corpora
        vocab = sorted(set(cnt.vocab).union(rc.vocab))
        at = {w: i for i, w in enumerate(vocab)}
        term_of = np.array([at[w] for w in cnt.vocab], dtype=np.int64)[cnt.t] if len(cnt.t) else cnt.t
        ref_counts = np.zeros(len(vocab), dtype=np.int64)
        if len(rc.t):
            np.add.at(ref_counts, np.array([at[w] for w in rc.vocab], dtype=np.int64)[rc.t], rc.count)
        ref_size = sum(rc.sizes.values())
    nw = len(wkeys)
    members: dict[tuple, list[tuple]] = {}
    for g in groups:
        members.setdefault(g[:nw], []).append(g[nw:])
    words_in = {w: sum(sizes[(*w, *h)] for h in hs) for w, hs in members.items()}
    counted = {tp: i for i, tp in enumerate(cnt.tuples)}
    in_part: dict[tuple, list[int]] = {}
    for i, tp in enumerate(cnt.tuples):
        in_part.setdefault(tp[:nw], []).append(i)
    partitions: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    def partition(w: tuple) -> tuple[np.ndarray, np.ndarray]:
        """The terms one `within` partition uses (alphabetical) and their counts in it (built when first needed)."""
        if w not in partitions:
            rows = [cnt.rows_of(i) for i in in_part.get(w, [])]
            t = np.concatenate([term_of[r] for r in rows]) if rows else np.zeros(0, dtype=np.int64)
            c = np.concatenate([cnt.count[r] for r in rows]) if rows else np.zeros(0, dtype=np.int64)
            terms, inv = np.unique(t, return_inverse=True)
            total = np.zeros(len(terms), dtype=np.int64)
            np.add.at(total, inv, c)
            partitions[w] = terms, total
        return partitions[w]

    def counts_of(group: tuple, terms: np.ndarray) -> np.ndarray:
        """A group's counts of ``terms`` (zeros for a group that used no counted term)."""
        out = np.zeros(len(terms), dtype=np.int64)
        i = counted.get(group)
        if i is not None:
            r = cnt.rows_of(i)
            out[np.searchsorted(terms, term_of[r])] = cnt.count[r]
        return out

    # each target's terms, counts and sizes, gathered in arrays: one segment per target
    done: list[tuple] = []
    labels: list[str] = []
    seg_t, seg_a, seg_b, seg_c, seg_d = [], [], [], [], []
    named = None if reference is None or ref_counts is not None else _as_values(reference)
    for g in targets:
        w, own = g[:nw], g[nw:]
        c = sizes[g]
        if ref_counts is not None:
            terms = np.arange(len(vocab), dtype=np.int64)
            a, b, d = counts_of(g, terms), ref_counts, ref_size
            ref_label = "reference corpus"
        else:
            terms, total = partition(w)
            a = counts_of(g, terms)
            if named is None:
                if len(members[w]) < 2:
                    continue
                b = total - a
                d = words_in[w] - c   # the words of the other groups
                ref_label = "rest"
            else:
                refs = [h for h in members[w] if h in named and h != own]
                ref_label = "|".join(" / ".join(map(str, r)) for r in named)
                if not refs:
                    continue
                b = sum((counts_of((*w, *h), terms) for h in refs), np.zeros(len(terms), dtype=np.int64))
                d = sum(sizes[(*w, *h)] for h in refs)
        keep = np.flatnonzero((a + b >= min_count) & ((a > 0) | (b > 0)))
        if d == 0 or c == 0:
            continue
        done.append(g)
        labels.append(ref_label)
        seg_t.append(terms[keep])
        seg_a.append(a[keep])
        seg_b.append(b[keep])
        seg_c.append(np.full(len(keep), c, dtype=np.int64))
        seg_d.append(np.full(len(keep), d, dtype=np.int64))
    cols = [*allk, "reference", "term", "count_target", "count_reference", "size_target", "size_reference",
            "rate_target", "rate_reference", "g2", "p_value", "p_adjusted", "log_ratio", *(["chi2"] if chi2 else [])]
    if not done:
        return pd.DataFrame(columns=cols)
    lengths = np.array([len(x) for x in seg_t], dtype=np.int64)
    seg = np.repeat(np.arange(len(done)), lengths)
    t, a, b, c, d = (np.concatenate(x) for x in (seg_t, seg_a, seg_b, seg_c, seg_d))
    stats = _keyness_arrays(a, b, c, d)
    g2, p_value = stats["g2"], stats["p_value"]
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    p_adjusted = np.concatenate([_adjust(p_value[lo:hi], correction) for lo, hi in pairwise(bounds)])
    # each target's rows from the most positive g2 to the most negative, then by term (ids are alphabetical)
    o = np.lexsort((t, -g2, seg))
    if n is not None:
        at = np.arange(len(o)) - bounds[seg[o]]
        n_pos = np.minimum(np.bincount(seg[g2 > 0], minlength=len(done)), n)
        n_neg = np.minimum(np.bincount(seg[g2 < 0], minlength=len(done)), n)
        o = o[(at < n_pos[seg[o]]) | (at >= (lengths - n_neg)[seg[o]])]
    s = seg[o]
    out = pd.DataFrame({k: pd.Series([g[i] for g in done]).iloc[s].reset_index(drop=True)
                        for i, k in enumerate(allk)})
    out["reference"] = pd.Series(labels).iloc[s].reset_index(drop=True)
    out["term"] = pd.Index(np.array(vocab, dtype=object)[t[o]], dtype=object).astype(str)
    out["count_target"], out["count_reference"] = a[o], b[o]
    out["size_target"], out["size_reference"] = c[o], d[o]
    out["rate_target"], out["rate_reference"] = a[o] / c[o] * 1000, b[o] / d[o] * 1000
    out["g2"], out["p_value"], out["p_adjusted"] = g2[o], p_value[o], p_adjusted[o]
    out["log_ratio"], out["chi2"] = stats["log_ratio"][o], stats["chi2"][o]
    return out[cols]


def _as_values(reference) -> list[tuple]:
    vals = [reference] if isinstance(reference, (str, tuple)) or not isinstance(reference, Iterable) else \
        list(reference)
    return [v if isinstance(v, tuple) else (v,) for v in vals]


def _targets(groups: list[tuple], keys, wkeys, target, reference) -> list[tuple]:
    """The target groups, checked against the groups the data has."""
    present = {g[len(wkeys):] for g in groups}
    shown = sorted(" / ".join(map(str, p)) for p in present)
    if reference is not None and not isinstance(reference, pd.DataFrame):
        missing = [r for r in _as_values(reference) if r not in present]
        if missing:
            raise ToolkitValueError(f"keyness(): reference group(s) {[' / '.join(map(str, m)) for m in missing]} "
                                    f"not found in {keys}; groups are {shown}.")
    if target is None:
        excluded = set(_as_values(reference)) if reference is not None and not isinstance(reference,
                                                                                         pd.DataFrame) else set()
        return [g for g in groups if g[len(wkeys):] not in excluded]
    wanted = _as_values(target)
    missing = [t for t in wanted if t not in present]
    if missing:
        raise ToolkitValueError(f"keyness(): target group(s) {[' / '.join(map(str, m)) for m in missing]} not "
                                f"found in {keys}; groups are {shown}.")
    return [g for g in groups if g[len(wkeys):] in wanted]


#: Python's ``sum`` of floats adds them one by one, left to right, before 3.12 (from 3.12 it compensates the
#: rounding errors): :func:`_bigram_scores` repeats NLTK's sums exactly only then.
_EXACT_SUMS = sys.version_info < (3, 12)
_SMALL = 1e-20   # nltk.metrics.association._SMALL


def _bigram_scores(n_ii: np.ndarray, n_ix: np.ndarray, n_xi: np.ndarray, n_xx: int):
    """NLTK's ``BigramAssocMeasures.likelihood_ratio``, ``pmi`` and ``student_t`` of each pair, as lists of floats
    equal bit for bit to what NLTK's functions return (tested): the same float64 operations in the same
    order (NumPy's ``+ - * /`` are IEEE operations, as Python's are; an int meets a float as the double
    Python converts it to), and the logarithms and powers by ``math.log``, ``math.log2`` and ``pow``, as NLTK
    calls them, element by element. ``n_ii``: the pair's count scaled (float); ``n_ix``, ``n_xi``: the words'
    counts (int); ``n_xx``: the number of words. None (use NLTK's functions) when a product of two counts
    may not be exact in int64."""
    n_ix, n_xi = n_ix.astype(np.int64), n_xi.astype(np.int64)
    if len(n_ii) and int(n_ix.max()) * int(n_xi.max()) >= 1 << 62:
        return None
    # _contingency: (n_ii, n_oi, n_io, n_oo)
    n_oi = n_xi - n_ii
    n_io = n_ix - n_ii
    n_oo = float(n_xx) - n_ii - n_oi - n_io
    cont = (n_ii, n_oi, n_io, n_oo)
    total = 0.0 + n_ii + n_oi + n_io + n_oo   # sum(cont)
    g2 = np.zeros(len(n_ii))   # sum(...) starts at 0
    for i in range(4):
        obs = cont[i]
        exp = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / total   # _expected_values
        g2 = g2 + obs * np.array(list(map(math.log, (obs / (exp + _SMALL) + _SMALL).tolist())), dtype=float)
    likelihood_ratio = (2 * g2).tolist()
    unigrams = (n_ix * n_xi).tolist()   # Python ints, as _product gives them
    pmi = np.array(list(map(math.log2, (n_ii * float(n_xx)).tolist()))) - np.array(list(map(math.log2, unigrams)))
    expected = np.array(list(map(operator.truediv, unigrams, itertools.repeat(n_xx))), dtype=float)
    root = np.array(list(map(pow, (n_ii + _SMALL).tolist(), itertools.repeat(0.5))), dtype=float)
    return likelihood_ratio, pmi.tolist(), ((n_ii - expected) / root).tolist()


def _new_runs(values: np.ndarray) -> np.ndarray:
    """For sorted ``values``: True where a run of equal values starts (the first entry, and each that differs
    from the one before)."""
    new = np.empty(len(values), dtype=bool)
    new[:1] = True
    np.not_equal(values[1:], values[:-1], out=new[1:])
    return new


def _unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_counts=True)`` for integers, sorting ``values`` in place (no copy: a corpus
    has millions of word pairs)."""
    values = values.astype(np.int64, copy=False)
    values.sort()
    starts = np.flatnonzero(_new_runs(values))
    return values[starts], np.diff(np.append(starts, len(values)))


def collocations(sentences: pd.DataFrame, *, measure: str = "likelihood_ratio", min_count: int = 2,
                 window: int = 2, n: int | None = None, lower: bool = True, stem: bool = False,
                 stopwords=True) -> pd.DataFrame:
    """Word pairs that occur together more than chance, scored with NLTK's association measures.

    Pairs are counted within sentences (never across two), ``window`` words
    apart at most (2: adjacent words; larger windows count non-adjacent pairs,
    Church & Hanks 1990); pairs seen fewer than ``min_count`` times, and pairs
    with a stopword, are left out after counting (word frequencies and the
    total stay those of all the text). Columns: ``term`` ("word1 word2"),
    ``word1``, ``word2``, ``count``, ``likelihood_ratio`` (Dunning's G2),
    ``pmi`` (pointwise mutual information, bits), ``t_score`` (Student's t),
    ``rank`` (by ``measure``). Sorted by rank, then term; ``n`` keeps the best.
    """
    from nltk.collocations import BigramAssocMeasures

    check_option(measure, {"likelihood_ratio", "pmi", "t_score"}, name="measure", func="collocations")
    _check_n(n, "collocations")
    _check_n(min_count, "collocations", name="min_count")
    if isinstance(window, bool) or not isinstance(window, int) or window < 2:
        raise ToolkitValueError(f"The `window` parameter of collocations() must be an integer of 2 or more; "
                                f"got {window!r}.")
    require_columns(sentences, {"role", "text"}, func="collocations")
    norm = _Normaliser(lower=lower, stem=stem, stopwords=False, numbers=False, func="collocations")
    stop = _stopword_set(stopwords, "collocations")
    tok = _tokenise(_spoken_texts(sentences), norm)
    # the counts of NLTK's BigramCollocationFinder.from_words (tested equal), without building its FreqDists
    # word by word: each word once, and each pair of words of one sentence at most `window - 1` words apart
    v = max(len(tok.vocab), 1)
    word_count = np.bincount(tok.term, minlength=len(tok.vocab)).tolist()
    pairs = []
    for k in range(1, min(window, len(tok.term))):
        same = tok.sentence[:-k] == tok.sentence[k:]
        pair = tok.term[:-k][same].astype(np.int64)
        pair *= v
        pair += tok.term[k:][same]
        pairs.append(pair)
        del same, pair
    cells, pair_count = _unique_counts(pairs[0] if len(pairs) == 1 else np.concatenate(pairs or [[]]))
    del pairs
    kept = pair_count >= min_count
    if stop:
        stopped = np.array([w in stop for w in tok.vocab], dtype=bool)
        kept &= ~stopped[cells // v] & ~stopped[cells % v]
    w1s, w2s, counts = cells[kept] // v, cells[kept] % v, pair_count[kept]
    cols = ["term", "word1", "word2", "count", "likelihood_ratio", "pmi", "t_score", "rank"]
    if not len(counts):
        return pd.DataFrame(columns=cols)
    # BigramCollocationFinder.score_ngram's arguments: the pair's count scaled by 1 / (window - 1), the two
    # words' counts, the number of words
    of_word = np.asarray(word_count, dtype=np.int64)
    marginals = (counts / (window - 1.0), of_word[w1s], of_word[w2s], len(tok.term))
    scores = _bigram_scores(*marginals) if _EXACT_SUMS else None
    if scores is None:
        m = BigramAssocMeasures
        scores = [], [], []
        for n_ii, n_ix, n_xi in zip(marginals[0].tolist(), marginals[1].tolist(), marginals[2].tolist(), strict=True):
            args = (n_ii, (n_ix, n_xi), marginals[3])
            scores[0].append(float(m.likelihood_ratio(*args)))
            scores[1].append(float(m.pmi(*args)))
            scores[2].append(float(m.student_t(*args)))
    vocab = np.array(tok.vocab, dtype=object)
    word1, word2 = vocab[w1s].tolist(), vocab[w2s].tolist()
    out = pd.DataFrame({"term": [f"{w1} {w2}" for w1, w2 in zip(word1, word2, strict=True)], "word1": word1,
                        "word2": word2, "count": counts.astype(np.int64), "likelihood_ratio": scores[0],
                        "pmi": scores[1], "t_score": scores[2]})
    out[measure] = out[measure].round(10)
    out["rank"] = out[measure].rank(method="min", ascending=False).astype("int64")
    out = out.sort_values(["rank", "term"], kind="stable")
    if n is not None:
        out = out[out["rank"] <= n]
    return out[cols].reset_index(drop=True)


# --- concordances and dispersion ---------------------------------------------------------------------------

def _glob_regex(word: str, case_sensitive: bool) -> re.Pattern:
    return re.compile(fnmatch.translate(word if case_sensitive else word.lower()))


def _compile(pattern: str, match: str, case_sensitive: bool, func: str):
    if not isinstance(pattern, str) or not pattern.strip():
        raise ToolkitValueError(f"{func}(): a pattern must be a non-empty string; got {pattern!r}.")
    if match == "regex":
        try:
            return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
        except re.error as exc:
            raise ToolkitValueError(f"{func}(): the regular expression {pattern!r} is not valid: {exc}.") from None
    parts = pattern.split()
    if match == "phrase":  # words literally: no wildcards
        return [re.compile(re.escape(p if case_sensitive else p.lower()) + r"\Z") for p in pattern.split()]
    return [_glob_regex(p, case_sensitive) for p in parts]


class _DocTokens:
    """The words of one document's sentences, in order, with sentence and character positions."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.words: list[tuple[str, int, int, int]] = []   # (word, sentence index, start, end) in the sentence
        self.first: list[int] = []                          # index of each sentence's first word
        for si, text in enumerate(texts):
            self.first.append(len(self.words))
            self.words.extend((m.group(), si, m.start(), m.end()) for m in WORD_RE.finditer(text))
        self.starts = [(w[1], w[2]) for w in self.words]

    def word_at_or_after(self, si: int, pos: int) -> int:
        return bisect_right(self.starts, (si, pos - 1))


def _find(sentences: pd.DataFrame, patterns, match: str, case_sensitive: bool, func: str):
    """Yield ``(doc_rows, doc_tokens, pattern, sentence index, start, end, first word, last word + 1)``."""
    check_option(match, {"glob", "phrase", "regex"}, name="match", func=func)
    pats = [patterns] if isinstance(patterns, str) else list(patterns) if isinstance(patterns, Iterable) else None
    if not pats:
        raise ToolkitValueError(f"{func}() needs a pattern (a string or a list of strings); got {patterns!r}.")
    compiled = [(p, _compile(p, match, case_sensitive, func)) for p in pats]
    require_columns(sentences, {"doc_id", "sentence_id", "speaker", "role", "start", "text"}, func=func)
    data = sentences.sort_values(["doc_id", "sentence_id"], kind="stable")
    for _, doc in data.groupby("doc_id", sort=True):
        rows = doc.reset_index(drop=True)
        dt = _DocTokens(list(rows["text"]))
        for p, comp in compiled:
            if match == "regex":
                for si, text in enumerate(dt.texts):
                    for m in comp.finditer(text):
                        if m.end() == m.start():
                            continue
                        i = dt.word_at_or_after(si, m.start())
                        j = dt.word_at_or_after(si, m.end())
                        yield rows, dt, p, si, m.start(), m.end(), i, j
                continue
            k = len(comp)
            words = [w[0] if case_sensitive else w[0].lower().replace("’", "'") for w in dt.words]
            for i in range(len(words) - k + 1):
                if dt.words[i][1] != dt.words[i + k - 1][1]:
                    continue  # a phrase does not cross a sentence
                if all(_word_matches(comp[x], words[i + x]) for x in range(k)):
                    si = dt.words[i][1]
                    yield rows, dt, p, si, dt.words[i][2], dt.words[i + k - 1][3], i, i + k


def _word_matches(pattern: re.Pattern, word: str) -> bool:
    """A pattern word matches a whole word or one part of a hyphenated word ("terror*" finds
    "anti-terrorism"; the keyword shown is the whole word)."""
    return bool(pattern.match(word)) or ("-" in word and any(pattern.match(part) for part in word.split("-")))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def kwic(sentences: pd.DataFrame, pattern: str | list[str], *, window: int | None = None, unit: str = "token",
         match: str = "glob", case_sensitive: bool = False) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``pattern`` with the words around it, as a table.

    ``pattern``: one pattern or a list. ``match="glob"`` (default): words with
    ``*`` and ``?`` wildcards, several words for a phrase (``"terror*"``,
    ``"free trade"``, ``"nuclear power?"``), matched against whole words or
    one part of a hyphenated word (``"terror*"`` finds "anti-terrorism");
    ``"phrase"``: words matched literally; ``"regex"``: a regular expression
    searched in each sentence's text. Matching ignores case unless
    ``case_sensitive=True``. ``unit="token"``: ``window`` words each side
    (default 5); ``unit="sentence"``: the rest of the sentence plus ``window``
    whole sentences each side (default 0). Context runs across sentences and
    speakers but never across documents; white space is flattened to single
    spaces.

    Columns: ``doc_id``, ``sentence_id``, ``speaker``, ``role``, ``topic``
    (empty if the sentences are not topic-coded), ``left``, ``keyword`` (as
    written), ``right``, ``start`` and ``end`` (the keyword's offsets in the
    document text), ``pattern``. Every sentence is searched, narrator text
    included; filter on ``role`` to leave it out.
    """
    check_option(unit, {"token", "sentence"}, name="unit", func="kwic")
    if window is None:
        window = 5 if unit == "token" else 0
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ToolkitValueError(f"The `window` parameter of kwic() must be a non-negative integer; got {window!r}.")
    rows = []
    for doc, dt, p, si, s, e, i, j in _find(sentences, pattern, match, case_sensitive, "kwic"):
        sent = doc.iloc[si]
        text = dt.texts[si]
        if unit == "token":
            lo = max(i - window, 0)
            hi = min(j + window, len(dt.words))
            # the keyword's own sentence is anchored at the keyword, so context stops exactly there
            left = _span_text(dt, [*dt.words[lo:i], ("", si, s, s)])
            right = _span_text(dt, [("", si, e, e), *dt.words[j:hi]])
        else:
            before = [dt.texts[x] for x in range(max(si - window, 0), si)]
            after = [dt.texts[x] for x in range(si + 1, min(si + 1 + window, len(dt.texts)))]
            left = " ".join([*before, text[:s]])
            right = " ".join([text[e:], *after])
        rows.append((sent["doc_id"], int(sent["sentence_id"]), sent["speaker"], sent["role"],
                     sent["topic"] if "topic" in doc.columns else "", _flat(left), text[s:e], _flat(right),
                     int(sent["start"]) + s, int(sent["start"]) + e, p))
    cols = ["doc_id", "sentence_id", "speaker", "role", "topic", "left", "keyword", "right", "start", "end", "pattern"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["doc_id", "start", "pattern"], kind="stable").reset_index(drop=True)
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def _span_text(dt: _DocTokens, words) -> str:
    """The text covering ``words`` (which may span sentences, joined by a space): earlier sentences run to
    their end, later ones from their start, so punctuation between them is kept."""
    order: list[int] = []
    bounds: dict[int, list[int]] = {}
    for _, si, s, e in words:
        if si not in bounds:
            order.append(si)
            bounds[si] = [s, e]
        bounds[si][1] = e
    pieces = []
    for n, si in enumerate(order):
        lo, hi = bounds[si]
        if n > 0:
            lo = 0
        if n < len(order) - 1:
            hi = len(dt.texts[si])
        pieces.append(dt.texts[si][lo:hi])
    return " ".join(pieces)


def dispersion(sentences: pd.DataFrame, pattern: str | list[str], *, match: str = "glob",
               case_sensitive: bool = False) -> pd.DataFrame:
    """Where each pattern occurs along each document: the data of a lexical dispersion plot.

    One row per occurrence: ``doc_id``, ``term`` (the pattern), ``sentence_id``,
    ``token_index`` (position of its first word among all the document's
    words, from 0), ``position`` (``token_index / n_tokens_doc``, 0 to 1),
    ``speaker``, ``role``, ``start``, ``end`` (offsets), ``n_tokens_doc``
    (words in the document). Patterns as in :func:`kwic`.
    """
    rows = []
    for doc, dt, p, si, s, e, i, _ in _find(sentences, pattern, match, case_sensitive, "dispersion"):
        sent = doc.iloc[si]
        n_doc = len(dt.words)
        rows.append((sent["doc_id"], p, int(sent["sentence_id"]), i, i / n_doc if n_doc else 0.0, sent["speaker"],
                     sent["role"], int(sent["start"]) + s, int(sent["start"]) + e, n_doc))
    cols = ["doc_id", "term", "sentence_id", "token_index", "position", "speaker", "role", "start", "end",
            "n_tokens_doc"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["doc_id", "term", "token_index"], kind="stable").reset_index(drop=True)
    return out.astype({"sentence_id": "int64", "token_index": "int64", "start": "int64", "end": "int64",
                       "n_tokens_doc": "int64", "position": "float64"})


# --- lexical diversity -------------------------------------------------------------------------------------

def _mattr(words: list[str], window: int) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010); NaN for a text shorter than the window."""
    if len(words) < window:
        return float("nan")
    counts = Counter(words[:window])
    total = len(counts)
    for i in range(window, len(words)):
        out_w, in_w = words[i - window], words[i]
        counts[out_w] -= 1
        if counts[out_w] == 0:
            del counts[out_w]
        counts[in_w] += 1
        total += len(counts)
    return total / (len(words) - window + 1) / window


def _mtld_pass(words: list[str], threshold: float) -> float:
    factors, types, count, ttr = 0.0, set(), 0, 1.0
    for w in words:
        count += 1
        types.add(w)
        ttr = len(types) / count
        if ttr <= threshold:
            factors += 1
            types, count, ttr = set(), 0, 1.0
    if count:
        factors += (1 - ttr) / (1 - threshold)
    return len(words) / factors if factors > 0 else float("nan")


#: MTLD is reported for groups of at least this many words (McCarthy & Jarvis 2010 validate it from 100).
MTLD_MIN_TOKENS = 100


def _mtld(words: list[str], threshold: float) -> float:
    """MTLD (McCarthy & Jarvis 2010): mean of the forward and backward passes."""
    if len(words) < MTLD_MIN_TOKENS:
        return float("nan")
    return (_mtld_pass(words, threshold) + _mtld_pass(words[::-1], threshold)) / 2


def lexical_diversity(sentences: pd.DataFrame, by: str | list[str] = "speaker", *, window: int = 50,
                      threshold: float = 0.72) -> pd.DataFrame:
    """Lexical diversity of each group's words (in reading order; lower-cased; every word counts).

    Columns: the ``by`` column(s), ``n_tokens``, ``n_types``, ``ttr``
    (types / tokens: falls as a text gets longer, so compare only texts of
    similar length), ``mattr`` (moving-average TTR over ``window`` words,
    Covington & McFall 2010; NaN when the group has fewer words than the
    window), ``mtld`` (McCarthy & Jarvis 2010: the mean length of stretches of
    text whose TTR stays above ``threshold``, forward and backward averaged;
    the remainder counts as a partial stretch; NaN under 100 words, where it is
    not reliable). MATTR and MTLD are robust to
    length; prefer them for comparing speakers who talk for different lengths.
    """
    keys = group_keys(by, "lexical_diversity", sentences)
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ToolkitValueError(f"The `window` parameter of lexical_diversity() must be a positive integer; "
                                f"got {window!r}.")
    if not isinstance(threshold, float) or not 0 < threshold < 1:
        raise ToolkitValueError(f"The `threshold` parameter of lexical_diversity() must be a number between 0 and "
                                f"1; got {threshold!r}.")
    require_columns(sentences, {*keys, "role", "text"}, func="lexical_diversity")
    data = spoken(sentences)
    order = [c for c in ("doc_id", "sentence_id") if c in data.columns]
    if order:
        data = data.sort_values(order, kind="stable")
    rows = []
    for key, group in data.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        words = [m.group().lower().replace("’", "'") for t in group["text"] for m in WORD_RE.finditer(t)]
        rows.append((*key, len(words), len(set(words)), len(set(words)) / len(words) if words else float("nan"),
                     _mattr(words, window), _mtld(words, threshold)))
    return pd.DataFrame(rows, columns=[*keys, "n_tokens", "n_types", "ttr", "mattr", "mtld"]).astype(
        {"n_tokens": "int64", "n_types": "int64"})
