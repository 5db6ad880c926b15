"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
INTERVIEW = RAW / "alimov_sco_interview.txt"
SHARED = ROOT.parent / "shared"
WH_CORPUS = SHARED / "corpora" / "wh_press_briefings"

needs_shared = pytest.mark.skipif(not WH_CORPUS.is_dir(),
                                  reason="../shared/corpora/wh_press_briefings is not present")


def coverage_problems(t) -> list[str]:
    """Independent check of the reader's promise: every non-space character of
    the text belongs to exactly one sentence, one label or the front matter,
    and each sentence's text is its slice of the document."""
    text = t.text
    owner = [0] * len(text)
    spans = [(0, t.front_matter_end)]
    for start, label in zip(t.turns["start"], t.turns["label"]):
        if label:
            assert text[start:start + len(label)] == label
            spans.append((start, start + len(label)))
    for s, e, sent in zip(t.sentences["start"], t.sentences["end"], t.sentences["text"]):
        if text[s:e] != sent:
            return [f"sentence at {s}:{e} is not the document slice"]
        spans.append((s, e))
    for s, e in spans:
        for i in range(s, e):
            owner[i] += 1
    problems = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if owner[i] != 1:
            problems.append(f"char {i} {ch!r} covered {owner[i]} times: ...{text[max(0, i - 20):i + 20]!r}...")
            if len(problems) > 5:
                break
    return problems


#: Validation figures measured by the tests, printed at the end of the run (see pytest_terminal_summary).
REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("agreement with human coding (measured in this run)")
        for line in REPORT:
            terminalreporter.write_line(line)


def assert_same_model_file(rebuilt: Path, shipped: Path, atol: float = 1e-6) -> None:
    """A rebuilt model file is the shipped one: every field the same (classes, vocabulary, idf, features,
    the dictionary's hash, what it was trained on), and the fitted numbers (``coef``, ``intercept``) the same
    to ``atol``. Byte for byte only with the numpy and scipy the model was built with: the solver (L-BFGS,
    scikit-learn's tolerance) stops at a slightly different point with other releases (seen on 2026-11-27:
    the tone model's numbers moved by 1e-8, the frame model's, with 15 classes, by up to 0.008)."""
    import json

    import numpy as np

    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (rebuilt, shipped))
    assert sorted(a) == sorted(b)
    for key in a:
        if key in ("coef", "intercept"):
            np.testing.assert_allclose(np.asarray(a[key]), np.asarray(b[key]), rtol=0, atol=atol, err_msg=key)
        elif key == "info":
            assert {k: v for k, v in a[key].items() if k != "scikit_learn"} == \
                   {k: v for k, v in b[key].items() if k != "scikit_learn"}
        else:
            assert a[key] == b[key], key


# --- the slow model fits, started in worker processes as soon as the tests are collected --------------------
#
# The shipped models' rebuild tests and the left-one-set-out tests fit 48 models (the frame model's 15 classes
# by 46,000 terms take about 25 s each): about 13 of make test's minutes when fitted one after the other in the
# test that needs them. Fitted in worker processes from the start of the session, beside the other tests, they
# cost the session about the time of the longest of those tests. Each job calls the toolkit's own command or
# build_project_model(..., exclude=(set,)): the test gets exactly that model, whichever process fitted it.

ANNOTATIONS = ROOT / "data" / "annotations"
MODEL_KINDS = ("frame", "tone", "topic")
_JOBS: dict[tuple, object] = {}   # job -> Future
_POOL: list = []                  # [executor, folder of the models]


def project_sets(kind: str) -> list[str]:
    """The project's coded sets, as the ``kind`` model's training finds them: the interview and each
    press-conference set of ``data/annotations`` (left out one at a time by the left-one-set-out tests)."""
    if kind == "topic":
        from toolkit.topic_model import project_topic_sets
        return ["alimov_sco_interview", *project_topic_sets(ANNOTATIONS)]
    from toolkit.supervised import project_codings
    return [name for name, _ in project_codings(ANNOTATIONS)]


