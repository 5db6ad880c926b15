"""A paragraph topic classifier trained on human coding.

The codebook (:mod:`toolkit.topics`) explains every code word by word, but it only knows its patterns, and its
context rules are fixed. Human coders read a paragraph as a whole, in its exchange. This module learns their
primary topic of a paragraph from coded paragraphs (a :class:`~toolkit.supervised.LinearCoder`):

* features: the paragraph's words and word pairs (TF-IDF, as the tone and frame models') and
  :func:`dense_feature_names`: per codebook topic, the codebook's topic of the paragraph (the topic of most of
  its sentences, :func:`toolkit.topics.unit_topics`), whether any of its sentences has the topic, the
  paragraph's summed evidence for it (``log(1 + score)`` of ``topic_terms``), the codebook's topic and
  evidence of the paragraph before and the codebook's topic of the paragraph after (same document); the
  paragraph's role, ``log(1 + words)``, whether it asks a question, and whether the codebook gives it no
  topic;
* classifier: multinomial logistic regression (L2 penalty C = 10, chosen left one set out:
  ``data/annotations/README.md``) over the codebook's topics and ``none`` (the coder gave the paragraph no
  topic).

:func:`label_paragraphs` gives each paragraph the model's most probable class, and
:func:`toolkit.topics.code_topics` gives the sentences their ``topic`` (:func:`label_sentences`): a sentence
whose codebook topic comes from its own words keeps it, unless the model gives its paragraph no topic (then
none); every other sentence takes its paragraph's topic (``topic_source`` ``model``); captions none. So a
paragraph's follow-ups and the rest of an answer take the topic the model reads in the paragraph, a
sentence's own evidence still shows where a passage turns to another topic, and a paragraph the coders would
code as none (topic words in passing) loses its stray codes. The codebook's own primary topic stays in
``topic_dictionary``, its evidence in ``topic_terms``. Paragraphs are
the unit the project's coders coded; where a table has no ``paragraph_id``, turns are the units.

The shipped model (``toolkit/data/topic_model.json``) was trained on every coder's primary topics of the
project's press-conference sets and of the interview (a paragraph of the interview, coded sentence by
sentence, takes the topic of most of its sentences); ``python -m toolkit.topic_model build data/annotations
toolkit/data/topic_model.json`` rebuilds it. How well it does on sets it was not trained on is in
``data/annotations/README.md``.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import ToolkitValueError, TranscriptError
from .schema import require_columns
from .supervised import (CoderKind, LinearCoder, build_command, fit_coder, load_coder, probabilities, resolve_coder,
                         save_coder)

__all__ = ["TopicModel", "default_topic_model_path", "load_topic_model", "train_topic_model"]
_FORMAT = "discourse-toolkit topic model"

NONE = "none"
_ROLES = ("interviewer", "interviewee", "narrator", "moderator", "speaker")
_NO_SPEECH = {"narrator", "caption"}


def dense_feature_names(topics: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The numbers beside the words, in this order, for a codebook's topics."""
    return (*(f"dictionary_{t}" for t in topics), *(f"dictionary_any_{t}" for t in topics),
            *(f"score_{t}" for t in topics), *(f"previous_{t}" for t in topics),
            *(f"previous_score_{t}" for t in topics), *(f"next_{t}" for t in topics),
            *(f"role_{r}" for r in _ROLES), "log_words", "question", "dictionary_none")


@dataclass(repr=False)
class TopicModel(LinearCoder):
    """A fitted paragraph topic classifier, trained with the codebook whose hash is ``codebook_sha256``."""

    codebook_sha256: str = ""
    topics: list = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"TopicModel({len(self.vocabulary)} terms, trained on {self.info.get('n_units', '?')} paragraphs "
                f"({self.info.get('n_codes', '?')} codes){', ' + repr(str(self.path)) if self.path else ''})")

    def save(self, path: str | os.PathLike) -> Path:
        """Write the model as JSON (the same model gives the same bytes) into an existing folder."""
        return save_coder(self, path, TOPIC)


def default_topic_model_path() -> Path:
    """The shipped model, ``toolkit/data/topic_model.json``."""
    return Path(str(resources.files("toolkit").joinpath("data", "topic_model.json")))


#: The topic model's kind of :class:`~toolkit.supervised.LinearCoder`: its numbers depend on the codebook's
#: topics, which the file holds (``topics``, in the codebook's order).
TOPIC = CoderKind("topic", TopicModel, _FORMAT, lambda extra: dense_feature_names(extra["topics"]),
                  "codebook_sha256", "codebook", default_topic_model_path, "train_topic_model",
                  lambda classes, extra: sorted(classes) == sorted([*extra["topics"], NONE]),
                  extra_fields=("topics",))


