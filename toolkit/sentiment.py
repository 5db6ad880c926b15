"""Sentiment of each sentence: TextBlob, VADER and the toolkit's validated label.

Columns (see the README's data dictionary):

* ``polarity`` (-1 to 1) and ``subjectivity`` (0 to 1): TextBlob's default
  PatternAnalyzer with its bundled lexicon (``TextBlob(text).sentiment``; no
  download). A negation before a word multiplies its polarity by -0.5.
* ``vader_neg``, ``vader_neu``, ``vader_pos``, ``vader_compound``: VADER
  (Hutto & Gilbert 2014; the ``vaderSentiment`` package ships its lexicon).
* ``sentiment``: the toolkit's label, ``positive``, ``negative`` or ``neutral``, and ``sentiment_p``, its
  probability: the label of the tone model (:mod:`toolkit.tone_model`; by default the shipped one, trained
  on the project's human coding, whose features include the lexicon's evidence below and VADER's and
  TextBlob's scores). On sets coded blind it agreed better with the coders than the lexicon's label every
  time (``data/annotations/README.md``). Without a model (``model=False``, or your own lexicon) it is
  ``sentiment_lexicon`` and ``sentiment_p`` is empty.
* ``sentiment_lexicon``: ``positive``, ``negative`` or ``neutral``, by this rule:

  1. Evidence from the tone lexicon (``toolkit/data/tone.yaml``: evaluative
     words of political speech, weights as in topic codebooks): positive minus
     negative score, where a word within three words after a negator ("not",
     "never", "no", "n't", "without") counts for the other side, unless a form
     of "to be" stands between them (the negation's clause has ended: "without
     evidence is irresponsible" is negative), and a negative word within four
     words after a verb of acting against it ("fight", "prevent", "combat",
     "uproot", "end", "against") does not count: "we will fight terrorism"
     states resolve, not a negative evaluation. A demand that another party
     stop ("we urge the US side to stop interfering", "call on them to cease
     ...") is a criticism: it counts 1 negative itself, and the word it governs
     keeps its own side.
  2. A sentence that is only a greeting, thanks or a filler ("Good afternoon!",
     "Great.") is ``neutral``: it evaluates nothing. A question or procedural
     line is ``neutral`` unless the lexicon's evidence is strong (2 or more).
  3. Otherwise a lexicon score of at least 1 either way decides.
  4. Without such evidence, ``neutral``. VADER and TextBlob are reported
     beside the label but do not decide it: where two scorers that are weak on
     political prose agree on a sentence with no evaluative word, a human
     coder mostly reads it as neutral ("I have a few things at the top",
     "Okay, I just have a couple of additional items"). On the project's human
     coding their agreement as a fourth rule lowered macro-F1 (interview 0.762
     without it, 0.718 with it; briefings 0.512 and 0.444).

  VADER's own labels (compound >= 0.05 positive, <= -0.05 negative) are the
  baseline this rule must beat on human coding (``toolkit.validation``).
* ``sentiment_terms``: the tone words behind the lexicon's label, ``positive 2: fruitful;
  negative 1: not successful`` (negated words are shown with their negator).
* ``sentiment_source``: which rule gave the lexicon's label: ``lexicon`` (rule 3),
  ``question`` or ``procedure`` (rule 2), ``default`` (no evidence: neutral).
"""

from __future__ import annotations

import os
import re
import zlib
from importlib import resources
from pathlib import Path

import pandas as pd

from . import codebook as codebook_module
from .codebook import Codebook, load_codebook
from .errors import ToolkitValueError
from .libscores import textblob_scores, vader_scores
from .schema import conform_if_complete, group_keys, reading_order, require_columns, spoken
from .text import QUESTION_END
from .topics import _with_columns, is_greeting, is_procedural

__all__ = ["as_tone_lexicon", "default_tone_lexicon_path", "score_sentiment", "sentiment_arc", "sentiment_by",
           "textblob_label", "vader_label"]

#: Verbs of acting against something: "fight terrorism", "prevent attacks", "end the war". The negative
#: word they govern is not the speaker's negative evaluation (the stance is against the harm).
_COUNTER = re.compile(r"\b(?:fight\w*|combat\w*|counter\w*|prevent\w*|uproot\w*|eliminat\w*|eradicat\w*|"
                      r"defeat\w*|stop\w*|end|ending|ends|tackl\w*|address\w*|protect\w*|resolv\w*|"
                      r"solv\w*|reduc\w*|avoid\w*|overcom\w*|against)\b", re.IGNORECASE)
