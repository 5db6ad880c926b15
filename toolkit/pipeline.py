"""The one analysis pipeline: read documents, run the analysis steps, write tables.

``analyze()`` reads every transcript (all errors surface before anything is
written), scores the sentences and builds the tables grouped by document
(:func:`score_sentences`, :func:`document_tables`) in batches, in worker
processes, concatenates them, then runs each step in :data:`STEPS` in order (the corpus steps side by side
in forked processes when there are several workers).
A step receives the :class:`Analysis` and adds columns to
``analysis.tables["sentences"]`` (or ``"turns"``) or adds new tables; the
columns it adds are documented in :mod:`toolkit.schema`. The first two steps
do the workers' part for an :class:`Analysis` that lacks it; the others build
the tables that compare documents. Later analyses join the pipeline by
appending a step.

``write_analysis()`` writes each table as CSV (rendered in pyarrow, byte for byte what pandas' ``to_csv``
writes) or Parquet, plus ``manifest.json``. Every
file is written to a temporary name and renamed, rows and keys are in a fixed
order, and nothing depends on the clock, so a rerun on the same inputs writes
byte-identical files.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import pandas as pd

from . import schema
from .errors import (CorpusError, ToolkitTypeError, ToolkitValueError, TranscriptError,
                     TranscriptNotFoundError, check_option)
from .io import SKIPPED_STEMS, TRANSCRIPT_SUFFIXES
from .transcript import Transcript, read_transcript

__all__ = ["Analysis", "analyze", "add_docvars", "find_transcripts", "read_corpus", "read_dataframe", "write_analysis",
           "STEPS"]

#: Packages whose versions go into the manifest.
MANIFEST_PACKAGES = ("pandas", "numpy", "nltk", "pyyaml", "textblob", "vadersentiment", "scikit-learn",
                     "matplotlib", "pycountry")


@dataclass
class Analysis:
    """The result of :func:`analyze`: the transcripts and the tables built from them."""

    transcripts: list[Transcript]
    tables: dict[str, pd.DataFrame]
    parameters: dict[str, Any] = field(default_factory=dict)   # recorded in manifest.json
    options: dict[str, Any] = field(default_factory=dict)      # objects the steps use (codebooks)

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence of every document: the table every analysis adds columns to."""
        return self.tables["sentences"]

    @property
    def turns(self) -> pd.DataFrame:
        """One row per turn (one speaker's uninterrupted talk), with its topics."""
        return self.tables["turns"]

    @property
    def speakers(self) -> pd.DataFrame:
        """One row per speaker of each document: name, role and why that role."""
        return self.tables["speakers"]

    @property
    def documents(self) -> pd.DataFrame:
        """One row per document: path, hash, counts and metadata."""
        return self.tables["documents"]


Step = Callable[[Analysis], None]


def _sentences_step(analysis: Analysis) -> None:
    """Per-sentence analyses (topics, sentiment, frames, devices) of a sentence table that lacks them; in
    :func:`analyze` the workers have already run :func:`score_sentences`."""
    from .devices import count_devices
    from .framing import code_frames
    from .sentiment import score_sentiment
    from .topics import code_topics

    t = analysis.tables
    options = analysis.options
    for column, score in (("topic", lambda s: code_topics(s, options["codebook"], model=options.get("topic_model"))),
                          ("sentiment", lambda s: score_sentiment(s, lexicon=options.get("tone_lexicon"),
                                                                  model=options.get("tone_model"))),
                          ("frame", lambda s: code_frames(s, options.get("frames"), model=options.get("frame_model"))),
                          ("dev_we", count_devices)):
        if column not in t["sentences"].columns:
            t["sentences"] = score(t["sentences"])


def _documents_step(analysis: Analysis) -> None:
    """The tables grouped by document (:func:`document_tables`) that are missing; in :func:`analyze` the
    workers have already built them."""
    from .schema import conform

    t = analysis.tables
    missing = [name for name in _DOCUMENT_TABLES if name not in t] + \
        (["turns"] if "topic" not in t["turns"].columns else [])
    if missing:
        built = document_tables(t["sentences"], t["turns"])
        for name in missing:
            t[name] = conform(name, built[name])


def _sentiment_step(analysis: Analysis) -> None:
    """Sentiment aggregated by topic over the whole corpus."""
    from .schema import conform
    from .sentiment import sentiment_by

    t = analysis.tables
    t["sentiment_by_topic"] = conform("sentiment_by_topic", sentiment_by(t["sentences"], "topic"))


def _frames_step(analysis: Analysis) -> None:
    """Frames by topic and by speaker, with residuals over the whole corpus."""
    from .framing import frames_by
    from .schema import conform

    t = analysis.tables
    t["frames_by_topic"] = conform("frames_by_topic", frames_by(t["sentences"], "topic"))
    t["frames_by_speaker"] = conform("frames_by_speaker", frames_by(t["sentences"], ["doc_id", "speaker"]))


def _keywords_step(analysis: Analysis) -> None:
    """Keywords across documents: TF-IDF terms by speaker, keyness by topic, collocations."""
    from . import keywords
    from .keywords import collocations, keyness, tfidf_terms
    from .schema import conform

    t = analysis.tables
    s = t["sentences"]
    t["keywords_by_speaker"] = conform("keywords_by_speaker", tfidf_terms(s, ["doc_id", "speaker"], n=20))
    t["keyness_by_topic"] = conform("keyness_by_topic", keyness(s, "topic", n=50))
    t["collocations"] = conform("collocations", collocations(s, min_count=2, n=200))
    keywords._last_words = None   # the three calls above shared one tokenisation; release it


def score_sentences(sentences: pd.DataFrame, codebook, tone_lexicon=None, frames=None, tone_model=None,
                    frame_model=None, topic_model=None) -> pd.DataFrame:
    """The per-sentence analyses of a sentence table: topics (with each document's context), sentiment,
    frames and discourse devices, with the topic ``codebook``, the ``tone_lexicon``, the ``frames``
    dictionary (``None``: the shipped one), the ``tone_model``, the ``frame_model`` and the ``topic_model``
    (``None``: the shipped ones, see :func:`toolkit.sentiment.score_sentiment`, :func:`toolkit.framing.code_frames`
    and :func:`toolkit.topics.code_topics`). :func:`analyze` runs it on batches of documents, in parallel
    worker processes when there are several; the corpus steps then aggregate."""
    from .devices import count_devices
    from .framing import code_frames
    from .sentiment import score_sentiment
    from .topics import code_topics

    return count_devices(code_frames(score_sentiment(code_topics(sentences, codebook, model=topic_model),
                                                     lexicon=tone_lexicon,
                                                     model=tone_model), frames, model=frame_model))


