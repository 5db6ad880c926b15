"""The tone model trained on human coding: the same numbers as scikit-learn's own pipeline, a shipped model
rebuilt byte for byte, its agreement with coders on sets it was not trained on, and clear errors."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import REPORT, ROOT, assert_same_model_file, coded_set, fitted, project_sets
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

import toolkit
from toolkit.errors import ToolkitValueError, ToolkitWarning, TranscriptError
from toolkit.sentiment import score_sentiment, textblob_label, vader_label
from toolkit.tone_model import default_tone_model_path, load_tone_model, predict_tone, train_tone_model
from toolkit.validation import classification_report

ANNOTATIONS = ROOT / "data" / "annotations"
ON = ("doc_id", "sentence_id")


def _coded(names=("press_conferences_5_8", "press_conferences_9_12")):
    """Sentences and the first coder's tone of two press-conference sets."""
    sents, codes = [], []
    for name in names:
        coding = pd.read_csv(sorted(ANNOTATIONS.glob(f"{name}.tone_frames.coder_*.csv"))[0], keep_default_na=False)
        for d in dict.fromkeys(coding["doc_id"]):
            sents.append(toolkit.read_transcript(ANNOTATIONS / "press_conferences" / f"{d}.txt").sentences)
        codes.append(coding)
    return pd.concat(sents, ignore_index=True), pd.concat(codes, ignore_index=True)


def test_predictions_are_scikit_learns_own():
    """The model's probabilities equal those of scikit-learn's TfidfVectorizer and LogisticRegression fitted
    here on the same sentences, with the nine numbers computed independently (the lexicon's evidence read
    back from ``sentiment_terms``), also after the model has been saved and read again."""
    sentences, coding = _coded()
    model = train_tone_model(sentences, coding, description="two sets")
    scored = score_sentiment(sentences)
    rows = scored.merge(coding[["doc_id", "sentence_id", "tone"]], on=list(ON))

    def numbers(df):
        pos = df["sentiment_terms"].str.extract(r"positive ([\d.]+)")[0].astype(float).fillna(0)
        neg = df["sentiment_terms"].str.extract(r"negative ([\d.]+)")[0].astype(float).fillna(0)
        question = df["text"].str.rstrip().str.endswith("?").astype(float)
        return np.column_stack([pos, neg, pos - neg, df["vader_compound"], df["vader_neg"], df["vader_pos"],
                                df["polarity"], df["subjectivity"], question])

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = hstack([vec.fit_transform(rows["text"]), csr_matrix(numbers(rows))]).tocsr()
    clf = LogisticRegression(C=3.0, class_weight="balanced", max_iter=5000).fit(x, rows["tone"])
    other = toolkit.read_transcript(ROOT / "data" / "raw" / "alimov_sco_interview.txt").sentences
    other_scored = score_sentiment(other)
    expected = clf.predict_proba(hstack([vec.transform(other_scored["text"]),
                                         csr_matrix(numbers(other_scored))]).tocsr())
    got = predict_tone(other_scored, model)
    assert got["sentiment_model"].tolist() == [clf.classes_[i] for i in expected.argmax(axis=1)]
    np.testing.assert_allclose(got["sentiment_model_p"], expected.max(axis=1), rtol=0, atol=1e-12)
    assert model.info["n_sentences"] == len(rows) and model.info["trained_on"] == "two sets" and model.info["C"] == 3.0


def test_two_coders_sheets_stacked():
    """Two coders' sheets of one set, stacked: every code is a training row (a sentence the two coded alike
    counts twice), as scikit-learn's own pipeline fitted on the two codings one after the other gives it."""
    files = sorted(ANNOTATIONS.glob("press_conferences_9_12.tone_frames.coder_*.csv"))
    codings = [pd.read_csv(f, keep_default_na=False) for f in files]
    sentences = pd.concat([toolkit.read_transcript(ANNOTATIONS / "press_conferences" / f"{d}.txt").sentences
                           for d in dict.fromkeys(codings[0]["doc_id"])], ignore_index=True)
    model = train_tone_model(sentences, pd.concat(codings, ignore_index=True))
    assert model.info["n_sentences"] == len(sentences) and model.info["n_codes"] == 2 * len(sentences)
    scored = score_sentiment(sentences)
    rows = pd.concat([scored.merge(c[["doc_id", "sentence_id", "tone"]], on=list(ON)) for c in codings],
                     ignore_index=True)
    assert len(rows) == 2 * len(sentences)
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    dense = predict_tone.__globals__["_dense"]   # the nine numbers (checked independently in the test above)
    lex = toolkit.sentiment.as_tone_lexicon(None)
    x = hstack([vec.fit_transform(rows["text"]), csr_matrix(dense(rows, lex))]).tocsr()
    clf = LogisticRegression(C=3.0, class_weight="balanced", max_iter=5000).fit(x, rows["tone"])
    assert sorted(vec.vocabulary_) == model.vocabulary
    other = score_sentiment(toolkit.read_transcript(ROOT / "data" / "raw" / "alimov_sco_interview.txt").sentences)
    expected = clf.predict_proba(hstack([vec.transform(other["text"]), csr_matrix(dense(other, lex))]).tocsr())
    got = predict_tone(other, model)
    assert got["sentiment_model"].tolist() == [clf.classes_[i] for i in expected.argmax(axis=1)]
    np.testing.assert_allclose(got["sentiment_model_p"], expected.max(axis=1), rtol=0, atol=1e-6)


