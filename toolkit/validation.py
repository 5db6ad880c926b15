"""Validation against human coding: coding sheets, agreement and segmentation metrics.

Grimmer & Stewart (2013): automated text methods are wrong but useful, so
validate. Every automatic coding the toolkit produces can be compared here
with a human coding (or two human codings with each other):

* :func:`coding_sheet` exports a CSV, one row per unit (sentence, paragraph or
  turn) with its text and empty columns for coders; :func:`read_coding` reads
  a coded sheet back and checks its codes.
* :func:`agreement` gives percent agreement, Cohen's kappa and Krippendorff's
  alpha (nominal) for one coded column of two codings;
  :func:`classification_report` gives precision, recall and F1 per category
  against a gold coding (single- or multi-label); :func:`confusion_matrix`.
* :func:`pk` and :func:`windowdiff` score a segmentation against a reference
  (Beeferman et al. 1999; Pevzner & Hearst 2002), with the windows of the
  papers: ``N - k`` windows, each comparing unit ``i`` with unit ``i + k``.

A unit coded with no category counts as its own category, ``"(none)"``:
agreeing that a sentence is about none of the topics is agreement.
"""

from __future__ import annotations

import codecs
import math
import os
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ToolkitValueError, ToolkitWarning, TranscriptError, check_option
from .schema import require_columns

__all__ = ["coding_sheet", "read_coding", "agreement", "percent_agreement", "cohen_kappa",
           "krippendorff_alpha", "classification_report", "confusion_matrix", "pk", "windowdiff",
           "segment_ids", "NONE"]

#: The category of a unit coded with no topic (or frame, ...).
NONE = "(none)"
UNITS = {"sentence": "sentence_id", "paragraph": "paragraph_id", "turn": "turn_id"}


# --------------------------------------------------------------------------
# Coding sheets
# --------------------------------------------------------------------------

#: File name endings that promise another format than the CSV :func:`coding_sheet` writes.
_NOT_CSV = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".tsv", ".parquet", ".json"})


