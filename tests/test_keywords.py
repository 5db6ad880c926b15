"""Keywords: terms, frequencies, TF-IDF, keyness (hand-computed G2 and Log Ratio), collocations, KWIC,
dispersion and lexical diversity."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.errors import ToolkitError
from toolkit.keywords import (
    _adjust,
    _mattr,
    _mtld_pass,
    _rank_desc,
    collocations,
    dispersion,
    keyness,
    keyness_stats,
    kwic,
    lexical_diversity,
    term_frequencies,
    terms,
    tfidf_terms,
    tokens,
)
from toolkit.schema import spoken

TINY = "A: Trade rules matter. We trade and we trade.\n\nB: Rules? Rules are rules.\n"


@pytest.fixture(scope="module")
def tiny():
    return toolkit.read_transcript(TINY)


@pytest.fixture(scope="module")
def interview():
    return toolkit.analyze("data/raw")


def test_terms_rules():
    assert terms("We fight terrorism, and the U.S. won’t stop.") == ["fight", "terrorism", "u.s", "stop"]
    assert terms("We fight terrorism.", stopwords=False) == ["we", "fight", "terrorism"]
    assert terms("Cooperating in cooperation", stem=True) == ["cooper", "cooper"]
    assert terms("In 2018 we had 950 attacks") == ["attacks"]
    assert terms("In 2018 we had 950 attacks", numbers=True) == ["2018", "950", "attacks"]
    # n-grams stay inside the text given, and drop only those that start or end with a stopword
    assert terms("the rule of law matters", ngram=3) == ["rule of law"]
    assert terms("free trade now. Free trade", ngram=2, stopwords=False) == ["free trade", "trade now", "now free",
                                                                           "free trade"]
    # a list of words replaces the shipped list
    assert terms("Trade and WTO", stopwords=["wto"]) == ["trade", "and"]
    with pytest.raises(ToolkitError, match="ngram"):
        terms("x", ngram=0)
    with pytest.raises(ToolkitError, match="stopwords"):
        terms("x", stopwords="english")


def test_stopword_list_keeps_political_content_words():
    assert terms("The UN bill on fire and interest rates") == ["un", "bill", "fire", "interest", "rates"]


def test_tokens_trace_back_to_the_text(tiny):
    tok = tokens(tiny.sentences)
    assert tok["term"].tolist() == ["trade", "rules", "matter", "trade", "trade", "rules", "rules", "rules"]
    for row in tok.itertuples():
        assert tiny.text[row.start:row.end] == row.token
    assert tok["token_index"].tolist()[:3] == [0, 1, 2]


def test_frequencies_by_hand(tiny):
    f = term_frequencies(tiny.sentences, "speaker")
    a = f[f.speaker == "A"].set_index("term")
    # A says 8 words: trade x3, rules, matter (we, and are stopwords)
    assert a.loc["trade", "count"] == 3 and a.loc["trade", "rate_per_1000"] == pytest.approx(3 / 8 * 1000)
    assert a.loc["trade", "rank"] == 1 and a.loc["rules", "rank"] == 2 and a.loc["matter", "rank"] == 2
    b = f[f.speaker == "B"].set_index("term")
    assert b.loc["rules", "count"] == 3 and b.loc["rules", "rate_per_1000"] == pytest.approx(3 / 4 * 1000)
    assert f["doc_freq"].eq(1).all()
    assert list(f.columns) == ["speaker", "term", "count", "rate_per_1000", "doc_freq", "rank"]
    whole = term_frequencies(tiny.sentences, None).set_index("term")
    assert whole.loc["rules", "count"] == 4 and whole.loc["rules", "rate_per_1000"] == pytest.approx(4 / 12 * 1000)
    assert term_frequencies(tiny.sentences, "speaker", n=1)["term"].tolist() == ["trade", "rules"]


def test_tfidf_by_hand(tiny):
    t = tfidf_terms(tiny.sentences, "speaker", n=None)
    a = t[t.speaker == "A"].set_index("term")
    # two groups: idf = ln(3/2) + 1 for a term one group uses, 1 for both; then unit length
    idf1 = math.log(3 / 2) + 1
    raw = {"trade": 3 * idf1, "matter": 1 * idf1, "rules": 1.0}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    for term, v in raw.items():
        assert a.loc[term, "tfidf"] == pytest.approx(v / norm)
    assert a.loc["trade", "rank"] == 1


def test_keyness_worked_check_from_methods():
    r = keyness_stats(100, 50, 100_000, 100_000).iloc[0]
    assert r["g2"] == pytest.approx(16.99, abs=0.005)
    assert r["log_ratio"] == pytest.approx(1.0)
    # Pearson chi2 by hand: N (a(d-b) - b(c-a))^2 / (c d (a+b)(N-a-b))
    assert r["chi2"] == pytest.approx(200_000 * 5_000_000 ** 2 / (1e10 * 150 * 199_850))
    assert r["p_value"] == pytest.approx(3.76e-5, rel=0.01)
    rev = keyness_stats(50, 100, 100_000, 100_000).iloc[0]
    assert rev["g2"] == pytest.approx(-r["g2"]) and rev["log_ratio"] == pytest.approx(-1.0)
    # the 5% critical value of chi2 with 1 d.f.
    assert keyness_stats(0, 0, 1, 1)["g2"].iloc[0] == 0
    e1 = 10 * 10 / 20
    assert keyness_stats(10, 0, 10, 10)["g2"].iloc[0] == pytest.approx(2 * 10 * math.log(10 / e1))
    with pytest.raises(ToolkitError, match="0 <= a <= c"):
        keyness_stats(5, 1, 4, 10)


def test_keyness_by_hand(tiny):
    k = keyness(tiny.sentences, "speaker", correction="none")
    a = k[k.speaker == "A"].set_index("term")
    # trade: a=3, b=0, c=8, d=4; E1 = 2; G2 = 2 * 3 ln(3/2)
    assert a.loc["trade", "g2"] == pytest.approx(6 * math.log(1.5))
    assert a.loc["trade", "log_ratio"] == pytest.approx(math.log2((3 / 8) / (0.5 / 4)))
    # rules: a=1, b=3; E1 = 8*4/12, E2 = 4*4/12; negative: relatively more frequent in B
    g2 = 2 * (1 * math.log(1 / (32 / 12)) + 3 * math.log(3 / (16 / 12)))
    assert a.loc["rules", "g2"] == pytest.approx(-g2)
    assert a.loc["rules", "log_ratio"] == pytest.approx(math.log2(1 / 6))
    assert a.loc["trade", "p_value"] == pytest.approx(math.erfc(math.sqrt(6 * math.log(1.5) / 2)))
    assert (a["size_target"] == 8).all() and (a["size_reference"] == 4).all()
    assert (a["reference"] == "rest").all()
    b = k[k.speaker == "B"].set_index("term")
    assert b.loc["trade", "count_target"] == 0 and b.loc["trade", "g2"] == pytest.approx(-6 * math.log(1.5))
    # sorted from most positive to most negative within each group
    assert k[k.speaker == "A"]["g2"].is_monotonic_decreasing


def test_multiple_comparison_corrections_by_hand():
    p = np.array([0.01, 0.04, 0.03, 0.005])
    assert _adjust(p, "bonferroni") == pytest.approx([0.04, 0.16, 0.12, 0.02])
    assert _adjust(p, "holm") == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert _adjust(p, "fdr_bh") == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert _adjust(np.array([0.5, 0.9]), "bonferroni") == pytest.approx([1.0, 1.0])


def test_keyness_reference_group_within_documents_and_reference_corpus():
    docs = [toolkit.read_transcript("Q: Trade?\n\nA: Trade trade tariffs.\n\nC: Tourism.\n", doc_id="d1"),
            toolkit.read_transcript("Q: Tourism?\n\nA: Tourism tourists.\n", doc_id="d2")]
    s = pd.concat([d.sentences for d in docs], ignore_index=True)
    named = keyness(s, "speaker", reference="Q", correction="none")
    assert set(named["speaker"]) == {"A", "C"} and (named["reference"] == "Q").all()
    a = named[named.speaker == "A"].set_index("term")
    # A: 5 words (trade, trade, tariffs, tourism, tourists); Q: 2 words (trade, tourism)
    assert a.loc["trade", "count_target"] == 2 and a.loc["trade", "count_reference"] == 1
    assert a.loc["trade", "size_target"] == 5 and a.loc["trade", "size_reference"] == 2
    within = keyness(s, "speaker", within="doc_id", correction="none")
    d2a = within[(within.doc_id == "d2") & (within.speaker == "A")].set_index("term")
    assert d2a.loc["tourism", "count_reference"] == 1 and d2a.loc["tourism", "size_reference"] == 1
    assert "trade" not in d2a.index   # d1's words are not in d2's comparison
    ref = keyness(docs[0].sentences, "speaker", target="A", reference=docs[1].sentences, correction="none")
    r = ref.set_index("term")
    assert (ref["reference"] == "reference corpus").all()
    assert r.loc["tourism", "count_reference"] == 2 and r.loc["tourism", "size_reference"] == 3
    with pytest.raises(ToolkitError, match="not found"):
        keyness(s, "speaker", reference="Z")
    with pytest.raises(ToolkitError, match="correction"):
        keyness(s, "speaker", correction="BH")


def test_keyness_n_keeps_both_directions(interview):
    k = keyness(interview.sentences, "topic", n=3)
    for _, g in k.groupby("topic"):
        assert (g["g2"] > 0).sum() <= 3 and (g["g2"] < 0).sum() <= 3
    terror = k[k.topic == "terrorism"]
    assert terror["term"].iloc[0] == "terrorism" and terror["p_adjusted"].iloc[0] < 0.05


def test_collocations_counted_within_sentences(tiny):
    t = toolkit.read_transcript("A: Free trade. Free trade helps. Trade free people. Free trade!\n")
    c = collocations(t.sentences, min_count=2, stopwords=False).set_index("term")
    assert c.loc["free trade", "count"] == 3
    assert "trade free" not in c.index        # "trade. Free" crosses a sentence; "Trade free" occurs once
    c1 = collocations(t.sentences, min_count=1, stopwords=False).set_index("term")
    assert c1.loc["trade free", "count"] == 1 and "trade helps" in c1.index
    # NLTK's PMI by hand: log2(n_ii * N / (n_i. * n_.i)); N counts every word, 10 of them
    assert c.loc["free trade", "pmi"] == pytest.approx(math.log2(3 * 10 / (4 * 4)))
    assert list(c1.sort_values("rank")["likelihood_ratio"]) == sorted(c1["likelihood_ratio"], reverse=True)
    with pytest.raises(ToolkitError, match="measure"):
        collocations(t.sentences, measure="dice")


def test_kwic_contexts_and_offsets(tiny, interview):
    k = kwic(tiny.sentences, "trade", window=2)
    assert k["keyword"].tolist() == ["Trade", "trade", "trade"]
    assert k["left"].tolist() == ["", "matter. We", "and we"]
    # context is the window's words and the punctuation between them, across sentences
    assert k["right"].tolist() == ["rules matter", "and we", ". Rules? Rules"]
    for row in k.itertuples():
        assert tiny.text[row.start:row.end] == row.keyword
    s = interview.sentences
    k = kwic(s, ["terror*", "free trade", "World Trade Organi?ation"])
    doc = interview.transcripts[0].text
    assert all(doc[r.start:r.end] == r.keyword for r in k.itertuples())
    assert set(k["pattern"]) == {"terror*", "free trade", "World Trade Organi?ation"}
    assert (k["pattern"] == "terror*").sum() == 13   # terrorism x6, terrorist x3, and a part of anti-terrorism x3, anti-terrorist x1
    assert k[k.pattern == "free trade"]["topic"].tolist() == ["trade"]
    regex = kwic(s, r"\b\d+%", match="regex")
    assert regex["keyword"].tolist() == ["44%"]
    assert kwic(s, "SCO", case_sensitive=True).shape[0] == kwic(s, "sco").shape[0]
    assert kwic(s, "Sco", case_sensitive=True).empty
    sent = kwic(s, "NATO", unit="sentence")
    assert sent["left"].iloc[0] == "Most of the western media tend to associate SCO with"
    assert sent["right"].iloc[0] == "."
    with pytest.raises(ToolkitError, match="not valid"):
        kwic(s, "(", match="regex")
    with pytest.raises(ToolkitError, match="unit"):
        kwic(s, "x", unit="word")


def test_hyphenated_words_match_by_their_parts():
    t = toolkit.read_transcript("A: Anti-terrorism drills and counter-terrorism. Anti-Americanism is rare.\n")
    k = kwic(t.sentences, "terror*")
    assert k["keyword"].tolist() == ["Anti-terrorism", "counter-terrorism"]
    assert kwic(t.sentences, "anti-terrorism")["keyword"].tolist() == ["Anti-terrorism"]
    assert kwic(t.sentences, "anti")["keyword"].tolist() == ["Anti-terrorism", "Anti-Americanism"]


def test_phrases_do_not_cross_sentences():
    t = toolkit.read_transcript("A: We fight terrorism. Trade grows.\n")
    assert kwic(t.sentences, "terrorism trade").empty
    assert len(kwic(t.sentences, "terrorism trade", match="regex")) == 0


def test_dispersion_positions(tiny):
    d = dispersion(tiny.sentences, ["rules", "trade"])
    r = d[d.term == "rules"]
    # the document's words: Trade rules matter We trade and we trade Rules Rules are rules (12)
    assert r["token_index"].tolist() == [1, 8, 9, 11]
    assert r["speaker"].tolist() == ["A", "B", "B", "B"]
    assert (d["n_tokens_doc"] == 12).all() and r["position"].iloc[0] == pytest.approx(1 / 12)


def test_lexical_diversity_by_hand():
    assert _mattr(list("abac"), 2) == pytest.approx(1.0)
    assert _mattr(list("aabb"), 2) == pytest.approx((1 + 2 + 1) / 3 / 2)
    assert math.isnan(_mattr(list("ab"), 3))
    # a b a: TTR 2/3 <= 0.72, one factor; x y z x: TTR 3/4 left over, a partial factor (1 - .75) / (1 - .72)
    assert _mtld_pass(list("abaxyzx"), 0.72) == pytest.approx(7 / (1 + 0.25 / 0.28))
    t = toolkit.read_transcript("A: one two one two.\n\nB: one two three four.\n")
    ld = lexical_diversity(t.sentences).set_index("speaker")
    assert ld.loc["A", "ttr"] == 0.5 and ld.loc["B", "ttr"] == 1.0
    assert math.isnan(ld.loc["A", "mtld"])   # under 100 words


def test_bad_inputs_name_the_problem(tiny):
    with pytest.raises(ToolkitError, match=r"The `by` parameter of keyness\(\) names \['speaker'\].*its columns"):
        keyness(tiny.sentences.drop(columns=["speaker"]))
    with pytest.raises(ToolkitError, match="missing columns"):
        keyness(tiny.sentences.drop(columns=["text"]))
    with pytest.raises(ToolkitError, match="`n` parameter"):
        term_frequencies(tiny.sentences, n=0)
    with pytest.raises(ToolkitError, match="pattern"):
        kwic(tiny.sentences, "")


def test_interviewee_key_terms_against_the_interviewer(interview):
    k = keyness(interview.sentences, "speaker", target="Alimov", reference="Massource", correction="none")
    top = k.head(10)
    assert top["term"].iloc[0] == "organization" and (top["g2"] > 0).all()
    assert "terrorism" in set(top["term"]) or "terrorism" in set(k[k.g2 > 0]["term"])
    # written by analyze: each speaker against the other speakers of the document
    ks = interview.tables["keyness_by_speaker"]
    assert set(ks["speaker"]) == {"Alimov", "Massource"} and (ks["reference"] == "rest").all()


def test_corpus_of_several_documents(tmp_path):
    """Everything keyword-related runs on a folder of transcripts in different layouts."""
    import shutil

    from conftest import INTERVIEW
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(INTERVIEW, folder / "alimov.txt")
    (folder / "briefing.md").write_text(
        "MS. SMITH: Good afternoon. Tariffs on steel will rise. Trade with Canada matters.\n\n"
        "Q: Will tariffs on steel hurt trade?\n\nMS. SMITH: Trade will grow. Steel tariffs protect jobs.\n",
        encoding="utf-8")
    (folder / "talk.txt").write_text("Q. Is terrorism still the main threat?\nA. Terrorism remains a threat, "
                                     "and tourism suffers from it.\n", encoding="utf-8")
    a = toolkit.analyze(folder)
    s = a.sentences
    assert set(s["doc_id"]) == {"alimov", "briefing", "talk"}
    f = term_frequencies(s, ["doc_id", "speaker"])
    assert f[(f.doc_id == "briefing") & (f.term == "tariffs")]["count"].sum() == 3
    assert set(a.tables["keyness_by_speaker"]["doc_id"]) == {"alimov", "briefing", "talk"}
    k = kwic(s, "tariff*")
    texts = {t.doc_id: t.text for t in a.transcripts}
    assert len(k) == 3 and all(texts[r.doc_id][r.start:r.end] == r.keyword for r in k.itertuples())
    q = a.tables["qa_pairs"]
    assert q.groupby("doc_id").size().to_dict() == {"alimov": 3, "briefing": 1, "talk": 1}
    assert q.set_index("doc_id").loc["talk", "shared_terms"] == "terrorism, threat"
    d = dispersion(s, "terror*")
    assert set(d["doc_id"]) == {"alimov", "talk"}
    actors = a.tables["actors"]
    assert set(actors[actors.doc_id == "briefing"]["actor"]) == {"Canada"}
    assert {"NATO", "China"} <= set(actors[actors.doc_id == "alimov"]["actor"])
    claims = a.tables["claims"]
    assert set(claims["doc_id"]) == {"alimov"} and "44%" in set(claims["number"])
    assert all(texts[r.doc_id][r.start:r.end] == r.number for r in claims.itertuples())
    assert lexical_diversity(s, ["doc_id", "speaker"]).shape[0] == 6


@pytest.mark.parametrize("opts", [{}, {"stem": True}, {"lower": False}, {"stopwords": False}, {"numbers": True}])
def test_fast_single_word_path_equals_the_traceable_tokens(interview, opts):
    """terms() has a fast path for single words; it must give exactly the terms tokens() traces to offsets."""
    s = interview.sentences
    tok = tokens(s, include_narrator=True, **opts)
    for sid, text in zip(s["sentence_id"], s["text"], strict=True):
        assert terms(text, **opts) == tok.loc[tok.sentence_id == sid, "term"].tolist()


# --- the vectorised tables give what the libraries and the target-by-target formulas give --------------------

@pytest.mark.parametrize("keys", [["speaker"], ["speaker", "topic"]])
def test_tfidf_equals_scikit_learns_vectorizer_bit_for_bit(interview, keys):
    """tfidf_terms() builds scikit-learn's count matrix itself; the values are those of TfidfVectorizer given one
    document per group (its terms in frequency-table order), to the last bit."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    s = interview.sentences
    freq = term_frequencies(s, keys)
    names, docs = [], []
    for name, g in freq.groupby(keys, sort=True):
        names.append(name)
        docs.append(dict(zip(g["term"], g["count"], strict=True)))
    vec = TfidfVectorizer(analyzer=lambda d: [t for t, c in d.items() for _ in range(c)], lowercase=False)
    x = vec.fit_transform(docs).toarray()
    col = {t: j for j, t in enumerate(vec.get_feature_names_out())}
    row = {name: i for i, name in enumerate(names)}
    got = tfidf_terms(s, keys, n=None)
    assert len(got) == len(freq) and len(names) >= 2
    want = np.round(x[[row[tuple(r)] for r in got[keys].itertuples(index=False, name=None)],
                      [col[t] for t in got["term"]]], 12)
    assert np.array_equal(got["tfidf"].to_numpy(), want)


