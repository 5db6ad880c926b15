"""Dictionary-free comparisons: TextTiling segments and an exploratory NMF topic model.

These show what methods without a codebook find, next to the codebook's
topics. Both are exploratory: TextTiling (Hearst 1997) places boundaries
where the vocabulary of neighbouring blocks changes; non-negative matrix
factorisation of TF-IDF weights groups words that occur together. Neither
knows what a topic *means*: read the top terms and the passages before
naming anything.

Both use the stopword list shipped in ``toolkit/data/stopwords_en.txt``
(scikit-learn's English list, copied), never NLTK's downloadable corpus.
"""

from __future__ import annotations

import bisect
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import ToolkitValueError, ToolkitWarning, check_option
from .schema import require_columns
from .text import count_words, stopwords

__all__ = ["stopwords", "texttiling", "tile_of_sentences", "topic_model", "TopicModel"]


def texttiling(sentences: pd.DataFrame, *, w: int = 20, k: int = 10) -> pd.DataFrame:
    """TextTiling segments of each document, with turns as paragraphs.

    Runs NLTK's ``TextTilingTokenizer(w=w, k=k, stopwords=<shipped list>)`` on
    each document written as one paragraph per turn (the speaker's sentences;
    narrator and caption turns included), so boundaries fall between turns.
    Columns: ``doc_id``, ``tile_id`` (from 1), ``first_turn_id``,
    ``last_turn_id``, ``first_sentence_id``, ``last_sentence_id``, ``start``,
    ``end``, ``n_words``. A document too short for TextTiling (it needs several
    blocks of ``w`` words) is one tile, with a warning. To compare tiles with
    topic segments, give each sentence its tile (``tile_of_sentences``) and use
    :func:`toolkit.validation.pk`.
    """
    from nltk.tokenize.texttiling import TextTilingTokenizer

    require_columns(sentences, {"doc_id", "sentence_id", "turn_id", "start", "end", "text"}, func="texttiling")
    tiler = TextTilingTokenizer(w=w, k=k, stopwords=sorted(stopwords()))
    rows = []
    for doc_id, doc in sentences.groupby("doc_id", sort=False):
        turns = doc.groupby("turn_id", sort=False)
        turn_ids = list(turns.groups)
        paragraphs = [" ".join(g["text"].str.split().str.join(" ")) for _, g in turns]
        text = "\n\n".join(paragraphs)
        starts, pos = [], 0
        for para in paragraphs:
            starts.append(pos)
            pos += len(para) + 2
        if len(text) > TextTilingTokenizer.MAX_TEXT_LEN:
            raise ToolkitValueError(f"texttiling(): document {doc_id!r} has {len(text):,} characters; NLTK's "
                                    f"TextTiling refuses more than {TextTilingTokenizer.MAX_TEXT_LEN:,}. "
                                    "Split the document first.")
        first_turns = [0]
        try:
            pieces = tiler.tokenize(text)
            offset = 0
            for piece in pieces[:-1]:
                offset += len(piece)
                nxt = offset + (len(text[offset:]) - len(text[offset:].lstrip()))
                first_turns.append(bisect.bisect_right(starts, nxt) - 1)
        except (ValueError, IndexError) as exc:
            warnings.warn(ToolkitWarning(f"texttiling(): document {doc_id!r} is too short for TextTiling "
                                         f"with w={w}, k={k} ({exc}); it is one tile."), stacklevel=2)
        first_turns = sorted(set(first_turns))
        bounds = first_turns + [len(turn_ids)]
        for tile_no, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True), 1):
            ids = turn_ids[a:b]
            part = doc[doc["turn_id"].isin(ids)]
            rows.append({"doc_id": doc_id, "tile_id": tile_no, "first_turn_id": int(ids[0]),
                         "last_turn_id": int(ids[-1]), "first_sentence_id": int(part["sentence_id"].min()),
                         "last_sentence_id": int(part["sentence_id"].max()), "start": int(part["start"].min()),
                         "end": int(part["end"].max()),
                         "n_words": int(sum(count_words(t) for t in part["text"]))})
    return pd.DataFrame(rows, columns=["doc_id", "tile_id", "first_turn_id", "last_turn_id",
                                       "first_sentence_id", "last_sentence_id", "start", "end", "n_words"])