def coding_sheet(sentences: pd.DataFrame, *, unit: str = "sentence", text: str | None = None,
                 columns: Sequence[str] = ("topics", "primary"),
                 path: str | os.PathLike | None = None) -> pd.DataFrame:
    """A coding sheet: one row per unit with its ids, offsets, speaker, role and text,
    plus an empty column for each of ``columns`` for coders to fill (a paragraph's or turn's
    speaker and role are those of its first spoken sentence: a paragraph that opens with a stage
    note is still its speaker's).

    ``unit`` is ``"sentence"``, ``"paragraph"`` or ``"turn"``; paragraph and turn
    rows join their sentences' text (``text`` is the document text, needed to
    quote a paragraph or turn exactly; without it the sentences are joined
    with spaces). Narrator and caption sentences are included so coders see
    the context. If ``path`` is given the sheet is also written there as CSV
    (UTF-8).
    """
    check_option(unit, UNITS, name="unit", func="coding_sheet")
    require_columns(sentences, {"doc_id", UNITS[unit], "speaker", "role", "start", "end", "text"},
                    func="coding_sheet")
    if path is not None and Path(path).suffix.lower() in _NOT_CSV:
        raise ToolkitValueError(f"coding_sheet(): {str(path)!r}: a coding sheet is written as CSV, which Excel, "
                                "LibreOffice and Google Sheets open; name the file .csv (a .xlsx or .tsv name would "
                                "hold CSV text that those programs misread).")
    key = UNITS[unit]
    if unit == "sentence":
        sheet = sentences[["doc_id", key, "start", "end", "speaker", "role", "text"]].copy()
    else:
        grouped = sentences.groupby(["doc_id", key], sort=False)
        sheet = grouped.agg(start=("start", "min"), end=("end", "max")).reset_index()
        # the unit's speaker and role: its first spoken sentence's ("(Laughter.) Thank you." is the speaker's
        # paragraph, not a stage note), or its first sentence's when no one speaks in it
        silent = sentences["speaker"].astype(str).eq("").to_numpy()
        first = sentences[["doc_id", key, "speaker", "role"]].assign(_silent=silent).sort_values(
            "_silent", kind="stable").drop_duplicates(["doc_id", key])
        sheet = sheet.merge(first.drop(columns="_silent"), on=["doc_id", key], how="left", validate="one_to_one")
        if text is not None:
            sheet["text"] = [text[s:e] for s, e in zip(sheet["start"], sheet["end"], strict=True)]
        else:
            sheet["text"] = grouped["text"].agg(" ".join).to_numpy()
    for col in columns:
        sheet[col] = ""
    sheet = sheet.reset_index(drop=True)
    if path is not None:
        from .pipeline import atomic_write
        atomic_write(Path(path), sheet.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return sheet


def read_coding(path: str | os.PathLike, *, categories: Iterable[str] | None = None,
                columns: Sequence[str] = ("topics", "primary"), encoding: str | None = None,
                sep: str | None = None) -> pd.DataFrame:
    """Read a coded sheet (CSV) back, with empty cells as ``""``.

    ``categories``, if given, are the allowed codes: a cell of ``topics`` may
    hold several joined by ``|``; a code outside the list raises an error that
    names the file and the line. Codes are stripped and lower-cased.
    ``encoding`` is the file's encoding (default UTF-8, with or without a byte-order mark; Excel on
    Windows may save ``"cp1252"``); ``sep`` the field separator (default: a comma, or a semicolon when
    the header line is separated by semicolons, as Excel saves CSV in locales with a decimal comma).
    """
    p = Path(path)
    if not p.is_file():
        raise TranscriptError(p, "coding sheet not found.")
    enc = encoding or "utf-8-sig"
    if sep is None:
        try:
            with open(p, encoding=enc, newline="") as f:
                header = f.readline()
        except (UnicodeDecodeError, LookupError):
            header = ""
        sep = ";" if header.count(";") > header.count(",") else ","
    try:
        codec = codecs.lookup(encoding).name if encoding else "utf-8"
    except LookupError:
        raise ToolkitValueError(f"read_coding(): unknown encoding {encoding!r}.") from None
    if codec not in ("utf-8", "utf-8-sig"):
        data = p.read_bytes()
        if not data.isascii():
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                warnings.warn(f"{p}: the file is valid UTF-8 but is read as {encoding!r}, as asked: accented letters "
                              "will come out wrong (such as 'Ã©'); leave encoding= out for a UTF-8 file.",
                              ToolkitWarning, stacklevel=2)
    try:
        df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding=enc, sep=sep)
    except LookupError:
        raise ToolkitValueError(f"read_coding(): unknown encoding {encoding!r}.") from None
    except UnicodeDecodeError as exc:
        hint = "" if encoding else " If Excel saved it, pass encoding=\"cp1252\" (or save it as \"CSV UTF-8\")."
        raise TranscriptError(p, f"cannot be read as {enc if encoding else 'UTF-8'} text: {exc}.{hint}") from None
    except pd.errors.ParserError as exc:
        raise TranscriptError(p, f"cannot be read as a CSV file: {exc}") from None
    missing = [c for c in ("doc_id", *columns) if c not in df.columns]
    if missing:
        raise TranscriptError(p, f"the coding sheet has no column(s) {missing}; columns are {list(df.columns)}.")
    allowed = {c.lower() for c in categories} if categories is not None else None
    for col in columns:
        cleaned = []
        for line, cell in enumerate(df[col], start=2):
            codes = [c.strip().lower() for c in str(cell).split("|") if c.strip()]
            if allowed is not None:
                bad = [c for c in codes if c not in allowed]
                if bad:
                    raise TranscriptError(p, f"line {line}, column {col!r}: unknown code(s) {bad}; "
                                             f"allowed: {sorted(allowed)}.")
            cleaned.append("|".join(codes))
        df[col] = cleaned
    for col in df.columns:
        if col in ("sentence_id", "paragraph_id", "turn_id", "start", "end"):
            numeric = pd.to_numeric(df[col], errors="coerce")
            if numeric.isna().any():
                line = int(numeric.isna().to_numpy().argmax()) + 2
                raise TranscriptError(p, f"line {line}, column {col!r}: expected a whole number; "
                                         f"got {df[col].iloc[line - 2]!r}.")
            df[col] = numeric.astype("int64")
    return df


