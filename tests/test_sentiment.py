"""Sentiment: library scores exactly as the libraries give them, the label's rules, aggregates, validation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import INTERVIEW, REPORT, ROOT, WH_CORPUS, needs_shared
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import toolkit
from toolkit.sentiment import score_sentiment, sentiment_by, textblob_label, vader_label
from toolkit.validation import agreement, classification_report


@pytest.fixture(scope="module")
def scored():
    return score_sentiment(toolkit.read_transcript(INTERVIEW).sentences)


def test_textblob_and_vader_scores_are_the_libraries_own(scored):
    vader = SentimentIntensityAnalyzer()
    for text, pol, subj, neg, neu, pos, comp in scored[["text", "polarity", "subjectivity", "vader_neg",
                                                         "vader_neu", "vader_pos", "vader_compound"]].itertuples(index=False):
        blob = TextBlob(text).sentiment
        v = vader.polarity_scores(text)
        assert (pol, subj) == (blob.polarity, blob.subjectivity)
        assert (neg, neu, pos, comp) == (v["neg"], v["neu"], v["pos"], v["compound"])


@needs_shared
def test_scores_equal_the_libraries_on_briefing_sentences():
    """The toolkit computes the libraries' scores itself (toolkit.libscores, faster): they must stay the
    libraries' own."""
    files = sorted(WH_CORPUS.rglob("*.md"))[::100][:8]
    s = pd.concat([toolkit.read_transcript(f).sentences for f in files], ignore_index=True)
    scored = score_sentiment(s)
    assert len(scored) > 1000
    vader = SentimentIntensityAnalyzer()
    cols = ["text", "polarity", "subjectivity", "vader_neg", "vader_neu", "vader_pos", "vader_compound"]
    for text, pol, subj, neg, neu, pos, comp in scored[cols].itertuples(index=False):
        blob = TextBlob(text).sentiment
        assert (pol, subj) == (blob.polarity, blob.subjectivity), text
        v = vader.polarity_scores(text)
        assert (neg, neu, pos, comp) == (v["neg"], v["neu"], v["pos"], v["compound"]), text


@pytest.mark.parametrize("text", [
    "The meeting is at noon.", "It isn't.", "He's well-off now.", "On the 13th of May.", "We met :) today.",
    "Sure (!) that works.", "The ceremony 🎉 begins.", "A.", "...", "Q", "We won't go.", "F*cking hell.",
    "The mouth-watering offer.", "No.", "They can't.", "It’s not bad.", "Self-acting systems.", "<3 the team",
    "Meeting 8) at nine.", "Kind of slow.", "The 20th century.", "SO tired.", "Thank you!!!"])
def test_sentences_the_libraries_cannot_score_are_recognised_exactly(text):
    """Sentences with few or none of the libraries' words, emoticons, emoji: the libraries' own numbers."""
    t = toolkit.read_transcript(f"A: {text}\n")
    scored = score_sentiment(t.sentences)
    vader = SentimentIntensityAnalyzer()
    for sent, pol, subj, neg, neu, pos, comp in scored[["text", "polarity", "subjectivity", "vader_neg",
                                                        "vader_neu", "vader_pos", "vader_compound"]].itertuples(
                                                            index=False):
        blob = TextBlob(sent).sentiment
        v = vader.polarity_scores(sent)
        assert (pol, subj, neg, neu, pos, comp) == (blob.polarity, blob.subjectivity, v["neg"], v["neu"], v["pos"],
                                                    v["compound"]), sent


@pytest.mark.parametrize("text,label", [
    ("Cooperation has yielded fruitful results.", "positive"),        # the coding guide's examples
    ("China firmly opposes it.", "negative"),
    ("The two sides signed 12 agreements.", "neutral"),
    ("The talks were not successful.", "negative"),                    # negation flips
    ("We will fight terrorism.", "neutral"),                           # acting against a harm is not negative
    ("We will strengthen cooperation to fight terrorism.", "positive"),
    ("Terrorist attacks killed 40 people.", "negative"),
    ("What is your reaction?", "neutral"),                             # a question without evaluation
    ("Good afternoon!", "neutral"),
    ("The opposition voted today.", "neutral"),                       # a party, not a rejection
    ("They lied to the public.", "negative"),                          # an accusation
    ("We send our condolences to the families.", "negative"),          # a loss (tone lexicon 1.1)
    ("The storm was devastating.", "negative"),
    ("Our teams did a tremendous job.", "positive"),
    ("The plan covers vaccine boosters.", "neutral"),                   # "boost" is not "boosters"
    ("Great.", "neutral"),                                             # a filler evaluates nothing
    ("The Inflation Reduction Act takes effect in January.", "neutral"),  # a name, not an evaluation
])
def test_label_rules(text, label):
    t = toolkit.read_transcript(f"A: {text}\n")
    assert score_sentiment(t.sentences)["sentiment_lexicon"].tolist() == [label]


