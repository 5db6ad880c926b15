"""The topic model (toolkit/topic_model.py): its paragraph numbers by hand, scikit-learn's numbers, the shipped
model rebuilt, its agreement with the coders of sets it was not trained on, and which model gives ``topic``."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import REPORT, ROOT, assert_same_model_file, fitted, project_sets
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

import toolkit
from toolkit.errors import ToolkitValueError, ToolkitWarning, TranscriptError
from toolkit.topic_model import (default_topic_model_path, dense_feature_names,
                                 load_topic_model, paragraph_units, project_topic_training, train_topic_model)
from toolkit.topics import as_codebook, code_topics, unit_topics
from toolkit.validation import agreement

ANNOTATIONS = ROOT / "data" / "annotations"
INTERVIEW = ROOT / "data" / "raw" / "alimov_sco_interview.txt"
ON = ("doc_id", "paragraph_id")
TOPICS = tuple(as_codebook(None).topics)


def _set(name: str) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    files = sorted(ANNOTATIONS.glob(f"{name}.topics.coder_*.csv"))
    codings = [pd.read_csv(f, keep_default_na=False) for f in files]
    sentences = pd.concat([toolkit.read_transcript(ANNOTATIONS / "press_conferences" / f"{d}.txt").sentences
                           for d in dict.fromkeys(codings[0]["doc_id"])], ignore_index=True)
    return sentences, codings


def test_paragraph_numbers_by_hand():
    """Three paragraphs: a question on tariffs, its answer with no topic word, a paragraph on terrorism."""
    t = toolkit.read_transcript("Q: What about the tariffs on steel? And trade?\n\nA: We will see.\n\n"
                                "A: Terrorism and extremism threaten us all.\n").sentences
    coded = code_topics(t, model=False)
    units, dense = paragraph_units(coded, TOPICS)
    names = dense_feature_names(TOPICS)
    assert dense.shape == (3, len(names)) == (3, 6 * len(TOPICS) + 8)
    row = [dict(zip(names, r)) for r in dense]
    assert units["paragraph_id"].tolist() == [1, 2, 3]
    assert units["text"].tolist()[0] == "What about the tariffs on steel? And trade?"
    # the codebook's topic of each paragraph, and of the paragraphs before and after
    assert units["topic"].tolist() == coded.groupby("paragraph_id")["topic"].agg(
        lambda x: next((v for v in x if v), "")).tolist()
    first = units["topic"][0]
    assert first == "trade" and row[0]["dictionary_trade"] == 1 and row[1]["previous_trade"] == 1
    assert row[0]["previous_trade"] == 0 and row[0]["next_" + units["topic"][1]] == (units["topic"][1] != "")
    assert row[2]["dictionary_terrorism"] == 1 and row[2]["next_terrorism"] == 0
    # the summed evidence, log(1 + score), read from topic_terms
    scores = [float(part.split(":")[0].split(" ")[1]) for part in coded["topic_terms"][0].split("; ")
              if part.startswith("trade")]
    total = sum(float(p.split(":")[0].split(" ")[1]) for terms in coded["topic_terms"][:2] for p in terms.split("; ")
                if p.startswith("trade"))
    assert scores and row[0]["score_trade"] == pytest.approx(np.log1p(total))
    assert row[0]["role_interviewer"] == 1 and row[1]["role_interviewee"] == 1
    assert row[0]["question"] == 1 and row[1]["question"] == 0
    assert row[1]["log_words"] == pytest.approx(np.log1p(3))
    assert row[1]["dictionary_none"] == (units["topic"][1] == "")


def test_topics_are_scikit_learns_own():
    """The model's paragraph topics are those of scikit-learn's TfidfVectorizer and LogisticRegression fitted
    here on the same paragraphs and numbers; every sentence of a paragraph takes the paragraph's topic."""
    sentences, codings = _set("press_conferences_9_12")
    model = train_topic_model(*paragraph_units(code_topics(sentences, model=False), TOPICS),
                              pd.concat(codings, ignore_index=True), TOPICS, description="one set")
    units, dense = paragraph_units(code_topics(sentences, model=False), TOPICS)
    rows = pd.concat([units.assign(_row=range(len(units))).merge(c[[*ON, "primary"]], on=list(ON))
                      for c in codings], ignore_index=True)
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = hstack([vec.fit_transform(rows["text"]), csr_matrix(dense[rows["_row"].to_numpy()])]).tocsr()
    clf = LogisticRegression(C=10.0, max_iter=5000).fit(x, rows["primary"].replace("", "none"))
    other = code_topics(toolkit.read_transcript(INTERVIEW).sentences, model=False)
    ounits, odense = paragraph_units(other, TOPICS)
    expected = clf.predict(hstack([vec.transform(ounits["text"]), csr_matrix(odense)]).tocsr())
    by_paragraph = dict(zip(ounits["paragraph_id"], ["" if e == "none" else e for e in expected]))
    got = code_topics(other, model=model)
    # the rule: a sentence with its own codebook evidence keeps its codebook topic unless the paragraph has
    # none; the others take the paragraph's topic; captions none
    expected = ["" if role == "caption" else own if source == "terms" and own and by_paragraph[p] else by_paragraph[p]
                for p, role, own, source in zip(other["paragraph_id"], other["role"], other["topic"],
                                                other["topic_source"])]
    assert got["topic"].tolist() == expected
    captions = got["role"] == "caption"
    kept = (other["topic_source"] == "terms") & (other["topic"] != "") & (got["topic"] != "") & ~captions
    assert (got["topic_source"][~captions & ~kept] == "model").all() and (got["topic_source"][kept] == "terms").all()
    assert captions.any() and kept.any() and (~captions & ~kept).any()
    assert got["topic_dictionary"].tolist() == other["topic"].tolist()
    assert model.info["n_codes"] == len(rows) and model.info["trained_on"] == "one set" and model.info["C"] == 10.0