# --------------------------------------------------------------------------
# Agreement
# --------------------------------------------------------------------------

def _labels(values) -> list[str]:
    return [NONE if (v is None or (isinstance(v, float) and math.isnan(v)) or str(v) == "") else str(v)
            for v in values]


def percent_agreement(a: Sequence, b: Sequence) -> float:
    """Share of units on which two codings give the same category."""
    a, b = _labels(a), _labels(b)
    _same_length(a, b)
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa for two coders, nominal categories: (p_o - p_e) / (1 - p_e)."""
    a, b = _labels(a), _labels(b)
    _same_length(a, b)
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[c] * cb[c] for c in ca) / (n * n)
    if pe == 1:
        return 1.0 if po == 1 else 0.0
    return (po - pe) / (1 - pe)


def krippendorff_alpha(codings: Sequence[Sequence]) -> float:
    """Krippendorff's alpha, nominal, for any number of coders with missing values.

    ``codings`` is one sequence per coder, all of the same length (one entry
    per unit); ``None`` marks a unit that coder did not code. (An empty string
    is the ``"(none)"`` category, not a missing value.) Units coded by fewer
    than two coders are not pairable and are left out. Alpha =
    1 - D_o / D_e from the coincidence matrix (Krippendorff 2011).
    """
    if len(codings) < 2:
        raise ToolkitValueError("krippendorff_alpha() needs the codings of at least two coders.")
    n_units = len(codings[0])
    if any(len(c) != n_units for c in codings):
        raise ToolkitValueError("krippendorff_alpha(): every coder's coding must have one entry per unit.")
    coincidence: Counter = Counter()
    for u in range(n_units):
        values = [(NONE if str(c[u]) == "" else str(c[u])) for c in codings
                  if c[u] is not None and not (isinstance(c[u], float) and math.isnan(c[u]))]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c1, n1 in counts.items():
            for c2, n2 in counts.items():
                pairs = n1 * (n2 - 1) if c1 == c2 else n1 * n2
                coincidence[(c1, c2)] += pairs / (m - 1)
    n_c: Counter = Counter()
    for (c1, _c2), v in coincidence.items():
        n_c[c1] += v
    n = sum(n_c.values())
    if n <= 1:
        raise ToolkitValueError("krippendorff_alpha(): no unit was coded by two coders.")
    d_o = sum(v for (c1, c2), v in coincidence.items() if c1 != c2)
    d_e = sum(n_c[c1] * n_c[c2] for c1 in n_c for c2 in n_c if c1 != c2) / (n - 1)
    if d_e == 0:
        return 1.0
    return 1 - d_o / d_e


def agreement(a: pd.DataFrame | Sequence, b: pd.DataFrame | Sequence, *, column: str = "primary",
              column_b: str | None = None, on: Sequence[str] = ("doc_id", "sentence_id")) -> pd.DataFrame:
    """Agreement of two codings on one nominal column.

    ``a`` and ``b`` are DataFrames (joined on ``on``; only units in both count)
    or plain sequences of codes in the same unit order. ``column_b`` names the
    column in ``b`` when it differs (a coding sheet's ``primary`` against the
    toolkit's ``topic``: ``agreement(sheet, sentences, column_b="topic")``). A
    ``|``-joined set of codes counts as one category (exact agreement on the
    set); use :func:`classification_report` for multi-label agreement per
    category. Returns one row: ``n_units``, ``percent_agreement``,
    ``cohen_kappa``, ``krippendorff_alpha``.
    """
    x, y = _aligned(a, b, column=column, on=on, column_b=column_b)
    return pd.DataFrame([{
        "n_units": len(x),
        "percent_agreement": percent_agreement(x, y),
        "cohen_kappa": cohen_kappa(x, y),
        "krippendorff_alpha": krippendorff_alpha([x, y]),
    }])


def classification_report(gold: pd.DataFrame | Sequence, predicted: pd.DataFrame | Sequence, *,
                          column: str = "primary", column_b: str | None = None,
                          on: Sequence[str] = ("doc_id", "sentence_id"),
                          categories: Sequence[str] | None = None, multilabel: bool | None = None
                          ) -> pd.DataFrame:
    """Precision, recall and F1 per category of ``predicted`` against ``gold``.

    Single-label (``primary``): each unit has one category; ``"(none)"`` is
    left out of the per-category rows. Multi-label (``topics``, values joined
    with ``|``; chosen automatically for a column named ``topics``): each
    category is scored as present or absent in each unit. Columns:
    ``category``, ``precision``, ``recall``, ``f1``, ``support`` (units the gold
    coding gives the category), ``predicted`` (units the prediction gives it);
    a last row ``macro`` averages precision, recall and F1 over the categories.
    A ratio with a zero denominator is 0. ``column_b`` as in :func:`agreement`.
    """
    x, y = _aligned(gold, predicted, column=column, on=on, column_b=column_b)
    if multilabel is None:
        multilabel = column == "topics"
    gold_sets = [set(v.split("|")) - {NONE} if multilabel else {v} - {NONE} for v in x]
    pred_sets = [set(v.split("|")) - {NONE} if multilabel else {v} - {NONE} for v in y]
    if categories is None:
        categories = sorted(set().union(*gold_sets, *pred_sets))
    rows = []
    for c in categories:
        tp = sum(c in g and c in p for g, p in zip(gold_sets, pred_sets, strict=True))
        support = sum(c in g for g in gold_sets)
        predicted_n = sum(c in p for p in pred_sets)
        prec = tp / predicted_n if predicted_n else 0.0
        rec = tp / support if support else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"category": c, "precision": prec, "recall": rec, "f1": f1,
                     "support": support, "predicted": predicted_n})
    report = pd.DataFrame(rows, columns=["category", "precision", "recall", "f1", "support", "predicted"])
    macro = {"category": "macro", "precision": report["precision"].mean() if rows else 0.0,
             "recall": report["recall"].mean() if rows else 0.0, "f1": report["f1"].mean() if rows else 0.0,
             "support": int(report["support"].sum()), "predicted": int(report["predicted"].sum())}
    return pd.concat([report, pd.DataFrame([macro])], ignore_index=True)


def confusion_matrix(gold: pd.DataFrame | Sequence, predicted: pd.DataFrame | Sequence, *,
                     column: str = "primary", column_b: str | None = None,
                     on: Sequence[str] = ("doc_id", "sentence_id"),
                     categories: Sequence[str] | None = None) -> pd.DataFrame:
    """Counts of units by gold category (rows, ``gold``) and predicted category (columns).

    ``categories`` fixes the rows and columns and their order; "no category"
    (an empty cell) is written ``"(none)"`` there, as in the returned table.
    By default: every category seen, ``"(none)"`` last.
    """
    x, y = _aligned(gold, predicted, column=column, on=on, column_b=column_b)
    if categories is None:
        categories = sorted(set(x) | set(y), key=lambda c: (c == NONE, c))
    else:
        categories = [NONE if c == "" else c for c in categories]
        unlisted = sorted((set(x) | set(y)) - set(categories))
        if unlisted:
            raise ToolkitValueError(f"confusion_matrix(): the codings use {unlisted}, which `categories` does not "
                                    f"list; add them (\"{NONE}\" or \"\" for no category).")
    m = pd.crosstab(pd.Categorical(x, categories=categories), pd.Categorical(y, categories=categories),
                    dropna=False)
    m.index.name, m.columns.name = "gold", "predicted"
    return m.astype("int64")


def _same_length(a, b) -> None:
    if len(a) != len(b):
        raise ToolkitValueError(f"The two codings have different lengths ({len(a)} and {len(b)}).")
    if not a:
        raise ToolkitValueError("The codings are empty: there is nothing to compare.")


def _aligned(a, b, *, column: str, on: Sequence[str], column_b: str | None = None
             ) -> tuple[list[str], list[str]]:
    col_b = column_b or column
    if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
        keys = list(on)
        for name, df, col in (("first", a, column), ("second", b, col_b)):
            missing = (set(keys) | {col}) - set(df.columns)
            if missing:
                hint = (" (the toolkit's coding calls it 'topic': pass column_b='topic')"
                        if col == "primary" and "topic" in df.columns else "")
                raise ToolkitValueError(f"The {name} coding has no column(s) {sorted(missing)}{hint}.")
        left = a[[*keys, column]].rename(columns={column: "_a"})
        right = b[[*keys, col_b]].rename(columns={col_b: "_b"})
        merged = left.merge(right, on=keys, how="inner")
        if merged.empty:
            raise ToolkitValueError(f"The two codings share no units (joined on {keys}).")
        x, y = _labels(merged["_a"]), _labels(merged["_b"])
    else:
        x, y = _labels(list(a)), _labels(list(b))
    _same_length(x, y)
    return x, y


# --------------------------------------------------------------------------
# Segmentation
# --------------------------------------------------------------------------

def segment_ids(labels: Sequence) -> list[int]:
    """Number the runs of equal labels: ``["a", "a", "b", "a"]`` gives ``[0, 0, 1, 2]``."""
    out, current, prev = [], -1, object()
    for v in labels:
        if v != prev:
            current += 1
            prev = v
        out.append(current)
    return out


def _boundaries(seg: Sequence) -> np.ndarray:
    ids = np.asarray(segment_ids(seg))
    return (ids[1:] != ids[:-1]).astype(int)  # boundary after unit j, for j in 0..N-2


def _windows(reference: Sequence, hypothesis: Sequence, k: int | None):
    for name, seg in (("reference", reference), ("hypothesis", hypothesis)):
        if isinstance(seg, pd.DataFrame) or isinstance(seg, (str, bytes)):
            raise ToolkitValueError(f"pk() and windowdiff() take one label per unit for the {name} (a list or a "
                                    f"column such as sentences['topic']); got a {type(seg).__name__}.")
    if len(reference) != len(hypothesis):
        raise ToolkitValueError(f"The reference and hypothesis segmentations cover different numbers of "
                                f"units ({len(reference)} and {len(hypothesis)}).")
    n = len(reference)
    ref_b, hyp_b = _boundaries(reference), _boundaries(hypothesis)
    if k is None:
        n_segments = int(ref_b.sum()) + 1
        k = max(1, round(n / n_segments / 2))
    if not 1 <= k < n:
        raise ToolkitValueError(f"The window k must be between 1 and the number of units minus one "
                                f"({n - 1}); got {k}.")
    kernel = np.ones(k, dtype=int)
    ref_counts = np.convolve(ref_b, kernel, mode="valid")  # boundaries between unit i and unit i+k
    hyp_counts = np.convolve(hyp_b, kernel, mode="valid")
    return ref_counts, hyp_counts


def pk(reference: Sequence, hypothesis: Sequence, *, k: int | None = None) -> float:
    """Beeferman et al.'s P_k: the share of the ``N - k`` windows (unit ``i`` against
    unit ``i + k``) where reference and hypothesis disagree on whether the two
    units are in the same segment. Segmentations are given as one label per
    unit (a segment id or a topic: a change of label is a boundary). ``k``
    defaults to half the mean reference segment length. 0 is perfect; random
    segmentations score about 0.42-0.50.
    """
    r, h = _windows(reference, hypothesis, k)
    return float(np.mean((r > 0) != (h > 0)))


def windowdiff(reference: Sequence, hypothesis: Sequence, *, k: int | None = None) -> float:
    """Pevzner & Hearst's WindowDiff: the share of the ``N - k`` windows where the
    number of boundaries differs between reference and hypothesis (same input
    and ``k`` as :func:`pk`)."""
    r, h = _windows(reference, hypothesis, k)
    return float(np.mean(r != h))
