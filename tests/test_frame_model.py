"""The frame model (toolkit/frame_model.py): scikit-learn's numbers, the shipped model rebuilt byte for byte, its
agreement with the coders of sets it was not trained on, and which model gives ``frame``."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import REPORT, ROOT, assert_same_model_file, coded_set, fitted, project_sets
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

import toolkit
from toolkit.errors import ToolkitValueError, ToolkitWarning, TranscriptError
from toolkit.frame_model import FRAMES, default_frame_model_path, load_frame_model, train_frame_model
from toolkit.framing import code_frames
from toolkit.supervised import project_training

ANNOTATIONS = ROOT / "data" / "annotations"
ON = ("doc_id", "sentence_id")
ROLES = ("interviewer", "interviewee", "narrator", "moderator", "speaker")


def _set(name: str) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    files = sorted(ANNOTATIONS.glob(f"{name}.tone_frames.coder_*.csv"))
    codings = [pd.read_csv(f, keep_default_na=False) for f in files]
    sentences = pd.concat([toolkit.read_transcript(ANNOTATIONS / "press_conferences" / f"{d}.txt").sentences
                           for d in dict.fromkeys(codings[0]["doc_id"])], ignore_index=True)
    return sentences, codings


def _numbers(s: pd.DataFrame) -> np.ndarray:
    """The 48 numbers, computed here from the dictionary's columns (independently of the module)."""
    previous = [""] + s["frame_dictionary"].tolist()[:-1]
    same_doc = [False] + (s["doc_id"].to_numpy()[1:] == s["doc_id"].to_numpy()[:-1]).tolist()
    cols = [(s["frame_dictionary"] == f).to_numpy(float) for f in FRAMES]
    cols += [s["frames"].map(lambda x, f=f: f in x.split("|")).to_numpy(float) for f in FRAMES]
    cols += [(s["role"] == r).to_numpy(float) for r in ROLES]
    cols += [np.array([p == f and d for p, d in zip(previous, same_doc)], float) for f in FRAMES]
    cols += [(s["frame_dictionary"] == "").to_numpy(float)]
    return np.column_stack(cols)


def test_frames_are_scikit_learns_own():
    """The model's frames are those of scikit-learn's TfidfVectorizer and LogisticRegression fitted here on the
    same sentences with the numbers computed independently, by the rule: where the dictionary frames a
    sentence the most probable frame, elsewhere the most probable class ("none": no frame); also after the
    model has been saved and read again."""
    sentences, codings = _set("press_conferences_9_12")
    model = train_frame_model(sentences, pd.concat(codings, ignore_index=True), description="one set")
    s = code_frames(sentences, model=False)
    rows = pd.concat([s.merge(c[[*ON, "primary_frame"]], on=list(ON)) for c in codings], ignore_index=True)
    y = rows["primary_frame"].replace("", "none").replace("other", "none")
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = hstack([vec.fit_transform(rows["text"]), csr_matrix(_numbers(rows))]).tocsr()
    assert _numbers(rows).shape[1] == 48
    clf = LogisticRegression(C=1.0, max_iter=5000).fit(x, y)
    other = code_frames(toolkit.read_transcript(ROOT / "data" / "raw" / "alimov_sco_interview.txt").sentences,
                        model=False)
    p = clf.predict_proba(hstack([vec.transform(other["text"]), csr_matrix(_numbers(other))]).tocsr())
    classes = list(clf.classes_)
    framed = p.copy()
    framed[:, classes.index("none")] = -1
    expected = [classes[j] if d else classes[i] for i, j, d in zip(p.argmax(1), framed.argmax(1),
                                                                    other["frame_dictionary"] != "")]
    expected = ["" if e == "none" else e for e in expected]
    assert code_frames(other, model=model)["frame"].tolist() == expected
    assert model.info["n_codes"] == len(rows) and model.info["trained_on"] == "one set"


def test_saved_model_codes_the_same(tmp_path):
    sentences, codings = _set("press_conferences_9_12")
    model = train_frame_model(sentences, pd.concat(codings, ignore_index=True))
    again = load_frame_model(model.save(tmp_path / "m.json"))
    t = toolkit.read_transcript(ROOT / "data" / "raw" / "alimov_sco_interview.txt").sentences
    pd.testing.assert_frame_equal(code_frames(t, model=model), code_frames(t, model=again))
    assert code_frames(t, model=tmp_path / "m.json")["frame"].tolist() == code_frames(t, model=model)["frame"].tolist()


def test_shipped_model_is_rebuilt(tmp_path):
    """``python -m toolkit.frame_model build data/annotations OUT`` gives the shipped model (to the solver's
    precision: byte for byte with the numpy and scipy it was built with)."""
    code, out = fitted(tmp_path, "rebuild", "frame")   # that command, run in a worker (conftest.py)
    assert code == 0
    assert_same_model_file(out, default_frame_model_path(), atol=0.05)
    # the same labels, but for sentences on the edge between two frames (13 of 6,392 when first seen)
    sentences, _, _ = project_training(ANNOTATIONS, "primary_frame")
    rebuilt = code_frames(sentences, model=out)["frame"]
    shipped = code_frames(sentences, model="shipped")["frame"]
    assert (rebuilt != shipped).mean() <= 0.005
    info = json.loads(out.read_text())["info"]
    assert "press_conferences_57_60 (coders ad1, ad2)" in info["trained_on"]