@pytest.mark.parametrize("window", [2, 3])
def test_collocations_count_and_score_as_nltks_finder(interview, window):
    """collocations() counts pairs itself; counts and scores equal NLTK's BigramCollocationFinder.from_words."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    s = interview.sentences
    words: list[str | None] = []
    for text in spoken(s)["text"]:
        words.extend(terms(text, stopwords=False))
        words.extend([None] * (window - 1))
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    m = BigramAssocMeasures
    for measure in ("likelihood_ratio", "pmi"):   # the ranked measure is rounded: check each one unrounded
        got = collocations(s, min_count=1, window=window, stopwords=False, measure=measure)
        pairs = list(zip(got["word1"], got["word2"], strict=True))
        assert dict(zip(pairs, got["count"], strict=True)) == dict(finder.ngram_fd)
        for name, fn in (("likelihood_ratio", m.likelihood_ratio), ("pmi", m.pmi), ("t_score", m.student_t)):
            if name != measure:
                scores = dict(finder.score_ngrams(fn))
                assert got[name].tolist() == [scores[p] for p in pairs], name


@pytest.mark.parametrize("correction", ["holm", "fdr_bh", "bonferroni"])
def test_keyness_of_all_targets_at_once_equals_target_by_target(interview, correction):
    """keyness() computes every target in one pass; each target's rows are keyness_stats() and _adjust() of its
    own counts, sorted by g2 then term, and ``n`` keeps the head of the positives and the tail of the negatives."""
    s = interview.sentences
    k = keyness(s, "topic", correction=correction, chi2=True)
    counts = term_frequencies(s, "topic").pivot(index="term", columns="topic", values="count").fillna(0)
    assert k["topic"].nunique() > 3
    for topic, part in k.groupby("topic", sort=False):
        a = counts[topic]
        b = counts.sum(axis=1) - a
        a, b = a[(a + b) > 0], b[(a + b) > 0]
        c, d = part["size_target"].iloc[0], part["size_reference"].iloc[0]
        want = keyness_stats(a.to_numpy(), b.to_numpy(), c, d)
        want.insert(0, "term", a.index.astype(str))
        want["p_adjusted"] = _adjust(want["p_value"].to_numpy(), correction)
        want = want.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
        got = part.reset_index(drop=True)
        assert got["term"].tolist() == want["term"].tolist()
        assert got["count_target"].tolist() == a[want["term"]].astype(int).tolist()
        for col in ("g2", "p_value", "p_adjusted", "log_ratio", "chi2"):
            assert np.array_equal(got[col].to_numpy(), want[col].to_numpy()), col
    top = keyness(s, "topic", correction=correction, n=4)
    for topic, part in k.groupby("topic", sort=False):
        keep = pd.concat([part[part.g2 > 0].head(4), part[part.g2 < 0].tail(4)])
        pd.testing.assert_frame_equal(top[top.topic == topic].reset_index(drop=True),
                                      keep.drop(columns="chi2").reset_index(drop=True), check_exact=True)


def test_keyness_within_documents_one_document_at_a_time(interview):
    """A document's keyness within documents is the same table alone as inside the corpus (the pipeline builds it
    document by document)."""
    other = toolkit.read_transcript("MS. SMITH: Tariffs on steel will rise. Trade with Canada matters.\n\n"
                                    "Q: Will tariffs hurt trade?\n\nMS. SMITH: Trade will grow. Tariffs protect "
                                    "jobs.\n", doc_id="briefing").sentences
    s = pd.concat([other, interview.sentences[other.columns]], ignore_index=True)
    whole = keyness(s, "speaker", within="doc_id", n=5)
    assert set(whole["doc_id"]) == {"briefing", interview.sentences["doc_id"].iloc[0]}
    for doc, part in whole.groupby("doc_id"):
        alone = keyness(s[s["doc_id"] == doc], "speaker", within="doc_id", n=5)
        pd.testing.assert_frame_equal(alone, part.reset_index(drop=True), check_exact=True)


def test_words_are_read_again_when_the_texts_change(tiny):
    """The words of the last texts read are kept for the next table; other texts, even of the same length, are
    read afresh."""
    s = tiny.sentences
    assert term_frequencies(s, None).set_index("term").loc["trade", "count"] == 3
    changed = s.assign(text=s["text"].str.replace("trade", "tariffs", regex=False))
    f = term_frequencies(changed, None).set_index("term")
    assert f.loc["trade", "count"] == 1 and f.loc["tariffs", "count"] == 2   # "Trade rules" is capitalised
    assert term_frequencies(s, None).set_index("term").loc["trade", "count"] == 3


def test_rank_within_groups_as_pandas_ranks():
    rng = np.random.default_rng(7)
    g = rng.integers(0, 5, 300)
    for values in (rng.integers(0, 6, 300), rng.integers(0, 4, 300) / 3):
        want = pd.Series(values).groupby(g).rank(method="min", ascending=False).astype("int64").to_numpy()
        assert np.array_equal(_rank_desc(g, values), want)


def test_bigram_scores_equal_nltks_functions_bit_for_bit():
    """collocations() scores all pairs at once with the float operations of NLTK's association measures."""
    from nltk.metrics import association
    from nltk.metrics.association import BigramAssocMeasures as m

    from toolkit import keywords as module

    if not module._EXACT_SUMS:
        pytest.skip("Python 3.12+ compensates float sums: collocations() then calls NLTK's functions")
    assert module._SMALL == association._SMALL
    rng = np.random.default_rng(7)
    total = 2_000_003
    n_ix = rng.integers(1, 50_000, size=3000)
    n_xi = rng.integers(1, 50_000, size=3000)
    counts = np.minimum(rng.integers(1, 400, size=3000), np.minimum(n_ix, n_xi))
    # edge cases: a pair as frequent as both words, a word that only occurs in the pair, tiny and huge counts
    n_ix[:4], n_xi[:4], counts[:4] = [5, 5, 1, 40_000], [5, 9, 1, 45_000], [5, 5, 1, 39_999]
    for window in (2, 3, 5):
        n_ii = counts / (window - 1.0)
        lr, pmi, t = module._bigram_scores(n_ii, n_ix, n_xi, total)
        for k in range(len(counts)):
            args = (n_ii[k].item(), (int(n_ix[k]), int(n_xi[k])), total)
            want = (m.likelihood_ratio(*args), m.pmi(*args), m.student_t(*args))
            got = (lr[k], pmi[k], t[k])
            assert [x.hex() for x in got] == [float(x).hex() for x in want], (window, k)