def test_names_and_test_results_are_no_tone_evidence():
    """"Inflation" in the name of a law and "positive" in a test result evaluate nothing (ignore phrases)."""
    t = toolkit.read_transcript("A: The President tested positive for COVID-19. The Inflation Reduction Act "
                                "passed. The positivity rate fell.\n")
    s = score_sentiment(t.sentences)
    assert s["sentiment_terms"].tolist()[:2] == ["", ""]
    assert "positive" not in s["sentiment_lexicon"].tolist()


def test_source_says_which_rule_gave_the_label():
    t = toolkit.read_transcript("A: Cooperation has yielded fruitful results. What is your reaction? "
                                "It was a lovely sunny day. The two sides signed 12 agreements. Great.\n")
    s = score_sentiment(t.sentences)
    # VADER and TextBlob both find the sunny day positive; they do not decide the lexicon's label. A greeting or filler
    # is neutral even with an evaluative word ("Great" is one).
    assert s["sentiment_source"].tolist() == ["lexicon", "question", "default", "default", "procedure"]
    assert s["sentiment_lexicon"].tolist() == ["positive", "neutral", "neutral", "neutral", "neutral"]
    assert s["vader_compound"].iloc[2] > 0.05 and s["polarity"].iloc[2] > 0 and s["sentiment_terms"].iloc[4] != ""


def test_terms_explain_the_label():
    t = toolkit.read_transcript("A: The talks were not successful, and we condemn the attack.\n")
    terms = score_sentiment(t.sentences)["sentiment_terms"].iloc[0]
    assert terms == "negative 6: not successful, condemn, attack"


def test_aggregate_options_are_checked_and_intervals_ignore_row_order():
    s = pd.DataFrame({"doc_id": "d", "sentence_id": range(1, 7), "speaker": "a", "role": "interviewee",
                      "polarity": [0.1, 0.5, -0.3, 0.9, 0.0, 0.2], "vader_compound": 0.0, "sentiment": "neutral"})
    a = sentiment_by(s, "speaker")
    b = sentiment_by(s.sample(frac=1, random_state=3), "speaker")
    assert a.equals(b)
    for kw, msg in (({"n_boot": 0}, "`n_boot` parameter"), ({"confidence": 95}, "`confidence` parameter"),
                    ({"by": None}, "`by` parameter")):
        with pytest.raises(ValueError, match=msg):
            sentiment_by(s, **({"by": "speaker"} | kw))


def test_aggregates_by_hand_and_reproducible_bootstrap():
    s = pd.DataFrame({"speaker": ["a", "a", "a", "b"], "role": "interviewee",
                      "polarity": [0.0, 0.5, 1.0, -0.2], "vader_compound": [0.1, 0.2, 0.3, -0.4],
                      "sentiment": ["neutral", "positive", "positive", "negative"]})
    out = sentiment_by(s, "speaker").set_index("speaker")
    assert out.loc["a", "n"] == 3 and out.loc["a", "polarity_mean"] == pytest.approx(0.5)
    assert out.loc["a", "polarity_sd"] == pytest.approx(0.5)        # sqrt(((-.5)^2 + 0 + .5^2) / 2)
    assert out.loc["a", "share_positive"] == pytest.approx(2 / 3)
    assert np.isnan(out.loc["b", "polarity_sd"]) and out.loc["b", "polarity_ci_low"] == pytest.approx(-0.2)
    assert 0.0 <= out.loc["a", "polarity_ci_low"] <= 0.5 <= out.loc["a", "polarity_ci_high"] <= 1.0
    again = sentiment_by(s, "speaker").set_index("speaker")
    assert again.equals(out)
    other = sentiment_by(s, "speaker", random_state=7).set_index("speaker")
    assert other.loc["a", "polarity_mean"] == out.loc["a", "polarity_mean"]


def test_a_groups_interval_does_not_depend_on_the_other_groups():
    """Each group's bootstrap is seeded by the seed and the group's key, so a speaker's interval is the same
    alone, in a corpus, or in a worker process that sees one document."""
    import zlib
    x = np.array([0.0, 1.0, -0.2, 0.35, 0.8, -0.6, 0.1, 0.45])   # what d1 / a says, in sentence order
    s = pd.DataFrame({"doc_id": ["d1"] * 9 + ["d2"] * 3, "sentence_id": [*range(1, 10), 1, 2, 3],
                      "speaker": ["a"] * 4 + ["b"] + ["a"] * 4 + ["c", "c", "a"], "role": "interviewee",
                      "polarity": [*x[:4], 0.5, *x[4:], 0.3, 0.4, 0.9], "vader_compound": 0.0,
                      "sentiment": "neutral"})
    both = sentiment_by(s, ["doc_id", "speaker"])
    alone = pd.concat([sentiment_by(s[s.doc_id == d], ["doc_id", "speaker"]) for d in ("d1", "d2")],
                      ignore_index=True)
    pd.testing.assert_frame_equal(both, alone)
    rng = np.random.default_rng([0, zlib.crc32(b"d1\x1fa")])
    means = _resample_means(x, rng.integers(0, 8, size=(1000, 8)))
    row = both.set_index(["doc_id", "speaker"]).loc[("d1", "a")]
    assert (row["polarity_ci_low"], row["polarity_ci_high"]) == tuple(np.quantile(means, [0.025, 0.975]))
    other = sentiment_by(s, ["doc_id", "speaker"], random_state=1)
    assert not other["polarity_ci_high"].equals(both["polarity_ci_high"])