_NEGATOR = re.compile(r"\b(?:not|never|no|nor|neither|without|cannot|nothing|nobody|none)\b|n['’]t\b", re.IGNORECASE)
#: A form of "to be": a negator before it does not reach the words after it ("without evidence is irresponsible").
_COPULA = re.compile(r"\b(?:is|are|was|were|be|been|being|am)\b|['’](?:s|re)\b", re.IGNORECASE)
#: A demand that another party stop what it does: a criticism of it ("We urge the US side to stop interfering",
#: "called on them to immediately cease ...", "urge them to respect ... and stop ..."). Its verb is not one of
#: :data:`_COUNTER`'s acts against a harm.
_DEMAND_STOP = re.compile(r"\b(?P<verb>urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|call(?:s|ed|ing)?\s+(?:on|upon)|"
                          r"press(?:es|ed|ing)?)\b[^.;:!?]{0,80}?\b(?:to|and)\s+(?:immediately\s+)?"
                          r"(?P<stop>stop|cease|halt)\b", re.IGNORECASE)


def default_tone_lexicon_path() -> Path:
    return Path(str(resources.files("toolkit").joinpath("data").joinpath("tone.yaml")))


def vader_label(compound: float) -> str:
    """VADER's recommended label: positive >= 0.05, negative <= -0.05, else neutral."""
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def textblob_label(polarity: float) -> str:
    """TextBlob's sign: positive > 0, negative < 0, neutral at 0."""
    return "positive" if polarity > 0 else "negative" if polarity < 0 else "neutral"


def as_tone_lexicon(lexicon: Codebook | str | os.PathLike | None = None) -> Codebook:
    """A tone lexicon from a :class:`Codebook`, a path, or ``None`` (the shipped ``tone.yaml``), checked: its
    topics must be ``positive`` and ``negative`` (a file with other topics would label every sentence
    neutral without a word)."""
    lex = lexicon if isinstance(lexicon, Codebook) else load_codebook(
        lexicon if lexicon is not None else default_tone_lexicon_path(), what="tone lexicon")
    if sorted(lex.topics) != ["negative", "positive"]:
        where = lex.path if lex.path is not None else "the tone lexicon"
        raise ToolkitValueError(f"{where}: a tone lexicon has exactly the topics 'positive' and 'negative' "
                                f"(see toolkit/data/tone.yaml); this one has {lex.topics}.")
    return lex


def _lexicon_evidence(text: str, lexicon: Codebook) -> tuple[float, float, str]:
    pos = neg = 0.0
    seen: set[tuple[str, bool]] = set()
    shown: dict[str, list[str]] = {"positive": [], "negative": []}
    demands = list(_DEMAND_STOP.finditer(text)) if _may_demand(text.lower()) else []
    for m in lexicon.match(text):
        if m.topic not in ("positive", "negative"):
            continue
        before = text[max(0, m.start - 40):m.start]
        window = " ".join(before.split()[-3:])
        negator = None
        for negator in _NEGATOR.finditer(window):
            pass   # the last negator of the window
        negated = negator is not None and not _COPULA.search(window, negator.end())
        if m.topic == "negative" and not negated and _COUNTER.search(" ".join(before.split()[-4:])) and not any(
                0 <= m.start - d.end() <= 40 for d in demands):
            continue  # "fight against terrorism", "prevent such attacks": acting against a harm
        side = m.topic if not negated else ("negative" if m.topic == "positive" else "positive")
        key = (m.pattern, negated)
        if key in seen:
            continue
        seen.add(key)
        if side == "positive":
            pos += m.weight
        else:
            neg += m.weight
        shown[side].append(f"{window.split()[-1] if negated and window else ''} {m.text}".strip()
                           if negated else m.text)
    if demands:   # a demand to stop: 1 negative, counted once
        neg += 1.0
        shown["negative"].append(f"{' '.join(demands[0].group('verb').split())} ... {demands[0].group('stop')}")
    terms = "; ".join(f"{side} {score:g}: {', '.join(words)}"
                      for side, score, words in (("positive", pos, shown["positive"]),
                                                 ("negative", neg, shown["negative"])) if words)
    return pos, neg, terms


