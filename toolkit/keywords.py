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
makes thousands of tests).
"""

from __future__ import annotations

import fnmatch
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import ToolkitTypeError, ToolkitValueError, check_option
from .schema import group_keys, require_columns, spoken
from .text import WORD_RE, stopwords as shipped_stopwords

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

    def terms(self, text: str) -> list[str]:
        if self.ngram != 1:
            return [t for t, _, _, _ in self.spans(text)]
        # single words: the same rules as spans(), without offsets (the hot path of every count)
        stop, keep_numbers, plain = self.stop, self.numbers, self.lower and not self.stem
        out = []
        for w in WORD_RE.findall(text):
            lw = w.lower().replace("’", "'")
            if lw in stop or not (keep_numbers or _LETTER.search(w)):
                continue
            out.append(lw if plain else self.word(w))
        return out


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


def _counts(sentences: pd.DataFrame, keys: list[str], norm: _Normaliser, func: str):
    """Term counts by group (long table: keys, term, count, doc_freq) and group sizes in words."""
    require_columns(sentences, {*keys, "doc_id", "role", "text"}, func=func)
    data = spoken(sentences)
    k = keys or ["_all"]
    if not keys:
        data = data.assign(_all="")
    recs, terms_, docs = [], [], []
    sizes: Counter = Counter()
    for rec in data[[*k, "doc_id", "text"]].itertuples(index=False, name=None):
        group, doc, text = rec[:len(k)], rec[len(k)], rec[-1]
        sizes[group] += sum(1 for _ in WORD_RE.finditer(text))
        for t in norm.terms(text):
            recs.append(group)
            terms_.append(t)
            docs.append(doc)
    long = pd.DataFrame(recs, columns=k) if recs else pd.DataFrame(columns=k)
    long["term"] = terms_
    long["doc_id_"] = docs
    counts = long.groupby([*k, "term"], sort=True).agg(count=("doc_id_", "size"), doc_freq=("doc_id_", "nunique"))
    counts = counts.reset_index()
    return counts, sizes, k


def _rank(df: pd.DataFrame, keys: list[str], col: str) -> pd.Series:
    return df.groupby(keys, sort=False)[col].rank(method="min", ascending=False).astype("int64") if keys else \
        df[col].rank(method="min", ascending=False).astype("int64")


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
    counts, sizes, k = _counts(sentences, keys, norm, "term_frequencies")
    counts = counts[counts["count"] >= min_count].copy()
    group_size = np.array([sizes[tuple(r)] for r in counts[k].itertuples(index=False, name=None)], dtype=float)
    counts["rate_per_1000"] = counts["count"] / np.where(group_size > 0, group_size, np.nan) * 1000
    counts["rank"] = _rank(counts, k, "count")
    if n is not None:
        counts = counts[counts["rank"] <= n]
    counts = counts.sort_values([*k, "rank", "term"], kind="stable")
    return counts[[*keys, "term", "count", "rate_per_1000", "doc_freq", "rank"]].reset_index(drop=True)


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
    from sklearn.feature_extraction.text import TfidfVectorizer

    keys = group_keys(by, "tfidf_terms", sentences)
    _check_n(n, "tfidf_terms")
    freq = term_frequencies(sentences, keys, min_count=min_count, lower=lower, stem=stem, stopwords=stopwords,
                            ngram=ngram, numbers=numbers)
    if freq.empty:
        return pd.DataFrame(columns=[*keys, "term", "count", "rate_per_1000", "tfidf", "rank"])
    names, docs = [], []
    for name, g in freq.groupby(keys, sort=True):
        names.append(name)
        docs.append(dict(zip(g["term"], g["count"], strict=True)))
    vec = TfidfVectorizer(analyzer=lambda d: [t for t, c in d.items() for _ in range(c)], lowercase=False)
    x = vec.fit_transform(docs).tocoo()
    vocab = vec.get_feature_names_out()
    scores = pd.DataFrame({"_g": x.row, "term": vocab[x.col], "tfidf": x.data})
    key_frame = pd.DataFrame([n_ if isinstance(n_, tuple) else (n_,) for n_ in names], columns=keys)
    scores = pd.concat([key_frame.iloc[scores["_g"]].reset_index(drop=True), scores.drop(columns="_g")], axis=1)
    out = freq.drop(columns=["doc_freq", "rank"]).merge(scores, on=[*keys, "term"], how="left")
    out["tfidf"] = out["tfidf"].round(12)  # the same ranks whatever the summation order
    out["rank"] = _rank(out, keys, "tfidf")
    if n is not None:
        out = out[out["rank"] <= n]
    out = out.sort_values([*keys, "rank", "term"], kind="stable")
    return out[[*keys, "term", "count", "rate_per_1000", "tfidf", "rank"]].reset_index(drop=True)


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
    p = np.array([math.erfc(math.sqrt(x / 2)) for x in g2])
    log_ratio = np.log2((np.where(a > 0, a, zero) / c) / (np.where(b > 0, b, zero) / d))
    ab, cd = a + b, (c - a) + (d - b)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = np.where(ab * cd > 0, n * (a * (d - b) - b * (c - a)) ** 2 / (c * d * ab * cd), 0.0)
    return pd.DataFrame({"g2": sign * g2, "p_value": p, "log_ratio": log_ratio, "chi2": sign * chi2})


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
    counts, sizes, _ = _counts(sentences, allk, norm, "keyness")
    groups = sorted(sizes)
    targets = _targets(groups, keys, wkeys, target, reference)
    ref_corpus = None
    if isinstance(reference, pd.DataFrame):
        if wkeys:
            raise ToolkitValueError("keyness(): `within` cannot be used with a reference corpus.")
        rc, rsizes, _ = _counts(reference, [], norm, "keyness")
        ref_corpus = (rc.set_index("term")["count"], sum(rsizes.values()))
    nw = len(wkeys)
    members: dict[tuple, list[tuple]] = {}
    for g in groups:
        members.setdefault(g[:nw], []).append(g[nw:])
    by_part = dict(iter(counts.groupby(wkeys, sort=False))) if wkeys else {(): counts}
    tables: dict[tuple, pd.DataFrame] = {}

    def table_of(w: tuple) -> pd.DataFrame:
        """Term counts of one `within` partition: terms x groups (built once, when first needed)."""
        if w not in tables:
            part = by_part.get(w if len(w) != 1 else w[0], by_part.get(w, counts.iloc[0:0]))
            tables[w] = part.pivot_table(index="term", columns=keys, values="count", aggfunc="sum", fill_value=0,
                                         sort=True) if len(part) else pd.DataFrame()
        return tables[w]

    parts = []
    for g in targets:
        w, own = g[:nw], g[nw:]
        table = table_of(w)
        a = _column(table, own, len(keys))
        c = sizes[g]
        if ref_corpus is not None:
            rcounts, d = ref_corpus
            vocab = a.index.union(rcounts.index)
            a, b = a.reindex(vocab, fill_value=0), rcounts.reindex(vocab, fill_value=0)
            ref_label = "reference corpus"
        else:
            if reference is None:
                refs = [h for h in members[w] if h != own]
                ref_label = "rest"
            else:
                names = _as_values(reference)
                refs = [h for h in members[w] if h in names and h != own]
                ref_label = "|".join(" / ".join(map(str, r)) for r in names)
            if not refs:
                continue
            if reference is None:
                b = (table.sum(axis=1) if len(table) else a) - a
            else:
                b = sum(_column(table, h, len(keys)) for h in refs)
            d = sum(sizes[(*w, *h)] for h in refs)
        keep = (a + b >= min_count) & ((a > 0) | (b > 0))
        a, b = a[keep], b[keep]
        if d == 0 or c == 0:
            continue
        stats = keyness_stats(a.to_numpy(), b.to_numpy(), c, d)
        part = pd.DataFrame({"term": a.index.astype(str), "count_target": a.to_numpy().astype("int64"),
                             "count_reference": b.to_numpy().astype("int64")})
        part["size_target"], part["size_reference"] = c, d
        part["rate_target"] = part["count_target"] / c * 1000
        part["rate_reference"] = part["count_reference"] / d * 1000
        part["g2"], part["p_value"], part["log_ratio"] = stats["g2"], stats["p_value"], stats["log_ratio"]
        part["chi2"] = stats["chi2"]
        part["p_adjusted"] = _adjust(part["p_value"].to_numpy(), correction)
        part = part.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
        if n is not None:
            pos, neg = part[part["g2"] > 0].head(n), part[part["g2"] < 0].tail(n)
            part = pd.concat([pos, neg])
        for i, k in enumerate(allk):
            part.insert(i, k, g[i])
        part.insert(len(allk), "reference", ref_label)
        parts.append(part)
    cols = [*allk, "reference", "term", "count_target", "count_reference", "size_target", "size_reference",
            "rate_target", "rate_reference", "g2", "p_value", "p_adjusted", "log_ratio", *(["chi2"] if chi2 else [])]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]


def _column(table: pd.DataFrame, group: tuple, n_keys: int) -> pd.Series:
    """A group's term counts (zeros for a group that used no counted term)."""
    col = group if n_keys > 1 else group[0]
    if len(table) and col in table.columns:
        return table[col]
    return pd.Series(0, index=table.index if len(table) else pd.Index([], dtype="str"), dtype="int64")


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
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    check_option(measure, {"likelihood_ratio", "pmi", "t_score"}, name="measure", func="collocations")
    _check_n(n, "collocations")
    _check_n(min_count, "collocations", name="min_count")
    if isinstance(window, bool) or not isinstance(window, int) or window < 2:
        raise ToolkitValueError(f"The `window` parameter of collocations() must be an integer of 2 or more; "
                                f"got {window!r}.")
    require_columns(sentences, {"role", "text"}, func="collocations")
    norm = _Normaliser(lower=lower, stem=stem, stopwords=False, numbers=False, func="collocations")
    stop = _stopword_set(stopwords, "collocations")
    words: list[str | None] = []
    for text in spoken(sentences)["text"]:
        words.extend(norm.terms(text))
        words.extend([None] * (window - 1))  # no pair crosses a sentence
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    finder.apply_freq_filter(min_count)
    if stop:
        finder.apply_word_filter(lambda w: w in stop)
    m = BigramAssocMeasures
    scores = {name: dict(finder.score_ngrams(f)) for name, f in
              (("likelihood_ratio", m.likelihood_ratio), ("pmi", m.pmi), ("t_score", m.student_t))}
    rows = [{"term": f"{w1} {w2}", "word1": w1, "word2": w2, "count": int(cnt),
             **{k: float(v[(w1, w2)]) for k, v in scores.items()}}
            for (w1, w2), cnt in finder.ngram_fd.items()]
    cols = ["term", "word1", "word2", "count", "likelihood_ratio", "pmi", "t_score", "rank"]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows)
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