def test_interview_tone_agreement_with_human_coding(scored):
    gold = pd.read_csv(ROOT / "data/annotations/alimov_sco_interview.tone_frames.csv", keep_default_na=False)
    s = scored.assign(vader=scored["vader_compound"].map(vader_label), textblob=scored["polarity"].map(textblob_label))
    f1 = {col: classification_report(gold, s, column="tone", column_b=col).set_index("category").loc["macro", "f1"]
          for col in ("sentiment_lexicon", "vader", "textblob")}
    kappa = {col: agreement(gold, s, column="tone", column_b=col).iloc[0]["cohen_kappa"] for col in f1}
    REPORT.append("interview, tone, 70 sentences vs coder A: macro-F1 " + ", ".join(
        f"{k} {v:.3f}" for k, v in f1.items()) + "; kappa " + ", ".join(f"{k} {v:.3f}" for k, v in kappa.items()))
    assert f1["sentiment_lexicon"] > f1["vader"] and f1["sentiment_lexicon"] > f1["textblob"]
    assert f1["sentiment_lexicon"] >= 0.70   # the bar (measured 0.718 when written; 0.762 now)


def _tone_and_frames_agreement(gold: pd.DataFrame, s: pd.DataFrame) -> tuple[dict, float, int]:
    """Against one coder's ``tone`` and ``frames`` (by ``doc_id`` and ``sentence_id``): macro-F1 of the label,
    of VADER's labels and of TextBlob's sign; the share of the coder's framed sentences whose toolkit primary
    frame is one of the coder's frames; and the number of framed sentences."""
    s = s.assign(vader=s["vader_compound"].map(vader_label), textblob=s["polarity"].map(textblob_label))
    on = ("doc_id", "sentence_id")
    f1 = {col: classification_report(gold, s, column="tone", column_b=col, on=on).set_index("category")
          .loc["macro", "f1"] for col in ("sentiment_lexicon", "vader", "textblob")}
    m = s.merge(gold[["doc_id", "sentence_id", "frames"]], on=list(on), suffixes=("", "_gold"))
    framed = m[m["frames_gold"] != ""]
    share = sum(f != "" and f in set(g.split("|")) for f, g in zip(framed["frame_dictionary"], framed["frames_gold"],
                                                                   strict=True)) / len(framed)
    return f1, share, len(framed)


@needs_shared
@pytest.mark.parametrize("name,guard_f1,guard_frames", [
    # development set: 0.444 and 0.444 when first scored; 0.512 since the libraries no longer decide, 0.585
    # with tone lexicon 1.1; frames from context: 0.562
    ("wh_briefings", 0.56, 0.53),
    # held out: coded blind, scored once (0.470 and 0.455); 0.511 with tone lexicon 1.1, frames 0.686
    ("wh_briefings_heldout", 0.49, 0.65),
    # second held out: coded blind, scored once (0.520 and 0.358); frames from context since: 0.448
    ("wh_briefings_heldout2", 0.50, 0.42),
    # third held out: coded blind, scored once (0.577; frames 0.504, 0.429 without the context rules)
    ("wh_briefings_heldout3", 0.55, 0.47),
])
def test_press_briefing_tone_and_frames_against_human_coding(name, guard_f1, guard_frames):
    """200 sentences of four White House briefings coded for tone and frames by coder B, in each of two sets
    (data/annotations/README.md). Regression guards only: the bars of the issue (macro-F1 0.70, frames 60%)
    are not reached on briefings yet."""
    import glob

    from toolkit.framing import code_frames
    gold = pd.read_csv(ROOT / f"data/annotations/{name}.tone_frames.csv", keep_default_na=False)
    parts = []
    for doc in gold["doc_id"].unique():
        t = toolkit.read_transcript(glob.glob(str(WH_CORPUS / "*" / f"{doc}.md"))[0])
        parts.append(code_frames(score_sentiment(t.sentences)))
    f1, share, n_framed = _tone_and_frames_agreement(gold, pd.concat(parts))
    REPORT.append(f"White House briefings ({name}), tone, {len(gold)} sentences vs coder B: macro-F1 " + ", ".join(
        f"{k} {v:.3f}" for k, v in f1.items()) + f"; frames: the dictionary's primary frame among the coder's for {share:.3f} "
        f"of {n_framed} framed sentences")
    assert f1["sentiment_lexicon"] > f1["vader"] and f1["sentiment_lexicon"] > f1["textblob"]
    assert f1["sentiment_lexicon"] >= guard_f1 and share >= guard_frames


