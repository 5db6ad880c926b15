"""Sentence coders trained on human coding: the machinery the tone model (:mod:`toolkit.tone_model`) and the
frame model (:mod:`toolkit.frame_model`) share.

A coder reads a sentence's words and word pairs (TF-IDF: lower-cased, scikit-learn's default tokens, one and
two words, terms in at least two training rows, sublinear term frequency, rows of unit length) and numbers of
its own kind (the tone model: the tone lexicon's evidence, VADER, TextBlob; the frame model: the frame
dictionary's codes, the role), and a multinomial logistic regression (scikit-learn) gives the code. A fitted
coder is a few arrays (:class:`LinearCoder`), saved as JSON and applied with numpy alone, so its codes do not
depend on the scikit-learn version that reads it; the TF-IDF rows are scikit-learn's numbers (tested),
computed faster (:func:`word_matrix`).
"""

from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

__all__ = ["CoderKind", "LinearCoder", "fit_coder", "load_coder", "predict_codes", "resolve_coder", "save_coder",
           "word_matrix"]

#: scikit-learn's default token pattern ``(?u)\b\w\w+\b`` finds the same tokens (a run of two or more word
#: characters is always taken whole), a little faster.
_TOKEN = re.compile(r"\w\w+")
#: Joins the texts into one string for one search; a token no text holds (checked) marks where each ends.
_SEPARATOR = "zqxjtonemodelseparatorzqxj"


@dataclass
class LinearCoder:
    """A fitted coder: ``coef`` has one row per class of ``classes`` and one column per term of
    ``vocabulary`` followed by one per number of the coder's kind."""

    classes: list[str]
    vocabulary: list[str]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    info: dict = field(default_factory=dict)
    path: Path | None = None
    _lookup: tuple | None = field(default=None, init=False, repr=False, compare=False)
    _words_key: tuple | None = field(default=None, init=False, repr=False, compare=False)


def vectorizer(vocabulary=None):
    """The TF-IDF vectoriser every coder uses (scikit-learn's, with the settings of the module docstring)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True, dtype=np.float64,
                           vocabulary=vocabulary)


def fit_coder(texts: list[str], numbers: np.ndarray, codes: list[str], *, balanced: bool = False, C: float = 1.0
              ) -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Fit on training rows: ``(classes, vocabulary, idf, coef, intercept)``. ``balanced`` weights each class
    by its inverse frequency. A fit that does not converge raises (it is no model)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    vec = vectorizer()
    x = hstack([vec.fit_transform(texts), csr_matrix(numbers)]).tocsr()
    clf = LogisticRegression(C=C, class_weight="balanced" if balanced else None, max_iter=5000)
    with warnings.catch_warnings():
        warnings.simplefilter("error", category=UserWarning)   # a model that did not converge is no model
        clf.fit(x, codes)
    return ([str(c) for c in clf.classes_], vec.get_feature_names_out().tolist(), vec.idf_.copy(),
            clf.coef_.copy(), clf.intercept_.copy())


def _lookup(model: LinearCoder) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The model's words by column, and its word pairs as sorted ``first * size + second`` keys with their
    columns: a pair is in the vocabulary only if both its words are (each occurs in at least as many training
    rows as the pair)."""
    if model._lookup is None:
        size = len(model.vocabulary)
        words = {t: j for j, t in enumerate(model.vocabulary) if " " not in t}
        keys, columns = [], []
        for j, t in enumerate(model.vocabulary):
            if " " in t:
                first, second = t.split(" ")
                keys.append(words[first] * size + words[second])
                columns.append(j)
        order = np.argsort(keys, kind="stable")
        model._lookup = (words, np.asarray(keys, dtype=np.int64)[order], np.asarray(columns, dtype=np.int64)[order])
    return model._lookup


#: The last texts' TF-IDF rows, with the texts and the vocabulary and idf they were computed for: the tone and
#: frame models, trained on the same sentences, have the same vocabulary, and the pipeline asks both for the
#: same texts one after the other.
_LAST_ROWS: list = []


def _words_key(model: LinearCoder) -> tuple:
    if model._words_key is None:
        model._words_key = (len(model.vocabulary), hash(tuple(model.vocabulary)), model.idf.tobytes())
    return model._words_key


def word_matrix(texts: list[str], model: LinearCoder):
    """The texts' TF-IDF rows over the model's vocabulary: the numbers of :func:`vectorizer`'s ``transform``
    with the model's vocabulary and idf (tested), computed with one search over all the texts and numpy
    instead of scikit-learn's word-by-word loop (on the White House corpus about a quarter of its time)."""
    key = _words_key(model)
    if _LAST_ROWS and _LAST_ROWS[0] == key and _LAST_ROWS[1] == texts:
        return _LAST_ROWS[2]
    x = _word_matrix(texts, model)
    _LAST_ROWS[:] = [key, list(texts), x]
    return x