def document_tables(sentences: pd.DataFrame, turns: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables that are grouped by document, from the scored sentences and the turns of one document or of
    several.

    For any set of documents each table holds exactly the rows it would hold in the table of a whole corpus
    (tested), so :func:`analyze` builds them in the workers, batch by batch, and the main process only
    concatenates: ``turns`` (with topics), ``segments``, ``topics_by_speaker``, ``sentiment_by_speaker``,
    ``devices_by_speaker``, ``keyness_by_speaker`` (each speaker against the others of the same document),
    ``claims``, ``actors``, ``actors_by_speaker``, ``qa_pairs`` and ``turn_taking``. The tables that compare
    across documents (keyness by topic, collocations, TF-IDF, frames and sentiment by topic, frames by
    speaker) are built by the corpus steps.
    """
    from .devices import devices_by
    from .entities import actors, actors_by, claims
    from .interview import qa_pairs, turn_taking
    from .keywords import keyness
    from .sentiment import sentiment_by
    from .topics import topic_segments, topics_by_speaker, turn_topics

    turns = turn_topics(turns, sentences)
    found = actors(sentences)
    return {"turns": turns, "segments": topic_segments(sentences), "topics_by_speaker": topics_by_speaker(sentences),
            "sentiment_by_speaker": sentiment_by(sentences, ["doc_id", "speaker"]),
            "devices_by_speaker": devices_by(sentences, ["doc_id", "speaker"]),
            "keyness_by_speaker": keyness(sentences, "speaker", within="doc_id", n=50),
            "claims": claims(sentences), "actors": found,
            "actors_by_speaker": actors_by(found, ["doc_id", "speaker"]),
            "qa_pairs": qa_pairs(sentences, turns), "turn_taking": turn_taking(turns)}


#: The tables :func:`analyze` builds in the workers: the scored sentences and :func:`document_tables`.
_DOCUMENT_TABLES = ("turns", "sentences", "segments", "topics_by_speaker", "sentiment_by_speaker",
                    "devices_by_speaker", "keyness_by_speaker", "claims", "actors", "actors_by_speaker",
                    "qa_pairs", "turn_taking")
_IN_DOCUMENT_ORDER = ("turns", "sentences", "segments")   # the others are sorted by doc_id


@dataclass
class _Read:
    """One document as a worker read it: the transcript or the reading error, and the warnings raised on the
    way (re-issued by the main process, in document order)."""

    transcript: Transcript | None
    warnings: list[Warning]
    error: TranscriptError | None = None


def _read_document(item, encoding, speakers) -> _Read:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            t = item if isinstance(item, Transcript) else read_transcript(item, encoding=encoding,
                                                                          speakers=speakers)
        except TranscriptError as exc:
            return _Read(None, [w.message for w in caught], exc)
    return _Read(t, [w.message for w in caught])


def _analyse_many(args: tuple) -> tuple[list[_Read], dict[str, pd.DataFrame], list[Warning], Any]:
    """Read a batch of documents (paths or :class:`Transcript` objects), then score their sentences
    (:func:`score_sentences`) and build :func:`document_tables` for the batch at once.

    Every sentence analysis, topics included (their context rules stop at document boundaries), and every
    table of :func:`document_tables` (each is grouped by document) gives for a batch exactly the rows it gives
    for each of its documents, so batching changes no number; it saves the per-call overheads of pandas, and
    the main process receives a few large tables rather than thousands of small ones. Also returns the words
    of the batch's spoken sentences (:func:`toolkit.keywords.spoken_words`), which the keyword tables by
    speaker have just read: merged, they spare the corpus keyword tables reading every sentence again."""
    import warnings

    from .keywords import spoken_words

    items, (codebook, tone_lexicon, frames, tone_model, frame_model, topic_model), encoding, speakers = args
    read = [_read_document(i, encoding, speakers) for i in items]
    ok = [r.transcript for r in read if r.transcript is not None]
    tables: dict[str, pd.DataFrame] = {}
    words = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if ok:
            sentences = score_sentences(pd.concat([t.sentences for t in ok], ignore_index=True), codebook,
                                        tone_lexicon, frames, tone_model, frame_model, topic_model)
            tables = {"sentences": sentences,
                      **document_tables(sentences, pd.concat([t.turns for t in ok], ignore_index=True))}
            words = spoken_words(sentences)   # read by keyness_by_speaker: merged for the corpus keyword tables
    return read, tables, [w.message for w in caught], words


def _analyse_documents(items: list, dictionaries: tuple, *, encoding, speakers, workers: int, progress: bool,
                       engine: str = "local", scheduler=None, pool=None
                       ) -> tuple[list[_Read], list[dict[str, pd.DataFrame]], list[Warning], Any]:
    """:func:`_analyse_many` for batches of the items (paths or :class:`Transcript` objects): every document
    as read, in input order; the tables of each batch; the warnings of the analyses; and the words of all
    the spoken sentences (:func:`toolkit.keywords.merge_words`). ``dictionaries`` is ``(topic codebook,
    tone lexicon, frame dictionary, tone model, frame model, topic model)``, loaded (a model: ``False`` for none; a model
    read from a file goes to local worker processes as its path, and each reads it once).

    The batches go to ``pool`` (a process pool, see :func:`_worker_pool`) when there is one; with
    ``engine="dask"`` they go to a Dask cluster; else they are analysed here, one after the other. The tables
    are the same either way."""
    dictionaries = (*dictionaries[:3], *(_model_reference(m, engine) for m in dictionaries[3:]))
    jobs = [(batch, dictionaries, encoding, speakers) for batch in _batches(items, workers)]
    bar = _bar(progress, "analysing documents", "doc", len(items))
    if engine == "dask":
        batches = _on_dask(jobs, workers, scheduler, bar)
    elif pool is None:
        batches = []
        for job in jobs:
            batches.append(_analyse_many(job))
            bar.update(len(job[0]))
    else:
        from concurrent.futures import as_completed

        # the largest batches first, so that the workers finish at nearly the same time; results in input order
        futures = {pool.submit(_analyse_many, jobs[i]): i
                   for i in sorted(range(len(jobs)), key=lambda i: -_batch_size(jobs[i][0]))}
        found: dict[int, Any] = {}
        for future in as_completed(futures):
            found[futures[future]] = future.result()
            bar.update(len(jobs[futures[future]][0]))
        batches = [found[i] for i in range(len(jobs))]
    bar.close()
    from .keywords import merge_words

    return ([r for read, _, _, _ in batches for r in read], [tables for _, tables, _, _ in batches if tables],
            [w for _, _, caught, _ in batches for w in caught],
            merge_words([words for _, _, _, words in batches if words is not None]))


def _model_reference(model, engine: str):
    """What the document jobs carry of a tone, frame or topic model: its file's path when the workers can read the
    file (local processes; on a Dask cluster, only the shipped models, which every installed toolkit has),
    so that each worker reads it once instead of unpickling it with every batch; else the model itself."""
    path = getattr(model, "path", None)
    if path is None:
        return model
    if engine == "dask":
        from .frame_model import default_frame_model_path
        from .tone_model import default_tone_model_path
        from .topic_model import default_topic_model_path

        if Path(path).resolve() not in (default_tone_model_path().resolve(), default_frame_model_path().resolve(),
                                        default_topic_model_path().resolve()):
            return model
        return "shipped"
    return str(path)


def _batch_size(items: list) -> int:
    """How much text a batch holds (bytes of its files, characters of its transcripts), to start the largest
    first."""
    size = 0
    for item in items:
        try:
            size += len(item.text) if isinstance(item, Transcript) else os.path.getsize(item)
        except OSError:   # reported when the file is read
            pass
    return size


def _batches(items: list, workers: int) -> list[list]:
    """The items in batches of up to 25, at least four batches per worker when there are enough items."""
    size = max(1, min(25, -(-len(items) // (max(workers, 1) * 4))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _worker_pool(workers: int, n_items: int):
    """A pool of ``workers`` processes (forked where the platform can) for the document batches, or ``None``
    when the work runs in this process (one worker, or a single batch)."""
    n_batches = len(_batches(list(range(n_items)), workers))
    if workers <= 1 or n_batches < 2:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=min(workers, n_batches), mp_context=context, initializer=_worker_start)


def _worker_start() -> None:
    """Set up a worker process: Python's cyclic garbage collector leaves alone the objects the worker starts
    with (:func:`gc.freeze`) and runs a young collection every 10,000 allocations rather than 700. The
    analyses make millions of short-lived objects but almost no reference cycles, and the collections each
    walked the growing caches: this took 14% off the workers' time on 115 White House briefings, and changes
    no result (reference counting still frees every object as soon as it is unused)."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _on_dask(batches: list, workers: int, scheduler, bar) -> list:
    """:func:`_analyse_many` of every batch on Dask: the cluster at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``, or a ``distributed.Client``), else a local cluster of ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ToolkitValueError("engine='dask' needs Dask: pip install 'discourse-toolkit[dask]' "
                                "(or pip install 'dask[distributed]').") from None
    own_cluster = own_client = None
    if isinstance(scheduler, Client):
        client = scheduler
    else:
        if scheduler is None:
            own_cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                                       dashboard_address=None)
            scheduler = own_cluster
        try:
            client = own_client = Client(scheduler)
        except (OSError, TimeoutError) as exc:
            if own_cluster is not None:
                own_cluster.close()
            raise ToolkitValueError(f"engine='dask': cannot reach the Dask scheduler at {scheduler} ({exc}). "
                                    "Start one with `dask scheduler` and workers with `dask worker ADDRESS`, "
                                    "or leave out the scheduler to use a local cluster.") from None
    try:
        futures = client.map(_analyse_many, batches, pure=False)
        size = {f.key: len(b[0]) for f, b in zip(futures, batches, strict=True)}
        for done in as_completed(futures):
            bar.update(size[done.key])
        return client.gather(futures)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    return schema.conform(name, pd.concat(frames, ignore_index=True)) if frames else \
        schema.conform(name, pd.DataFrame(columns=schema.columns(name)))


#: The analysis steps, in order. Each adds columns or tables (see module docstring).
STEPS: list[tuple[str, Step]] = [("sentences", _sentences_step),
                                 ("documents", _documents_step),
                                 ("sentiment", _sentiment_step), ("frames", _frames_step),
                                 ("keywords", _keywords_step)]

#: The corpus steps that read the sentence table and add tables of their own, in the order they are handed
#: to worker processes (the longest first: on the White House corpus the sentiment bootstrap by topic takes
#: about 3.5 s, the keyword tables 3 s, frames 0.4 s). With several workers :func:`analyze` runs them side by
#: side (tested: the same tables as one process gives).
_SIDE_BY_SIDE: tuple[str, ...] = ("sentiment", "keywords", "frames")
_STEP_INPUT: dict[str, Any] = {}   # what forked step processes read (inherited from this one, never sent)


def _run_step(name: str) -> tuple[dict[str, pd.DataFrame], list[Warning]]:
    """Run the step named ``name`` on the analysis in :data:`_STEP_INPUT` (in a forked worker process);
    return the tables it adds and the warnings it raised."""
    import warnings

    _release_memory()   # what this process's previous step freed goes back first
    analysis = _STEP_INPUT["analysis"]
    own = Analysis(transcripts=[], tables={"sentences": analysis.sentences}, options=analysis.options)
    if name == "keywords":
        from .keywords import remember_words

        remember_words(own.sentences, _STEP_INPUT["words"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dict(STEPS)[name](own)
    return {k: v for k, v in own.tables.items() if k != "sentences"}, [w.message for w in caught]


def _run_steps(analysis: Analysis, workers: int, progress: bool, words=None) -> None:
    """Run :data:`STEPS` on ``analysis``, in order. With ``workers`` > 1 (and where processes can be forked)
    the steps of :data:`_SIDE_BY_SIDE` run at the same time in that many forked processes, which start with
    this process's memory, so nothing is copied to them; their tables are added in the order of
    :data:`STEPS`. ``words``: the words of the spoken sentences, from the workers, for the keyword step."""
    import multiprocessing
    import warnings

    names = [name for name, _ in STEPS]
    side = [name for name in _SIDE_BY_SIDE if name in names]
    if workers <= 1 or not side or "fork" not in multiprocessing.get_all_start_methods():
        side = []
    bar = _bar(progress, "corpus tables", "step", len(STEPS))
    futures: dict[str, Any] = {}
    pool = None
    try:
        _release_memory()
        for name, step in STEPS:
            if name in side:
                if pool is None:   # the first of them: every step before it has run
                    from concurrent.futures import ProcessPoolExecutor

                    _STEP_INPUT.update(analysis=analysis, words=words)
                    pool = ProcessPoolExecutor(max_workers=min(workers, len(side)), initializer=_worker_start,
                                               mp_context=multiprocessing.get_context("fork"))
                    futures = {n: pool.submit(_run_step, n) for n in side}
                tables, caught = futures[name].result()
                for w in caught:
                    warnings.warn(w, stacklevel=4)
                analysis.tables.update(tables)
            else:
                if name == "keywords":
                    from .keywords import remember_words

                    remember_words(analysis.sentences, words)
                before = dict(analysis.tables)
                step(analysis)
                if any(analysis.tables.get(k) is not v for k, v in before.items()) or analysis.tables.keys() - before:
                    _release_memory()   # what the step replaced goes back before the next step
            bar.update(1)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _STEP_INPUT.clear()
        bar.close()


def find_transcripts(inputs: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """Expand files, folders and glob patterns into a sorted list of transcript files.

    Folders are searched recursively for ``.txt``, ``.md``, ``.text`` and
    ``.markdown`` files; files named README, SOURCE, LICENSE, CHANGELOG or
    NOTES and hidden files are skipped (they describe a corpus). Files named
    explicitly are always read.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    files: list[Path] = []
    for item in inputs:
        if not isinstance(item, (str, os.PathLike)):
            raise ToolkitTypeError(f"Inputs must be paths (str or pathlib.Path); got {type(item).__name__}.")
        p = Path(item)
        if p.is_dir():
            found = [f for f in sorted(p.rglob("*"))
                     if f.is_file() and f.suffix.lower() in TRANSCRIPT_SUFFIXES
                     and f.stem.lower() not in SKIPPED_STEMS
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            if not found:
                raise TranscriptNotFoundError(p, f"the folder holds no transcript files "
                                                 f"({', '.join(TRANSCRIPT_SUFFIXES)}).")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        elif glob.has_magic(str(item)):
            matched = sorted(Path(m) for m in glob.glob(str(item), recursive=True) if Path(m).is_file())
            if not matched:
                raise TranscriptNotFoundError(item, "the pattern matches no files.")
            files.extend(matched)
        else:
            raise TranscriptNotFoundError(p, "no such file or folder.")
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def read_corpus(inputs, *, encoding: str | None = None, speakers=None,
                progress: bool | None = None) -> list[Transcript]:
    """Read every transcript in ``inputs`` (files, folders, glob patterns).

    Every file is tried; if any cannot be read, one :class:`CorpusError`
    lists each file with its problem. Two files that would get the same
    ``doc_id`` are refused. ``progress`` shows a progress bar on stderr
    (default: on for 20 files or more).
    """
    files = _corpus_files(inputs)
    if progress is None:
        progress = len(files) >= 20
    out: list[Transcript] = []
    failed: list[TranscriptError] = []
    for f in _progress(files, progress, "reading", "file"):
        try:
            out.append(read_transcript(f, encoding=encoding, speakers=speakers))
        except TranscriptError as exc:
            failed.append(exc)
    _raise_failed(failed, len(files))
    return out


def _corpus_files(inputs) -> list[Path]:
    """:func:`find_transcripts`, refusing two files that would get the same ``doc_id``."""
    files = find_transcripts(inputs)
    by_id: dict[str, Path] = {}
    for f in files:
        if f.stem in by_id:
            raise TranscriptError(f, f"has the same doc_id {f.stem!r} as {by_id[f.stem]}; "
                                     "rename one of them (doc_id is the file name without extension).")
        by_id[f.stem] = f
    return files


def _raise_failed(failed: list[TranscriptError], n_files: int) -> None:
    """Raise the one error of a one-file corpus, or a :class:`CorpusError` listing every file that failed."""
    if len(failed) == 1 and n_files == 1:
        raise failed[0]
    if failed:
        raise CorpusError(failed, n_files=n_files)


def _documents_row(t: Transcript) -> dict[str, Any]:
    meta = t.metadata
    return {
        "doc_id": t.doc_id,
        "path": t.path.as_posix() if t.path is not None else "",
        "sha256": t.sha256, "n_bytes": t.n_bytes, "encoding": t.encoding,
        "n_chars": len(t.text), "front_matter_end": t.front_matter_end,
        "n_speakers": len(t.speakers), "n_turns": len(t.turns), "n_sentences": len(t.sentences),
        "n_words": int(t.turns["n_words"].sum()),
        "title": str(meta.get("title", "") or ""), "date": str(meta.get("date", "") or ""),
        "metadata": json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str),
    }


def _shipped_data_hashes() -> dict[str, str]:
    """SHA-256 of the word lists and dictionaries the analyses read (for the manifest)."""
    from importlib import resources
    folder = resources.files("toolkit").joinpath("data")
    return {name: hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest()
            for name in ("abbreviations.txt", "sentence_starters.txt", "stopwords_en.txt", "tone.yaml",
                         "frames.yaml", "devices.yaml", "actors.yaml")}


def analyze(inputs, *, codebook=None, encoding: str | None = None, speakers=None,
            progress: bool | None = None, docvars: Iterable[str] | None = None, text: str = "text",
            doc_id: str = "doc_id", workers: int | None = None, engine: str = "local",
            scheduler=None, tone_lexicon=None, frames=None, tone_model=None, frame_model=None,
            topic_model=None) -> Analysis:
    """Run the full analysis on files, folders, glob patterns, read transcripts or a DataFrame of texts.

    ``inputs`` may be a path, a glob pattern, a list of them, a
    :class:`Transcript` or a list of them, or a pandas DataFrame with one
    transcript per row: its ``text`` column holds the transcript, its
    ``doc_id`` column the identifier (default: ``doc1``, ``doc2``, ...), and
    every other column is document metadata (``date``, ``party``, ...).
    ``codebook`` is a topic codebook file (default: the shipped one, see
    :mod:`toolkit.codebook`); ``tone_lexicon`` a tone lexicon (topics
    ``positive`` and ``negative``; default: the shipped ``tone.yaml``) and
    ``frames`` a frame dictionary (default: the shipped ``frames.yaml``), in
    the same format. ``tone_model`` is the tone model that gives the
    ``sentiment`` label (:mod:`toolkit.tone_model`): by default the shipped
    one (with your own ``tone_lexicon``: none), ``"shipped"``, a saved model's
    path or a :class:`~toolkit.tone_model.ToneModel`; ``"none"`` (``False``):
    the tone lexicon's rule gives ``sentiment``. ``frame_model`` is the frame
    model that gives the ``frame`` label (:mod:`toolkit.frame_model`), in the
    same way: by default the shipped one (with your own ``frames``: none), and
    ``topic_model`` the topic model that gives the ``topic`` label
    (:mod:`toolkit.topic_model`; with your own ``codebook``: none).
    ``docvars`` names document variables (metadata
    keys from sidecars, front matter or DataFrame columns) to add, right after
    ``doc_id``, to every table that has a ``doc_id``, for grouping by year,
    party or role across the corpus (empty where a document lacks one).
    ``progress`` shows a progress bar on stderr (default: on for 20
    documents or more). ``workers`` is the number of processes that score
    documents (default: one per core for 8 documents or more, else 1); the
    tables are the same whatever the number. ``engine="dask"`` scores the
    documents on a Dask cluster instead: the one at ``scheduler`` (an address
    such as ``"tcp://10.0.0.5:8786"`` or a ``distributed.Client``), or a local
    cluster of ``workers`` processes; the tables are the same as the local
    engine's. Returns an :class:`Analysis` whose ``tables`` are the tables
    ``analyze`` writes.
    """
    check_option(engine, {"local", "dask"}, name="engine", func="analyze")
    if scheduler is not None and engine != "dask":
        raise ToolkitValueError("analyze(): a `scheduler` is only used with engine='dask' (--engine dask); "
                                f"got scheduler={scheduler!r} with engine={engine!r}.")
    from .topics import as_codebook

    from .framing import as_frames
    from .sentiment import as_tone_lexicon

    # a bad codebook, lexicon, frame dictionary or tone model fails before any transcript is read
    dictionaries = (as_codebook(codebook), as_tone_lexicon(tone_lexicon), as_frames(frames))
    model = _tone_model_option(tone_model, dictionaries[1])
    frame = _frame_model_option(frame_model, dictionaries[2])
    topic = _topic_model_option(topic_model, dictionaries[0])
    dictionaries = (*dictionaries, *(m if m is not None else False for m in (model, frame, topic)))
    if isinstance(inputs, (list, tuple)) and not inputs:
        raise ToolkitValueError("analyze() got no inputs: pass transcript files, folders, glob patterns "
                                "or Transcript objects.")
    docvars = _check_docvars(docvars)
    if isinstance(inputs, pd.DataFrame):
        items: list = read_dataframe(inputs, text=text, doc_id=doc_id, speakers=speakers, progress=progress)
    elif isinstance(inputs, Transcript):
        items = [inputs]
    elif isinstance(inputs, list) and inputs and all(isinstance(t, Transcript) for t in inputs):
        items = list(inputs)
        ids = [t.doc_id for t in items]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ToolkitValueError(f"analyze() got several transcripts with the same doc_id: {dup}.")
    elif engine == "dask":   # read here: the cluster's workers need the toolkit, not the files
        items = read_corpus(_corpus_files(inputs), encoding=encoding, speakers=speakers, progress=progress)
    else:                    # read in the worker processes, with the rest of each document's work
        items = _corpus_files(inputs)
    if progress is None:
        progress = len(items) >= 20
    if workers is None:
        workers = (os.cpu_count() or 1) if len(items) >= 8 else 1
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ToolkitValueError(f"The `workers` parameter of analyze() must be a positive integer; got {workers!r}.")
    # Each document is read (files are read in the workers too), scored and given its per-document tables
    # on its own; every file is tried, and reading errors are raised together before anything is returned.
    pool = _worker_pool(workers, len(items)) if engine == "local" else None
    try:
        return _analyse(items, dictionaries, (codebook, tone_lexicon, frames), docvars, encoding=encoding,
                        speakers=speakers, workers=workers, progress=progress, engine=engine, scheduler=scheduler,
                        pool=pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _tone_model_option(tone_model, lexicon):
    """The :class:`~toolkit.tone_model.ToneModel` that ``analyze(tone_model=...)`` asks for, or ``None``."""
    from .tone_model import ToneModel, as_tone_model

    if not (tone_model is None or isinstance(tone_model, (bool, str, os.PathLike, ToneModel))):
        raise ToolkitTypeError("The `tone_model` parameter of analyze() must be 'shipped', 'none', a saved "
                               f"model's path or a ToneModel; got {type(tone_model).__name__}.")
    return as_tone_model(tone_model, lexicon, func="analyze")


def _frame_model_option(frame_model, frames):
    """The :class:`~toolkit.frame_model.FrameModel` that ``analyze(frame_model=...)`` asks for, or ``None``."""
    from .frame_model import FrameModel, as_frame_model

    if not (frame_model is None or isinstance(frame_model, (bool, str, os.PathLike, FrameModel))):
        raise ToolkitTypeError("The `frame_model` parameter of analyze() must be 'shipped', 'none', a saved "
                               f"model's path or a FrameModel; got {type(frame_model).__name__}.")
    return as_frame_model(frame_model, frames, func="analyze")


def _topic_model_option(topic_model, codebook):
    """The :class:`~toolkit.topic_model.TopicModel` that ``analyze(topic_model=...)`` asks for, or ``None``."""
    from .topic_model import TopicModel, as_topic_model

    if not (topic_model is None or isinstance(topic_model, (bool, str, os.PathLike, TopicModel))):
        raise ToolkitTypeError("The `topic_model` parameter of analyze() must be 'shipped', 'none', a saved "
                               f"model's path or a TopicModel; got {type(topic_model).__name__}.")
    return as_topic_model(topic_model, codebook, func="analyze")


def _model_record(model, default: Path, none: str) -> dict:
    """What the manifest records of a tone or frame model: where it is (``default``: the shipped one), its file's
    hash and what it was trained on; ``none`` says what gives the label without one."""
    if model is None:
        return {"path": f"none ({none})", "sha256": "", "trained_on": ""}
    if model.path is None:
        return {"path": "(given as an object)", "sha256": "", "trained_on": model.info.get("trained_on", "")}
    p = Path(model.path)
    return {"path": f"(shipped) toolkit/data/{default.name}" if p.resolve() == default.resolve() else p.as_posix(),
            "sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "trained_on": model.info.get("trained_on", "")}


def _analyse(items: list, dictionaries: tuple, given: tuple, docvars: list[str], *, encoding, speakers,
             workers: int, progress: bool, engine: str, scheduler, pool) -> Analysis:
    """The body of :func:`analyze`, once its arguments are checked: ``dictionaries`` are the loaded topic
    codebook, tone lexicon, frame dictionary, tone model, frame model and topic model (``False``: none), ``given``
    what the caller
    passed for the first three."""
    from .frame_model import default_frame_model_path
    from .tone_model import default_tone_model_path
    from .topic_model import default_topic_model_path

    done, parts, caught, words = _analyse_documents(items, dictionaries, encoding=encoding, speakers=speakers,
                                                    workers=workers, progress=progress, engine=engine,
                                                    scheduler=scheduler, pool=pool)
    if pool is not None:
        # the document workers are done: their memory (caches and all; 260 MB each on the White House corpus)
        # goes back before the batches' tables are put together
        pool.shutdown()
    import warnings
    for w in [w for d in done for w in d.warnings] + caught:
        warnings.warn(w, stacklevel=3)
    _raise_failed([d.error for d in done if d.error is not None], len(items))
    transcripts = [d.transcript for d in done]
    tables = {"documents": schema.conform("documents", pd.DataFrame([_documents_row(t) for t in transcripts],
                                                                    columns=schema.columns("documents"))),
              "speakers": _concat("speakers", [t.speakers for t in transcripts])}
    ids = [t.doc_id for t in transcripts]
    for name in _DOCUMENT_TABLES:   # in document order, or sorted by doc_id as the corpus functions sort them
        table = _concat(name, [p.pop(name) for p in parts])
        if name not in _IN_DOCUMENT_ORDER and ids != sorted(ids):
            table = table.sort_values("doc_id", kind="stable", ignore_index=True)
        tables[name] = table
    del done, parts
    analysis = Analysis(
        transcripts=transcripts, tables=tables,
        parameters={"encoding": encoding, "speakers": speakers,
                    **{key: _dictionary_record(d, g, shipped) for key, d, g, shipped in zip(
                        ("codebook", "tone_lexicon", "frames"), dictionaries[:3], given,
                        ("topics.yaml", "tone.yaml", "frames.yaml"), strict=True)},
                    "shipped_data": _shipped_data_hashes(),
                    "tone_model": _model_record(dictionaries[3] or None, default_tone_model_path(),
                                                "the tone lexicon's rule gives sentiment"),
                    "frame_model": _model_record(dictionaries[4] or None, default_frame_model_path(),
                                                 "the frame dictionary's primary frame is frame"),
                    "topic_model": _model_record(dictionaries[5] or None, default_topic_model_path(),
                                                 "the codebook's primary topic is topic")},
        options=dict(zip(("codebook", "tone_lexicon", "frames", "tone_model", "frame_model", "topic_model"),
                         dictionaries,
                         strict=True)))
    _run_steps(analysis, workers if pool is not None else 1, progress, words)
    order = ["documents", "speakers", "turns", "sentences", *schema.TABLES]
    analysis.tables = {name: analysis.tables[name] for name in dict.fromkeys([*order, *analysis.tables])
                       if name in analysis.tables}
    if docvars:
        found = {k for t in transcripts for k in t.metadata}
        unknown = [k for k in docvars if k not in found]
        if unknown:
            raise ToolkitValueError(f"analyze(): no document has the metadata key(s) {unknown} named in `docvars`"
                                    f" (--docvars); the documents' keys are {sorted(found) or 'none'}.")
        analysis.parameters["docvars"] = docvars
        add_docvars(analysis, docvars)
    return analysis


def _dictionary_record(d, given, shipped: str) -> dict:
    """What the manifest records of a topic codebook, tone lexicon or frame dictionary: name, version, hash and
    path (``(shipped) toolkit/data/...`` when the caller gave none)."""
    path = f"(shipped) toolkit/data/{shipped}" if given is None else \
        Path(d.path).as_posix() if d.path is not None else "(given as an object)"
    return {"name": d.name, "version": d.version, "sha256": d.sha256, "path": path}


def _release_memory() -> None:
    """Hand memory that has been freed back to the operating system, so that the next step's arrays (numpy,
    through malloc) can use it: pyarrow's pool (where pandas keeps string columns) and glibc's heap keep freed
    memory for themselves otherwise. On the White House corpus this kept the peak about 130 MB lower
    (1.72 GB, not 1.86 GB)."""
    import gc

    gc.collect()
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):   # not glibc
            pass


def _check_docvars(docvars) -> list[str]:
    if docvars is None:
        return []
    names = [docvars] if isinstance(docvars, str) else list(docvars)
    if not all(isinstance(n, str) and n for n in names):
        raise ToolkitTypeError(f"The `docvars` parameter of analyze() must be a list of metadata keys; "
                               f"got {docvars!r}.")
    clash = sorted({n for n in names for t, cols in schema.TABLES.items() if t != "documents"
                    for c in cols if c.name == n})
    if clash:
        raise ToolkitValueError(f"The `docvars` parameter of analyze() names {clash}, which are already columns "
                                f"of the output tables; rename those metadata keys.")
    return list(dict.fromkeys(names))


def add_docvars(analysis: Analysis, docvars: Iterable[str]) -> None:
    """Add document variables (metadata keys) right after ``doc_id`` in every table that has one."""
    docs = analysis.tables["documents"]
    meta = [json.loads(m) for m in docs["metadata"]]
    values = pd.DataFrame({"doc_id": docs["doc_id"],
                           **{k: ["" if m.get(k) is None else str(m.get(k)) for m in meta] for k in docvars}})
    for name, table in analysis.tables.items():
        if name == "documents" or "doc_id" not in table.columns:
            continue
        merged = table.merge(values, on="doc_id", how="left", sort=False)
        merged[list(docvars)] = merged[list(docvars)].fillna("")
        at = list(table.columns).index("doc_id") + 1
        cols = [*table.columns[:at], *docvars, *table.columns[at:]]
        analysis.tables[name] = merged[cols]


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(show: bool, desc: str, unit: str, total: int):
    """A tqdm progress bar on stderr when ``show``, else one that shows nothing."""
    if not show:
        return _NoBar()
    from tqdm import tqdm
    return tqdm(desc=desc, unit=unit, file=sys.stderr, leave=False, total=total)


def _progress(items, show: bool, desc: str, unit: str):
    """``items`` with a tqdm progress bar on stderr when ``show``."""
    if not show:
        return items
    from tqdm import tqdm
    return tqdm(items, desc=desc, unit=unit, file=sys.stderr, leave=False)


def read_dataframe(df: pd.DataFrame, *, text: str = "text", doc_id: str = "doc_id", speakers=None,
                   progress: bool | None = None) -> list[Transcript]:
    """Read a DataFrame with one transcript per row (see :func:`analyze`); other columns become metadata."""
    if text not in df.columns:
        raise ToolkitValueError(f"analyze() got a DataFrame without a {text!r} column holding the transcripts; "
                                f"its columns are {list(df.columns)} (name the column with text=...).")
    if doc_id in df.columns and df[doc_id].isna().any():
        rows = [str(i) for i in df.index[df[doc_id].isna()][:10]]
        raise ToolkitValueError(f"analyze(): the {doc_id!r} column has missing values (rows {', '.join(rows)}); "
                                "give every row an id, or leave out the column to number the rows.")
    ids = [str(v) for v in df[doc_id]] if doc_id in df.columns else [f"doc{i}" for i in range(1, len(df) + 1)]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ToolkitValueError(f"analyze(): the {doc_id!r} column repeats {dup[:10]}; each row needs its own id.")
    meta_cols = [c for c in df.columns if c not in (text, doc_id)]
    whole = {c: df[c].astype("Int64") for c in meta_cols if _whole_numbers(df[c])}   # 2019, not 2019.0
    if progress is None:
        progress = len(df) >= 20
    out, failed = [], []
    for i, (ident, body) in enumerate(_progress(list(zip(ids, df[text])), progress, "reading", "doc")):
        meta = {c: _plain(whole[c].iloc[i] if c in whole else df[c].iloc[i]) for c in meta_cols}
        meta = {k: v for k, v in meta.items() if v is not None}
        if _plain(body) is None:
            failed.append(TranscriptError(f"row {ident!r}", f"the {text!r} cell is missing: there is no transcript "
                                                            f"to read."))
            continue
        if not isinstance(body, str):
            failed.append(TranscriptError(f"row {ident!r}", f"the {text!r} cell is not text ({type(body).__name__})."))
            continue
        if not body.strip():
            failed.append(TranscriptError(f"row {ident!r}", f"the {text!r} cell is empty: there is no transcript to "
                                                            f"read."))
            continue
        try:
            out.append(read_transcript(body.encode("utf-8"), doc_id=ident, metadata=meta, speakers=speakers))
        except TranscriptError as exc:
            failed.append(TranscriptError(f"row {ident!r}", exc.problem))
    if failed:
        raise CorpusError(failed, n_files=len(df))
    return out


def _whole_numbers(column: pd.Series) -> bool:
    """Whether a float column holds whole numbers and missing values only (a column of years with a gap)."""
    if not pd.api.types.is_float_dtype(column) or not column.notna().any():
        return False
    values = column.dropna()
    return bool(((values % 1) == 0).all() and (values.abs() < 2**53).all())


def _plain(value):
    """A DataFrame cell as a JSON-friendly value (NaN, NaT and NA as missing)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT or value is pd.NA:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if getattr(value, "hour", 0) == 0 and getattr(value, "minute", 0) == 0 \
            else value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

#: How CSV files write floats: 10 significant digits, as ``"%.10g" % value``; missing values as empty fields.
CSV_FLOAT_FORMAT = "%.10g"
_CSV_CHUNK_ROWS = 50_000


def _write_table(df: pd.DataFrame, fh, format: str) -> None:
    """Write ``df`` to the binary file ``fh`` as CSV (in chunks of rows, so a large table is never rendered
    whole in memory) or Parquet."""
    if format == "csv":
        _write_csv(df, fh)
    else:
        df.to_parquet(fh, index=False, engine="pyarrow", compression="zstd")


def _write_csv(df: pd.DataFrame, fh) -> None:
    """``df.to_csv(fh, index=False, lineterminator="\\n", float_format=CSV_FLOAT_FORMAT, encoding="utf-8")``,
    byte for byte, several times faster for the toolkit's tables (see :func:`_csv_text`)."""
    if not (_fast_csv_agrees() and _fast_csv_covers(df)):
        _pandas_csv(df, fh)
        return
    _pandas_csv(df.iloc[:0], fh)   # the header line
    for start in range(0, len(df), _CSV_CHUNK_ROWS):
        for part in _csv_text(df.iloc[start:start + _CSV_CHUNK_ROWS]):
            fh.write(part)


def _fast_csv_covers(df: pd.DataFrame) -> bool:
    """Whether :func:`_csv_text` covers every column of ``df``: two columns or more, each ``int64``,
    ``float64``, ``bool`` or text (pyarrow ``str``) without a carriage return."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if df.shape[1] < 2:
        return False
    for i in range(df.shape[1]):
        dtype = df.dtypes.iloc[i]
        if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
            if len(df) and pc.any(pc.match_substring(pa.array(df.iloc[:, i].array), "\r")).as_py():
                return False
        elif dtype not in (np.float64, np.int64, np.bool_):
            return False
    return True


def _pandas_csv(df: pd.DataFrame, fh) -> None:
    df.to_csv(fh, index=False, lineterminator="\n", float_format=CSV_FLOAT_FORMAT, encoding="utf-8", mode="wb")


def _csv_text(df: pd.DataFrame) -> list:
    """The rows of ``df`` as pandas writes them to CSV (a list of byte buffers, without the header line), for
    a table :func:`_fast_csv_covers`.

    Each column becomes the text pandas writes for each of its values, then the columns are joined with
    commas and each row ends with a newline, all in pyarrow:

    - ``int64``: the number in decimal; ``bool``: ``True``/``False``;
    - ``float64``: ``CSV_FLOAT_FORMAT % value`` (formatted by Python, as pandas does), an empty field for NaN;
    - text (``str`` columns): the value, or an empty field when missing; in double quotes, with each double
      quote doubled, when it holds a comma, a double quote or a newline: Python's ``csv`` module's minimal
      quoting, which pandas uses. A value with a carriage return, and a table of one column (where an empty
      field is written as ``""``), are left to pandas.

    :func:`_fast_csv_agrees` checks these rules against pandas on awkward values before they are used.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    text_type = pa.large_string()
    columns = []
    for i in range(df.shape[1]):
        col = df.iloc[:, i]
        dtype = col.dtype
        if dtype == np.float64:
            fmt = CSV_FLOAT_FORMAT.__mod__
            arr = pa.array([fmt(v) if v == v else "" for v in col.to_numpy().tolist()], text_type)   # NaN: ""
        elif dtype == np.int64:
            arr = pc.cast(pa.array(col.to_numpy()), text_type)
        elif dtype == np.bool_:
            arr = pc.if_else(pa.array(col.to_numpy()), pa.scalar("True", text_type), pa.scalar("False", text_type))
        elif isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
            arr = pc.fill_null(pc.cast(pa.array(col.array), text_type), pa.scalar("", text_type))
            quoted = pc.binary_join_element_wise(pa.scalar('"', text_type), pc.replace_substring(arr, '"', '""'),
                                                 pa.scalar('"', text_type), pa.scalar("", text_type))
            arr = pc.if_else(pc.match_substring_regex(arr, '[,"\n]'), quoted, arr)
        else:
            raise TypeError(f"_csv_text(): column {i} has dtype {dtype} (see _fast_csv_covers)")
        columns.append(arr)
    lines = pc.binary_join_element_wise(*columns, pa.scalar(",", text_type))
    lines = pc.binary_join_element_wise(lines, pa.scalar("", text_type), pa.scalar("\n", text_type))
    out = []
    for chunk in (lines.chunks if isinstance(lines, pa.ChunkedArray) else [lines]):
        if len(chunk):
            offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)
            start, end = int(offsets[chunk.offset]), int(offsets[chunk.offset + len(chunk)])
            out.append(chunk.buffers()[2][start:end])
    return out


@lru_cache(maxsize=1)
def _fast_csv_agrees() -> bool:
    """Whether :func:`_csv_text` writes exactly what pandas writes, on a table of awkward values (checked once
    per process: the rules are those of this Python's ``csv`` module and this pandas)."""
    import io

    import numpy as np

    texts = ["plain", "a,b", 'say "no"', '"', "two\nlines", "", None, " spaced ", "é ’ 中", "'", "a;b", "#"]
    n = len(texts)
    probe = pd.DataFrame({
        "text": pd.Series(texts, dtype="str"),
        "int": np.array([0, -1, 2**62, -2**63, 7, 10, 100, 5, 3, 2, 1, 9], dtype=np.int64),
        "float": np.array([0.0, -0.0, float("nan"), float("inf"), -float("inf"), 1e-300, 123456789012.5,
                           0.1 + 0.2, -2.5, 1e16, 1 / 3, 5e-324], dtype=np.float64),
        "flag": np.array([True, False] * (n // 2), dtype=bool),
        "more": pd.Series(list(reversed(texts)), dtype="str")})
    fast, slow = io.BytesIO(), io.BytesIO()
    _pandas_csv(probe, slow)
    try:
        text = _csv_text(probe) if _fast_csv_covers(probe) else None
    except Exception:   # noqa: BLE001 - any failure of the fast path means: use pandas
        text = None
    if text is not None:
        _pandas_csv(probe.iloc[:0], fast)
        for part in text:
            fast.write(part)
    return text is not None and fast.getvalue() == slow.getvalue()


def _write_tables(tables: dict[str, pd.DataFrame], files: dict[str, str], format: str) -> None:
    """Write each table to its file, two at a time in threads (largest first): most of the work of writing a
    CSV is in pyarrow, which lets the other thread run meanwhile; Parquet files are written by pyarrow."""
    from concurrent.futures import ThreadPoolExecutor

    def write(name: str) -> None:
        with open(files[name], "wb") as fh:
            _write_table(tables[name], fh, format)

    _fast_csv_agrees()   # once, before the threads
    order = sorted(tables, key=lambda n: -tables[n].shape[0] * max(tables[n].shape[1], 1))
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in pool.map(write, order):
            pass


def _sha256_file(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_UMASK = os.umask(0o022)
os.umask(_UMASK)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs get the user's usual permissions
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _versions() -> dict[str, str]:
    out = {}
    for name in MANIFEST_PACKAGES:
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = ""
    return out


def _input_record(t: Transcript) -> dict[str, Any]:
    rec = {"doc_id": t.doc_id, "path": t.path.as_posix() if t.path else "", "sha256": t.sha256,
           "n_bytes": t.n_bytes, "sidecar": "", "sidecar_sha256": ""}
    if t.sidecar is not None:
        rec["sidecar"] = t.sidecar.as_posix()
        rec["sidecar_sha256"] = hashlib.sha256(t.sidecar.read_bytes()).hexdigest()
    return rec


def _previous_outputs(out: Path) -> set[str]:
    """The table files that the manifest of an earlier run in ``out`` lists (plain file names only)."""
    try:
        old = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        names = {o["file"] for o in old.get("outputs", []) if isinstance(o, dict) and isinstance(o.get("file"), str)}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return set()
    return {n for n in names if n == Path(n).name and Path(n).suffix in (".csv", ".parquet") and (out / n).is_file()}


def write_analysis(analysis: Analysis, out_dir: str | os.PathLike, *, format: str = "csv") -> list[Path]:
    """Write every table as ``<name>.csv`` (or ``<name>.parquet``) and a ``manifest.json`` to ``out_dir``.

    ``format="parquet"`` writes columnar files (pyarrow; ``pip install
    'discourse-toolkit[parquet]'``) with the same columns, smaller and faster
    to load for large corpora (CSV floats are written to 10 significant
    digits, Parquet keeps every digit). Each table is written to a hidden
    temporary file as soon as it is rendered; when all are written they are
    renamed into place, so a failure leaves no partial output. Tables that an
    earlier run wrote to the same folder (as its ``manifest.json`` lists) and
    this run does not write, such as the CSV files of a run in the other
    format, are removed, so the folder always holds one run. Returns the
    paths written.
    """
    from . import __version__

    if not isinstance(analysis, Analysis):
        raise ToolkitTypeError(f"write_analysis() expects the Analysis that analyze() returns; "
                               f"got {type(analysis).__name__}.")
    check_option(format, {"csv", "parquet"}, name="format", func="write_analysis")
    if format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ToolkitValueError("write_analysis(format='parquet') needs pyarrow: "
                                    "pip install 'discourse-toolkit[parquet]' (or pip install pyarrow).") from None
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ToolkitValueError(f"{out}: the output path exists and is not a folder.")
    # Each table is written straight to a hidden temporary file (CSV in chunks of rows, so no table is ever
    # rendered whole in memory); when every file is ready they are renamed into place, so a failure leaves
    # nothing.
    temps: list[tuple[str, Path]] = []   # (final name, temporary path)
    outputs = []

    def staged(fname: str) -> str:
        """A new hidden temporary file in ``out`` that becomes ``fname`` when everything is written."""
        fd, tmp = tempfile.mkstemp(prefix=f".{fname}.", suffix=".tmp", dir=out)
        os.close(fd)
        temps.append((fname, Path(tmp)))
        return tmp

    def finished(tmp: str) -> str:
        os.chmod(tmp, 0o666 & ~_UMASK)   # mkstemp makes 0600; outputs get the user's usual permissions
        return _sha256_file(tmp)

    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        files = {name: staged(f"{name}.{format}") for name in analysis.tables}
        _write_tables(analysis.tables, files, format)
        for name, df in analysis.tables.items():
            outputs.append({"file": f"{name}.{format}", "rows": len(df), "sha256": finished(files[name])})
        manifest = {
            "toolkit": {"name": "discourse-toolkit", "version": __version__},
            "python": platform.python_version(),
            "packages": _versions(),
            "parameters": {k: v for k, v in sorted(analysis.parameters.items())},
            "inputs": [_input_record(t) for t in analysis.transcripts],
            "outputs": outputs,
        }
        text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"
        tmp = staged("manifest.json")
        with open(tmp, "wb") as fh:
            fh.write(text.encode("utf-8"))
        finished(tmp)
        stale = _previous_outputs(out) - {fname for fname, _ in temps}
        for fname, tmp in temps:
            os.replace(tmp, out / fname)
            written.append(out / fname)
        for fname in sorted(stale):   # tables an earlier run wrote here (listed in its manifest) that this one did not
            (out / fname).unlink(missing_ok=True)
    except OSError as exc:
        raise ToolkitValueError(f"{exc.filename or out}: cannot write the output there "
                                f"({exc.strerror or exc}).") from None
    finally:
        for _, tmp in temps:
            if tmp.exists():
                tmp.unlink()
    return written