def test_collocations_fall_back_to_nltk_when_sums_are_not_exact(tiny, monkeypatch):
    from toolkit import keywords as module

    fast = collocations(tiny.sentences, min_count=1, stopwords=False, window=3)
    monkeypatch.setattr(module, "_EXACT_SUMS", False)
    pd.testing.assert_frame_equal(fast, collocations(tiny.sentences, min_count=1, stopwords=False, window=3),
                                  check_exact=True)
    empty = collocations(tiny.sentences, min_count=50)
    assert empty.empty and list(empty.columns) == ["term", "word1", "word2", "count", "likelihood_ratio", "pmi",
                                                   "t_score", "rank"]


TRICKY_TEXTS = ["", "U.S. troops’ return — “now”…", "Café naïve résumé; Straße 1.5 2,000 x_y a-b-c.", " ",
                "ꙮ is a letter", "北京 and 東京 are cities", "ends with a dot.", "’tis O’Neill's rock-‘n’-roll",
                "emoji 🙂 and 𝐁𝐨𝐥𝐝 letters, ½ ² ٣ digits", "tab\there\nnewline\xa0nbsp\u202fnarrow", "---", "a"]


def test_words_read_joined_are_the_words_of_each_text():
    """Texts are read joined (one scan per chunk, with a scanner written for the chunk's characters): the
    same words, in the same order, as WORD_RE text by text; a text holding the separator falls back."""
    from toolkit import keywords as module
    from toolkit.text import WORD_RE

    for texts in (TRICKY_TEXTS, TRICKY_TEXTS[::-1] * 3, TRICKY_TEXTS * 2000, [], [""], ["x ꙮ y", "z"]):
        got = module._read_words(texts)
        each = module._read_words_each(texts)
        assert got.n_words.tolist() == [len(WORD_RE.findall(t)) for t in texts]
        assert [got.distinct[i] for i in got.word] == [w for t in texts for w in WORD_RE.findall(t)]
        assert got.n_words.tolist() == each.n_words.tolist() and got.word.tolist() == each.word.tolist()
        assert got.distinct == each.distinct
    assert module._read_words_joined(["x ꙮ y"]) is None
    assert module._read_words_joined(["x", float("nan")]) is None
    with pytest.raises(TypeError):
        module._read_words(["x", float("nan")])