def load_topic_model(path: str | os.PathLike | None = None) -> TopicModel:
    """Read a model saved by :meth:`TopicModel.save` (default: the shipped one). A file that is no such model
    raises :class:`toolkit.TranscriptError` naming it and the problem."""
    return load_coder(path, TOPIC)


def as_topic_model(model, codebook: Codebook, *, func: str = "code_topics") -> TopicModel | None:
    """The topic model that gives the ``topic`` label, or ``None`` (the codebook's rules give it).

    ``model`` is ``None`` (the default: the shipped model when ``codebook`` is the codebook it was trained
    with, else none), ``True`` or ``"shipped"``, ``False`` or ``"none"``, a :class:`TopicModel`, or a saved
    model's path. A model trained with another codebook gives a warning, and one whose topics are not the
    codebook's an error."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:   # another codebook: an error, if its topics differ
        warnings.simplefilter("always")
        found = resolve_coder(model, codebook, TOPIC, func=func, loader=load_topic_model)
    if found is None or list(found.topics) == list(codebook.topics):
        for w in caught:
            warnings.warn(w.message, stacklevel=3)
    else:
        raise ToolkitValueError(f"{func}(): the topic model codes the topics {list(found.topics)}, the codebook "
                                f"({codebook.path}) has {list(codebook.topics)}: train a model with this codebook "
                                "(train_topic_model()).")
    return found


def _term_scores(terms: list[str], topics: tuple[str, ...]) -> np.ndarray:
    """Each sentence's evidence per topic, read from ``topic_terms`` (``topic score: words; ...``)."""
    out = np.zeros((len(terms), len(topics)))
    pattern = re.compile(r"(?:^|; )(" + "|".join(map(re.escape, sorted(topics, key=len, reverse=True)))
                         + r") ([0-9.]+)")
    index = {t: j for j, t in enumerate(topics)}
    for i, text in enumerate(terms):
        if text:
            for topic, score in pattern.findall(text):
                out[i, index[topic]] += float(score)
    return out


def paragraph_units(coded: pd.DataFrame, topics: tuple[str, ...]) -> tuple[pd.DataFrame, np.ndarray]:
    """The paragraphs of coded sentences (:func:`toolkit.topics.code_topics`, documents in reading order), in
    reading order: ``doc_id``, ``paragraph_id``, ``text`` (its sentences joined), ``role`` and the
    codebook's ``topic``; and their :func:`dense_feature_names` numbers, one row each."""
    require_columns(coded, {"doc_id", "paragraph_id", "role", "text", "topic", "topic_terms"},
                    func="paragraph_units")
    k = len(topics)
    index = {t: j for j, t in enumerate(topics)}
    s = coded.reset_index(drop=True)
    codes, uniques = pd.factorize(pd.MultiIndex.from_arrays([s["doc_id"], s["paragraph_id"]]))
    n = len(uniques)
    scores = _term_scores(s["topic_terms"].tolist(), topics)
    unit_scores = np.zeros((n, k))
    np.add.at(unit_scores, codes, scores)
    spoken = ~s["role"].isin(_NO_SPEECH).to_numpy()
    has_spoken = np.zeros(n, dtype=bool)
    has_spoken[codes[spoken]] = True
    use = spoken | ~has_spoken[codes]   # a paragraph's spoken sentences, or all when none is spoken
    topic_of = s["topic"].map(index).fillna(-1).to_numpy().astype(np.int64)   # -1: none, or not a topic
    any_topic = np.zeros((n, k))
    found = topic_of >= 0
    any_topic[codes[found], topic_of[found]] = 1.0
    # the topic of most of the used sentences; a tie goes to the topic that comes first in the paragraph
    counted = found & use
    counts = np.zeros((n, k))
    np.add.at(counts, (codes[counted], topic_of[counted]), 1.0)
    first = np.full((n, k), np.iinfo(np.int64).max)
    np.minimum.at(first, (codes[counted], topic_of[counted]), np.flatnonzero(counted))
    best = counts.max(axis=1, keepdims=True)
    primary = np.where(best[:, 0] > 0, np.where(counts == best, first, np.iinfo(np.int64).max).argmin(axis=1), -1)
    texts = pd.Series(s["text"].astype(str).to_numpy()).groupby(codes, sort=True).agg(" ".join).tolist()
    first_used = pd.Series(np.arange(len(s)))[use].groupby(codes[use], sort=True).min().to_numpy()
    roles = s["role"].to_numpy()[first_used].tolist()
    docs = [u[0] for u in uniques]
    pids = [u[1] for u in uniques]
    dict_onehot = np.zeros((n, k))
    has = primary >= 0
    dict_onehot[np.flatnonzero(has), primary[has]] = 1.0
    same_prev = np.r_[False, np.asarray(docs[1:], dtype=object) == np.asarray(docs[:-1], dtype=object)]
    prev_onehot = np.zeros((n, k))
    prev_onehot[1:] = dict_onehot[:-1]
    prev_onehot[~same_prev] = 0.0
    prev_scores = np.zeros((n, k))
    prev_scores[1:] = unit_scores[:-1]
    prev_scores[~same_prev] = 0.0
    next_onehot = np.zeros((n, k))
    next_onehot[:-1] = dict_onehot[1:]
    same_next = np.r_[same_prev[1:], False]
    next_onehot[~same_next] = 0.0
    role = np.zeros((n, len(_ROLES)))
    for i, r in enumerate(roles):
        if r in _ROLES:
            role[i, _ROLES.index(r)] = 1.0
    words = np.asarray([len(t.split()) for t in texts], dtype=float)
    question = np.asarray(["?" in t for t in texts], dtype=float)
    dense = np.column_stack([dict_onehot, any_topic, np.log1p(unit_scores), prev_onehot, np.log1p(prev_scores),
                             next_onehot, role, np.log1p(words), question, (~has).astype(float)])
    table = pd.DataFrame({"doc_id": docs, "paragraph_id": pids, "text": texts, "role": roles,
                          "topic": [topics[p] if p >= 0 else "" for p in primary]})
    return table, dense