def coded_set(name: str):
    """``(coding files, sentences)`` of one of :func:`project_sets` for tone and frames: every coder's sheet and
    the sentences of the set's transcripts, read as the training reads them."""
    import pandas as pd

    import toolkit

    if name == "alimov_sco_interview":
        files = [ANNOTATIONS / "alimov_sco_interview.tone_frames.csv"]
        docs = {name: ROOT / "data" / "raw" / "alimov_sco_interview.txt"}
    else:
        files = sorted(ANNOTATIONS.glob(f"{name}.tone_frames.coder_*.csv"))
        docs = {d: ANNOTATIONS / "press_conferences" / f"{d}.txt"
                for d in dict.fromkeys(pd.read_csv(files[0])["doc_id"])}
    return files, pd.concat([toolkit.read_transcript(p, doc_id=d).sentences for d, p in docs.items()],
                            ignore_index=True)


def _jobs_of(nodeid: str) -> list[tuple]:
    for kind in MODEL_KINDS:
        if nodeid == f"tests/test_{kind}_model.py::test_shipped_model_is_rebuilt":
            return [("rebuild", kind, None)]
        if nodeid == f"tests/test_{kind}_model.py::test_on_sets_it_was_not_trained_on":
            return [("fold", kind, name) for name in project_sets(kind)]
    return []


def _run_job(job: tuple, folder: str):
    """``("rebuild", kind, None)``: ``python -m toolkit.<kind>_model build data/annotations OUT`` (its exit
    code); ``("fold", kind, set)``: ``build_project_model(data/annotations, OUT, exclude=(set,))``. Returns
    ``(result, OUT)``; the toolkit's warnings are errors, as in the tests (pyproject.toml)."""
    import importlib
    import multiprocessing
    import warnings

    from threadpoolctl import threadpool_limits

    from toolkit.errors import ToolkitWarning

    what, kind, name = job
    warnings.simplefilter("error", ToolkitWarning)
    module = importlib.import_module(f"toolkit.{kind}_model")
    out = Path(folder) / f"{kind}_{what}_{name or 'all'}.json"
    # A fold takes one BLAS thread: the workers and the tests beside them share the cores (idle BLAS threads
    # spin). The rebuild runs the command as users run it, with the BLAS threads it chooses: another number of
    # threads sums in another order, and the solver stops elsewhere (the tone model's intercept moved by 1e-5).
    in_worker = multiprocessing.parent_process() is not None
    with threadpool_limits(1 if in_worker and what == "fold" else None):
        if what == "rebuild":
            return module.main(["build", str(ANNOTATIONS), str(out)]), out
        return module.build_project_model(ANNOTATIONS, out, exclude=(name,)), out


def pytest_collection_finish(session):
    jobs = [job for item in session.items for job in _jobs_of(item.nodeid)]
    if not jobs or session.config.option.collectonly:
        return
    import multiprocessing
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    only_these = all(_jobs_of(item.nodeid) for item in session.items)
    # one core is left to the other tests, unless only these run
    executor = ProcessPoolExecutor(max(1, cores if only_these else cores - 1),
                                   mp_context=multiprocessing.get_context("spawn"))
    folder = tempfile.mkdtemp(prefix="discourse-toolkit-models-")
    _POOL[:] = [executor, folder]
    for job in jobs:
        _JOBS[job] = executor.submit(_run_job, job, folder)


def pytest_sessionfinish(session):
    if _POOL:
        import shutil
        executor, folder = _POOL
        executor.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(folder, ignore_errors=True)
        _POOL.clear()
        _JOBS.clear()


def fitted(folder: Path, what: str, kind: str, name: str | None = None):
    """The result of a slow job (see :func:`_run_job`): fitted in a worker since the tests were collected, or
    now, here, into ``folder`` (the test's own) when it was not started."""
    job = (what, kind, name)
    if job in _JOBS:
        return _JOBS[job].result()
    return _run_job(job, str(folder))