def test_saved_model_codes_the_same(tmp_path):
    sentences, codings = _set("press_conferences_9_12")
    model = train_topic_model(*paragraph_units(code_topics(sentences, model=False), TOPICS),
                              pd.concat(codings, ignore_index=True), TOPICS)
    again = load_topic_model(model.save(tmp_path / "m.json"))
    t = toolkit.read_transcript(INTERVIEW).sentences
    pd.testing.assert_frame_equal(code_topics(t, model=model), code_topics(t, model=again))
    assert again.topics == list(TOPICS)


def test_shipped_model_is_rebuilt(tmp_path):
    """``python -m toolkit.topic_model build data/annotations OUT`` gives the shipped model (to the solver's
    precision, see assert_same_model_file): the same paragraph topics but on the edge between two."""
    code, out = fitted(tmp_path, "rebuild", "topic")   # that command, run in a worker (conftest.py)
    assert code == 0
    assert_same_model_file(out, default_topic_model_path(), atol=0.05)
    sentences, _, _ = project_topic_training(ANNOTATIONS)
    rebuilt = code_topics(sentences, model=out)["topic"]
    shipped = code_topics(sentences, model="shipped")["topic"]
    assert (rebuilt != shipped).mean() <= 0.005
    info = json.loads(out.read_text())["info"]
    assert "press_conferences_57_60 (coders ad1, ad2)" in info["trained_on"]
    assert "alimov_sco_interview (coders A, B)" in info["trained_on"]