def train_topic_model(units: pd.DataFrame, dense: np.ndarray, coding: pd.DataFrame,
                      topics: tuple[str, ...] | None = None, *, column: str = "primary",
                      codebook: Codebook | str | os.PathLike | None = None, description: str = "",
                      C: float = 10.0) -> TopicModel:
    """Fit on paragraphs and their numbers (:func:`paragraph_units` of sentences coded with ``codebook``,
    default: the shipped one) and a coding with ``doc_id``, ``paragraph_id`` and ``column`` (a topic of the
    codebook or empty: none); several coders' codings may be stacked. ``topics`` are the codebook's (the
    default); ``C`` is the logistic regression's inverse L2 penalty. Needs at least 30 coded paragraphs and
    two topics."""
    from .topics import as_codebook

    codebook = as_codebook(codebook)
    topics = tuple(codebook.topics) if topics is None else tuple(topics)
    on = ["doc_id", "paragraph_id"]
    codes = coding[[*on, column]].rename(columns={column: "_topic"})
    codes = codes.assign(_topic=codes["_topic"].fillna("").astype(str).str.strip().str.lower().replace("", NONE))
    bad = codes[~codes["_topic"].isin([*topics, NONE])]
    if len(bad):
        raise ToolkitValueError(f"train_topic_model(): the coding's {column!r} column holds {len(bad)} value(s) "
                                f"that are no topic of the codebook ({sorted(set(bad['_topic']))[:5]}).")
    table = units[on + ["text"]].assign(_row=np.arange(len(units)))
    rows = table.merge(codes, on=on, how="inner", validate="one_to_many")
    if len(rows) < 30 or rows["_topic"].nunique() < 2:
        raise ToolkitValueError(f"train_topic_model(): {len(rows)} coded paragraphs match the paragraphs; a model "
                                "needs at least 30, with at least two topics.")
    classes, vocabulary, idf, coef, intercept = fit_coder(rows["text"].tolist(), dense[rows["_row"].to_numpy()],
                                                          rows["_topic"].tolist(), C=C)
    info = {"trained_on": description, "n_units": int(len(rows.drop_duplicates(on))), "n_codes": int(len(rows)),
            "C": C}
    import sklearn
    info["scikit_learn"] = sklearn.__version__
    return TopicModel(classes, vocabulary, idf, coef, intercept, info=info,
                      codebook_sha256=codebook.sha256, topics=list(topics))