#: What :func:`_lexicon_evidence` finds in a sentence without a positive or negative word of the lexicon.
_NO_EVIDENCE = (0.0, 0.0, "")


def _tone_candidates(lexicon: Codebook) -> re.Pattern | None:
    """A pattern that finds something in the lower-cased text of every ASCII sentence in which ``lexicon``
    matches a positive or negative phrase, so a sentence where it finds nothing has :data:`_NO_EVIDENCE`
    without splitting it into words (about 40% of a briefing's sentences). ``None`` when the lexicon's
    patterns cannot be read (every sentence is then matched).

    Why it finds every such sentence: the phrase's first word is one of the text's words (:data:`WORD_RE
    <toolkit.text.WORD_RE>` on the lowered text, the same for an ASCII text), so it appears in the lowered
    text with no letter or digit just before it; an exact word also has none just after it, a glob's text up
    to its first wildcard starts the word, and any other run of its literal characters lies inside it.
    Other phrases (ignore and exclude phrases) only take words away from matches. A demand to stop, evidence
    of its own, is looked for apart (:func:`_may_demand`).
    """
    from .text import trie_regex

    matcher = getattr(lexicon, "_matcher", None)
    by_word, globs = getattr(matcher, "by_word", None), getattr(matcher, "globs", None)
    if not isinstance(by_word, dict) or not isinstance(globs, list):
        return None
    exact, prefix, inner = set(), set(), set()
    try:
        for p in [p for ps in by_word.values() for p in ps] + globs:
            if p.topic not in ("positive", "negative"):
                continue
            if isinstance(p.words[0], str):
                exact.add(p.words[0])
            else:   # a glob: its first word's literal runs, between the wildcards
                runs = re.split(r"[*?]", p.text.lower().split()[0])
                (prefix if runs[0] else inner).add(runs[0] or max(runs, key=len))
    except (AttributeError, IndexError, TypeError):   # patterns of another shape: match every sentence
        return None
    if "" in inner:
        return None
    alts = [*([rf"(?<![^\W_])(?:{trie_regex(sorted(exact))})(?![^\W_])"] if exact else []),
            *([rf"(?<![^\W_])(?:{trie_regex(sorted(prefix))})"] if prefix else []),
            *([trie_regex(sorted(inner))] if inner else [])]
    return re.compile("|".join(alts)) if alts else None


def _may_demand(lowered: str) -> bool:
    """Whether the lower-cased text may hold a demand to stop (:data:`_DEMAND_STOP`): it holds one of its final
    verbs. A quick test before the pattern itself, which most sentences never need. ("Refrain" is not one: "we
    urge citizens to refrain from travelling" is advice, and "all sides should refrain" even-handed.)"""
    return ("stop" in lowered or "cease" in lowered or "halt" in lowered) and (
        _DEMAND_STOP.search(lowered) is not None)