def _word_matrix(texts: list[str], model: LinearCoder):
    from scipy.sparse import csr_matrix

    words, pair_keys, pair_columns = _lookup(model)
    size = len(model.vocabulary)
    joined = f" {_SEPARATOR} ".join(texts).lower()
    if joined.count(_SEPARATOR) != len(texts) - 1:   # a text holds the separator itself: text by text
        tokens_by_text = [_TOKEN.findall(t.lower()) for t in texts]
        counts = np.asarray([len(t) for t in tokens_by_text], dtype=np.int64)
        ids = np.asarray([words.get(w, -1) for ts in tokens_by_text for w in ts], dtype=np.int64)
        row = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    else:
        tokens = _TOKEN.findall(joined)
        ids = np.fromiter(map({**words, _SEPARATOR: -2}.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
        ends = ids == -2
        row = np.cumsum(ends)
        keep = ~ends
        ids, row = ids[keep], row[keep]
    # a word pair: two neighbouring tokens of one text, both in the vocabulary, whose pair is in it
    first, second = ids[:-1], ids[1:]
    both = (first >= 0) & (second >= 0) & (row[:-1] == row[1:])
    keys = first[both] * size + second[both]
    at = np.minimum(np.searchsorted(pair_keys, keys), max(len(pair_keys) - 1, 0))
    found = pair_keys[at] == keys if len(pair_keys) else np.zeros(len(keys), dtype=bool)
    known = ids >= 0
    rows = np.concatenate([row[known], row[:-1][both][found]])
    columns = np.concatenate([ids[known], pair_columns[at[found]]])
    x = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(texts), size))
    x.sum_duplicates()
    x.data = (np.log(x.data) + 1.0) * model.idf[x.indices]   # sublinear term frequency times idf
    of_row = np.repeat(np.arange(len(texts), dtype=np.int64), np.diff(x.indptr))
    norms = np.sqrt(np.bincount(of_row, weights=x.data ** 2, minlength=len(texts)))
    x.data /= norms[of_row]   # rows of unit length (a row without a known term stays empty)
    return x


def probabilities(model: LinearCoder, texts: list[str], numbers: np.ndarray) -> np.ndarray:
    """Each text's probability of each class (rows in the texts' order, columns in ``model.classes``')."""
    if not len(texts):
        return np.zeros((0, len(model.classes)))
    n_words = len(model.vocabulary)
    distinct = list(dict.fromkeys(texts))   # a text met again ("Thank you.") is read once
    words = np.asarray(word_matrix(distinct, model) @ model.coef[:, :n_words].T)
    if len(distinct) < len(texts):
        at = {t: i for i, t in enumerate(distinct)}
        words = words[[at[t] for t in texts]]
    # einsum without BLAS: each row's sums in the same order whatever the other rows (a BLAS product of a
    # matrix may take another path for another number of rows and change the last bit of a probability)
    z = words + np.einsum("ij,kj->ik", numbers, model.coef[:, n_words:], optimize=False) + model.intercept
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return p