def label_paragraphs(model: TopicModel, units: pd.DataFrame, dense: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The model's topic of each paragraph (``""``: none) and its probability."""
    p = probabilities(model, units["text"].tolist(), dense)
    if not len(p):
        return [], np.zeros(0)
    best = p.argmax(axis=1)
    labels = [model.classes[i] for i in best]
    return ["" if t == NONE else t for t in labels], p[np.arange(len(p)), best]


def label_sentences(model: TopicModel, coded: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The ``topic`` and ``topic_source`` of each sentence of a table coded by the codebook (in reading
    order), by the rule of the module docstring: a sentence whose codebook topic comes from its own words
    (``topic_source`` ``terms``) keeps it, unless the model gives its paragraph no topic; every other
    sentence takes its paragraph's topic (its turn's, without ``paragraph_id``; ``topic_source`` ``model``);
    captions take none."""
    unit = "paragraph_id" if "paragraph_id" in coded.columns else "turn_id"
    table = coded if unit == "paragraph_id" else coded.assign(paragraph_id=coded["turn_id"])
    units, dense = paragraph_units(table, tuple(model.topics))
    labels, _ = label_paragraphs(model, units, dense)
    by_unit = dict(zip(zip(units["doc_id"], units["paragraph_id"]), labels))
    topics, sources = [], []
    for key, role, own, source in zip(zip(table["doc_id"], table["paragraph_id"]), table["role"], table["topic"],
                                      table["topic_source"]):
        paragraph = by_unit[key]
        if role == "caption":
            topics.append("")
            sources.append(source)
        elif source == "terms" and own and paragraph:
            topics.append(own)
            sources.append(source)
        else:
            topics.append(paragraph)
            sources.append("model")
    return topics, sources


# --- the shipped model: trained on the project's human coding in this repository --------------------------

def project_topic_sets(annotations: Path) -> dict[str, list[Path]]:
    """Each press-conference set of ``annotations`` that is topic-coded, with the files of all its coders (by
    file name). The interview's coding is read besides them (:func:`project_topic_training`)."""
    sets: dict[str, list[Path]] = {}
    for f in sorted(Path(annotations).glob("press_conferences*.topics.coder_*.csv")):
        sets.setdefault(f.name.split(".topics.")[0], []).append(f)
    return sets


def project_topic_training(annotations: Path, exclude: tuple[str, ...] = ()
                           ) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The sentences of the project's topic-coded transcripts (``annotations`` and ``annotations/../raw``),
    every coder's paragraph codes stacked (``doc_id``, ``paragraph_id``, ``primary``) and the sets' names with
    their coders; ``exclude`` leaves sets out. The interview's sentence codes become paragraph codes (the
    topic of most of a paragraph's sentences, :func:`toolkit.topics.topic_of_unit`)."""
    from .topics import topic_of_unit
    from .transcript import read_transcript

    sets = project_topic_sets(annotations)
    interview = [annotations / "alimov_sco_interview.topics.csv",
                 annotations / "alimov_sco_interview.topics.coder_b.csv"]
    missing = [str(p) for p in interview if not p.is_file()]
    if missing or not sets:
        raise TranscriptError(annotations, f"holds no project topic coding to train on (missing: {missing}).")
    sents, codings, names = [], [], []
    if "alimov_sco_interview" not in exclude:
        t = read_transcript(annotations.parent / "raw" / "alimov_sco_interview.txt",
                            doc_id="alimov_sco_interview").sentences
        sents.append(t)
        for f in interview:
            c = pd.read_csv(f, keep_default_na=False, dtype={"primary": str}).merge(
                t[["sentence_id", "paragraph_id"]], on="sentence_id", validate="one_to_one")
            g = c.groupby("paragraph_id", sort=True)["primary"].agg(lambda x: topic_of_unit(list(x))[0])
            codings.append(g.reset_index().assign(doc_id="alimov_sco_interview"))
        names.append("alimov_sco_interview (coders A, B)")
    for name, files in sets.items():
        if name in exclude:
            continue
        coders = [pd.read_csv(f, keep_default_na=False, dtype={"primary": str}) for f in files]
        for d in dict.fromkeys(coders[0]["doc_id"]):
            sents.append(read_transcript(annotations / "press_conferences" / f"{d}.txt", doc_id=d).sentences)
        codings += [c[["doc_id", "paragraph_id", "primary"]] for c in coders]
        coder_names = ", ".join(f.name.rsplit(".", 2)[-2].replace("coder_", "") for f in files)
        names.append(f"{name} (coders {coder_names})")
    return pd.concat(sents, ignore_index=True), pd.concat(codings, ignore_index=True), names


def build_project_model(annotations: str | os.PathLike, out: str | os.PathLike,
                        exclude: tuple[str, ...] = ()) -> TopicModel:
    """Train the shipped model from a checkout's ``data/annotations`` (and ``data/raw``) with the shipped
    codebook and save it to ``out``; ``exclude`` leaves sets out, to measure the model on a set it has not
    seen."""
    from .topics import as_codebook, code_topics

    sentences, codings, names = project_topic_training(Path(annotations), exclude)
    book = as_codebook(None)
    units, dense = paragraph_units(code_topics(sentences, book, model=False), tuple(book.topics))
    model = train_topic_model(units, dense, codings, tuple(book.topics), codebook=book,
                              description="discourse-toolkit's human topic coding: " + "; ".join(names))
    model.save(out)
    return model


def main(argv: list[str] | None = None) -> int:
    return build_command(list(sys.argv[1:] if argv is None else argv), "topic_model", "topic", build_project_model,
                         lambda m: f"classes {m.classes}")


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