def test_word_scanner_finds_what_word_re_finds_over_unicode():
    """The scanner built for a text (its letters and digits written out) matches as WORD_RE on that text,
    for every character of the Basic Multilingual Plane and a few beyond it."""
    from toolkit.keywords import _WORD_SCAN, _word_scanner
    from toolkit.text import WORD_RE

    chars = [chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c <= 0xDFFF]
    chars += ["𝐁", "🙂", "𐐀", "\U000e0041"]
    for i in range(0, len(chars), 500):   # each block of characters in words and between words
        block = chars[i:i + 500]
        text = " ".join(f"a{c}b {c}{c} x'{c} {c}-{c}" for c in block)
        assert _word_scanner(text).findall(text) == WORD_RE.findall(text), i
    many = "".join(chars[1000:3000])
    assert _word_scanner(many) is _WORD_SCAN and _WORD_SCAN.findall(many) == WORD_RE.findall(many)


@pytest.mark.parametrize("descending", [False, True])
def test_order_is_lexsorts_order(descending):
    from toolkit.keywords import _order

    rng = np.random.default_rng(3)
    for values in (rng.integers(-5, 6, size=500), rng.integers(0, 3, size=500).astype(np.int32),
                   rng.normal(size=500).round(1), np.array([2**61, -(2**61), 0, 5] * 10, dtype=np.int64),
                   np.zeros(0, dtype=np.int64)):
        g = rng.integers(0, 7, size=len(values))
        want = np.lexsort((-values if descending else values, g))
        assert np.array_equal(_order(g, values, descending=descending), want)
    values = rng.integers(0, 9, size=300)
    assert np.array_equal(_rank_desc(np.zeros(300, dtype=np.int64), values),
                          pd.Series(values).rank(method="min", ascending=False).astype("int64").to_numpy())