def test_on_sets_it_was_not_trained_on(tmp_path):
    """Trained on every other set, the model's primary frame is among the coder's frames of the set left out
    more often than the dictionary's; the guards catch regressions (bar: 60%)."""
    guards = {"alimov_sco_interview": 0.80, "press_conferences": 0.68, "press_conferences_5_8": 0.64,
              "press_conferences_9_12": 0.68, "press_conferences_13_16": 0.72, "press_conferences_17_20": 0.62,
              "press_conferences_21_24": 0.61, "press_conferences_25_28": 0.61, "press_conferences_29_32": 0.56,
              "press_conferences_33_36": 0.59, "press_conferences_37_40": 0.64, "press_conferences_41_44": 0.52,
              "press_conferences_45_48": 0.54,
              # frozen (as the candidate "F", trained on sets 1-48) before this set was coded: 0.585 and 0.598
              "press_conferences_49_52": 0.55,
              # scored once with the model frozen before this set was coded: 0.648 and 0.658
              "press_conferences_53_56": 0.61,
              # scored once with the model frozen before this set was coded: 0.685 and 0.689
              "press_conferences_57_60": 0.65}
    assert set(guards) == set(project_sets("frame"))   # a new set needs its guard
    below = []
    for name, guard in guards.items():
        # build_project_model(ANNOTATIONS, OUT, exclude=(name,)), fitted in a worker (conftest.py)
        model, _ = fitted(tmp_path, "fold", "frame", name)
        files, s = coded_set(name)
        s = code_frames(s, model=model)
        for f in files:
            gold = pd.read_csv(f, keep_default_na=False)
            if "doc_id" not in gold:
                gold = gold.assign(doc_id=name)
            m = s.merge(gold[[*ON, "frames"]], on=list(ON), suffixes=("", "_gold"))
            framed = m[m["frames_gold"] != ""]
            share = {c: float(np.mean([p != "" and p in set(g.split("|"))
                                       for p, g in zip(framed[c], framed["frames_gold"])]))
                     for c in ("frame", "frame_dictionary")}
            coder = f.name.rsplit(".", 2)[-2].replace("coder_", "").upper() if "coder_" in f.name else "A"
            REPORT.append(f"frame model, {name} left out, vs coder {coder}: primary frame among the coder's "
                          f"for {share['frame']:.3f} (dictionary {share['frame_dictionary']:.3f}) of "
                          f"{len(framed)} framed sentences")
            if share["frame"] < guard:
                below.append(f"{name} vs {coder}: {share['frame']:.3f} (guard {guard})")
    assert not below, below   # every set is measured and reported before the test fails


def test_which_model_gives_the_frame(tmp_path):
    """code_frames(): the shipped model by default, ``model=False`` or ``"none"`` the dictionary's primary frame,
    one's own dictionary its own primary frame unless a model is asked for (then with a warning)."""
    t = toolkit.read_transcript(ROOT / "data" / "raw" / "alimov_sco_interview.txt").sentences
    shipped = code_frames(t)
    assert shipped["frame"].tolist() == code_frames(t, model="shipped")["frame"].tolist()
    assert (shipped["frame"] != shipped["frame_dictionary"]).any()
    assert ((shipped["frame"] == "") == (shipped["frame_dictionary"] == "")).mean() > 0.9
    for off in (False, "none"):
        plain = code_frames(t, model=off)
        assert plain["frame"].tolist() == plain["frame_dictionary"].tolist() == shipped["frame_dictionary"].tolist()
    own = tmp_path / "frames.yaml"
    own.write_text((ROOT / "toolkit" / "data" / "frames.yaml").read_text(encoding="utf-8") + "\n# mine\n",
                   encoding="utf-8")
    mine = code_frames(t, own)
    assert mine["frame"].tolist() == mine["frame_dictionary"].tolist()
    with pytest.warns(ToolkitWarning, match="not the one the model was trained with"):
        code_frames(t, own, model="shipped")
    with pytest.raises(ToolkitValueError, match="a frame model is 'shipped', 'none'"):
        code_frames(t, model=3)
    with pytest.raises(TranscriptError, match="frame model file not found"):
        code_frames(t, model=tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text('{"format": "discourse-toolkit tone model"}', encoding="utf-8")
    with pytest.raises(TranscriptError, match="is not a frame model"):
        load_frame_model(tmp_path / "bad.json")
    with pytest.raises(TranscriptError, match="is a folder"):
        load_frame_model(tmp_path)
    sentences, codings = _set("press_conferences_9_12")
    typo = codings[0].assign(primary_frame=codings[0]["primary_frame"].replace("security", "securty"))
    with pytest.raises(ToolkitValueError, match="securty"):
        train_frame_model(sentences, typo)