def score_sentiment(sentences: pd.DataFrame, *, lexicon: Codebook | str | os.PathLike | None = None,
                    model=None) -> pd.DataFrame:
    """Add TextBlob, VADER and the toolkit's ``sentiment`` label to the sentence table.

    ``lexicon`` is a tone lexicon in the codebook format with topics
    ``positive`` and ``negative`` (default: the shipped ``tone.yaml``).
    ``model`` is the tone model that gives ``sentiment`` (:mod:`toolkit.tone_model`): by default the
    shipped one, when ``lexicon`` is the one it was trained with (with your own lexicon, its rule gives
    ``sentiment``); ``"shipped"``, a saved model's path or a :class:`~toolkit.tone_model.ToneModel`; or
    ``False`` (``"none"``): the lexicon's rule gives ``sentiment``.
    Returns a copy of ``sentences`` with ``polarity``, ``subjectivity``,
    ``vader_neg``, ``vader_neu``, ``vader_pos``, ``vader_compound``,
    ``sentiment``, ``sentiment_p``, ``sentiment_lexicon``, ``sentiment_terms`` and ``sentiment_source``
    (see the module docstring).
    """
    # TextBlob(text).sentiment is PatternAnalyzer().analyze(text), that is textblob.en.sentiment(text), and
    # VADER's scores are SentimentIntensityAnalyzer().polarity_scores(text): toolkit.libscores gives the
    # same numbers, bit for bit, in a fraction of the time (or calls the libraries, for versions it was
    # not verified with).
    require_columns(sentences, {"text"}, func="score_sentiment")
    lex = as_tone_lexicon(lexicon)
    from .tone_model import as_tone_model, dense_features, label_texts

    tone_model = as_tone_model(model, lex)
    texts = sentences["text"].tolist()
    # Every column is a function of the text alone: a text met again ("Go ahead.", "Thank you.": about one
    # sentence in nine of a briefing) is scored once.
    distinct = list(dict.fromkeys(texts)) if all(type(t) is str for t in texts) else texts
    # Each scorer over all the texts in turn (its caches and code stay warm), then the rule sentence by sentence.
    blobs = [textblob_scores(text) for text in distinct]
    vaders = [vader_scores(text) for text in distinct]
    candidates = _tone_candidates(lex)
    # A text the codebooks have just split into words (the topics step reads every sentence first) is matched
    # at once; another is first searched for a tone word (exact either way: see _tone_candidates).
    worded = getattr(codebook_module, "_WORDS_CACHE", None)
    if not isinstance(worded, dict):
        worded = {}
    evidence = [_lexicon_evidence(text, lex)
                if candidates is None or text in worded or not text.isascii()
                or candidates.search(low := text.lower()) is not None or _may_demand(low)
                else _NO_EVIDENCE for text in distinct]
    if tone_model is not None:
        strings = [t if type(t) is str else "" for t in distinct]
        labels, probabilities = label_texts(tone_model, strings, dense_features(
            strings, [e[0] for e in evidence], [e[1] for e in evidence], *(
                [v[key] for v in vaders] for key in ("compound", "neg", "pos")),
            [b[0] for b in blobs], [b[1] for b in blobs]))
    else:
        labels, probabilities = [None] * len(distinct), [float("nan")] * len(distinct)
    scores = []
    for text, (polarity, subjectivity), v, (pos, neg, terms), model_label, p in zip(
            distinct, blobs, vaders, evidence, labels, probabilities, strict=True):
        score = pos - neg
        if score and is_greeting(text):
            label, source = "neutral", "procedure"
        elif abs(score) < 2 and ((question := QUESTION_END.search(text) is not None) or is_procedural(text)):
            label, source = "neutral", "question" if question else "procedure"
        elif score >= 1:
            label, source = "positive", "lexicon"
        elif score <= -1:
            label, source = "negative", "lexicon"
        else:
            label, source = "neutral", "default"
        scores.append((polarity, subjectivity, v["neg"], v["neu"], v["pos"], v["compound"],
                       label if model_label is None else model_label, float(p), label, terms, source))
    if distinct is not texts:
        by_text = dict(zip(distinct, scores))
        scores = [by_text[text] for text in texts]
    names = ("polarity", "subjectivity", "vader_neg", "vader_neu", "vader_pos", "vader_compound", "sentiment",
             "sentiment_p", "sentiment_lexicon", "sentiment_terms", "sentiment_source")
    columns = list(zip(*scores)) if scores else [()] * len(names)
    out = _with_columns(sentences, {name: list(col) for name, col in zip(names, columns, strict=True)})
    return conform_if_complete("sentences", out)