def tile_of_sentences(sentences: pd.DataFrame, tiles: pd.DataFrame) -> pd.Series:
    """The ``tile_id`` of every sentence (aligned with ``sentences``), for comparing segmentations."""
    out = pd.Series(0, index=sentences.index, dtype="int64")
    for t in tiles.itertuples():
        mask = (sentences["doc_id"] == t.doc_id) & sentences["sentence_id"].between(t.first_sentence_id,
                                                                                    t.last_sentence_id)
        out[mask] = t.tile_id
    return out


@dataclass
class TopicModel:
    """The result of :func:`topic_model`: ``terms`` (top words per topic) and ``units``
    (each unit's strongest topic)."""

    terms: pd.DataFrame
    units: pd.DataFrame


def topic_model(sentences: pd.DataFrame, *, n_topics: int = 4, by: str = "turn_id", n_terms: int = 10,
                min_df: int = 1, random_state: int = 0) -> TopicModel:
    """An exploratory NMF topic model (scikit-learn) over turns, paragraphs or sentences.

    TF-IDF of the units' words (lower-cased, shipped stopwords removed, words of
    two or more letters), factorised into ``n_topics`` topics with
    ``NMF(init="nndsvda", random_state=random_state)``: the same seed gives the
    same result. Returns a :class:`TopicModel` with ``terms`` (``nmf_topic``,
    ``rank``, ``term``, ``weight``; terms under 1% of their topic's top weight
    are left out) and ``units`` (``doc_id``, the ``by`` column,
    ``nmf_topic``, ``weight``, ``n_words``; ``nmf_topic`` is -1 for a unit with no
    counted words). Narrator and caption text is left out.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    check_option(by, {"turn_id", "paragraph_id", "sentence_id"}, name="by", func="topic_model")
    require_columns(sentences, {"doc_id", by, "role", "text"}, func="topic_model")
    if not isinstance(n_topics, int) or n_topics < 1:
        raise ToolkitValueError(f"The `n_topics` parameter of topic_model() must be a positive integer; "
                                f"got {n_topics!r}.")
    spoken = sentences[~sentences["role"].isin(["narrator", "caption"])]
    units = spoken.groupby(["doc_id", by], sort=False)["text"].agg(" ".join).reset_index()
    if len(units) < n_topics:
        raise ToolkitValueError(f"topic_model(): {len(units)} units ({by}) cannot hold {n_topics} topics; "
                                f"use fewer topics or smaller units (by='sentence_id').")
    vec = TfidfVectorizer(lowercase=True, stop_words=sorted(w for w in stopwords() if "'" not in w), min_df=min_df,
                          token_pattern=r"(?u)\b[^\W\d_][^\W\d_'’-]+\b")
    x = vec.fit_transform(units["text"])
    model = NMF(n_components=n_topics, init="nndsvda", random_state=random_state, max_iter=500)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on tiny inputs
        weights = model.fit_transform(x)
    vocab = np.asarray(vec.get_feature_names_out())
    term_rows = []
    for topic_no, comp in enumerate(model.components_):
        top = [j for j in np.argsort(-comp, kind="stable")[:n_terms] if comp[j] >= 0.01 * comp.max() > 0]
        term_rows += [{"nmf_topic": topic_no, "rank": r, "term": vocab[j], "weight": float(comp[j])}
                      for r, j in enumerate(top, 1)]
    best = np.where(weights.sum(axis=1) > 0, weights.argmax(axis=1), -1)
    out_units = units[["doc_id", by]].copy()
    out_units["nmf_topic"] = best.astype("int64")
    out_units["weight"] = weights.max(axis=1)
    out_units["n_words"] = [count_words(t) for t in units["text"]]
    return TopicModel(terms=pd.DataFrame(term_rows, columns=["nmf_topic", "rank", "term", "weight"]),
                      units=out_units)