def predict_codes(model: LinearCoder, texts: list[str], numbers: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The model's code of each text and its probability."""
    p = probabilities(model, texts, numbers)
    if not len(p):
        return [], np.zeros(0)
    best = p.argmax(axis=1)
    return [model.classes[i] for i in best], p[np.arange(len(p)), best]


def coder_arrays(data: dict) -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """``(classes, vocabulary, idf, coef, intercept)`` of a saved coder's JSON (raises KeyError, TypeError or
    ValueError when one is missing or malformed)."""
    return (list(data["classes"]), list(data["vocabulary"]), np.asarray(data["idf"], dtype=float),
            np.asarray(data["coef"], dtype=float), np.asarray(data["intercept"], dtype=float))


def arrays_json(model: LinearCoder) -> dict:
    """The arrays of a coder as JSON values (the same coder gives the same text)."""
    return {"intercept": [float(x) for x in model.intercept], "vocabulary": model.vocabulary,
            "idf": [float(x) for x in model.idf], "coef": [[float(x) for x in row] for row in model.coef]}


# --- one kind of coder: its file format, its features and the dictionary it was trained with ---------------

@dataclass(frozen=True)
class CoderKind:
    """What tells one kind of coder (tone, frame, topic) from another: its name (``"tone"``), class, file
    ``format`` string, the numbers beside the words (``dense_features``: a tuple, or a function of the model's
    ``extra_fields`` when they depend on them, as the topic model's depend on the codebook's topics), the field
    that holds the hash of the dictionary it was trained with (``book_field``; the dictionary is called
    ``book_name``), the shipped file, the training function's name (for messages), ``classes_ok(classes,
    extra)``, the check of a file's classes, and ``extra_fields``, further fields of the model saved as they
    are."""

    name: str
    cls: type
    format: str
    dense_features: tuple | Callable[[dict], tuple]
    book_field: str
    book_name: str
    default_path: Callable[[], Path]
    train_func: str
    classes_ok: Callable[[list, dict], bool]
    extra_fields: tuple = ()

    def dense_names(self, extra: dict) -> list[str]:
        return list(self.dense_features(extra) if callable(self.dense_features) else self.dense_features)


def save_coder(model: LinearCoder, path: str | os.PathLike, kind: CoderKind) -> Path:
    """Write the model as JSON (the same model gives the same bytes) into an existing folder."""
    from .errors import TranscriptError

    p = Path(path)
    if not p.parent.is_dir():
        raise TranscriptError(p, f"cannot save the {kind.name} model: the folder {str(p.parent)!r} does not exist.")
    if p.is_dir():
        raise TranscriptError(p, f"cannot save the {kind.name} model: this is a folder; give a file name such as "
                                 f"'my_{kind.name}_model.json'.")
    extra = {f: getattr(model, f) for f in kind.extra_fields}
    data = {"format": kind.format, "version": 1, "classes": model.classes, **extra,
            "dense_features": kind.dense_names(extra), kind.book_field: getattr(model, kind.book_field),
            "info": model.info, **arrays_json(model)}
    p.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return p


def load_coder(path: str | os.PathLike | None, kind: CoderKind) -> LinearCoder:
    """Read a model of ``kind`` saved by :func:`save_coder` (``None``: the shipped one). A file that is no such
    model raises :class:`toolkit.TranscriptError` naming it and the problem."""
    from .errors import TranscriptError

    p = Path(path) if path is not None else kind.default_path()
    what = f"{kind.name} model"
    if p.is_dir():
        raise TranscriptError(p, f"is a folder, not a {what} file (the JSON file {kind.cls.__name__}.save() writes).")
    if not p.is_file():
        raise TranscriptError(p, f"{what} file not found.")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TranscriptError(p, f"is not a {what} file (the JSON file {kind.cls.__name__}.save() writes; it does "
                                 f"not read as JSON: {exc}).") from None
    if not isinstance(data, dict) or data.get("format") != kind.format:
        raise TranscriptError(p, f"is not a {what}: its 'format' is not {kind.format!r}.")
    try:
        classes, vocab, idf, coef, intercept = coder_arrays(data)
        dense = list(data["dense_features"])
        book_sha256, info = str(data[kind.book_field]), dict(data.get("info", {}))
        extra = {f: data[f] for f in kind.extra_fields}
        expected = kind.dense_names(extra)
    except (KeyError, TypeError, ValueError) as exc:
        raise TranscriptError(p, f"is not a complete {what} ({exc!r}).") from None
    if dense != expected:
        raise TranscriptError(p, f"was made with other features ({dense[:6]}{' ...' if len(dense) > 6 else ''}); "
                                 f"this toolkit computes others: rebuild it with {kind.train_func}().")
    if (not kind.classes_ok(classes, extra) or len(idf) != len(vocab)
            or coef.shape != (len(classes), len(vocab) + len(dense)) or intercept.shape != (len(classes),)):
        raise TranscriptError(p, f"is not a consistent {what}: its classes, vocabulary, idf, coef and intercept "
                                 "do not fit together.")
    return kind.cls(classes, vocab, idf, coef, intercept, info=info, path=p, **{kind.book_field: book_sha256},
                    **extra)


def resolve_coder(model, book, kind: CoderKind, *, func: str, loader) -> LinearCoder | None:
    """The model of ``kind`` that gives the label, or ``None`` (the dictionary ``book`` gives it).

    ``model`` is ``None`` (the default: the shipped model when ``book`` is the dictionary it was trained with,
    else none), ``True`` or ``"shipped"``, ``False`` or ``"none"``, a model of ``kind``, or a saved model's
    path (read by ``loader``, once per file version). A model trained with another dictionary than ``book``
    gives a warning (the dictionary's codes are features of the model)."""
    from .errors import ToolkitValueError, ToolkitWarning

    if model is None or model is True or (isinstance(model, str) and model.strip().lower() == "shipped"):
        found = load_cached(kind.default_path(), loader)
        if model is None and getattr(found, kind.book_field) != book.sha256:
            return None
    elif model is False or (isinstance(model, str) and model.strip().lower() == "none"):
        return None
    elif isinstance(model, kind.cls):
        found = model
    elif isinstance(model, (str, os.PathLike)):
        found = load_cached(Path(model), loader)
    else:
        raise ToolkitValueError(f"{func}(): a {kind.name} model is 'shipped', 'none', a saved model's path or a "
                                f"{kind.cls.__name__}; got {type(model).__name__}.")
    if getattr(found, kind.book_field) != book.sha256:
        warnings.warn(f"{func}(): the {kind.book_name} ({book.path}) is not the one the model was trained with; "
                      f"its codes are features of the model: retrain it with this {kind.book_name} "
                      f"({kind.train_func}(...)).", ToolkitWarning, stacklevel=4)
    return found


# --- the shipped models: trained on the project's human coding in this repository --------------------------

def project_codings(annotations: Path) -> list[tuple[str, list[Path]]]:
    """``(set name, coding files)`` for the interview's tone and frame coding and each press-conference set of
    ``annotations`` (the files of all its coders, by file name)."""
    from .errors import TranscriptError

    sets: dict[str, list[Path]] = {}
    for f in sorted(annotations.glob("press_conferences*.tone_frames.coder_*.csv")):
        sets.setdefault(f.name.split(".tone_frames.")[0], []).append(f)
    found = [("alimov_sco_interview", [annotations / "alimov_sco_interview.tone_frames.csv"]), *sets.items()]
    missing = [str(p) for _, files in found for p in files if not p.is_file()]
    if missing or len(found) < 2:
        raise TranscriptError(annotations, f"holds no project tone and frame coding to train on (missing: {missing}).")
    return found


def project_training(annotations: Path, column: str, exclude: tuple[str, ...] = ()
                     ) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The sentences of the project's coded transcripts (``annotations`` and ``annotations/../raw``), every
    coder's sheet of them stacked (``doc_id``, ``sentence_id`` and ``column``), and the sets' names with their
    coders; ``exclude`` leaves sets out."""
    from .transcript import read_transcript

    raw = annotations.parent / "raw"
    sents, codings, names = [], [], []
    for name, coding_files in project_codings(annotations):
        if name in exclude:
            continue
        coders = [pd.read_csv(f, dtype={column: str}, keep_default_na=False) for f in coding_files]
        if name == "alimov_sco_interview":
            coders = [c.assign(doc_id=name) if "doc_id" not in c else c for c in coders]
            paths = {name: raw / f"{name}.txt"}
        else:
            paths = {d: annotations / "press_conferences" / f"{d}.txt" for d in dict.fromkeys(coders[0]["doc_id"])}
        for doc_id, path in paths.items():
            sents.append(read_transcript(path, doc_id=doc_id).sentences)
        codings += [c[["doc_id", "sentence_id", column]] for c in coders]
        coder_names = ", ".join(f.name.rsplit(".", 2)[-2].replace("coder_", "") for f in coding_files)
        names.append(f"{name} (coder A)" if name == "alimov_sco_interview" else f"{name} (coders {coder_names})")
    return pd.concat(sents, ignore_index=True), pd.concat(codings, ignore_index=True), names


#: Models read from files, by kind, path, modification time and size: each worker process of
#: :func:`analyze <toolkit.pipeline.analyze>` reads a model once.
_LOADED: dict[tuple, LinearCoder] = {}


def load_cached(path: Path, loader) -> LinearCoder:
    """``loader(path)``, once per file version and loader."""
    try:
        st = path.stat()
        key = (loader.__qualname__, str(path.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        return loader(path)   # names the missing file
    if key not in _LOADED:
        if len(_LOADED) >= 8:
            _LOADED.clear()
        _LOADED[key] = loader(path)
    return _LOADED[key]


def build_command(argv: list[str], module: str, what: str, build, summary) -> int:
    """``python -m toolkit.<module> build ANNOTATIONS_DIR OUT.json``: ``build(annotations, out)`` trains the
    shipped ``what`` model on the project's coding and saves it; ``summary(model)`` ends the line that says so."""
    import sys

    from .errors import ToolkitError

    usage = (f"usage: python -m toolkit.{module} build ANNOTATIONS_DIR OUT.json\n"
             f"  trains the {what} model on the project's coding in ANNOTATIONS_DIR (data/annotations)")
    if argv in (["-h"], ["--help"]):
        print(usage)
        return 0
    if len(argv) != 3 or argv[0] != "build":
        print(usage, file=sys.stderr)
        return 2
    if not Path(argv[1]).is_dir():
        print(f"error: {argv[1]}: folder not found.", file=sys.stderr)
        return 2
    try:
        model = build(argv[1], argv[2])
    except ToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    n, unit = (model.info["n_sentences"], "sentences") if "n_sentences" in model.info else (model.info["n_units"],
                                                                                            "paragraphs")
    print(f"wrote {argv[2]}: {n} {unit} ({model.info['n_codes']} codes), "
          f"{len(model.vocabulary)} terms, {summary(model)}")
    return 0