def test_sentiment_arc_by_hand():
    from toolkit.sentiment import sentiment_arc
    s = pd.DataFrame({"doc_id": "d", "sentence_id": [1, 2, 3, 4], "speaker": "a", "role": "interviewee",
                      "polarity": [0.0, 0.3, 0.6, 0.9], "vader_compound": [0.1, 0.1, 0.1, 0.1]})
    arc = sentiment_arc(s, window=3)
    assert arc["polarity_mean"].tolist() == pytest.approx([0.15, 0.3, 0.6, 0.75])
    assert arc["n"].tolist() == [2, 3, 3, 2]
    assert arc["compound_low"].tolist() == pytest.approx([0.1] * 4)  # no spread, no band
    sd = np.std([0.0, 0.3, 0.6], ddof=1)
    assert arc.loc[1, "polarity_high"] == pytest.approx(0.3 + 1.96 * sd / np.sqrt(3))
    with pytest.raises(ValueError, match="`window` parameter of sentiment_arc"):
        sentiment_arc(s, window=0)


def _resample_means(x, draws):
    """The definition, one resample at a time: how often each value was drawn, times the value, summed in
    the values' order (numpy's pairwise sum), over n."""
    n = len(x)
    return np.array([np.add.reduce(np.bincount(row, minlength=n) * x) for row in draws]) / n


def test_bootstrap_in_blocks_equals_one_draw():
    """Large groups are resampled in blocks (bounded memory) with exactly the numbers of one big draw; the
    means are those of the resamples, gathered or counted (to within rounding of the last bits)."""
    from toolkit.sentiment import _bootstrap_means
    x = np.random.default_rng(1).normal(size=997)
    draws = np.random.default_rng(7).integers(0, 997, size=(1000, 997))
    whole = _resample_means(x, draws)
    blocks = _bootstrap_means(x, np.random.default_rng(7), 1000, cells=30_000)
    assert np.array_equal(whole, blocks)
    np.testing.assert_allclose(blocks, x[draws].mean(axis=1), rtol=0, atol=1e-12)
    # two columns are resampled together: the same draws for both
    y = np.random.default_rng(2).normal(size=997)
    pair = _bootstrap_means(np.stack([x, y]), np.random.default_rng(7), 1000, cells=30_000)
    assert np.array_equal(pair[0], whole) and np.array_equal(pair[1], _resample_means(y, draws))


def test_document_variables_pass_through_the_sentence_analyses():
    from toolkit.devices import count_devices
    from toolkit.framing import code_frames
    from toolkit.topics import code_topics
    t = toolkit.read_transcript("Q: Trade?\n\nA: Terrorism is bad.\n")
    out = count_devices(code_frames(score_sentiment(code_topics(t.sentences.assign(year=1999, party="X")))))
    assert list(out.columns[-2:]) == ["year", "party"] and out["year"].tolist() == [1999, 1999]
    assert out["topic"].tolist() == ["trade", "terrorism"]


def _sentiment_by_with_groupby(sentences, keys, n_boot=1000, random_state=0, confidence=0.95):
    """sentiment_by as first written: pandas groupby, one group's DataFrame at a time (the reference the
    array-slicing implementation must equal exactly)."""
    import zlib

    from toolkit.sentiment import _bootstrap_means
    order = [c for c in ("doc_id", "sentence_id") if c in sentences.columns]
    data = sentences[~sentences["role"].isin(["narrator", "caption"])]
    data = data[list(dict.fromkeys([*keys, *order, "polarity", "vader_compound", "sentiment"]))]
    alpha, rows = (1 - confidence) / 2, []
    if order:
        data = data.sort_values(order, kind="stable")
    for key, group in data.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        rng = np.random.default_rng([random_state, zlib.crc32("\x1f".join(map(str, key)).encode("utf-8"))])
        row = dict(zip(keys, key, strict=True))
        row["n"] = n = len(group)
        resampled = _bootstrap_means(group[["polarity", "vader_compound"]].to_numpy(dtype=float).T.copy(), rng,
                                     n_boot)
        for col, name, means in (("polarity", "polarity", resampled[0]), ("vader_compound", "compound", resampled[1])):
            x = group[col].to_numpy(dtype=float)
            row[f"{name}_mean"] = float(x.mean())
            row[f"{name}_sd"] = float(x.std(ddof=1)) if n > 1 else float("nan")
            row[f"{name}_ci_low"], row[f"{name}_ci_high"] = (float(v) for v in np.quantile(means, [alpha, 1 - alpha]))
        for label in ("positive", "negative", "neutral"):
            row[f"share_{label}"] = float((group["sentiment"] == label).mean())
        rows.append(row)
    return pd.DataFrame(rows, columns=[*keys, "n", "polarity_mean", "polarity_sd", "polarity_ci_low",
                                       "polarity_ci_high", "compound_mean", "compound_sd", "compound_ci_low",
                                       "compound_ci_high", "share_positive", "share_negative", "share_neutral"])