def test_saved_model_predicts_the_same(tmp_path):
    """A saved model read again predicts the same; sentences not yet scored are scored first; the
    probability is that of the predicted tone."""
    sentences, coding = _coded(("press_conferences_13_16", "press_conferences_5_8"))
    model = train_tone_model(sentences, coding)
    path = model.save(tmp_path / "m.json")
    again = load_tone_model(path)
    plain = toolkit.read_transcript("A: We strongly condemn the attack. Thank you all for coming. "
                                    "The talks were fruitful and constructive. Next question?\n").sentences
    first, second = predict_tone(plain, model), predict_tone(plain, again)
    pd.testing.assert_frame_equal(first, second)
    assert first["sentiment_model"].tolist()[0] == "negative"
    assert set(first["sentiment_model"]) <= {"positive", "negative", "neutral"}
    assert first["sentiment_model_p"].between(1 / 3, 1).all()
    assert list(first.columns) == [*plain.columns, "sentiment_model", "sentiment_model_p"]
    assert predict_tone(plain.iloc[:0]).empty


def test_word_matrix_equals_scikit_learn():
    """The fast TF-IDF rows (one search over all the texts) are scikit-learn's TfidfVectorizer.transform with the
    model's vocabulary and idf: upper case, other scripts, digits and underscores, repeated words and pairs,
    one-letter words, an empty text, a text without a known word and a text holding the separator itself."""
    from toolkit.supervised import _SEPARATOR, vectorizer as _vectorizer, word_matrix as _word_matrix

    model = load_tone_model()
    vec = _vectorizer({t: i for i, t in enumerate(model.vocabulary)})
    vec.idf_ = model.idf
    interview = toolkit.read_transcript(ROOT / "data" / "raw" / "alimov_sco_interview.txt").sentences["text"]
    texts = [*interview, "", "x y z", "Qwertyuiop asdfghjkl.", "THE SCO SCO Secretary-General, the the",
             "Ünïcode wörds: Привет мир, 北京 2024_x co-operation!", "we welcome we welcome we welcome",
             "tab\tand\nnew line a b"]
    for batch in (texts, [*texts, f"hidden {_SEPARATOR} word", "the end"], texts[:1], ["", ""]):
        got, expected = _word_matrix(batch, model), vec.transform(batch)
        assert got.shape == expected.shape and got.nnz == expected.nnz
        assert abs(got - expected).max() <= 1e-15 if got.nnz else expected.nnz == 0


def test_which_model_gives_the_sentiment_label(tmp_path):
    """score_sentiment(): the shipped model gives ``sentiment`` by default, ``model=False`` or ``"none"`` the
    lexicon's rule (``sentiment_lexicon``, with an empty ``sentiment_p``), a saved model's path that model; one's
    own lexicon labels by its rule unless a model is asked for, which is then warned about."""
    from toolkit.sentiment import score_sentiment as score

    plain = toolkit.read_transcript("A: We strongly condemn the attack. Thank you all for coming. "
                                    "The talks were fruitful and constructive. Next question? Go ahead.\n").sentences
    shipped = score(plain)
    assert shipped["sentiment"].tolist() == predict_tone(plain)["sentiment_model"].tolist()
    assert shipped["sentiment_p"].between(1 / 3, 1).all()
    for off in (False, "none", "None"):
        lexicon_only = score(plain, model=off)
        assert lexicon_only["sentiment"].tolist() == lexicon_only["sentiment_lexicon"].tolist()
        assert lexicon_only["sentiment_p"].isna().all()
        assert lexicon_only["sentiment_lexicon"].tolist() == shipped["sentiment_lexicon"].tolist()
    sentences, coding = _coded(("press_conferences_13_16", "press_conferences_5_8"))
    path = train_tone_model(sentences, coding).save(tmp_path / "m.json")
    own = score(plain, model=path)
    assert own["sentiment"].tolist() == predict_tone(plain, path)["sentiment_model"].tolist()
    assert not np.allclose(own["sentiment_p"], shipped["sentiment_p"])   # another model, other probabilities
    lexicon = tmp_path / "tone.yaml"
    lexicon.write_text((ROOT / "toolkit" / "data" / "tone.yaml").read_text(encoding="utf-8") + "\n# mine\n",
                       encoding="utf-8")
    mine = score(plain, lexicon=lexicon)
    assert mine["sentiment"].tolist() == mine["sentiment_lexicon"].tolist() and mine["sentiment_p"].isna().all()
    with pytest.warns(toolkit.ToolkitWarning, match="not the one the model was trained with"):
        asked = score(plain, lexicon=lexicon, model="shipped")
    assert asked["sentiment_p"].notna().all()
    with pytest.raises(ToolkitValueError, match="a tone model is 'shipped', 'none'"):
        score(plain, model=3)
    with pytest.raises(TranscriptError, match="tone model file not found"):
        score(plain, model=tmp_path / "missing.json")