def test_on_sets_it_was_not_trained_on(tmp_path):
    """Trained on every other set, the model's primary topic of the paragraphs of the set left out agrees with
    both coders (Krippendorff's alpha); over the sets, better than the codebook's. Guards: the lower of the
    two coders' alphas when first measured, less 0.03 (data/annotations/README.md)."""
    # (re-measured when set 53-56 joined the training: 37-40 fell from 0.650 / 0.663 to 0.596 / 0.595)
    guards = {"press_conferences": 0.75, "press_conferences_5_8": 0.65, "press_conferences_9_12": 0.63,
              "press_conferences_13_16": 0.51, "press_conferences_17_20": 0.62, "press_conferences_21_24": 0.49,
              "press_conferences_25_28": 0.53, "press_conferences_29_32": 0.51, "press_conferences_33_36": 0.51,
              "press_conferences_37_40": 0.56, "press_conferences_41_44": 0.63, "press_conferences_45_48": 0.51,
              "press_conferences_49_52": 0.39,
              # scored once with the model frozen before this set was coded: 0.684 and 0.680
              "press_conferences_53_56": 0.65,
              # scored once with the model frozen before this set was coded: 0.586 and 0.577
              "press_conferences_57_60": 0.54,
              # sentence by sentence, against coders A and B (measured 0.871 and 0.755, as the codebook)
              "alimov_sco_interview": 0.72}
    assert set(guards) == set(project_sets("topic"))   # a new set needs its guard
    below = []
    model_alpha, codebook_alpha = [], []
    sentences, _, _ = project_topic_training(ANNOTATIONS)
    set_of = {}
    for name in guards:
        files = (sorted(ANNOTATIONS.glob(f"{name}.topics.coder_*.csv")) if name != "alimov_sco_interview" else
                 [ANNOTATIONS / "alimov_sco_interview.topics.csv"])
        for d in pd.read_csv(files[0], keep_default_na=False)["doc_id"]:
            set_of[d] = name
    assert set(set_of.values()) == set(guards) and set(sentences["doc_id"]) == set(set_of)
    for name, guard in guards.items():
        # build_project_model(ANNOTATIONS, OUT, exclude=(name,)), fitted in a worker (conftest.py)
        model, _ = fitted(tmp_path, "fold", "topic", name)
        s = code_topics(sentences[sentences["doc_id"].map(set_of) == name].reset_index(drop=True), model=model)
        if name == "alimov_sco_interview":
            golds = [pd.read_csv(ANNOTATIONS / f, keep_default_na=False) for f in
                     ("alimov_sco_interview.topics.csv", "alimov_sco_interview.topics.coder_b.csv")]
            autos = [s.rename(columns={"topic": "primary"}),
                     s.drop(columns="topic").rename(columns={"topic_dictionary": "primary"})]
            on = ("doc_id", "sentence_id")
        else:
            golds = [pd.read_csv(f, keep_default_na=False) for f in sorted(ANNOTATIONS.glob(f"{name}.topics.coder_*.csv"))]
            autos = [unit_topics(s, by="paragraph_id").rename(columns={"topic": "primary"}),
                     unit_topics(s.drop(columns="topic").rename(columns={"topic_dictionary": "topic"}),
                                 by="paragraph_id").rename(columns={"topic": "primary"})]
            on = ON
        for gold in golds:
            got, dictionary = (agreement(gold, a, on=on).iloc[0].krippendorff_alpha for a in autos)
            REPORT.append(f"topic model, {name} left out, vs coder {gold['coder'][0]}: alpha {got:.3f} "
                          f"(codebook {dictionary:.3f})")
            model_alpha.append(got)
            codebook_alpha.append(dictionary)
            if got < guard:
                below.append(f"{name} vs {gold['coder'][0]}: {got:.3f} (guard {guard})")
    assert not below, below   # every set is measured and reported before the test fails
    # measured 0.642 against 0.563 (the press-conference sets alone: 0.630 against 0.546)
    assert np.mean(model_alpha) > np.mean(codebook_alpha) + 0.05