def test_aggregates_equal_a_groupby_over_each_group(scored):
    """Groups are slices of arrays found once; the table is exactly pandas groupby's, group by group: keys
    missing in some rows (left out), missing labels (with pd.NA: a share over the labelled sentences), numeric and
    several keys, rows out of order, narrator lines."""
    s = pd.concat([scored.assign(doc_id="d1"), scored.assign(doc_id="d2")], ignore_index=True)
    s = s.sample(frac=1, random_state=5)
    s.loc[s.index % 7 == 0, "speaker"] = None
    s.loc[s.index % 11 == 0, "role"] = "narrator"
    labels = s["sentiment"].astype(object)
    labels[s.index % 5 == 0] = None
    for table, keys, kw in ((s, ["speaker"], {}), (s, ["doc_id", "speaker"], {"n_boot": 200, "random_state": 3}),
                            (s, ["turn_id"], {"confidence": 0.8}), (s.assign(sentiment=labels), ["speaker"], {}),
                            (s.assign(sentiment=labels.astype("str")), ["doc_id", "turn_id"], {"n_boot": 50}),
                            (s.assign(sentiment=labels.astype("string")), ["speaker"], {"n_boot": 50}),
                            (s.drop(columns=["doc_id", "sentence_id"]), ["role", "turn_id"], {"n_boot": 30}),
                            (s.iloc[:0], ["speaker"], {})):
        expected = _sentiment_by_with_groupby(table, keys, **kw)
        assert len(expected) > 0 or len(table) == 0
        pd.testing.assert_frame_equal(sentiment_by(table, keys, **kw), expected, check_exact=True)


def test_sentences_without_a_tone_word_skip_the_lexicon_exactly(tmp_path):
    """score_sentiment matches the tone lexicon only where a quick search finds one of its words: the terms
    are those of matching every sentence, with the shipped lexicon and with one of globs and non-ASCII words."""
    from toolkit.codebook import load_codebook
    from toolkit.sentiment import _lexicon_evidence, _tone_candidates, default_tone_lexicon_path

    texts = list(toolkit.read_transcript(INTERVIEW).sentences["text"]) + [
        "Success.", "SUCCESSFUL talks", "unsuccessful", "not a success", "the war-torn city", "We fight terror.",
        "Ünïcode success, «bad» ſuccess", "a great day", "Great  day!", "greatday", "good_bad", "x.bad", "Kafé",
        "café", "CAFÉ crème", "ill-advised", "ill advised", "don't", "don’t", "the goody bag", "sad", "", " ",
        "We urge it to stop such practices.", "They CALLED UPON them to cease.", "pressed him and halted"]
    custom = tmp_path / "tone.yaml"
    custom.write_text("name: t\nversion: '1'\nsource: t\nlicence: CC0\ntopics:\n  positive:\n    definition: p\n"
                      "    patterns: ['*ess*', 'goo?', 'great day', 'café']\n  negative:\n    definition: n\n"
                      "    strong: ['?ad', 'terr*', \"don't\", 'ill-advised']\n", encoding="utf-8")
    table = pd.DataFrame({"text": texts})
    for path in (default_tone_lexicon_path(), custom):
        lex = load_codebook(path)
        assert _tone_candidates(lex) is not None
        expected = [_lexicon_evidence(t, lex)[2] for t in texts]
        assert score_sentiment(table, lexicon=lex)["sentiment_terms"].tolist() == expected
        assert sum(e != "" for e in expected) >= 8


def test_bootstrap_means_gathered_in_pieces_equal_one_gather():
    """The resamples are counted a few rows at a time: the same means as counting each resample alone."""
    from toolkit.sentiment import _bootstrap_means
    for n, n_boot in ((1, 5), (7, 1000), (997, 1000), (5000, 333)):
        x = np.random.default_rng(n).normal(size=n)
        whole = _resample_means(x, np.random.default_rng(3).integers(0, n, size=(n_boot, n)))
        for gather in (1, 2 * n + 1, 1 << 18):
            assert np.array_equal(_bootstrap_means(x, np.random.default_rng(3), n_boot, gather=gather), whole)


def test_bootstrap_means_are_one_draws_for_any_split_of_the_draws():
    """The draws are made a few rows at a time: the numbers of one (n_boot, n) draw for any split (n_boot not a
    multiple of the rows per call, groups of one, large groups) and the generator is left in the same state."""
    from toolkit.sentiment import _bootstrap_means
    for n, n_boot in ((1, 3), (2, 1), (3, 1000), (9, 999), (129, 1001), (4097, 17), (65537, 3), (300_000, 2)):
        x = np.random.default_rng(n).normal(size=n)
        x[::7] = -0.0
        one = np.random.default_rng([n, 1])
        whole = _resample_means(x, one.integers(0, n, size=(n_boot, n)))
        for kw in ({}, {"gather": 1}, {"gather": 3 * n - 1}, {"cells": 30_000}):
            rng = np.random.default_rng([n, 1])
            assert _bootstrap_means(x, rng, n_boot, **kw).tobytes() == whole.tobytes(), (n, n_boot, kw)
            assert rng.bit_generator.state == one.bit_generator.state