def test_shipped_model_is_rebuilt(tmp_path):
    """``python -m toolkit.tone_model build data/annotations OUT`` gives the shipped model (to the solver's
    precision: byte for byte with the numpy and scipy it was built with)."""
    code, out = fitted(tmp_path, "rebuild", "tone")   # that command, run in a worker (conftest.py)
    assert code == 0
    assert_same_model_file(out, default_tone_model_path())
    info = json.loads(out.read_text())["info"]
    assert "press_conferences_57_60 (coders ad1, ad2)" in info["trained_on"]
    assert info["n_codes"] > info["n_sentences"]


def test_on_sets_it_was_not_trained_on(tmp_path):
    """Leave one set out: the model trained on the others, against each of the left-out set's coders. It
    must beat VADER and TextBlob on every set; the guards catch regressions (bar: macro-F1 0.70)."""
    # press_conferences: 0.751 / 0.760 until set 57-60 joined the training, then 0.739 / 0.752 (the same with one
    # BLAS thread or two); its guard set again from the new figure, less 0.03
    guards = {"alimov_sco_interview": 0.66, "press_conferences": 0.71, "press_conferences_5_8": 0.74,
              "press_conferences_9_12": 0.65, "press_conferences_13_16": 0.69, "press_conferences_17_20": 0.63,
              "press_conferences_21_24": 0.67, "press_conferences_25_28": 0.62,
              # scored once with the model frozen before this set was coded: 0.721 and 0.707
              "press_conferences_29_32": 0.69,
              # scored once with the model frozen before this set was coded: 0.646 and 0.634
              "press_conferences_33_36": 0.61,
              # scored once before this set was coded, with the model trained on the first coders: 0.726 and
              # 0.720; trained on both coders of the nine sets before it (as now): 0.737 and 0.730
              "press_conferences_37_40": 0.70,
              # scored once with the model (trained on both coders) frozen before this set was coded: 0.705 and
              # 0.713
              "press_conferences_41_44": 0.67,
              # scored once with the model frozen before this set was coded: 0.636 and 0.631
              "press_conferences_45_48": 0.60,
              # scored once with the model (giving sentiment) frozen before this set was coded: 0.643 and 0.631
              "press_conferences_49_52": 0.60,
              # scored once with the model frozen before this set was coded: 0.661 and 0.650
              "press_conferences_53_56": 0.62,
              # scored once with the model frozen before this set was coded: 0.644 and 0.636
              "press_conferences_57_60": 0.60}
    assert set(guards) == set(project_sets("tone"))   # a new set needs its guard
    below = []
    for name, guard in guards.items():
        # build_project_model(ANNOTATIONS, OUT, exclude=(name,)), fitted in a worker (conftest.py)
        model, _ = fitted(tmp_path, "fold", "tone", name)
        files, s = coded_set(name)
        s = score_sentiment(s, model=model)   # sentiment: the model trained without this set
        s = s.assign(vader=s["vader_compound"].map(vader_label), textblob=s["polarity"].map(textblob_label))
        for f in files:
            gold = pd.read_csv(f, keep_default_na=False)
            f1 = {c: classification_report(gold, s, column="tone", column_b=c, on=ON)
                  .set_index("category").loc["macro", "f1"]
                  for c in ("sentiment", "sentiment_lexicon", "vader", "textblob")}
            coder = f.name.rsplit(".", 2)[-2].replace("coder_", "").upper() if "coder_" in f.name else "A"
            REPORT.append(f"tone model, {name} left out, vs coder {coder}: macro-F1 "
                          + ", ".join(f"{k} {v:.3f}" for k, v in f1.items()))
            if not (f1["sentiment"] > max(f1["vader"], f1["textblob"]) and f1["sentiment"] >= guard):
                below.append(f"{name} vs {coder}: {f1['sentiment']:.3f} (guard {guard}, VADER {f1['vader']:.3f}, "
                             f"TextBlob {f1['textblob']:.3f})")
    assert not below, below   # every set is measured and reported before the test fails