def test_tokenisation_is_shared_by_the_same_rules_only():
    from toolkit import keywords as module

    texts = ["We trade rules.", "Rules, rules and trade in 2024."]
    module._last_words = None
    plain = module._Normaliser()
    first = module._tokenise(texts, plain)
    assert module._tokenise(list(texts), module._Normaliser()) is first   # the same texts, the same rules
    stemmed = module._tokenise(texts, module._Normaliser(stem=True))
    assert stemmed is not first and stemmed.vocab == ["rule", "trade"]
    again = module._tokenise(texts, plain)
    assert again is not first and again.vocab == first.vocab and again.term.tolist() == first.term.tolist()
    with pytest.raises(ValueError):
        first.term[0] = 1   # shared: read-only
    module._last_words = None


def test_counts_with_missing_group_keys_and_doc_ids():
    """Rows whose group has a missing value are left out of the groups; words of a sentence with no doc_id
    count, but no document does (doc_freq)."""
    s = pd.DataFrame({"doc_id": ["d1", None, "d2", "d2", "d1"], "sentence_id": [1, 2, 1, 2, 3],
                      "speaker": ["A", "A", None, "B", "A"], "role": ["interviewee"] * 5,
                      "text": ["trade rules", "trade deals", "trade wars", "rules rules", "trade"]})
    got = term_frequencies(s, "speaker")
    trade = got[(got["speaker"] == "A") & (got["term"] == "trade")]
    assert trade["count"].tolist() == [3] and trade["doc_freq"].tolist() == [1]
    assert set(got["speaker"]) == {"A", "B"}
    assert got[got["speaker"] == "B"]["count"].tolist() == [2]