def sentiment_by(sentences: pd.DataFrame, by: str | list[str] = "speaker", *, n_boot: int = 1000,
                 random_state: int = 0, confidence: float = 0.95) -> pd.DataFrame:
    """Sentiment aggregated by any grouping column(s) (speaker, role, turn_id, topic, doc_id, ...).

    Columns: the ``by`` column(s), ``n`` (sentences), ``polarity_mean``,
    ``polarity_sd``, ``polarity_ci_low``, ``polarity_ci_high``, ``compound_mean``,
    ``compound_sd``, ``compound_ci_low``, ``compound_ci_high``, ``share_positive``,
    ``share_negative``, ``share_neutral``. Intervals are percentile bootstrap
    intervals of the mean (``n_boot`` resamples of the group's sentences, the
    same resamples for polarity and compound, seeded
    by ``random_state`` and the group's key: the same seed gives the same
    interval, and a group's interval does not depend on which other groups
    are in the table, so a speaker's is the same whether one document or a
    whole corpus is aggregated); ``sd`` is the
    sample standard deviation (NaN for one sentence). Narrator and caption
    sentences are left out (they are no one's talk); the group's sentences are
    resampled in document order, so the interval does not depend on row order.
    """
    import numpy as np

    keys = group_keys(by, "sentiment_by", sentences)
    if isinstance(n_boot, bool) or not isinstance(n_boot, int) or n_boot < 1:
        raise ToolkitValueError(f"The `n_boot` parameter of sentiment_by() must be a positive integer; got {n_boot!r}.")
    if not isinstance(confidence, float) or not 0 < confidence < 1:
        raise ToolkitValueError(f"The `confidence` parameter of sentiment_by() must be a number between 0 and 1 "
                                f"(0.95 for 95%); got {confidence!r}.")
    require_columns(sentences, {*keys, "polarity", "vader_compound", "sentiment"}, func="sentiment_by")
    order = [c for c in ("doc_id", "sentence_id") if c in sentences.columns]
    needed = list(dict.fromkeys([*keys, *order, "polarity", "vader_compound", "sentiment"]))
    # spoken(sentences)[needed], the rows filtered on the needed columns only (not on every text column)
    data = spoken(sentences[list(dict.fromkeys([*needed, "role"]))] if "role" in sentences.columns
                  else sentences[needed])[needed]
    alpha = (1 - confidence) / 2
    rows = []
    if order:
        data = data.sort_values(order, kind="stable")
    # The groups as groupby(keys, sort=True) iterates them (sorted keys, rows without a key left out, each
    # group's rows in the order of ``data``), found once: each group is then a slice of numpy arrays rather
    # than a DataFrame, with exactly the values pandas would give it.
    grouped = data.groupby(keys, sort=True)
    group_ids = grouped.ngroup().to_numpy(dtype=float, na_value=-1).astype(np.intp)
    sizes = np.bincount(group_ids[group_ids >= 0], minlength=grouped.ngroups)
    positions = np.argsort(group_ids, kind="stable")[len(group_ids) - int(sizes.sum()):]
    ends = np.cumsum(sizes).tolist()
    values = {col: data[col].to_numpy(dtype=float)[positions] for col in ("polarity", "vader_compound")}
    labels = data["sentiment"]
    matches = {label: (labels == label) for label in ("positive", "negative", "neutral")}
    if any(m.isna().any() for m in matches.values()):   # missing labels: a group's share is its Series' mean
        shares = None
    else:
        shares = {label: np.cumsum(m.to_numpy(dtype=bool)[positions]) for label, m in matches.items()}
    found = grouped.size().index   # the keys, in the order of the group numbers
    for g, key in enumerate(found if len(keys) > 1 else ((k,) for k in found)):
        start, end = (ends[g - 1] if g else 0), ends[g]
        rng = np.random.default_rng(None if random_state is None else
                                    [random_state, zlib.crc32("\x1f".join(map(str, key)).encode("utf-8"))])
        row = dict(zip(keys, key, strict=True))
        n = end - start
        row["n"] = n
        both = np.stack([values["polarity"][start:end], values["vader_compound"][start:end]])
        resampled = _bootstrap_means(both, rng, n_boot)   # the same resamples of the sentences for both scores
        for x, means, name in zip(both, resampled, ("polarity", "compound"), strict=True):
            row[f"{name}_mean"] = float(x.mean())
            row[f"{name}_sd"] = float(x.std(ddof=1)) if n > 1 else float("nan")
            row[f"{name}_ci_low"], row[f"{name}_ci_high"] = (float(v) for v in np.quantile(means, [alpha, 1 - alpha]))
        for label in ("positive", "negative", "neutral"):
            if shares is None:
                row[f"share_{label}"] = float(matches[label].iloc[positions[start:end]].mean())
            else:
                count = int(shares[label][end - 1]) - (int(shares[label][start - 1]) if start else 0)
                row[f"share_{label}"] = count / n
        rows.append(row)
    columns = [*keys, "n", "polarity_mean", "polarity_sd", "polarity_ci_low", "polarity_ci_high",
               "compound_mean", "compound_sd", "compound_ci_low", "compound_ci_high",
               "share_positive", "share_negative", "share_neutral"]
    return pd.DataFrame(rows, columns=columns)