def test_repeated_texts_and_the_codebooks_split_words_give_the_same_scores():
    """A text met again is scored once, and a text the codebooks have already split into words is matched
    without the quick search: the same table as scoring every row on its own."""
    from toolkit import codebook

    texts = ["Go ahead.", "Thank you.", "Go ahead.", "The talks were not successful.", "We will fight terrorism.",
             "What is your reaction?", "", "Thank you.", "Cooperation has yielded fruitful results.",
             "Ünïcode success, «bad»", "Good afternoon!", "The talks were not successful.", "Go ahead."]
    table = pd.DataFrame({"text": texts, "n": range(len(texts))})
    alone = pd.concat([score_sentiment(table.iloc[[i]]) for i in range(len(texts))])
    codebook._WORDS_CACHE.clear()
    cold = score_sentiment(table)
    pd.testing.assert_frame_equal(cold, alone, check_exact=True)
    for t in texts:
        codebook._words(t)
    pd.testing.assert_frame_equal(score_sentiment(table), cold, check_exact=True)
    assert score_sentiment(table.iloc[:0]).columns.tolist() == cold.columns.tolist()


def test_an_unscored_table_is_told_which_function_adds_the_columns():
    """A sentence table straight from read_transcript() has no sentiment or topic columns yet: the error names
    the function that adds them rather than blaming the table."""
    from toolkit.keywords import keyness
    t = toolkit.read_transcript(INTERVIEW)
    with pytest.raises(ValueError, match=r"sentiment_by\(\) needs the columns \['polarity', 'sentiment', "
                                         r"'vader_compound'\].*toolkit\.sentiment\.score_sentiment\(sentences\)"):
        sentiment_by(t.sentences, "speaker")
    with pytest.raises(ValueError, match=r"names \['topic'\].*toolkit\.topics\.code_topics\(sentences\)"):
        keyness(t.sentences, "topic")


def test_the_arc_follows_the_sentence_order_whatever_the_rows_order():
    from toolkit.sentiment import sentiment_arc
    s = score_sentiment(toolkit.read_transcript(INTERVIEW).sentences)
    pd.testing.assert_frame_equal(sentiment_arc(s.sample(frac=1, random_state=6)), sentiment_arc(s))


def test_demands_to_stop_and_the_scope_of_a_negation():
    """A demand that another party stop is a criticism (negative 1, and the word it governs keeps its side,
    where an act against a harm drops it); a negation does not reach past a form of "to be"."""
    from toolkit.codebook import load_codebook
    from toolkit.sentiment import _lexicon_evidence, default_tone_lexicon_path

    lex = load_codebook(default_tone_lexicon_path())
    assert _lexicon_evidence("We urge it to stop such practices.", lex) == (0.0, 1.0, "negative 1: urge ... stop")
    assert _lexicon_evidence("We urge the US side to respect the rules and stop making irresponsible remarks.",
                             lex) == (1.0, 3.0, "positive 1: respect; negative 3: irresponsible, urge ... stop")
    assert _lexicon_evidence("They called on Russia to cease its attacks.", lex)[1] == 3.0
    assert _lexicon_evidence("We will stop the violence.", lex) == (0.0, 0.0, "")   # resolve, not criticism
    assert _lexicon_evidence("We asked them to help and stop by.", lex) == (0.0, 0.0, "")
    # advice to one's own citizens, not a criticism of another party (tone rules of version 1.5)
    assert _lexicon_evidence("We urge citizens to refrain from travelling.", lex) == (0.0, 0.0, "")
    assert _lexicon_evidence("Accusing without evidence is irresponsible.", lex) == (
        0.0, 4.0, "negative 4: Accusing, irresponsible")
    assert _lexicon_evidence("It is not irresponsible.", lex) == (2.0, 0.0, "positive 2: not irresponsible")
    s = score_sentiment(toolkit.read_transcript("A: We urge the US side to stop interfering. No deal is bad. "
                                                "No, it is not bad.\n").sentences)
    assert s["sentiment_lexicon"].tolist() == ["negative", "negative", "positive"]