def test_bad_codings_and_model_files(tmp_path):
    sentences, coding = _coded(("press_conferences_5_8",))
    typo = coding.assign(tone=coding["tone"].replace("positive", "positve"))
    with pytest.raises(ToolkitValueError, match="positve"):
        train_tone_model(sentences, typo)
    with pytest.raises(ToolkitValueError, match="at least 30"):
        train_tone_model(sentences, coding.head(20))
    with pytest.raises(ToolkitValueError, match=r"expects the coding sheet table; missing columns: \[.tone.\]"):
        train_tone_model(sentences, coding.drop(columns="tone"))
    with pytest.warns(ToolkitWarning, match="the same sheet stacked twice"):
        train_tone_model(sentences, pd.concat([coding, coding]))
    bad = tmp_path / "model.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(TranscriptError, match="model.json.*not a tone model"):
        load_tone_model(bad)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(TranscriptError, match="model.json"):
        load_tone_model(bad)
    with pytest.raises(TranscriptError, match="not found"):
        load_tone_model(tmp_path / "missing.json")
    model = load_tone_model()
    with pytest.raises(TranscriptError, match="folder .*no_such_folder' does not exist"):
        model.save(tmp_path / "no_such_folder" / "m.json")
    with pytest.raises(TranscriptError, match="this is a folder"):
        model.save(tmp_path)
    with pytest.raises(TranscriptError, match="is a folder, not a tone model file"):
        load_tone_model(tmp_path)
    assert not (tmp_path / "no_such_folder").exists()
    lexicon = tmp_path / "tone.yaml"
    lexicon.write_text("name: t\nversion: '1'\ntopics:\n  positive:\n    definition: good\n    patterns: [good]\n"
                       "  negative:\n    definition: bad\n    patterns: [bad]\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        predict_tone(sentences.head(3), lexicon=lexicon)
    assert any(issubclass(w.category, ToolkitWarning) and "retrain" in str(w.message) for w in caught)


def test_a_sheet_that_no_longer_fits_its_sentences_is_refused():
    """A coding sheet carries each sentence's text: when the transcript (or its reading) changed after the sheet
    was made, the codes would land on other sentences, so training stops and says so; coded rows of documents
    not given are reported; empty cells, also read by pandas as NaN, are skipped; a value that is no tone is
    named with its row."""
    from toolkit.validation import coding_sheet
    sentences, coding = _coded(("press_conferences_5_8",))
    sheet = coding_sheet(sentences, columns=("tone",)).drop(columns="tone").merge(
        coding[["doc_id", "sentence_id", "tone"]], on=list(ON))
    model = train_tone_model(sentences, sheet)   # the sheet's own sentences: fine
    assert model.info["n_sentences"] == len(sheet)
    first = sentences["doc_id"].iloc[0]
    edited = toolkit.read_transcript("Q: Good afternoon. Let me start.\n\n"
                                     + (ANNOTATIONS / "press_conferences" / f"{first}.txt").read_text(),
                                     doc_id=first).sentences
    others = sentences[sentences["doc_id"] != first]
    with pytest.raises(ToolkitValueError, match="not the sentences of the table"):
        train_tone_model(pd.concat([edited, others], ignore_index=True), sheet)
    with pytest.warns(ToolkitWarning, match=r"match no sentence of the table.*" + first):
        train_tone_model(others, sheet)
    gaps = sheet.assign(tone=sheet["tone"].where(sheet.index % 7 != 0, np.nan))
    assert train_tone_model(sentences, gaps).info["n_sentences"] == int((sheet.index % 7 != 0).sum())
    typo = sheet.assign(tone=sheet["tone"].where(sheet.index != 3, "postive"))
    with pytest.raises(ToolkitValueError, match=rf"{sheet['doc_id'][3]} {sheet['sentence_id'][3]}: 'postive'"):
        train_tone_model(sentences, typo)
    assert repr(model).startswith("ToneModel(") and len(repr(model)) < 200