def _bootstrap_means(x, rng, n_boot: int, cells: int = 4_000_000, gather: int = 1 << 16):
    """``n_boot`` means of resamples of ``x``: of a column of ``n`` values (shape ``(n,)``), or of each row of
    ``x`` (shape ``(k, n)``: the columns of one table, resampled together, as the bootstrap resamples
    sentences). Resample ``r`` draws ``rng.integers(0, n, size=n)`` (row ``r`` of one ``(n_boot, n)`` draw),
    counts how often each value was drawn (``np.bincount(..., minlength=n)``) and takes
    ``np.add.reduce(counts * values) / n``: the mean of the resample, summed in the values' own order.
    Returns shape ``(n_boot,)`` or ``(k, n_boot)``.

    The draws are made a few resamples at a time (at most ``min(cells, gather)`` numbers, at least one
    resample) so memory stays bounded. Why the numbers are those of one draw: ``Generator.integers`` draws
    each number with its own call of numpy's bounded generator (Lemire's method on ``next_uint32``, or
    ``next_uint64`` for more than 2**32 values), whose only state is the bit generator's, so any split of
    the draws into calls gives the same numbers in the same order and leaves the generator in the same state;
    and each resample's sum is ``np.add.reduce`` over one contiguous row (numpy's pairwise sum), whatever the
    number of rows beside it. Counting draws, and drawing once for both columns, takes about half the time of
    gathering the drawn values (``x[idx].mean()``) column by column.
    """
    import numpy as np

    values = np.asarray(x, dtype=float)
    rows = values.reshape(1, -1) if values.ndim == 1 else values
    k_cols, n = rows.shape
    step = max(1, min(cells, gather) // max(n, 1))
    sums = np.empty((k_cols, n_boot))
    for i in range(0, n_boot, step):
        k = min(step, n_boot - i)
        idx = rng.integers(0, n, size=(k, n))
        if k > 1:
            idx += (np.arange(k) * n)[:, None]   # resample r counts into bins r*n .. r*n + n - 1
        counts = np.bincount(idx.ravel(), minlength=k * n).reshape(k, n)
        for j in range(k_cols):
            np.add.reduce(counts * rows[j], axis=1, out=sums[j, i:i + k])
    means = sums / n
    return means[0] if values.ndim == 1 else means


def sentiment_arc(sentences: pd.DataFrame, *, window: int = 7) -> pd.DataFrame:
    """The sentiment arc of each document: a centred rolling mean over the sentence order (by
    ``sentence_id``, whatever the order of the rows).

    For every sentence (narrator and caption text left out): ``doc_id``,
    ``sentence_id``, ``speaker``, ``polarity_mean`` and ``compound_mean`` (the mean
    over the ``window`` sentences centred on it; fewer at the ends), their
    ``*_low`` and ``*_high`` band (mean -/+ 1.96 standard errors of that window;
    equal to the mean where the window holds one sentence), and ``n`` (sentences
    in the window). The default window of 7 sentences is about one answer's
    worth in the interview; pass a larger one for long briefings.
    """
    import numpy as np

    if not isinstance(window, int) or window < 1:
        raise ToolkitValueError(f"The `window` parameter of sentiment_arc() must be a positive integer; "
                                f"got {window!r}.")
    require_columns(sentences, {"doc_id", "sentence_id", "speaker", "role", "polarity", "vader_compound"},
                    func="sentiment_arc")
    order = reading_order(sentences)
    data = sentences if order is None else sentences.iloc[order]   # the arc follows the sentences' order
    data = spoken(data)
    parts = []
    for _, doc in data.groupby("doc_id", sort=False):
        out = doc[["doc_id", "sentence_id", "speaker"]].copy()
        for col, name in (("polarity", "polarity"), ("vader_compound", "compound")):
            roll = doc[col].rolling(window, center=True, min_periods=1)
            mean, sd, n = roll.mean(), roll.std(ddof=1).fillna(0.0), roll.count()
            half = 1.96 * sd / np.sqrt(n)
            out[f"{name}_mean"], out[f"{name}_low"], out[f"{name}_high"] = mean, mean - half, mean + half
        out["n"] = doc["polarity"].rolling(window, center=True, min_periods=1).count().astype("int64")
        parts.append(out)
    cols = ["doc_id", "sentence_id", "speaker", "polarity_mean", "polarity_low", "polarity_high",
            "compound_mean", "compound_low", "compound_high", "n"]
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)