@pytest.mark.parametrize("name, docs, coders, guard_f1, guard_frames", [
    # press conferences 1-4: scored once with the rules of the start of the session (tone 0.680 and 0.671,
    # frames 0.481 and 0.502), then their errors were read (development set)
    ("press_conferences", "1-4", ("t1", "t2"), 0.72, 0.50),
    # press conferences 5-8: coded blind, scored once after the rules were frozen (tone 0.703 and 0.698,
    # frames 0.539 and 0.517); errors read since (tone lexicon 1.4: 0.741 and 0.736)
    ("press_conferences_5_8", "5-8", ("p1", "p2"), 0.71, 0.49),
    # press conferences 9-12: coded blind, scored once after tone lexicon 1.4 was frozen (tone 0.632 and 0.653,
    # frames 0.588 and 0.615); errors read since (tone lexicon 1.5: 0.661 and 0.684; frames 1.2: 0.597, 0.619)
    ("press_conferences_9_12", "9-12", ("q1", "q2"), 0.65, 0.58),
    # press conferences 13-16: coded blind, scored once after tone lexicon 1.5 and frames 1.2 were frozen
    # (tone 0.672 and 0.674, frames 0.682 and 0.662); errors read since (tone lexicon 1.6: 0.720 and 0.723)
    ("press_conferences_13_16", "13-16", ("r1", "r2"), 0.70, 0.63),
    # press conferences 17-20: coded blind, scored once after tone lexicon 1.6 and frames 1.2 were frozen
    # (tone 0.652 and 0.648, frames 0.594 and 0.599); errors read since (tone lexicon 1.7: 0.700 and 0.699;
    # frames 1.3: 0.607 and 0.612)
    ("press_conferences_17_20", "17-20", ("s1", "s2"), 0.68, 0.58),
    # press conferences 21-24: coded blind, scored once after tone lexicon 1.7 and frames 1.3 were frozen
    # (tone 0.644 and 0.664, frames 0.534 and 0.563); errors read since (tone lexicon 1.8: 0.677 and 0.696;
    # frames 1.4: 0.537 and 0.566)
    ("press_conferences_21_24", "21-24", ("u1", "u2"), 0.65, 0.51),
    # press conferences 25-28: coded blind, scored once after tone lexicon 1.8 and frames 1.4 were frozen
    # (tone 0.595 and 0.592, frames 0.559 and 0.565)
    ("press_conferences_25_28", "25-28", ("v1", "v2"), 0.57, 0.53),
    # press conferences 29-32: coded blind, scored once after tone lexicon 1.8 and frames 1.4 were frozen
    # (tone 0.672 and 0.673, frames 0.466 and 0.452)
    ("press_conferences_29_32", "29-32", ("w1", "w2"), 0.64, 0.43),
    # press conferences 33-36: coded blind, scored once after tone lexicon 1.8 and frames 1.4 were frozen
    # (tone 0.634 and 0.631, frames 0.562 and 0.556)
    ("press_conferences_33_36", "33-36", ("x1", "x2"), 0.60, 0.52),
    # press conferences 37-40: coded blind, scored once after tone lexicon 1.8 and frames 1.4 were frozen
    # (tone 0.654 and 0.634, frames 0.560 and 0.550)
    ("press_conferences_37_40", "37-40", ("y1", "y2"), 0.60, 0.51),
    # press conferences 41-44: coded blind, scored once after tone lexicon 1.8 and frames 1.4 were frozen
    # (tone 0.609 and 0.615, frames 0.489 and 0.474)
    ("press_conferences_41_44", "41-44", ("z1", "z2"), 0.57, 0.44),
    # press conferences 45-48: coded blind, scored once after tone lexicon 1.8 and frames 1.4 were frozen
    # (tone 0.530 and 0.518, frames 0.498 and 0.505)
    ("press_conferences_45_48", "45-48", ("aa1", "aa2"), 0.49, 0.46),
    # press conferences 49-52: coded blind, scored once after tone lexicon 1.8 and frames 1.4 were frozen (the
    # lexicon's label 0.560 and 0.562, frames 0.504 and 0.506)
    ("press_conferences_49_52", "49-52", ("ab1", "ab2"), 0.52, 0.46),
    # press conferences 53-56 (US House hearing, NPR, WebVTT captions, Commons Hansard): coded blind, scored once
    # after tone lexicon 1.8 and frames 1.4 were frozen (the lexicon's label 0.573 and 0.560, frames 0.546 and
    # 0.564)
    ("press_conferences_53_56", "53-56", ("ac1", "ac2"), 0.53, 0.51),
    # press conferences 57-60 (UN Security Council record, European Parliament debate, think-tank panel, a
    # briefing extracted from a PDF): coded blind, scored once after tone lexicon 1.8 and frames 1.4 were frozen
    # (the lexicon's label 0.549 and 0.541, frames 0.612 and 0.612)
    ("press_conferences_57_60", "57-60", ("ad1", "ad2"), 0.51, 0.58),
])
def test_press_conference_tone_and_frames_against_two_coders(name, docs, coders, guard_f1, guard_frames):
    """Sentences of press conferences in the style of foreign ministries (data/annotations/README.md), coded for
    tone and frames by two coders each, who saw only the coding guide and the sheet. The label must beat
    VADER and TextBlob against each coder; the guards catch regressions (bars: macro-F1 0.70, frames 60%)."""
    from toolkit.framing import code_frames
    folder = ROOT / "data" / "annotations" / "press_conferences"
    golds = [pd.read_csv(ROOT / f"data/annotations/{name}.tone_frames.coder_{c}.csv", keep_default_na=False)
             for c in coders]
    texts = {d: toolkit.read_transcript(folder / f"{d}.txt") for d in golds[0]["doc_id"].unique()}
    s = pd.concat([code_frames(score_sentiment(t.sentences)) for t in texts.values()])
    for gold in golds:   # the coding's offsets are the sentences' own
        pd.testing.assert_frame_equal(gold[["doc_id", "sentence_id", "start", "end"]].reset_index(drop=True),
                                      s[["doc_id", "sentence_id", "start", "end"]].reset_index(drop=True),
                                      check_dtype=False)
    for coder, gold in zip(coders, golds, strict=True):
        f1, share, n_framed = _tone_and_frames_agreement(gold, s)
        REPORT.append(f"press conferences {docs}, tone, {len(gold)} sentences vs coder {coder.upper()}: macro-F1 "
                      + ", ".join(f"{k} {v:.3f}" for k, v in f1.items())
                      + f"; frames: the dictionary's primary frame among the coder's for {share:.3f} of {n_framed} framed sentences")
        assert f1["sentiment_lexicon"] > f1["vader"] and f1["sentiment_lexicon"] > f1["textblob"]
        assert f1["sentiment_lexicon"] >= guard_f1 and share >= guard_frames