def test_which_model_gives_the_topic(tmp_path):
    """code_topics(): the shipped model by default, ``model=False`` or ``"none"`` the codebook's primary topic,
    one's own codebook its own primary topic unless a model is asked for (then with a warning, or an error
    when its topics are not the codebook's)."""
    t = toolkit.read_transcript(INTERVIEW).sentences
    shipped = code_topics(t)
    assert shipped["topic"].tolist() == code_topics(t, model="shipped")["topic"].tolist()
    assert (shipped["topic"] != shipped["topic_dictionary"]).any()
    plain = code_topics(t, model="none")
    assert plain["topic"].tolist() == plain["topic_dictionary"].tolist() == code_topics(t, model=False)["topic"].tolist()
    assert "model" not in set(plain["topic_source"])
    # the context rules off: the bare codebook, no model
    bare = code_topics(t, context=False)
    assert bare["topic"].tolist() == bare["topic_dictionary"].tolist()
    own = tmp_path / "own.yaml"
    own.write_text("name: own\nversion: '1'\ntopics:\n  energy:\n    definition: oil and gas\n"
                   "    patterns: [oil, gas, pipeline*]\n", encoding="utf-8")
    mine = code_topics(t, own)
    assert mine["topic"].tolist() == mine["topic_dictionary"].tolist()
    with pytest.raises(ToolkitValueError, match=r"codes the topics .* the codebook .* has \['energy'\]"):
        code_topics(t, own, model="shipped")
    same_topics = tmp_path / "same.yaml"
    same_topics.write_text(as_codebook(None).path.read_text(encoding="utf-8").replace("version:", "# edited\nversion:", 1),
                           encoding="utf-8")
    with pytest.warns(ToolkitWarning, match="not the one the model was trained with"):
        code_topics(t, same_topics, model="shipped")
    with pytest.raises(ToolkitValueError, match="a topic model is 'shipped', 'none'"):
        code_topics(t, model=3)
    with pytest.raises(TranscriptError, match="topic model file not found"):
        code_topics(t, model=tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text('{"format": "discourse-toolkit frame model"}', encoding="utf-8")
    with pytest.raises(TranscriptError, match="is not a topic model"):
        load_topic_model(tmp_path / "bad.json")
    sentences, codings = _set("press_conferences_9_12")
    units, dense = paragraph_units(code_topics(sentences, model=False), TOPICS)
    typo = codings[0].assign(primary=codings[0]["primary"].replace("trade", "trdae"))
    with pytest.raises(ToolkitValueError, match="trdae"):
        train_topic_model(units, dense, typo, TOPICS)
    with pytest.raises(ToolkitValueError, match="at least 30"):
        train_topic_model(units, dense, codings[0].head(10), TOPICS)


def test_analyze_records_the_topic_model(tmp_path, capsys):
    shipped = toolkit.analyze(INTERVIEW)
    assert shipped.parameters["topic_model"]["path"] == "(shipped) toolkit/data/topic_model.json"
    assert "press_conferences_57_60" in shipped.parameters["topic_model"]["trained_on"]
    none = toolkit.analyze(INTERVIEW, topic_model="none")
    assert none.parameters["topic_model"]["path"].startswith("none")
    s = none.tables["sentences"]
    assert s["topic"].tolist() == s["topic_dictionary"].tolist()
    assert (shipped.tables["sentences"]["topic"] != s["topic"]).any()
    with pytest.raises(toolkit.ToolkitTypeError, match="topic_model"):
        toolkit.analyze(INTERVIEW, topic_model=3)
    from toolkit.cli import main
    assert main(["analyze", str(INTERVIEW), "--out", str(tmp_path / "none"), "--topic-model", "none", "--quiet"]) == 0
    written = pd.read_csv(tmp_path / "none" / "sentences.csv", keep_default_na=False)
    assert written["topic"].tolist() == written["topic_dictionary"].tolist() == s["topic"].tolist()
    assert json.loads((tmp_path / "none" / "manifest.json").read_text())["parameters"]["topic_model"]["path"] \
        .startswith("none")
    assert main(["analyze", str(INTERVIEW), "--out", str(tmp_path / "bad"), "--topic-model",
                 str(tmp_path / "missing.json")]) == 2
    assert "missing.json: topic model file not found" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()
