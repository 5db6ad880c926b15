"""Frames of each sentence (Policy Frames Codebook) and which frames are over-represented where.

``code_frames`` matches a frame dictionary (``toolkit/data/frames.yaml``, the
15 dimensions of Boydstun et al. 2014 with the coding guide's slugs, in the
codebook format) against each sentence, with the same evidence and context
rules as topic coding (see :mod:`toolkit.topics`): a sentence with no frame
words of its own, such as a follow-up ("That could be a year.") or the rest of
an answer, takes the frame of the sentence before it in its paragraph, of the
question it answers, or of the passage around it, as human coders read it in
its exchange. ``frame_terms`` then ends with ``(security from context)``.
Captions, greetings and procedural lines take no frame. On the project's human
coding of briefings (primary frame among the coder's frames, 300 sentences of
two sets and 134 of a third) the context rules raised agreement from 0.44, 0.46
and 0.36 to 0.56, 0.69 and 0.45; the interview's stayed 0.94.

The dictionary's primary frame is ``frame_dictionary``; the toolkit's ``frame`` is chosen among the frames by a
frame model trained on the project's human coding (:mod:`toolkit.frame_model`; ``model=False``: the
dictionary's), which on press briefings it was not trained on agreed with the coders more often.

``frames_by`` cross-tabulates primary frames with a grouping column (topic,
speaker, ...) and gives, for each cell, the count, the share of the group's
framed sentences, the count expected if frames and groups were independent,
and the adjusted standardised residual (Haberman 1973):
``(O - E) / sqrt(E * (1 - row_total / N) * (1 - column_total / N))``. A residual
above 1.96 marks a frame used more for that group than independence predicts
(at about the 5% level for one cell; with many cells, read them as
descriptive).
"""

from __future__ import annotations

import math
import os
from importlib import resources
from pathlib import Path

import pandas as pd

from .codebook import Codebook, load_codebook
from .schema import conform_if_complete, group_keys, in_reading_order, require_columns, spoken

__all__ = ["as_frames", "code_frames", "default_frames_path", "frames_by"]


def default_frames_path() -> Path:
    return Path(str(resources.files("toolkit").joinpath("data").joinpath("frames.yaml")))


def as_frames(codebook: Codebook | str | os.PathLike | None = None) -> Codebook:
    """A frame dictionary from a :class:`Codebook`, a path, or ``None`` (the shipped ``frames.yaml``)."""
    return codebook if isinstance(codebook, Codebook) else load_codebook(
        codebook if codebook is not None else default_frames_path(), what="frame dictionary")


def code_frames(sentences: pd.DataFrame, codebook: Codebook | str | os.PathLike | None = None, *,
                model=None) -> pd.DataFrame:
    """Add ``frame`` (the primary frame, or empty), ``frame_dictionary`` (the dictionary's primary frame),
    ``frames`` (the dictionary's frames, ``|``-joined) and ``frame_terms`` (the words and scores behind them)
    to the sentence table.

    ``model`` is the frame model that gives ``frame`` (:mod:`toolkit.frame_model`): by default the shipped one,
    when ``codebook`` is the dictionary it was trained with (with your own dictionary, its primary frame is
    ``frame``); ``"shipped"``, a saved model's path or a :class:`~toolkit.frame_model.FrameModel`; or ``False``
    (``"none"``): ``frame`` is the dictionary's primary frame."""
    from .frame_model import as_frame_model, dense_features, label_frames
    from .topics import _code, _with_columns, is_procedural

    require_columns(sentences, {"doc_id", "turn_id", "role", "text"}, func="code_frames")
    cb = as_frames(codebook)
    frame_model = as_frame_model(model, cb)

    def coded(rows: pd.DataFrame) -> pd.DataFrame:
        texts = rows["text"].tolist()
        primary, frames, terms, source = _code(rows, cb, context=True, texts=texts)
        for i in [i for i, frame in enumerate(primary) if frame]:
            if is_procedural(texts[i]):   # "Good morning, everyone.", "Thank you.": no frame
                primary[i], frames[i] = "", []
                terms[i] = f"{terms[i]} (procedural sentence: no frame)"
            elif source[i] == "context":
                terms[i] = f"{terms[i]} ({primary[i]} from context)".lstrip()
        joined = ["|".join(f) for f in frames]
        label = primary
        if frame_model is not None:
            strings = [t if type(t) is str else "" for t in texts]
            label = label_frames(frame_model, strings, primary, dense_features(
                primary, joined, rows["role"].astype(str).tolist(), rows["doc_id"].tolist()))
        out = _with_columns(rows, {"frame": label, "frame_dictionary": primary, "frames": joined,
                                   "frame_terms": terms})
        return conform_if_complete("sentences", out)

    return in_reading_order(coded, sentences)   # the context rules read each document's sentences in order


def frames_by(sentences: pd.DataFrame, by: str | list[str] = "topic") -> pd.DataFrame:
    """Primary frames by a grouping column, with adjusted standardised residuals.

    Columns: ``by``, ``frame``, ``n`` (sentences of the group with this primary
    frame), ``share`` (of the group's framed sentences), ``expected`` (under
    independence), ``residual`` (adjusted standardised residual). Only framed
    sentences said by someone count (narrator and caption text is left out).
    ``by`` may be a list (``["doc_id", "speaker"]``). Every group-frame pair
    is listed, zero counts included. With expected counts under 5 the
    residuals are descriptive only: the 1.96 rule of thumb needs larger cells.
    """
    keys = group_keys(by, "frames_by", sentences)
    require_columns(sentences, {*keys, "frame"}, func="frames_by")
    used = list(dict.fromkeys([*keys, "frame", *(["role"] if "role" in sentences.columns else [])]))
    data = spoken(sentences.loc[sentences["frame"] != "", used])   # only the columns needed: far less to copy
    table = pd.crosstab([data[k] for k in keys], data["frame"])
    counts = table.to_numpy()
    n = int(counts.sum())
    rows = []
    if n:
        # the same numpy scalars as table.sum(axis=...)[label] and table.loc[g, f], by position: same values
        row_tot = table.sum(axis=1).to_numpy()
        col_tot = table.sum(axis=0).to_numpy()
        frames = list(table.columns)
        for i, g in enumerate(table.index):
            group = dict(zip(keys, g if len(keys) > 1 else (g,), strict=True))
            for j, f in enumerate(frames):
                o = int(counts[i, j])
                e = row_tot[i] * col_tot[j] / n
                denom = e * (1 - row_tot[i] / n) * (1 - col_tot[j] / n)
                rows.append({**group, "frame": f, "n": o, "share": o / row_tot[i], "expected": e,
                             "residual": (o - e) / math.sqrt(denom) if denom > 0 else float("nan")})
    return pd.DataFrame(rows, columns=[*keys, "frame", "n", "share", "expected", "residual"])
