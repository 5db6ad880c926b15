"""A tone classifier trained on human coding: "train on your own coding".

The lexicon's label ``sentiment_lexicon`` (:mod:`toolkit.sentiment`) explains itself word by word, but it
only knows the words of its lexicon. This module learns the coders' reading from coded sentences instead, and
stacks what the lexicon, VADER and TextBlob say with the sentence's own words; the shipped model gives the
toolkit's ``sentiment`` label (:func:`toolkit.sentiment.score_sentiment`, ``analyze --tone-model``):

* features: the sentence's words and word pairs (TF-IDF: lower-cased, scikit-learn's default tokens, one
  and two words, terms in at least two training sentences, sublinear term frequency, rows of unit length)
  and nine numbers: the tone lexicon's positive and negative evidence and their difference
  (:func:`toolkit.sentiment.score_sentiment`'s rule 1), VADER's compound, negative and positive scores,
  TextBlob's polarity and subjectivity, and whether the sentence ends with a question mark;
* classifier: multinomial logistic regression (scikit-learn, L2 penalty C = 3, chosen left one set out: see
  ``data/annotations/README.md``; classes weighted by their inverse frequency so that the rarer positive
  and negative sentences count as much as the neutral ones).

:func:`train_tone_model` fits a :class:`ToneModel` on your sentences and a coded sheet
(:func:`toolkit.validation.coding_sheet` with a ``tone`` column); ``score_sentiment(s, model=...)`` and
``analyze(..., tone_model=...)`` make its label ``sentiment``, and :func:`predict_tone` adds it beside a
table's own columns as ``sentiment_model`` (the predicted tone) and ``sentiment_model_p`` (its probability).
A model is saved as JSON (:meth:`ToneModel.save`) and applied with numpy alone (the TF-IDF rows are scikit-
learn's, computed faster), so its predictions do not depend on the scikit-learn version that reads it.

The shipped model (``toolkit/data/tone_model.json``) was trained on the project's own human coding in this
repository: the interview (coder A) and the press conferences of ``data/annotations/`` (both coders of
each pair: a sentence the two coded alike counts twice, one they coded differently once for each tone).
``python -m toolkit.tone_model build data/annotations toolkit/data/tone_model.json`` rebuilds
it (byte for byte with the numpy and scipy it was built with; otherwise to the solver's precision). How well it does on sets it was not trained on is in ``data/annotations/README.md``.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import ToolkitValueError, ToolkitWarning
from .schema import require_columns
from .sentiment import _lexicon_evidence, as_tone_lexicon, score_sentiment
from .supervised import (CoderKind, LinearCoder, build_command, fit_coder, load_coder, predict_codes,
                         project_training, resolve_coder, save_coder)

__all__ = ["ToneModel", "default_tone_model_path", "load_tone_model", "predict_tone", "train_tone_model"]

TONES = ("negative", "neutral", "positive")
#: The numbers beside the words, in this order (see the module docstring).
DENSE_FEATURES = ("lexicon_positive", "lexicon_negative", "lexicon_difference", "vader_compound", "vader_neg",
                  "vader_pos", "polarity", "subjectivity", "question")
_FORMAT = "discourse-toolkit tone model"
_QUESTION = re.compile(r"\?\s*$")


def default_tone_model_path() -> Path:
    """The shipped model, ``toolkit/data/tone_model.json``."""
    return Path(str(resources.files("toolkit").joinpath("data", "tone_model.json")))


@dataclass(repr=False)
class ToneModel(LinearCoder):
    """A fitted tone classifier (see the module docstring): a :class:`~toolkit.supervised.LinearCoder` whose
    numbers are :data:`DENSE_FEATURES`, trained with the tone lexicon whose hash is ``lexicon_sha256``."""

    lexicon_sha256: str = ""

    def __repr__(self) -> str:
        codes = self.info.get("n_codes", self.info.get("n_sentences", "?"))
        return (f"ToneModel({len(self.vocabulary)} terms, trained on {self.info.get('n_sentences', '?')} sentences "
                f"({codes} codes: {self.info.get('tones', {})}){', ' + repr(str(self.path)) if self.path else ''})")

    def predict(self, sentences: pd.DataFrame, *, lexicon: Codebook | str | os.PathLike | None = None
                ) -> pd.DataFrame:
        """:func:`predict_tone` with this model."""
        return predict_tone(sentences, self, lexicon=lexicon)

    def save(self, path: str | os.PathLike) -> Path:
        """Write the model as JSON (the same model gives the same bytes) into an existing folder."""
        return save_coder(self, path, TONE)


#: The tone model's kind of :class:`~toolkit.supervised.LinearCoder` (its file format and features).
TONE = CoderKind("tone", ToneModel, _FORMAT, DENSE_FEATURES, "lexicon_sha256", "tone lexicon",
                 default_tone_model_path, "train_tone_model", lambda classes, extra: sorted(classes) == sorted(TONES))


def load_tone_model(path: str | os.PathLike | None = None) -> ToneModel:
    """Read a model saved by :meth:`ToneModel.save` (default: the shipped one). A file that is no such
    model raises :class:`toolkit.TranscriptError` naming it and the problem."""
    return load_coder(path, TONE)


def _scored(sentences: pd.DataFrame, lexicon) -> pd.DataFrame:
    """The sentence table with VADER's and TextBlob's columns (scored now if it lacks them)."""
    needed = {"vader_compound", "vader_neg", "vader_pos", "polarity", "subjectivity"}
    if needed.issubset(sentences.columns):
        return sentences
    return score_sentiment(sentences, lexicon=lexicon, model=False)


def dense_features(texts: list[str], positive, negative, vader_compound, vader_neg, vader_pos, polarity,
                   subjectivity) -> np.ndarray:
    """The :data:`DENSE_FEATURES` of the texts, one row each, from the lexicon's evidence and the libraries'
    scores of each text (sequences in the texts' order)."""
    if not len(texts):
        return np.zeros((0, len(DENSE_FEATURES)))
    pos, neg = np.asarray(positive, dtype=float), np.asarray(negative, dtype=float)
    question = np.asarray([_QUESTION.search(t) is not None for t in texts], dtype=float)
    return np.column_stack([pos, neg, pos - neg, *(np.asarray(c, dtype=float) for c in (
        vader_compound, vader_neg, vader_pos, polarity, subjectivity)), question])


def _dense(sentences: pd.DataFrame, lex: Codebook) -> np.ndarray:
    """The :data:`DENSE_FEATURES` of each sentence of a scored table (rows in the table's order)."""
    texts = sentences["text"].tolist()
    evidence = {text: _lexicon_evidence(text, lex)[:2] for text in dict.fromkeys(texts)}
    return dense_features(texts, [evidence[t][0] for t in texts], [evidence[t][1] for t in texts],
                          *(sentences[c] for c in ("vader_compound", "vader_neg", "vader_pos", "polarity",
                                                   "subjectivity")))


def label_texts(model: ToneModel, texts: list[str], dense: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The model's tone of each text and its probability, from the texts and their :func:`dense_features`."""
    return predict_codes(model, texts, dense)


def train_tone_model(sentences: pd.DataFrame, coding: pd.DataFrame, *, column: str = "tone",
                     on: tuple[str, ...] = ("doc_id", "sentence_id"),
                     lexicon: Codebook | str | os.PathLike | None = None, description: str = "",
                     C: float = 3.0) -> ToneModel:
    """Fit a tone model on coded sentences.

    ``sentences`` is a sentence table (one or more documents, as :func:`toolkit.read_transcript` or
    :func:`toolkit.pipeline.analyze` gives it); ``coding`` a coded sheet with the ``on`` columns and a
    ``column`` of ``positive``, ``negative`` or ``neutral`` (rows left empty are not used); several coders'
    sheets may be stacked (a sentence's rows are all used, one code each; a word or word pair enters the
    vocabulary when at least two coded rows hold it). ``lexicon`` is
    the tone lexicon whose evidence is a feature (default: the shipped one); predict with the same one.
    ``description`` says in the model what it was trained on; ``C`` is the logistic regression's inverse L2
    penalty. Needs at least 30 coded sentences, with each of the three tones at least twice.
    """
    require_columns(sentences, {*on, "text"}, func="train_tone_model")
    require_columns(coding, {*on, column}, func="train_tone_model", table="coding sheet")
    lex = as_tone_lexicon(lexicon)
    keep = [*on, column] + (["text"] if "text" in coding.columns and column != "text" else [])
    gold = coding[keep].rename(columns={column: "_tone", "text": "_text"})
    tones = gold["_tone"].fillna("").astype(str).str.strip().str.lower()   # empty cells (NaN too) are not used
    gold = gold.assign(_tone=tones)[tones != ""]
    bad = gold[~gold["_tone"].isin(TONES)]
    if len(bad):
        where = ", ".join(f"{' '.join(str(v) for v in row[list(on)])}: {row['_tone']!r}"
                          for _, row in bad.head(5).iterrows())
        raise ToolkitValueError(f"train_tone_model(): the coding's {column!r} column holds {len(bad)} value(s) "
                                f"that are no tone ({where}{', ...' if len(bad) > 5 else ''}); the tones are "
                                f"{list(TONES)}.")
    rows = sentences.merge(gold, on=list(on), how="inner", validate="one_to_many")   # stacked coders: many
    if "_text" in rows.columns:   # a coding sheet carries each sentence's text: it must be the same sentence
        differ = rows[rows["_text"].astype(str).str.split().str.join(" ")
                      != rows["text"].astype(str).str.split().str.join(" ")]
        if len(differ):
            first = differ.iloc[0]
            raise ToolkitValueError(
                f"train_tone_model(): {len(differ)} coded sentence(s) are not the sentences of the table with the "
                f"same {' and '.join(on)} (the transcript or its reading changed after the sheet was made?); "
                f"first: {' '.join(str(first[c]) for c in on)}, sheet {str(first['_text'])[:60]!r}, table "
                f"{str(first['text'])[:60]!r}. Make the sheet again from these sentences and copy the codes over.")
        rows = rows.drop(columns="_text")
    unused = len(gold) - len(rows)
    if unused:
        matched = set(map(tuple, rows[list(on)].to_numpy().tolist()))
        lost = gold[[tuple(k) not in matched for k in gold[list(on)].to_numpy().tolist()]]
        docs = sorted(map(str, dict.fromkeys(lost[on[0]]))) if on else []
        warnings.warn(f"train_tone_model(): {unused} coded sentence(s) match no sentence of the table and are not "
                      f"used ({on[0]}: {docs[:5]}{' ...' if len(docs) > 5 else ''}); pass the sentences of every "
                      "coded transcript.", ToolkitWarning, stacklevel=2)
    keys = list(on)
    if rows.duplicated(keys).any() and rows.duplicated([*keys, "_tone"], keep=False).all():
        warnings.warn("train_tone_model(): every coded sentence is there twice or more with the same tone: the "
                      "same sheet stacked twice? Two coders' sheets differ somewhere; each row counts as one "
                      "code.", ToolkitWarning, stacklevel=2)
    counts = rows["_tone"].value_counts()
    if len(rows) < 30 or any(counts.get(t, 0) < 2 for t in TONES):
        hint = ""
        if not len(rows) and on:
            hint = (f" The coding's {on[0]} values ({sorted(map(str, set(gold[on[0]])))[:5]}) are not the table's "
                    f"({sorted(map(str, set(sentences[on[0]])))[:5]}).")
        raise ToolkitValueError(f"train_tone_model(): {len(rows)} coded sentences match the sentence table "
                                f"({counts.to_dict()}); a model needs at least 30, with each tone at least "
                                f"twice.{hint}")
    rows = _scored(rows, lex)
    classes, vocabulary, idf, coef, intercept = fit_coder(rows["text"].tolist(), _dense(rows, lex),
                                                          rows["_tone"].tolist(), balanced=True, C=C)
    import sklearn
    info = {"trained_on": description, "n_sentences": int(len(rows.drop_duplicates(list(on)))),
            "n_codes": int(len(rows)),
            "tones": {t: int(counts.get(t, 0)) for t in TONES}, "scikit_learn": sklearn.__version__,
            "C": C}
    return ToneModel(classes, vocabulary, idf, coef, intercept, info=info, lexicon_sha256=lex.sha256)


def predict_tone(sentences: pd.DataFrame, model: ToneModel | str | os.PathLike | None = None, *,
                 lexicon: Codebook | str | os.PathLike | None = None) -> pd.DataFrame:
    """A copy of ``sentences`` with ``sentiment_model`` (the tone the model predicts) and
    ``sentiment_model_p`` (its probability, 1/3 to 1) added beside the table's own columns, to compare a
    model with the table's ``sentiment``. ``model`` is a :class:`ToneModel`, a saved model's path or ``None``
    (the shipped model); ``lexicon`` the tone lexicon the model was trained with (default: the shipped one;
    another one gives a warning). The label is :func:`toolkit.sentiment.score_sentiment`'s ``sentiment`` with
    this model."""
    require_columns(sentences, {"text"}, func="predict_tone")
    scored = score_sentiment(sentences[["text"]], lexicon=lexicon, model="shipped" if model is None else model)
    out = sentences.copy()
    out["sentiment_model"] = scored["sentiment"].to_numpy(dtype=object)
    out["sentiment_model_p"] = scored["sentiment_p"].to_numpy(dtype=float)
    return out


def as_tone_model(model, lexicon: Codebook, *, func: str = "score_sentiment") -> ToneModel | None:
    """The tone model that gives the ``sentiment`` label, or ``None`` (the tone lexicon's rule gives it).

    ``model`` is ``None`` (the default: the shipped model when ``lexicon`` is the tone lexicon it was trained
    with, else none: your own lexicon's rule labels), ``True`` or ``"shipped"`` (the shipped model),
    ``False`` or ``"none"`` (none), a :class:`ToneModel`, or a saved model's path. A model trained with
    another lexicon than ``lexicon`` gives a warning (the lexicon's evidence is one of its features)."""
    return resolve_coder(model, lexicon, TONE, func=func, loader=load_tone_model)


# --- the shipped model: trained on the project's human coding in this repository --------------------------

def build_project_model(annotations: str | os.PathLike, out: str | os.PathLike,
                        exclude: tuple[str, ...] = ()) -> ToneModel:
    """Train the shipped model from a checkout's ``data/annotations`` (and ``data/raw``) and save it to
    ``out``; ``exclude`` leaves sets out (``"press_conferences_25_28"``, ``"alimov_sco_interview"``), to
    measure the model on a set it has not seen."""
    sentences, codings, names = project_training(Path(annotations), "tone", exclude)
    model = train_tone_model(sentences, codings, description="discourse-toolkit's human tone coding: " + "; ".join(names))
    model.save(out)
    return model


def main(argv: list[str] | None = None) -> int:
    return build_command(list(sys.argv[1:] if argv is None else argv), "tone_model", "tone", build_project_model,
                         lambda m: f"tones {m.info['tones']}")


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