def test_merged_words_of_parts_are_the_words_of_all_the_texts():
    """The analysis reads each batch's words in its worker and merges them for the corpus keyword tables: the
    merge is exactly what reading all the texts gives (numbers of the distinct spellings included)."""
    import numpy as np

    from toolkit import keywords
    texts = ["We fight terrorism.", "", "Trade, trade and TRADE!", "Café 中文 co-operation", "we WE we",
             "The U.S. and the U.K.", "Terrorism: trade?", "ꙮ odd separator", "it's 2,000 — 44%"]
    whole = keywords._read_words(texts)
    for cuts in ([], [1], [3, 4], [0, 9], [2, 5, 7, 8]):
        bounds = [0, *cuts, len(texts)]
        merged = keywords.merge_words([keywords._read_words(texts[a:b]) for a, b in zip(bounds, bounds[1:])])
        assert merged.distinct == whole.distinct
        np.testing.assert_array_equal(merged.n_words, whole.n_words)
        np.testing.assert_array_equal(merged.word, whole.word)
    empty = keywords.merge_words([])
    assert empty.distinct == [] and len(empty.n_words) == 0 and len(empty.word) == 0


def test_group_numbers_are_those_of_a_dict_of_the_rows_values():
    """Key columns read as pandas codes number the groups as a dict of each row's tuple of values does (in
    order of first appearance) and give the same tuples, values of the same types; columns with missing
    values or floats are read value by value."""
    from toolkit.keywords import _group_numbers

    rng = np.random.default_rng(5)
    n = 400
    s = pd.DataFrame({"doc_id": rng.choice(["d3", "d1", "d10", "d2"], n).tolist(),
                      "speaker": rng.choice(["B", "A", "Ö", ""], n).tolist(),
                      "year": rng.choice([2021, 1999, 2005], n), "flag": rng.choice([True, False], n),
                      "score": rng.choice([0.5, -0.0, 0.0, 2.0], n),
                      "party": [["R", "D", None][i] for i in rng.integers(0, 3, n)]})
    s["as_object"] = s["speaker"].astype(object)

    def by_dict(keys, rows):
        data = s if rows is None else s[rows]
        index: dict = {}
        group = [index.setdefault(r, len(index)) for r in zip(*(data[c].tolist() for c in keys))]
        return group, list(index)

    def shown(tuples):
        return [tuple((type(v).__name__, str(v)) for v in t) for t in tuples]

    for keys in (["doc_id"], ["doc_id", "speaker"], ["speaker", "year", "flag"], ["year"], ["doc_id", "doc_id"],
                 ["score"], ["party", "doc_id"], ["as_object"]):
        for rows in (None, rng.random(n) < 0.6, np.zeros(n, dtype=bool)):
            group, tuples = _group_numbers(s, keys, rows)
            want_group, want_tuples = by_dict(keys, rows)
            assert group.dtype == np.int64 and group.tolist() == want_group, keys
            assert shown(tuples) == shown(want_tuples), keys
    group, tuples = _group_numbers(s, [], None)
    assert group.tolist() == [0] * n and tuples == [("",)]
    group, tuples = _group_numbers(s, [], np.zeros(n, dtype=bool))
    assert len(group) == 0 and tuples == []


