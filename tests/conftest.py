"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

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
