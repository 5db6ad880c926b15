"""A frame classifier trained on human coding: the toolkit's ``frame`` label.

The frame dictionary (:mod:`toolkit.framing`, ``frame_dictionary`` and ``frame_terms``) explains itself word by
word, but it only knows the words of its dictionary, and it picks the frame with the most words. This module
learns which frame the coders chose from coded sentences (a :class:`~toolkit.supervised.LinearCoder`):

* features: the sentence's words and word pairs (TF-IDF, as the tone model's) and :data:`DENSE_FEATURES`:
  the dictionary's primary frame and all its frames (one number per frame each), the sentence's role, the
  dictionary's primary frame of the sentence before it in its document, and whether the dictionary frames
  the sentence at all;
* classifier: multinomial logistic regression (L2 penalty C = 1) over the frames and ``none`` (the coder
  framed nothing);
* the rule: where the dictionary frames a sentence, ``frame`` is the model's most probable frame (``none``
  left out); elsewhere the model's most probable class (``none``: no frame). So the dictionary decides
  whether a sentence is framed and the model which frame: the form validated on the project's coding
  (left one set out, and on a blind set, ``data/annotations/README.md``).

The shipped model (``toolkit/data/frame_model.json``) was trained on both coders' primary frames of the project's
coding; ``python -m toolkit.frame_model build data/annotations toolkit/data/frame_model.json`` rebuilds it
(byte for byte with the numpy and scipy it was built with; otherwise to the solver's precision).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import ToolkitValueError
from .schema import require_columns
from .supervised import (CoderKind, LinearCoder, build_command, fit_coder, load_coder, probabilities,
                         project_training, resolve_coder, save_coder)

__all__ = ["FrameModel", "default_frame_model_path", "load_frame_model", "train_frame_model"]

#: The frames the model codes (the dictionary's dimensions; ``other`` is for human coders only).
FRAMES = ("economic", "capacity", "morality", "fairness", "legality", "policy", "crime", "security", "health",
          "quality_of_life", "cultural", "public_opinion", "political", "external")
_ROLES = ("interviewer", "interviewee", "narrator", "moderator", "speaker")
NONE = "none"
#: The numbers beside the words, in this order (see the module docstring).
DENSE_FEATURES = (*(f"dictionary_{f}" for f in FRAMES), *(f"dictionary_any_{f}" for f in FRAMES),
                  *(f"role_{r}" for r in _ROLES), *(f"previous_{f}" for f in FRAMES), "dictionary_none")
_FORMAT = "discourse-toolkit frame model"


def default_frame_model_path() -> Path:
    """The shipped model, ``toolkit/data/frame_model.json``."""
    return Path(str(resources.files("toolkit").joinpath("data", "frame_model.json")))


@dataclass(repr=False)
class FrameModel(LinearCoder):
    """A fitted frame classifier (see the module docstring), trained with the frame dictionary whose hash is
    ``frames_sha256``."""

    frames_sha256: str = ""

    def __repr__(self) -> str:
        return (f"FrameModel({len(self.vocabulary)} terms, trained on {self.info.get('n_sentences', '?')} sentences "
                f"({self.info.get('n_codes', '?')} codes){', ' + repr(str(self.path)) if self.path else ''})")

    def save(self, path: str | os.PathLike) -> Path:
        """Write the model as JSON (the same model gives the same bytes) into an existing folder."""
        return save_coder(self, path, FRAME)


#: The frame model's kind of :class:`~toolkit.supervised.LinearCoder` (its file format and features).
FRAME = CoderKind("frame", FrameModel, _FORMAT, DENSE_FEATURES, "frames_sha256", "frame dictionary",
                  default_frame_model_path, "train_frame_model",
                  lambda classes, extra: set(classes) <= {*FRAMES, NONE} and NONE in classes)


def load_frame_model(path: str | os.PathLike | None = None) -> FrameModel:
    """Read a model saved by :meth:`FrameModel.save` (default: the shipped one). A file that is no such model
    raises :class:`toolkit.TranscriptError` naming it and the problem."""
    return load_coder(path, FRAME)


def as_frame_model(model, frames: Codebook, *, func: str = "code_frames") -> FrameModel | None:
    """The frame model that gives the ``frame`` label, or ``None`` (the dictionary's primary frame gives it).

    ``model`` is ``None`` (the default: the shipped model when ``frames`` is the dictionary it was trained
    with, else none), ``True`` or ``"shipped"``, ``False`` or ``"none"``, a :class:`FrameModel`, or a saved
    model's path. A model trained with another dictionary than ``frames`` gives a warning."""
    return resolve_coder(model, frames, FRAME, func=func, loader=load_frame_model)


def dense_features(dictionary: list[str], dictionary_all: list[str], roles: list[str], doc_ids: list) -> np.ndarray:
    """:data:`DENSE_FEATURES` of sentences in reading order, from the dictionary's primary frame (``""``: none),
    its frames (``|``-joined), the role and the document of each."""
    n = len(dictionary)
    x = np.zeros((n, len(DENSE_FEATURES)))
    if not n:
        return x
    index = {f: i for i, f in enumerate(FRAMES)}
    primary = pd.Series(dictionary, dtype=object).map(index)   # NaN: no frame, or one the model does not know
    rows = np.flatnonzero(primary.notna().to_numpy())
    columns = primary.to_numpy()[rows].astype(np.int64)
    x[rows, columns] = 1.0
    every = pd.Series(dictionary_all, dtype=object).str.split("|").explode().map(index).dropna()
    x[every.index.to_numpy(), len(FRAMES) + every.to_numpy().astype(np.int64)] = 1.0
    role = pd.Series(roles, dtype=object).map({r: i for i, r in enumerate(_ROLES)}).dropna()
    x[role.index.to_numpy(), 2 * len(FRAMES) + role.to_numpy().astype(np.int64)] = 1.0
    docs = pd.Series(doc_ids, dtype=object).to_numpy()
    after = rows + 1   # the sentence after a framed one, in the same document
    keep = after < n
    after, previous = after[keep], columns[keep]
    same = docs[after] == docs[after - 1]
    x[after[same], 2 * len(FRAMES) + len(_ROLES) + previous[same]] = 1.0
    x[:, -1] = (pd.Series(dictionary, dtype=object) == "").to_numpy(dtype=float)
    return x


def label_frames(model: FrameModel, texts: list[str], dictionary: list[str], dense: np.ndarray) -> list[str]:
    """The ``frame`` of each sentence by the module docstring's rule (``""``: no frame)."""
    p = probabilities(model, texts, dense)
    if not len(p):
        return []
    classes = np.asarray(model.classes, dtype=object)
    best = classes[p.argmax(axis=1)]
    framed = p.copy()
    framed[:, model.classes.index(NONE)] = -1.0
    best_frame = classes[framed.argmax(axis=1)]
    out = np.where(np.asarray(dictionary, dtype=object) != "", best_frame, best)
    return ["" if f == NONE else str(f) for f in out]


def train_frame_model(sentences: pd.DataFrame, coding: pd.DataFrame, *, column: str = "primary_frame",
                      on: tuple[str, ...] = ("doc_id", "sentence_id"),
                      frames: Codebook | str | os.PathLike | None = None, description: str = "") -> FrameModel:
    """Fit a frame model on coded sentences.

    ``sentences`` is a sentence table (one or more documents, every sentence of each in reading order, as
    :func:`toolkit.read_transcript` gives it); ``coding`` a coded sheet with the ``on`` columns and a
    ``column`` holding each sentence's primary frame (a slug of :data:`FRAMES`, or empty: no frame); several
    coders' sheets may be stacked. ``frames`` is the frame dictionary whose codes are features (default: the
    shipped one); code with the same one. Needs at least 30 coded sentences and two frames."""
    from .framing import as_frames, code_frames

    require_columns(sentences, {*on, "text", "role"}, func="train_frame_model")
    require_columns(coding, {*on, column}, func="train_frame_model", table="coding sheet")
    book = as_frames(frames)
    coded = code_frames(sentences, book, model=False)
    codes = coding[[*on, column]].rename(columns={column: "_frame"})
    codes = codes.assign(_frame=codes["_frame"].fillna("").astype(str).str.strip().str.lower().replace("", NONE))
    bad = codes[~codes["_frame"].isin([*FRAMES, NONE, "other"])]
    if len(bad):
        raise ToolkitValueError(f"train_frame_model(): the coding's {column!r} column holds {len(bad)} value(s) "
                                f"that are no frame ({sorted(set(bad['_frame']))[:5]}); the frames are "
                                f"{list(FRAMES)} (or empty).")
    codes = codes.assign(_frame=codes["_frame"].replace("other", NONE))   # "other" is no dictionary frame
    dense = dense_features(coded["frame_dictionary"].tolist(), coded["frames"].tolist(), coded["role"].tolist(),
                           coded[on[0]].tolist())
    table = coded[[*on, "text"]].assign(_row=np.arange(len(coded)))
    rows = table.merge(codes, on=list(on), how="inner", validate="one_to_many")
    if len(rows) < 30 or rows["_frame"].nunique() < 2:
        raise ToolkitValueError(f"train_frame_model(): {len(rows)} coded sentences match the sentence table; a "
                                "model needs at least 30, with at least two frames.")
    classes, vocabulary, idf, coef, intercept = fit_coder(rows["text"].tolist(), dense[rows["_row"].to_numpy()],
                                                          rows["_frame"].tolist())
    import sklearn
    info = {"trained_on": description, "n_sentences": int(len(rows.drop_duplicates(list(on)))),
            "n_codes": int(len(rows)), "scikit_learn": sklearn.__version__, "C": 1.0}
    return FrameModel(classes, vocabulary, idf, coef, intercept, info=info, frames_sha256=book.sha256)


def build_project_model(annotations: str | os.PathLike, out: str | os.PathLike,
                        exclude: tuple[str, ...] = ()) -> FrameModel:
    """Train the shipped model from a checkout's ``data/annotations`` (and ``data/raw``) and save it to
    ``out``; ``exclude`` leaves sets out, to measure the model on a set it has not seen."""
    sentences, codings, names = project_training(Path(annotations), "primary_frame", exclude)
    model = train_frame_model(sentences, codings,
                              description="discourse-toolkit's human frame coding: " + "; ".join(names))
    model.save(out)
    return model


def main(argv: list[str] | None = None) -> int:
    return build_command(list(sys.argv[1:] if argv is None else argv), "frame_model", "frame", build_project_model,
                         lambda m: f"classes {m.classes}")


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