def test_texts_are_compared_by_content_whatever_their_form():
    """The keyword memo's texts: a list, a column (pyarrow or Python strings) or some of its rows hold the
    same texts when their texts are equal; a column changed later does not change the texts kept."""
    from toolkit.keywords import _Texts

    texts = ["We trade.", "", "Café ꙮ", "rules"]
    rows = np.array([True, False, True, True])
    kept = ["We trade.", "Café ꙮ", "rules"]
    column = pd.Series(texts)
    forms = [_Texts(kept), _Texts(pd.Series(kept)), _Texts(column, rows), _Texts(column.astype(object), rows),
             _Texts(pd.Series(list(texts)), rows.copy())]
    for a in forms:
        assert list(a) == kept and len(a) == 3
        for b in forms:
            assert a.same(b)
    assert not _Texts(column, ~rows).same(_Texts(column, rows))
    assert not _Texts(kept[:2]).same(_Texts(kept))
    assert not _Texts(["We trade.", "Café ꙮ", "Rules"]).same(_Texts(column, rows))
    df = pd.DataFrame({"text": texts})
    snapshot = _Texts(df["text"], rows)
    df.loc[0, "text"] = "changed"
    assert list(snapshot) == kept and not snapshot.same(_Texts(df["text"], rows))
    many = _Texts(pd.Series(texts * 5000), np.tile(rows, 5000))
    assert [len(c) for c in many.chunks()] == [7500, 7500] and list(many) == kept * 5000


def test_unique_counts_are_numpys():
    from toolkit.keywords import _unique_counts

    rng = np.random.default_rng(2)
    for values in (rng.integers(-3, 40, size=1000), np.array([2**62, 5, 5, -(2**62)]), np.zeros(0, dtype=np.int64),
                   rng.integers(0, 5, size=50).astype(np.int32)):
        want = np.unique(values, return_counts=True)
        got = _unique_counts(values.copy())
        assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist()
        assert got[1].dtype == want[1].dtype