def test_protests_intrusions_and_the_concerned_authorities():
    """Tone lexicon 1.4: a strong protest is a protest (not strength), an intrusion and countermeasures are
    negative, and "the concerned authorities" is an official phrase, not a worry."""
    s = score_sentiment(toolkit.read_transcript(
        "A: Japan lodged a strong protest. Vessels intruded into the territorial sea. China will take "
        "countermeasures. The concerned authorities are working on it. We are concerned. We express our gratitude "
        "to Saudi Arabia. The loss and damage fund was set up.\n").sentences)
    assert s["sentiment_lexicon"].tolist() == ["negative", "negative", "negative", "neutral", "negative", "positive", "neutral"]


def test_tone_lexicon_1_6_praise_displeasure_and_names():
    """Tone lexicon 1.6 (from the errors of the fourth press-conference set): praise and hope ("valuable",
    "vibrant", "we look forward"), displeasure, exclusion and shortfall ("unhappy", "one-sided", "barred",
    "insufficient", "abandon"); a news agency's name and an agenda item of "common concern" are no tone."""
    s = score_sentiment(toolkit.read_transcript(
        "A: India made a valuable contribution. We look forward to the next round. The regime is unhappy. "
        "The Taliban barred women from working. The exemptions are insufficient. Press Trust of India, please. "
        "They discussed issues of common concern.\n").sentences)
    assert s["sentiment_lexicon"].tolist() == ["positive", "positive", "negative", "negative", "negative", "neutral",
                                       "neutral"]


def test_tone_lexicon_1_7_and_frames_1_3():
    """Tone lexicon 1.7 (from the errors of the fifth press-conference set): "concern" as a verb or a preposition
    is no worry, a briefing's "welcome to" is a greeting, a "successor" is no success, famine and refusal are
    negative; frames 1.3: scams are crime, haze and air pollution are health."""
    from toolkit.framing import code_frames
    s = score_sentiment(toolkit.read_transcript(
        "A: The fourth item concerns visas. We received requests concerning ten people. Welcome to the briefing. "
        "Names are circulating for your successor. We are concerned. It was a success. The UN warns of famine. "
        "Travellers were denied entry.\n").sentences)
    assert s["sentiment_lexicon"].tolist() == ["neutral", "neutral", "neutral", "neutral", "negative", "positive", "negative",
                                       "negative"]
    f = code_frames(toolkit.read_transcript("A: A question on the online scam centres.\n\n"
                                            "A: The haze is back in the North.\n").sentences)
    assert f["frame_dictionary"].tolist() == ["crime", "health"]


def test_tone_lexicon_1_8_and_frames_1_4():
    """Tone lexicon 1.8 (from the errors of the sixth press-conference set): thanking someone is positive ("thank
    you" alone stays a courtesy), complaints, setbacks and arrears are negative; frames 1.4: "elect*" no longer
    matches "electric"."""
    from toolkit.framing import code_frames
    s = score_sentiment(toolkit.read_transcript(
        "A: I thank the outgoing Chair for his leadership. Thank you. Businesses complain about credit. "
        "It is a setback for our continent. Many states are in arrears.\n").sentences)
    assert s["sentiment_lexicon"].tolist() == ["positive", "neutral", "negative", "negative", "negative"]
    f = code_frames(toolkit.read_transcript("A: They adopted documents on the electric vehicle ecosystem.\n\n"
                                            "A: She was elected in May.\n").sentences)
    assert f["frame_dictionary"].tolist() == ["policy", "political"]
